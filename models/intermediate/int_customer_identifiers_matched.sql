{#-
    One row per identifier (hashed phone number or email) seen on any version of any CRM customer: how
    many customers it fits, and the customer when it fits exactly one. An identifier that fits several
    customers (a household's shared landline) is ambiguous and never used to pick one of them.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key=['identifier_type', 'identifier_hash'],
    scope='in_touched',
    scope_args={'conditions': [['identifier_hash', 'int_customer_identifiers_touched', 'identifier_hash']]},
) }}

-- depends_on: {{ ref('int_customer_identifiers_touched') }}
with

customer_versions as (
    select * from {{ ref('stg_crm__customer_versions') }}
    {% if is_incremental() %}
        -- every customer version holding a touched identifier (its count of customers may change)
        where
            phone_hash in (
                select touched.identifier_hash from {{ ref('int_customer_identifiers_touched') }} as touched
            )
            or mobile_phone_hash in (
                select touched.identifier_hash from {{ ref('int_customer_identifiers_touched') }} as touched
            )
            or email_hash in (
                select touched.identifier_hash from {{ ref('int_customer_identifiers_touched') }} as touched
            )
    {% endif %}
),

identifiers as (
    select
        customer_id,
        'phone' as identifier_type,
        phone_hash as identifier_hash
    from customer_versions
    where phone_hash is not null
    union all
    select
        customer_id,
        'phone' as identifier_type,
        mobile_phone_hash as identifier_hash
    from customer_versions
    where mobile_phone_hash is not null
    union all
    select
        customer_id,
        'email' as identifier_type,
        email_hash as identifier_hash
    from customer_versions
    where email_hash is not null
),

matched as (
    select
        identifier_type,
        identifier_hash,
        count(distinct customer_id) as customer_count,
        case when count(distinct customer_id) = 1 then min(customer_id) end as customer_id
    from identifiers
    {% if is_incremental() %}
        where identifier_hash in (
            select touched.identifier_hash from {{ ref('int_customer_identifiers_touched') }} as touched
        )
    {% endif %}
    group by identifier_type, identifier_hash
)

select * from matched
