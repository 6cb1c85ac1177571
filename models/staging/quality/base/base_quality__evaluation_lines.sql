{#- One row per line of the QA evaluation files, parsed, with the reason it is rejected (or null). -#}
with

files as (
    select * from {{ source('quality', 'evaluation_files') }}
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

fields as (
    select
        file_name,
        line_number,
        record_json,
        {{ json_text('record_json', '$.EvaluationId') }} as evaluation_id,
        {{ json_text('record_json', '$.EvaluationFormTitle') }} as evaluation_form_title,
        {{ json_text('record_json', '$.ContactId') }} as contact_id,
        {{ json_text('record_json', '$.AgentUsername') }} as agent_username,
        {{ json_text('record_json', '$.EvaluatorUsername') }} as evaluator_username,
        {{ json_text('record_json', '$.SubmittedTimestamp') }} as submitted_timestamp,
        {{ json_text('record_json', '$.ScorePercentage') }} as score_percentage,
        {{ json_text('record_json', '$.Answers') }} as answers_json
    from objects
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
            when record_json is null then 'line is not a JSON object'
            when evaluation_id is null then 'missing EvaluationId'
            when submitted_at is null then 'missing or unparseable SubmittedTimestamp'
            when contact_id is null then 'missing ContactId'
            when agent_username is null then 'missing AgentUsername'
            when answers_json is null then 'missing Answers'
            when not starts_with(ltrim(answers_json), '[') then 'Answers is not a list'
            when score_percentage is not null and vendor_score_percent is null
                then 'unparseable ScorePercentage'
        end as reject_reason
    from parsed
)

select * from checked
