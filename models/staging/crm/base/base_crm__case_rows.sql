{#-
    Salesforce Case rows as delivered, parsed, with the reason a row is rejected (or null).
    Incremental: each run reads only the files that are new or changed since they were loaded.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    scope='landing_file_scope',
    record_key="case_id",
    pre_hook="{{ capture_replaced_records() }}",
    post_hook=["{{ load_landing_slices() }}", "{{ record_loaded_landing_files() }}"],
) }}

{%- set files_to_load = landing_files_to_load('crm', 'cases') %}

with

source as (
    {{ read_landing_csv(files_to_load, [
        'id', 'casenumber', 'contactid', 'accountid', 'origin', 'reason', 'type', 'status', 'priority',
        'isclosed', 'isescalated', 'parentid', 'ownerid', 'suppliedemail', 'suppliedphone', 'subject',
        'connect_contact_id__c', 'createddate', 'closeddate', 'lastmodifieddate'
    ]) }}
),

parsed as (
    select
        filename as file_name,
        id as case_id,
        casenumber as case_number,
        nullif(trim(contactid), '') as customer_id,
        nullif(trim(accountid), '') as account_id,
        origin as origin_text,
        reason as reason_text,
        type as case_type,
        status as status_text,
        priority as priority_text,
        isclosed as is_closed_text,
        isescalated as is_escalated_text,
        nullif(trim(parentid), '') as parent_case_id,
        ownerid as owner_id,
        suppliedemail as supplied_email,
        suppliedphone as supplied_phone,
        subject as subject_text,
        nullif(trim(connect_contact_id__c), '') as contact_leg_id,
        createddate as created_date,
        closeddate as closed_date,
        lastmodifieddate as last_modified_date,
        {{ parse_utc_timestamp('createddate') }} as created_at,
        {{ parse_utc_timestamp('closeddate') }} as closed_at,
        {{ parse_utc_timestamp('lastmodifieddate') }} as last_modified_at,
        {{ safe_cast('isclosed', 'boolean') }} as is_closed,
        {{ safe_cast('isescalated', 'boolean') }} as is_escalated
    from source
),

checked as (
    select
        *,
        case
            when nullif(trim(case_id), '') is null then 'missing Id'
            when created_at is null then 'missing or unparseable CreatedDate'
            when last_modified_at is null then 'missing or unparseable LastModifiedDate'
            when nullif(trim(closed_date), '') is not null and closed_at is null
                then 'unparseable ClosedDate'
            when is_closed is null then 'IsClosed is not true/false'
            when origin_text is null or origin_text not in ('Phone', 'Chat', 'Email', 'Web')
                then 'unknown Origin: ' || coalesce(origin_text, 'null')
        end as reject_reason,
        {{ cc_batch_id() }} as _batch_id
    from parsed
)

select * from checked
