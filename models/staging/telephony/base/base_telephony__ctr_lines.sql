{#- One row per line of the CTR files: the fields as text, parsed, and why the line is rejected (or null). -#}
with

files as (
    select * from {{ source('telephony', 'ctr_files') }}
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
        {{ json_text('record_json', '$.ContactId') }} as contact_id,
        {{ json_text('record_json', '$.InitialContactId') }} as initial_contact_id,
        {{ json_text('record_json', '$.PreviousContactId') }} as previous_contact_id,
        {{ json_text('record_json', '$.NextContactId') }} as next_contact_id,
        {{ json_text('record_json', '$.Channel') }} as channel,
        {{ json_text('record_json', '$.InitiationMethod') }} as initiation_method,
        {{ json_text('record_json', '$.InitiationTimestamp') }} as initiation_timestamp,
        {{ json_text('record_json', '$.DisconnectTimestamp') }} as disconnect_timestamp,
        {{ json_text('record_json', '$.LastUpdateTimestamp') }} as last_update_timestamp,
        {{ json_text('record_json', '$.DisconnectReason') }} as disconnect_reason,
        {{ json_text('record_json', '$.CustomerEndpoint.Address') }} as customer_address,
        {{ json_text('record_json', '$.SystemEndpoint.Address') }} as system_address,
        {{ json_text('record_json', '$.Queue.Name') }} as queue_name,
        {{ json_text('record_json', '$.Queue.EnqueueTimestamp') }} as enqueue_timestamp,
        {{ json_text('record_json', '$.Queue.DequeueTimestamp') }} as dequeue_timestamp,
        {{ json_text('record_json', '$.Queue.Duration') }} as queue_duration,
        {{ json_text('record_json', '$.Agent.Username') }} as agent_username,
        {{ json_text('record_json', '$.Agent.ConnectedToAgentTimestamp') }} as connected_to_agent_timestamp,
        {{ json_text('record_json', '$.Agent.AgentInteractionDuration') }} as agent_interaction_duration,
        {{ json_text('record_json', '$.Agent.CustomerHoldDuration') }} as customer_hold_duration,
        {{ json_text('record_json', '$.Agent.NumberOfHolds') }} as number_of_holds,
        {{ json_text('record_json', '$.Agent.LongestHoldDuration') }} as longest_hold_duration,
        {{ json_text('record_json', '$.Agent.AfterContactWorkStartTimestamp') }} as acw_start_timestamp,
        {{ json_text('record_json', '$.Agent.AfterContactWorkEndTimestamp') }} as acw_end_timestamp,
        {{ json_text('record_json', '$.Agent.AfterContactWorkDuration') }} as acw_duration,
        {{ json_text('record_json', '$.Attributes.crm_contact_id') }} as attr_crm_contact_id,
        {{ json_text('record_json', '$.Attributes.customer_email') }} as attr_customer_email,
        {{ json_text('record_json', '$.Attributes.contact_reason') }} as attr_contact_reason,
        {{ json_text('record_json', '$.Attributes.case_id') }} as attr_case_id
    from objects
),

parsed as (
    select
        *,
        {{ parse_utc_timestamp('initiation_timestamp') }} as initiated_at,
        {{ parse_utc_timestamp('disconnect_timestamp') }} as disconnected_at,
        {{ parse_utc_timestamp('last_update_timestamp') }} as last_updated_at,
        {{ parse_utc_timestamp('enqueue_timestamp') }} as enqueued_at,
        {{ parse_utc_timestamp('dequeue_timestamp') }} as dequeued_at,
        {{ parse_utc_timestamp('connected_to_agent_timestamp') }} as connected_to_agent_at,
        {{ parse_utc_timestamp('acw_start_timestamp') }} as after_contact_work_started_at,
        {{ parse_utc_timestamp('acw_end_timestamp') }} as after_contact_work_ended_at,
        {{ safe_cast('queue_duration', 'integer') }} as queue_seconds,
        {{ safe_cast('agent_interaction_duration', 'integer') }} as agent_interaction_seconds,
        {{ safe_cast('customer_hold_duration', 'integer') }} as customer_hold_seconds,
        {{ safe_cast('number_of_holds', 'integer') }} as hold_count,
        {{ safe_cast('longest_hold_duration', 'integer') }} as longest_hold_seconds,
        {{ safe_cast('acw_duration', 'integer') }} as after_contact_work_seconds
    from fields
),

checked as (
    select
        *,
        case
            when record_json is null then 'line is not a JSON object'
            when contact_id is null then 'missing ContactId'
            when initiated_at is null then 'missing or unparseable InitiationTimestamp'
            when last_updated_at is null then 'missing or unparseable LastUpdateTimestamp'
            when channel is null or channel not in ('VOICE', 'CHAT', 'TASK')
                then 'unknown Channel: ' || coalesce(channel, 'null')
            when disconnect_timestamp is not null and disconnected_at is null
                then 'unparseable DisconnectTimestamp'
            when enqueue_timestamp is not null and enqueued_at is null
                then 'unparseable Queue.EnqueueTimestamp'
            when dequeue_timestamp is not null and dequeued_at is null
                then 'unparseable Queue.DequeueTimestamp'
            when connected_to_agent_timestamp is not null and connected_to_agent_at is null
                then 'unparseable Agent.ConnectedToAgentTimestamp'
            when agent_interaction_duration is not null and agent_interaction_seconds is null
                then 'unparseable Agent.AgentInteractionDuration'
            when customer_hold_duration is not null and customer_hold_seconds is null
                then 'unparseable Agent.CustomerHoldDuration'
            when acw_duration is not null and after_contact_work_seconds is null
                then 'unparseable Agent.AfterContactWorkDuration'
            when queue_duration is not null and queue_seconds is null
                then 'unparseable Queue.Duration'
            when number_of_holds is not null and hold_count is null
                then 'unparseable Agent.NumberOfHolds'
            when longest_hold_duration is not null and longest_hold_seconds is null
                then 'unparseable Agent.LongestHoldDuration'
            when acw_start_timestamp is not null and after_contact_work_started_at is null
                then 'unparseable Agent.AfterContactWorkStartTimestamp'
            when acw_end_timestamp is not null and after_contact_work_ended_at is null
                then 'unparseable Agent.AfterContactWorkEndTimestamp'
        end as reject_reason
    from parsed
)

select * from checked
