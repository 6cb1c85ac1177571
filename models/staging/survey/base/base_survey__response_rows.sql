{#-
    Qualtrics export rows as delivered, parsed, with the reason a row is rejected (or null).
    Rows 2 and 3 of each export (question text, ImportId JSON) are flagged as header rows, not data.
    Recipient names, IP address and location are never selected.
    Incremental: each run reads only the files that are new or changed since they were loaded.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    scope='landing_file_scope',
    record_key="response_id",
    pre_hook="{{ capture_replaced_records() }}",
    post_hook=["{{ load_landing_slices() }}", "{{ record_loaded_landing_files() }}"],
) }}

{%- set files_to_load = landing_files_to_load('survey', 'responses') %}

with

source as (
    {{ read_landing_csv(files_to_load, [
        'responseid', 'startdate', 'enddate', 'recordeddate', 'status', 'progress', 'Duration (in seconds)',
        'finished', 'recipientemail', 'distributionchannel', 'userlanguage', 'q1', 'q2', 'q3', 'q4', 'q5',
        'contactid', 'channel'
    ]) }}
),

parsed as (
    select
        filename as file_name,
        responseid as response_id,
        startdate as start_date,
        enddate as end_date,
        recordeddate as recorded_date,
        status as response_status,
        progress as progress_text,
        "Duration (in seconds)" as duration_text,
        finished as finished_text,
        recipientemail as recipient_email,
        distributionchannel as distribution_channel,
        userlanguage as user_language,
        q1 as csat_text,
        q2 as nps_text,
        q3 as ces_text,
        q4 as resolved_text,
        q5 as comment_text,
        nullif(trim(contactid), '') as surveyed_contact_id,
        nullif(trim(channel), '') as surveyed_channel,
        coalesce(
            responseid = 'Response ID' or starts_with(responseid, '{"ImportId"'), false
        ) as is_header_row,
        {{ local_to_utc('startdate', "'" ~ var('survey_export_time_zone') ~ "'") }} as started_at,
        {{ local_to_utc('enddate', "'" ~ var('survey_export_time_zone') ~ "'") }} as ended_at,
        {{ local_to_utc('recordeddate', "'" ~ var('survey_export_time_zone') ~ "'") }} as recorded_at,
        {{ safe_cast('progress', 'integer') }} as progress_percent,
        {{ safe_cast('"Duration (in seconds)"', 'integer') }} as duration_seconds,
        {{ safe_cast('q1', 'integer') }} as csat_score,
        {{ safe_cast('q2', 'integer') }} as nps_score,
        {{ safe_cast('q3', 'integer') }} as ces_score
    from source
),

checked as (
    select
        *,
        case
            when is_header_row then null
            when nullif(trim(response_id), '') is null then 'missing ResponseId'
            when recorded_at is null then 'missing or unparseable RecordedDate'
            when nullif(trim(csat_text), '') is not null and coalesce(csat_score not between 1 and 5, true)
                then 'CSAT (Q1) not an integer 1-5: ' || csat_text
            when nullif(trim(nps_text), '') is not null and coalesce(nps_score not between 0 and 10, true)
                then 'NPS (Q2) not an integer 0-10: ' || nps_text
            when nullif(trim(ces_text), '') is not null and coalesce(ces_score not between 1 and 7, true)
                then 'CES (Q3) not an integer 1-7: ' || ces_text
            when nullif(trim(resolved_text), '') is not null and resolved_text not in ('Yes', 'No')
                then 'resolved (Q4) not Yes/No: ' || resolved_text
        end as reject_reason,
        {{ cc_batch_id() }} as _batch_id
    from parsed
)

select * from checked
