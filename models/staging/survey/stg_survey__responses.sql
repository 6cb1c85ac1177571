{#-
    One row per survey response (Qualtrics), header rows removed, each ResponseId once.
    Dates converted from the export's time zone to UTC; the recipient email is hashed; the comment
    is redacted of card numbers, emails and phone numbers.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='survey_response_id',
    scope='raw_key_scope',
    scope_args={
        'column': "survey_response_id",
        'base_model': "base_survey__response_rows",
        'key_expr': "response_id",
    },
    publish_partition='cast(recorded_at as date)',
) }}

with

response_rows as (
    select * from {{ ref('base_survey__response_rows') }}
    where
        not is_header_row and reject_reason is null
        and {{ when_incremental(raw_key_scope("response_id", 'base_survey__response_rows', "response_id")) }}
),

deduplicated as (
    select
        *,
        row_number() over (
            partition by response_id
            order by recorded_at desc, file_name desc
        ) as delivery_rank
    from response_rows
),

renamed as (
    select
        response_id as survey_response_id,
        surveyed_contact_id,
        lower(surveyed_channel) as surveyed_channel,
        started_at,
        ended_at,
        recorded_at,
        response_status,
        progress_percent,
        duration_seconds,
        coalesce(lower(trim(finished_text)) in ('1', 'true'), false) as is_finished,
        distribution_channel,
        user_language,
        {{ hash_email('recipient_email') }} as recipient_email_hash,
        csat_score,
        nps_score,
        ces_score,
        case resolved_text when 'Yes' then true when 'No' then false end as is_resolved_reported,
        {{ redact_free_text("nullif(trim(comment_text), '')") }} as comment_redacted,
        file_name as source_file_name
    from deduplicated
    where delivery_rank = 1
)

select * from renamed
