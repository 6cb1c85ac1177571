{#- One row per line of the agent event stream files, parsed, with the reason it is rejected (or null). -#}
with

files as (
    select * from {{ source('telephony', 'agent_event_files') }}
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
        {{ json_text('record_json', '$.EventId') }} as event_id,
        {{ json_text('record_json', '$.EventType') }} as event_type,
        {{ json_text('record_json', '$.EventTimestamp') }} as event_timestamp,
        {{ json_text('record_json', '$.AgentARN') }} as agent_arn,
        {{ json_text('record_json', '$.CurrentAgentSnapshot.Configuration.Username') }} as agent_username,
        {{ json_text('record_json', '$.CurrentAgentSnapshot.Configuration.RoutingProfile.Name') }}
            as routing_profile_name,
        {{ json_text('record_json', '$.CurrentAgentSnapshot.AgentStatus.Name') }} as agent_status,
        {{ json_text('record_json', '$.CurrentAgentSnapshot.AgentStatus.Type') }} as agent_status_type,
        {{ json_text('record_json', '$.CurrentAgentSnapshot.AgentStatus.StartTimestamp') }}
            as agent_status_start_timestamp,
        {{ json_text('record_json', '$.PreviousAgentSnapshot.AgentStatus.Name') }} as previous_agent_status,
        {{ json_text('record_json', '$.CurrentAgentSnapshot.Contacts') }} as current_contacts_json
    from objects
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
            when record_json is null then 'line is not a JSON object'
            when event_id is null then 'missing EventId'
            when event_at is null then 'missing or unparseable EventTimestamp'
            when event_type is null or event_type not in ('LOGIN', 'LOGOUT', 'STATE_CHANGE', 'HEART_BEAT')
                then 'unknown EventType: ' || coalesce(event_type, 'null')
            when agent_username is null then 'missing CurrentAgentSnapshot.Configuration.Username'
            when agent_status_start_timestamp is not null and agent_status_started_at is null
                then 'unparseable AgentStatus.StartTimestamp'
        end as reject_reason
    from parsed
)

select * from checked
