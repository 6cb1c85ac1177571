{#-
    Salesforce CaseHistory rows as delivered, parsed, with the reason a row is rejected (or null).
    Incremental: each run reads only the files that are new or changed since they were loaded.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    scope='landing_file_scope',
    record_key="case_id || '|' || case_history_id",
    pre_hook="{{ capture_replaced_records() }}",
    post_hook=["{{ load_landing_slices() }}", "{{ record_loaded_landing_files() }}"],
) }}

{%- set files_to_load = landing_files_to_load('crm', 'case_history') %}

with

source as (
    {{ read_landing_csv(files_to_load, [
        'id', 'caseid', 'field', 'oldvalue', 'newvalue', 'createddate'
    ]) }}
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
        end as reject_reason,
        {{ cc_batch_id() }} as _batch_id
    from parsed
)

select * from checked
