{#-
    WFM scheduled activity rows as delivered, site-local times converted to UTC, with the reason a row
    is rejected (or null).
    Incremental: each run reads only the files that are new or changed since they were loaded.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    scope='landing_file_scope',
    record_key="agent_id || '|' || cast(starts_local as varchar)",
    record_span=['starts_local', 'ends_local'],
    pre_hook="{{ capture_replaced_records() }}",
    post_hook=["{{ load_landing_slices() }}", "{{ record_loaded_landing_files() }}"],
) }}

{%- set files_to_load = landing_files_to_load('wfm', 'schedules') %}

with

source as (
    {{ read_landing_csv(files_to_load, [
        'agent_id', 'activity', 'start_local', 'end_local', 'time_zone', 'published_at'
    ]) }}
),

parsed as (
    select
        filename as file_name,
        agent_id,
        activity,
        start_local,
        end_local,
        time_zone,
        published_at as published_at_text,
        try_cast(start_local as timestamp) as starts_local,
        try_cast(end_local as timestamp) as ends_local,
        {{ parse_utc_timestamp('published_at') }} as published_at
    from source
),

zoned as (
    select
        *,
        {{ is_known_time_zone('time_zone') }} as is_known_time_zone
    from parsed
),

converted as (
    select
        *,
        case when is_known_time_zone then {{ local_to_utc('start_local', 'time_zone') }} end as started_at,
        case when is_known_time_zone then {{ local_to_utc('end_local', 'time_zone') }} end as ended_at
    from zoned
),

checked as (
    select
        *,
        case
            when nullif(trim(agent_id), '') is null then 'missing agent_id'
            when starts_local is null then 'missing or unparseable start_local'
            when ends_local is null then 'missing or unparseable end_local'
            when published_at is null then 'missing or unparseable published_at'
            when not is_known_time_zone then 'unknown time_zone: ' || coalesce(time_zone, 'null')
            when ends_local <= starts_local then 'activity ends before it starts'
            when activity is null or activity not in ('Open', 'Break', 'Lunch', 'Training', 'Meeting')
                then 'unknown activity: ' || coalesce(activity, 'null')
        end as reject_reason,
        {{ cc_batch_id() }} as _batch_id
    from converted
)

select * from checked
