{#-
    One row per line of the CTR files: the fields as text, parsed, and why the line is rejected (or null).
    Incremental: each run parses only the files that are new or changed since they were loaded.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    scope='landing_file_scope',
    record_key="contact_id",
    pre_hook="{{ capture_replaced_records() }}",
    post_hook=["{{ load_landing_slices() }}", "{{ record_loaded_landing_files() }}"],
) }}

{%- set files_to_load = landing_files_to_load('telephony', 'ctr_files') %}

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
        ('contact_id', '$.ContactId'),
        ('initial_contact_id', '$.InitialContactId'),
        ('previous_contact_id', '$.PreviousContactId'),
        ('next_contact_id', '$.NextContactId'),
        ('channel', '$.Channel'),
        ('initiation_method', '$.InitiationMethod'),
        ('initiation_timestamp', '$.InitiationTimestamp'),
        ('disconnect_timestamp', '$.DisconnectTimestamp'),
        ('last_update_timestamp', '$.LastUpdateTimestamp'),
        ('disconnect_reason', '$.DisconnectReason'),
        ('customer_address', '$.CustomerEndpoint.Address'),
        ('system_address', '$.SystemEndpoint.Address'),
        ('queue_name', '$.Queue.Name'),
        ('enqueue_timestamp', '$.Queue.EnqueueTimestamp'),
        ('dequeue_timestamp', '$.Queue.DequeueTimestamp'),
        ('queue_duration', '$.Queue.Duration'),
        ('agent_username', '$.Agent.Username'),
        ('connected_to_agent_timestamp', '$.Agent.ConnectedToAgentTimestamp'),
        ('agent_interaction_duration', '$.Agent.AgentInteractionDuration'),
        ('customer_hold_duration', '$.Agent.CustomerHoldDuration'),
        ('number_of_holds', '$.Agent.NumberOfHolds'),
        ('longest_hold_duration', '$.Agent.LongestHoldDuration'),
        ('acw_start_timestamp', '$.Agent.AfterContactWorkStartTimestamp'),
        ('acw_end_timestamp', '$.Agent.AfterContactWorkEndTimestamp'),
        ('acw_duration', '$.Agent.AfterContactWorkDuration'),
        ('attr_crm_contact_id', '$.Attributes.crm_contact_id'),
        ('attr_customer_email', '$.Attributes.customer_email'),
        ('attr_contact_reason', '$.Attributes.contact_reason'),
        ('attr_case_id', '$.Attributes.case_id'),
    ]) }}
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
            when not is_json_object then 'line is not a JSON object'
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
        end as reject_reason,
        {{ cc_batch_id() }} as _batch_id
    from parsed
)

select * from checked
