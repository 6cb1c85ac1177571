{#-
    One row per identifier (hashed phone number or email) seen on any version of any CRM customer: how
    many customers it fits, and the customer when it fits exactly one. An identifier that fits several
    customers (a household's shared landline) is ambiguous and never used to pick one of them.
-#}
with

customer_versions as (
    select * from {{ ref('stg_crm__customer_versions') }}
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
    group by identifier_type, identifier_hash
)

select * from matched
