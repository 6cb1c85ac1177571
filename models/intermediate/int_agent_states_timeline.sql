{#-
    One row per agent and state segment: a stretch of time in which nothing about the agent changes -
    agent status (agent event stream), contact state (CTR legs: on contact from connected to disconnected,
    after-contact work after it), scheduled activity (WFM schedule) - cut at the agent's site-time-zone
    KPI interval boundaries (int_intervals_spined), so every segment lies in exactly one interval.
    Only segments in which the agent was scheduled or staffed are kept.
-#}
with

agents as (
    select * from {{ ref('stg_wfm__agents') }}
),

agent_events as (
    select * from {{ ref('stg_telephony__agent_events') }}
),

contact_legs as (
    select * from {{ ref('stg_telephony__contact_trace_records') }}
),

schedule_activities as (
    select * from {{ ref('stg_wfm__schedule_activities') }}
),

intervals as (
    select * from {{ ref('int_intervals_spined') }}
),

-- the status each event leaves the agent in (heartbeats repeat it); of events in the same instant, one wins
status_events as (
    select
        agents.agent_id,
        agent_events.event_at as boundary_at,
        lower(agent_events.agent_status) as agent_status,
        row_number() over (
            partition by agents.agent_id, agent_events.event_at
            order by agent_events.agent_event_id desc
        ) as event_rank_in_instant
    from agent_events
    inner join agents on agent_events.agent_username_hash = agents.agent_username_hash
    where agent_events.agent_status is not null
),

answered_legs as (
    select
        agents.agent_id,
        contact_legs.connected_to_agent_at,
        contact_legs.disconnected_at,
        coalesce(contact_legs.after_contact_work_started_at, contact_legs.disconnected_at)
            as after_contact_work_started_at,
        coalesce(
            contact_legs.after_contact_work_ended_at,
            {{ dbt.dateadd(
                'second',
                'contact_legs.after_contact_work_seconds',
                'coalesce(contact_legs.after_contact_work_started_at, contact_legs.disconnected_at)'
            ) }}
        ) as after_contact_work_ended_at
    from contact_legs
    inner join agents on contact_legs.agent_username_hash = agents.agent_username_hash
    where contact_legs.connected_to_agent_at is not null
),

-- every instant something changes, with what changes: +1/-1 for contacts and scheduled activities
changes as (
    select
        agent_id,
        boundary_at,
        agent_status,
        0 as on_contact_delta,
        0 as after_contact_work_delta,
        0 as scheduled_delta,
        cast(null as varchar) as started_activity
    from status_events
    where event_rank_in_instant = 1
    union all
    select
        agent_id,
        connected_to_agent_at as boundary_at,
        null as agent_status,
        1 as on_contact_delta,
        0 as after_contact_work_delta,
        0 as scheduled_delta,
        null as started_activity
    from answered_legs
    where disconnected_at > connected_to_agent_at
    union all
    select
        agent_id,
        disconnected_at as boundary_at,
        null as agent_status,
        -1 as on_contact_delta,
        0 as after_contact_work_delta,
        0 as scheduled_delta,
        null as started_activity
    from answered_legs
    where disconnected_at > connected_to_agent_at
    union all
    select
        agent_id,
        after_contact_work_started_at as boundary_at,
        null as agent_status,
        0 as on_contact_delta,
        1 as after_contact_work_delta,
        0 as scheduled_delta,
        null as started_activity
    from answered_legs
    where after_contact_work_ended_at > after_contact_work_started_at
    union all
    select
        agent_id,
        after_contact_work_ended_at as boundary_at,
        null as agent_status,
        0 as on_contact_delta,
        -1 as after_contact_work_delta,
        0 as scheduled_delta,
        null as started_activity
    from answered_legs
    where after_contact_work_ended_at > after_contact_work_started_at
    union all
    select
        agent_id,
        started_at as boundary_at,
        null as agent_status,
        0 as on_contact_delta,
        0 as after_contact_work_delta,
        1 as scheduled_delta,
        activity as started_activity
    from schedule_activities
    where ended_at > started_at
    union all
    select
        agent_id,
        ended_at as boundary_at,
        null as agent_status,
        0 as on_contact_delta,
        0 as after_contact_work_delta,
        -1 as scheduled_delta,
        null as started_activity
    from schedule_activities
    where ended_at > started_at
),

agent_spans as (
    select
        agent_id,
        min(boundary_at) as first_at,
        max(boundary_at) as last_at
    from changes
    group by agent_id
),

interval_boundaries as (
    select
        agent_spans.agent_id,
        intervals.interval_start_at,
        intervals.interval_end_at
    from agent_spans
    inner join agents on agent_spans.agent_id = agents.agent_id
    inner join intervals
        on
            agents.time_zone = intervals.time_zone
            and agent_spans.first_at < intervals.interval_end_at
            and agent_spans.last_at >= intervals.interval_start_at
),

boundaries as (
    select
        agent_id,
        boundary_at,
        max(agent_status) as agent_status,
        max(interval_start_at) as interval_start_at,
        max(interval_end_at) as interval_end_at,
        sum(on_contact_delta) as on_contact_delta,
        sum(after_contact_work_delta) as after_contact_work_delta,
        sum(scheduled_delta) as scheduled_delta,
        max(started_activity) as started_activity
    from (
        select
            agent_id,
            boundary_at,
            agent_status,
            cast(null as timestamp) as interval_start_at,
            cast(null as timestamp) as interval_end_at,
            on_contact_delta,
            after_contact_work_delta,
            scheduled_delta,
            started_activity
        from changes
        union all
        select
            agent_id,
            interval_start_at as boundary_at,
            null as agent_status,
            interval_start_at,
            interval_end_at,
            0 as on_contact_delta,
            0 as after_contact_work_delta,
            0 as scheduled_delta,
            null as started_activity
        from interval_boundaries
        union all
        -- an interval's end is a boundary too, so the agent's last interval is closed
        select
            agent_id,
            interval_end_at as boundary_at,
            null as agent_status,
            null as interval_start_at,
            null as interval_end_at,
            0 as on_contact_delta,
            0 as after_contact_work_delta,
            0 as scheduled_delta,
            null as started_activity
        from interval_boundaries
    ) as all_boundaries
    group by agent_id, boundary_at
),

-- running counts of open contacts and scheduled activities; carry the last status, interval and activity
running as (
    select
        agent_id,
        boundary_at as segment_started_at,
        lead(boundary_at) over (partition by agent_id order by boundary_at) as segment_ended_at,
        agent_status,
        interval_start_at,
        interval_end_at,
        started_activity,
        sum(on_contact_delta) over running_total as open_contact_count,
        sum(after_contact_work_delta) over running_total as open_after_contact_work_count,
        sum(scheduled_delta) over running_total as open_activity_count,
        count(agent_status) over running_total as status_group,
        count(interval_start_at) over running_total as interval_group,
        count(started_activity) over running_total as activity_group
    from boundaries
    window running_total as (
        partition by agent_id order by boundary_at rows between unbounded preceding and current row
    )
),

carried as (
    select
        agent_id,
        segment_started_at,
        segment_ended_at,
        open_contact_count,
        open_after_contact_work_count,
        open_activity_count,
        coalesce(max(agent_status) over (partition by agent_id, status_group), 'offline') as agent_status,
        max(interval_start_at) over (partition by agent_id, interval_group) as interval_start_at,
        max(interval_end_at) over (partition by agent_id, interval_group) as interval_end_at,
        max(started_activity) over (partition by agent_id, activity_group) as last_started_activity
    from running
),

states as (
    select
        agent_id,
        interval_start_at,
        interval_end_at,
        segment_started_at,
        segment_ended_at,
        {{ dbt.datediff(
            'segment_started_at',
            'segment_ended_at',
            'second'
        ) }} as segment_seconds,
        agent_status,
        case
            when open_contact_count > 0 then 'on_contact'
            when open_after_contact_work_count > 0 then 'after_contact_work'
        end as contact_state,
        case
            when open_contact_count > 0 then 'on_contact'
            when open_after_contact_work_count > 0 then 'after_contact_work'
            else agent_status
        end as agent_state,
        case when open_activity_count > 0 then last_started_activity end as scheduled_activity
    from carried
    where segment_ended_at is not null and segment_started_at < interval_end_at
),

flagged as (
    select
        *,
        scheduled_activity is not null as is_scheduled,
        agent_state != 'offline' as is_staffed,
        agent_state in ('available', 'on_contact', 'after_contact_work') as is_routable
    from states
),

final as (
    select
        agent_id,
        interval_start_at,
        segment_started_at,
        segment_ended_at,
        segment_seconds,
        agent_status,
        contact_state,
        agent_state,
        scheduled_activity,
        is_scheduled,
        is_staffed,
        is_routable,
        case
            when scheduled_activity = 'open' then is_routable
            when scheduled_activity is not null then agent_state = scheduled_activity
            else false
        end as is_adherent
    from flagged
    where (is_scheduled or is_staffed) and interval_start_at is not null
)

select * from final
