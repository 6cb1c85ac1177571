{#-
    One row per queue and UTC interval start in which an agent worked the queue or could have: the
    agent-equivalents the queue had (DECISIONLOG D19). An arriving contact can be answered by the agents
    busy with the queue's contacts (their handle time in the interval, talk + hold + after-contact work, is
    credited exactly to the queue of the leg) and by every idle agent skilled for it (available minutes
    count in full for each of the agent's skills, as any of them could take it). The shrinkage of a queue
    is that of the agents skilled for it. Agents' and queues' intervals meet on their UTC start, which is
    the same instant in every site whose offset from UTC is a multiple of the interval length.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key=['queue_id', 'interval_start_at'],
    scope='staffed_scope',
    publish_partition='cast(interval_start_at as date)',
) }}

-- depends_on: {{ ref('int_queue_days_touched') }}
-- depends_on: {{ ref('int_agents_touched') }}

with

agent_intervals as (
    select * from {{ ref('fct_agent_intervals') }}
    {% if is_incremental() %}
        where {{ staffed_scope() }}
    {% endif %}
),

agents as (
    select * from {{ ref('dim_agents') }}
),

queues as (
    select * from {{ ref('dim_queues') }}
),

legs as (
    select * from {{ ref('fct_contact_legs') }}
    where
        is_answered
        and handle_seconds > 0
        -- in an incremental run, a busy span that could reach the agent intervals recomputed
        and {{ when_incremental(
            "connected_to_agent_at < (select max(scoped.interval_end_at) from agent_intervals as scoped)"
        ) }}
        and {{ when_incremental(
            dbt.dateadd('second', 'handle_seconds', 'connected_to_agent_at')
            ~ ' > (select min(scoped.interval_start_at) from agent_intervals as scoped)'
        ) }}
),

busy_spans as (
    select
        agents.agent_id,
        legs.queue_name,
        legs.connected_to_agent_at as busy_started_at,
        {{ dbt.dateadd('second', 'legs.handle_seconds', 'legs.connected_to_agent_at') }} as busy_ended_at
    from legs
    inner join agents on legs.agent_username_hash = agents.agent_username_hash
),

busy as (
    select
        queues.queue_id,
        agent_intervals.interval_start_at,
        agent_intervals.interval_minutes,
        sum({{ dbt.datediff(
            'greatest(busy_spans.busy_started_at, agent_intervals.interval_start_at)',
            'least(busy_spans.busy_ended_at, agent_intervals.interval_end_at)',
            'second'
        ) }}) / 60.0 as busy_minutes
    from busy_spans
    inner join agent_intervals
        on
            busy_spans.agent_id = agent_intervals.agent_id
            and busy_spans.busy_started_at < agent_intervals.interval_end_at
            and busy_spans.busy_ended_at > agent_intervals.interval_start_at
    inner join queues on busy_spans.queue_name = queues.queue_name
    group by queues.queue_id, agent_intervals.interval_start_at, agent_intervals.interval_minutes
),

skilled as (
    select
        queues.queue_id,
        agent_intervals.interval_start_at,
        agent_intervals.interval_minutes,
        {{ exact_sum('agent_intervals.available_minutes') }} as available_minutes,
        {{ exact_sum('agent_intervals.scheduled_minutes') }} as scheduled_minutes,
        {{ exact_sum('agent_intervals.shrinkage_minutes') }} as shrinkage_minutes,
        count(*) as skilled_agent_count
    from agent_intervals
    inner join agents on agent_intervals.agent_id = agents.agent_id
    inner join queues
        on instr('|' || agents.skills || '|', '|' || queues.queue_name || '|') > 0
    group by queues.queue_id, agent_intervals.interval_start_at, agent_intervals.interval_minutes
),

combined as (
    select
        coalesce(skilled.queue_id, busy.queue_id) as queue_id,
        coalesce(skilled.interval_start_at, busy.interval_start_at) as interval_start_at,
        coalesce(skilled.interval_minutes, busy.interval_minutes) as interval_minutes,
        coalesce(busy.busy_minutes, 0.0) as busy_minutes,
        coalesce(skilled.available_minutes, 0.0) as available_minutes,
        coalesce(skilled.scheduled_minutes, 0.0) as scheduled_minutes,
        coalesce(skilled.shrinkage_minutes, 0.0) as shrinkage_minutes,
        coalesce(skilled.skilled_agent_count, 0) as skilled_agent_count
    from skilled
    full outer join busy
        on
            skilled.queue_id = busy.queue_id
            and skilled.interval_start_at = busy.interval_start_at
),

final as (
    select
        queue_id,
        interval_start_at,
        busy_minutes,
        available_minutes,
        (busy_minutes + available_minutes) / interval_minutes as staffed_agents,
        scheduled_minutes,
        shrinkage_minutes,
        cast(skilled_agent_count as integer) as skilled_agent_count
    from combined
)

select * from final
