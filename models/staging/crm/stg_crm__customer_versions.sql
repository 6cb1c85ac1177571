{#-
    One row per delivered version of a CRM customer (Salesforce Contact), each customer and
    LastModifiedDate once. Identity matching needs the numbers and addresses a customer had at the time
    of a contact, not only the latest ones. Hashed like stg_crm__customers; names are dropped.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='customer_version_id',
    scope='raw_key_scope',
    scope_args={
        'column': "customer_id",
        'base_model': "base_crm__customer_rows",
        'key_expr': "customer_id",
    },
    publish_partition="cast(date_trunc('year', valid_from_at) as date)",
) }}

with

customer_rows as (
    select * from {{ ref('base_crm__customer_rows') }}
    where
        reject_reason is null
        and {{ when_incremental(raw_key_scope("customer_id", 'base_crm__customer_rows', "customer_id")) }}
),

deduplicated as (
    select
        *,
        row_number() over (
            partition by customer_id, last_modified_at
            order by file_name desc
        ) as delivery_rank
    from customer_rows
),

renamed as (
    select
        customer_id || '@' || cast(last_modified_at as varchar) as customer_version_id,
        customer_id,
        {{ hash_phone('phone_text') }} as phone_hash,
        {{ hash_phone('mobile_phone') }} as mobile_phone_hash,
        {{ hash_email('email_text') }} as email_hash,
        last_modified_at as valid_from_at,
        file_name as source_file_name
    from deduplicated
    where delivery_rank = 1
)

select * from renamed
