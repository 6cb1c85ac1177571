{#-
    One row per line of the QA evaluation files, parsed, with the reason it is rejected (or null).
    Incremental: each run parses only the files that are new or changed since they were loaded.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    scope='landing_file_scope',
    record_key="evaluation_id",
    pre_hook="{{ capture_replaced_records() }}",
    post_hook=["{{ load_landing_slices() }}", "{{ record_loaded_landing_files() }}"],
) }}

{%- set files_to_load = landing_files_to_load('quality', 'evaluation_files') %}

with

files as (
    {{ read_landing_text(files_to_load) }}
),

lines as (
    {{ split_lines('files') }}
),

objects as (
    select
        file_name,
        line_number,
        case when {{ is_valid_json_object('raw_line') }} then raw_line end as record_json
    from lines
),

-- the fields the warehouse reads; the raw line itself is not kept
fields as (
    {{ json_text_fields('objects', 'record_json', [
        'file_name', 'line_number', 'record_json is not null as is_json_object'
    ], [
        ('evaluation_id', '$.EvaluationId'),
        ('evaluation_form_title', '$.EvaluationFormTitle'),
        ('contact_id', '$.ContactId'),
        ('agent_username', '$.AgentUsername'),
        ('evaluator_username', '$.EvaluatorUsername'),
        ('submitted_timestamp', '$.SubmittedTimestamp'),
        ('score_percentage', '$.ScorePercentage'),
        ('answers_json', '$.Answers'),
    ]) }}
),

parsed as (
    select
        *,
        {{ parse_utc_timestamp('submitted_timestamp') }} as submitted_at,
        {{ safe_cast('score_percentage', 'double') }} as vendor_score_percent
    from fields
),

checked as (
    select
        *,
        case
            when not is_json_object then 'line is not a JSON object'
            when evaluation_id is null then 'missing EvaluationId'
            when submitted_at is null then 'missing or unparseable SubmittedTimestamp'
            when contact_id is null then 'missing ContactId'
            when agent_username is null then 'missing AgentUsername'
            when answers_json is null then 'missing Answers'
            when not starts_with(ltrim(answers_json), '[') then 'Answers is not a list'
            when score_percentage is not null and vendor_score_percent is null
                then 'unparseable ScorePercentage'
        end as reject_reason,
        {{ cc_batch_id() }} as _batch_id
    from parsed
)

select * from checked
