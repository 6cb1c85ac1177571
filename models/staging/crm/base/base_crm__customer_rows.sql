{#-
    Salesforce Contact rows as delivered, parsed, with the reason a row is rejected (or null).
    Names are never selected.
-#}
with

source as (
    select * from {{ source('crm', 'customers') }}
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
        end as reject_reason
    from parsed
)

select * from checked
