{#-
    One row per CRM customer (Salesforce Contact), the latest delivered version.
    Phone numbers and email are normalised and hashed for identity matching; names are dropped.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='customer_id',
    scope='raw_key_scope',
    scope_args={
        'column': "customer_id",
        'base_model': "base_crm__customer_rows",
        'key_expr': "customer_id",
    },
) }}

with

customer_rows as (
    select * from {{ ref('base_crm__customer_rows') }}
    where
        reject_reason is null
        and {{ when_incremental(raw_key_scope("customer_id", 'base_crm__customer_rows', "customer_id")) }}
),

latest_version as (
    select
        *,
        row_number() over (
            partition by customer_id
            order by last_modified_at desc, file_name desc
        ) as delivery_rank
    from customer_rows
),

renamed as (
    select
        customer_id,
        nullif(trim(account_id), '') as account_id,
        {{ hash_phone('phone_text') }} as phone_hash,
        {{ hash_phone('mobile_phone') }} as mobile_phone_hash,
        {{ hash_email('email_text') }} as email_hash,
        upper(nullif(trim(mailing_country), '')) as mailing_country,
        created_at,
        last_modified_at,
        file_name as source_file_name
    from latest_version
    where delivery_rank = 1
)

select * from renamed
