{#-
    Salesforce Contact rows as delivered, parsed, with the reason a row is rejected (or null).
    Names are never selected.
    Incremental: each run reads only the files that are new or changed since they were loaded.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    scope='landing_file_scope',
    record_key="customer_id",
    pre_hook="{{ capture_replaced_records() }}",
    post_hook=["{{ load_landing_slices() }}", "{{ record_loaded_landing_files() }}"],
) }}

{%- set files_to_load = landing_files_to_load('crm', 'customers') %}

with

source as (
    {{ read_landing_csv(files_to_load, [
        'id', 'accountid', 'email', 'phone', 'mobilephone', 'mailingcountry', 'createddate', 'lastmodifieddate'
    ]) }}
),

parsed as (
    select
        filename as file_name,
        id as customer_id,
        accountid as account_id,
        email as email_text,
        phone as phone_text,
        mobilephone as mobile_phone,
        mailingcountry as mailing_country,
        createddate as created_date,
        lastmodifieddate as last_modified_date,
        {{ parse_utc_timestamp('createddate') }} as created_at,
        {{ parse_utc_timestamp('lastmodifieddate') }} as last_modified_at
    from source
),

checked as (
    select
        *,
        case
            when nullif(trim(customer_id), '') is null then 'missing Id'
            when last_modified_at is null then 'missing or unparseable LastModifiedDate'
            when created_at is null then 'missing or unparseable CreatedDate'
        end as reject_reason,
        {{ cc_batch_id() }} as _batch_id
    from parsed
)

select * from checked
