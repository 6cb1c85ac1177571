{#-
    One row per CRM customer, with no personal data: country, account, when they became a customer,
    which kinds of identifiers are on file (not the identifiers), and their contact and journey counts.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='customer_id',
    scope='customers_scope',
) }}

-- depends_on: {{ ref('int_contacts_recomputed') }}
-- depends_on: {{ ref('int_contacts_touched') }}
-- depends_on: {{ ref('base_crm__customer_rows') }}

with

customers as (
    select * from {{ ref('stg_crm__customers') }}
    {% if is_incremental() %}
        where {{ customers_scope() }}
    {% endif %}
),

contacts as (
    select * from {{ ref('int_contacts_sessionized') }}
    {% if is_incremental() %}
        where customer_id in (select scoped.customer_id from customers as scoped)
    {% endif %}
),

activity as (
    select
        customer_id,
        count(*) as contact_count,
        count(distinct journey_id) as journey_count,
        min(started_at) as first_contact_at,
        max(started_at) as last_contact_at
    from contacts
    where customer_id is not null
    group by customer_id
),

final as (
    select
        customers.customer_id,
        customers.account_id,
        customers.mailing_country,
        customers.created_at,
        customers.phone_hash is not null or customers.mobile_phone_hash is not null as has_phone_on_file,
        customers.email_hash is not null as has_email_on_file,
        coalesce(activity.contact_count, 0) as contact_count,
        coalesce(activity.journey_count, 0) as journey_count,
        activity.first_contact_at,
        activity.last_contact_at
    from customers
    left join activity on customers.customer_id = activity.customer_id
)

select * from final
