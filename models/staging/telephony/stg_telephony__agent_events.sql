{#-
    One row per agent event (Amazon Connect agent event stream), each EventId once.
    Agent names in the snapshots are not carried; the agent is identified by username.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='agent_event_id',
    scope='raw_key_scope',
    scope_args={
        'column': "agent_event_id",
        'base_model': "base_telephony__agent_event_lines",
        'key_expr': "event_id",
    },
    publish_partition='cast(event_at as date)',
) }}

with

event_lines as (
    select * from {{ ref('base_telephony__agent_event_lines') }}
    where
        reject_reason is null
        and {{ when_incremental(raw_key_scope("event_id", 'base_telephony__agent_event_lines', "event_id")) }}
),

deduplicated as (
    select
        *,
        row_number() over (
            partition by event_id
            order by file_name desc, line_number desc
        ) as delivery_rank
    from event_lines
),

renamed as (
    select
        event_id as agent_event_id,
        lower(event_type) as event_type,
        event_at,
        {{ hash_username('agent_username') }} as agent_username_hash,
        agent_arn,
        routing_profile_name,
        agent_status,
        lower(agent_status_type) as agent_status_type,
        agent_status_started_at,
        previous_agent_status,
        current_contacts_json,
        file_name as source_file_name
    from deduplicated
    where delivery_rank = 1
)

select * from renamed
