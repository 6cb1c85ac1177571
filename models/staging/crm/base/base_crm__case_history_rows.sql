{#- Salesforce CaseHistory rows as delivered, parsed, with the reason a row is rejected (or null). -#}
with

source as (
    select * from {{ source('crm', 'case_history') }}
),

parsed as (
    select
        filename as file_name,
        id as case_history_id,
        caseid as case_id,
        field as field_name,
        nullif(oldvalue, '') as old_value,
        nullif(newvalue, '') as new_value,
        createddate as created_date,
        {{ parse_utc_timestamp('createddate') }} as changed_at
    from source
),

checked as (
    select
        *,
        case
            when nullif(trim(case_history_id), '') is null then 'missing Id'
            when nullif(trim(case_id), '') is null then 'missing CaseId'
            when changed_at is null then 'missing or unparseable CreatedDate'
        end as reject_reason
    from parsed
)

select * from checked
