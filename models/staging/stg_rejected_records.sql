{#-
    One row per raw record that could not be read: which source and file, where, its key when it has
    one, and why. Together with the staging models and the superseded re-deliveries this accounts for
    every record delivered (see tests/python/test_record_accounting.py). No payload is kept: raw
    records may hold personal data.
-#}
{%- set bases = [
    ('telephony/ctr', 'base_telephony__ctr_lines', 'contact_id', 'line_number'),
    ('telephony/agent_events', 'base_telephony__agent_event_lines', 'event_id', 'line_number'),
    ('crm/customers', 'base_crm__customer_rows', 'customer_id', 'null'),
    ('crm/cases', 'base_crm__case_rows', 'case_id', 'null'),
    ('crm/case_history', 'base_crm__case_history_rows', 'case_history_id', 'null'),
    ('survey/responses', 'base_survey__response_rows', 'response_id', 'null'),
    ('quality/evaluations', 'base_quality__evaluation_lines', 'evaluation_id', 'line_number'),
    ('wfm/schedules', 'base_wfm__schedule_rows', 'agent_id', 'null'),
    ('wfm/roster', 'base_wfm__roster_rows', 'agent_id', 'null'),
] -%}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='rejected_record_id',
    scope='loaded_files_scope',
    scope_args={'base_models': bases | map(attribute=1) | list},
) }}

with

rejected as (
    {%- for source_name, model, key, line in bases %}
        select
            '{{ source_name }}' as source_name,
            file_name,
            cast({{ line }} as bigint) as line_number,
            cast({{ key }} as varchar) as record_key,
            reject_reason
        from {{ ref(model) }}
        where
            reject_reason is not null
            and {{ when_incremental('_batch_id > ' ~ cc_last_complete_batch()) }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

fingerprinted as (
    select
        *,
        md5(
            source_name || '|' || file_name || '|' || coalesce(cast(line_number as varchar), '')
            || '|' || coalesce(record_key, '') || '|' || reject_reason
        ) as fingerprint
    from rejected
),

-- CSV rows carry no line number: identical rejects in one file are told apart by position.
keyed as (
    select
        fingerprint || '-' || cast(
            row_number() over (partition by fingerprint order by fingerprint) as varchar
        ) as rejected_record_id,
        source_name,
        file_name,
        line_number,
        record_key,
        reject_reason
    from fingerprinted
)

select * from keyed
