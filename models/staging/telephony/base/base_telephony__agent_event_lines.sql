{#-
    One row per line of the agent event stream files, parsed, with the reason it is rejected (or null).
    Incremental: each run parses only the files that are new or changed since they were loaded.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    scope='landing_file_scope',
    record_key="event_id",
    record_span=['event_at', 'event_at'],
    pre_hook="{{ capture_replaced_records() }}",
    post_hook=["{{ load_landing_slices() }}", "{{ record_loaded_landing_files() }}"],
) }}

{%- set files_to_load = landing_files_to_load('telephony', 'agent_event_files') %}

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

-- the fields the warehouse reads; the raw line itself is not kept (it would double the build file)
fields as (
    {{ json_text_fields('objects', 'record_json', [
        'file_name', 'line_number', 'record_json is not null as is_json_object'
    ], [
        ('event_id', '$.EventId'),
        ('event_type', '$.EventType'),
        ('event_timestamp', '$.EventTimestamp'),
        ('agent_arn', '$.AgentARN'),
        ('agent_username', '$.CurrentAgentSnapshot.Configuration.Username'),
        ('routing_profile_name', '$.CurrentAgentSnapshot.Configuration.RoutingProfile.Name'),
        ('agent_status', '$.CurrentAgentSnapshot.AgentStatus.Name'),
        ('agent_status_type', '$.CurrentAgentSnapshot.AgentStatus.Type'),
        ('agent_status_start_timestamp', '$.CurrentAgentSnapshot.AgentStatus.StartTimestamp'),
        ('previous_agent_status', '$.PreviousAgentSnapshot.AgentStatus.Name'),
        ('current_contacts_json', '$.CurrentAgentSnapshot.Contacts'),
    ]) }}
),

parsed as (
    select
        *,
        {{ parse_utc_timestamp('event_timestamp') }} as event_at,
        {{ parse_utc_timestamp('agent_status_start_timestamp') }} as agent_status_started_at
    from fields
),

checked as (
    select
        *,
        case
            when not is_json_object then 'line is not a JSON object'
            when event_id is null then 'missing EventId'
            when event_at is null then 'missing or unparseable EventTimestamp'
            when event_type is null or event_type not in ('LOGIN', 'LOGOUT', 'STATE_CHANGE', 'HEART_BEAT')
                then 'unknown EventType: ' || coalesce(event_type, 'null')
            when agent_username is null then 'missing CurrentAgentSnapshot.Configuration.Username'
            when agent_status_start_timestamp is not null and agent_status_started_at is null
                then 'unparseable AgentStatus.StartTimestamp'
        end as reject_reason,
        {{ cc_batch_id() }} as _batch_id
    from parsed
)

select * from checked
