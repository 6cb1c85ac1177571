{#-
    One row per agent and state segment: a stretch of time in which nothing about the agent changes -
    agent status (agent event stream), contact state (CTR legs: on contact from connected to disconnected,
    after-contact work after it), scheduled activity (WFM schedule) - cut at the agent's site-time-zone
    KPI interval boundaries (int_intervals_spined), so every segment lies in exactly one interval.
    Only segments in which the agent was scheduled or staffed are kept.

    Built one agent-day at a time (the agent's local day), so an incremental run recomputes only the
    agent-days it touches (int_agent_days_touched): a day starts from the state carried into it - the
    status of the agent's last event before it, the contacts, after-contact work and scheduled activities
    still open at its start, the activity started last - and sweeps the changes within it. A day is built
    when something changes in it or its carried state is staffed or scheduled. The timeline runs from the
    agent's first change to the end of the interval of the last one.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key=['agent_id', 'segment_started_at'],
    scope='touched_scope',
    scope_args={'columns': ['agent_id', 'local_date'], 'touched_model': 'int_agent_days_touched'},
    publish_partition='local_date',
) }}

-- depends_on: {{ ref('int_agent_days_touched') }}

with

agents as (
    select * from {{ ref('stg_wfm__agents') }}
),

intervals as (
    select * from {{ ref('int_intervals_spined') }}
),

{% if is_incremental() %}
    -- the UTC stretch an incremental run reads: around the agent-days it rebuilds, and a week before them
    scan_range as (
        select
            cast(min(touched.local_date) - 1 as timestamp) as range_started_at,
            cast(max(touched.local_date) + 2 as timestamp) as range_ended_at,
            cast(min(touched.local_date) - 8 as timestamp) as lookback_started_at
        from {{ ref('int_agent_days_touched') }} as touched
    ),
{% endif %}

agent_events as (
    select * from {{ ref('stg_telephony__agent_events') }}
    where
        agent_status is not null
        and {{ when_incremental(
            'event_at >= (select scan_range.lookback_started_at from scan_range) '
            ~ 'and event_at < (select scan_range.range_ended_at from scan_range)'
        ) }}
),

contact_legs as (
    select * from {{ ref('stg_telephony__contact_trace_records') }}
    where
        connected_to_agent_at is not null
        and {{ when_incremental('connected_to_agent_at < (select scan_range.range_ended_at from scan_range)') }}
),

schedule_activities as (
    select * from {{ ref('stg_wfm__schedule_activities') }}
    where
        ended_at > started_at
        and {{ when_incremental(
            'started_at < (select scan_range.range_ended_at from scan_range) '
            ~ 'and (ended_at >= (select scan_range.range_started_at from scan_range) '
            ~ 'or started_at >= (select scan_range.lookback_started_at from scan_range))'
        ) }}
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
),

status_instants as (
    select
        agent_id,
        boundary_at,
        agent_status
    from status_events
    where event_rank_in_instant = 1
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
),

-- stretches that open and close: contacts, after-contact work and scheduled activities
spans as (
    select
        agent_id,
        'contact' as span_kind,
        connected_to_agent_at as span_started_at,
        disconnected_at as span_ended_at,
        cast(null as varchar) as activity
    from answered_legs
    where disconnected_at > connected_to_agent_at
    union all
    select
        agent_id,
        'after_contact_work' as span_kind,
        after_contact_work_started_at as span_started_at,
        after_contact_work_ended_at as span_ended_at,
        null as activity
    from answered_legs
    where after_contact_work_ended_at > after_contact_work_started_at
    union all
    select
        agent_id,
        'activity' as span_kind,
        started_at as span_started_at,
        ended_at as span_ended_at,
        activity
    from schedule_activities
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
    from status_instants
    union all
    select
        agent_id,
        span_started_at as boundary_at,
        null as agent_status,
        case when span_kind = 'contact' then 1 else 0 end as on_contact_delta,
        case when span_kind = 'after_contact_work' then 1 else 0 end as after_contact_work_delta,
        case when span_kind = 'activity' then 1 else 0 end as scheduled_delta,
        activity as started_activity
    from spans
    union all
    select
        agent_id,
        span_ended_at as boundary_at,
        null as agent_status,
        case when span_kind = 'contact' then -1 else 0 end as on_contact_delta,
        case when span_kind = 'after_contact_work' then -1 else 0 end as after_contact_work_delta,
        case when span_kind = 'activity' then -1 else 0 end as scheduled_delta,
        null as started_activity
    from spans
),

-- the agent's first and last change over all the history: the timeline runs between them
history_bounds as (
    select
        agents.agent_id,
        min(events.event_at) as first_at,
        max(events.event_at) as last_at
    from {{ ref('stg_telephony__agent_events') }} as events
    inner join agents on events.agent_username_hash = agents.agent_username_hash
    where events.agent_status is not null
    group by agents.agent_id
    union all
    select
        agents.agent_id,
        min(
            case
                when legs.disconnected_at > legs.connected_to_agent_at then legs.connected_to_agent_at
                else coalesce(legs.after_contact_work_started_at, legs.disconnected_at)
            end
        ) as first_at,
        max(
            greatest(
                case when legs.disconnected_at > legs.connected_to_agent_at then legs.disconnected_at end,
                coalesce(
                    legs.after_contact_work_ended_at,
                    {{ dbt.dateadd(
                        'second',
                        'legs.after_contact_work_seconds',
                        'coalesce(legs.after_contact_work_started_at, legs.disconnected_at)'
                    ) }}
                )
            )
        ) as last_at
    from {{ ref('stg_telephony__contact_trace_records') }} as legs
    inner join agents on legs.agent_username_hash = agents.agent_username_hash
    where
        legs.connected_to_agent_at is not null
        and (
            legs.disconnected_at > legs.connected_to_agent_at
            or coalesce(
                legs.after_contact_work_ended_at,
                {{ dbt.dateadd(
                    'second',
                    'legs.after_contact_work_seconds',
                    'coalesce(legs.after_contact_work_started_at, legs.disconnected_at)'
                ) }}
            ) > coalesce(legs.after_contact_work_started_at, legs.disconnected_at)
        )
    group by agents.agent_id
    union all
    select
        activities.agent_id,
        min(activities.started_at) as first_at,
        max(activities.ended_at) as last_at
    from {{ ref('stg_wfm__schedule_activities') }} as activities
    where activities.ended_at > activities.started_at
    group by activities.agent_id
),

agent_spans as (
    select
        history_bounds.agent_id,
        agents.time_zone,
        min(history_bounds.first_at) as first_at,
        max(history_bounds.last_at) as last_at
    from history_bounds
    inner join agents on history_bounds.agent_id = agents.agent_id
    group by history_bounds.agent_id, agents.time_zone
),

local_days as (
    select
        time_zone,
        local_date,
        min(interval_start_at) as day_started_at,
        max(interval_end_at) as day_ended_at
    from intervals
    group by time_zone, local_date
),

-- the agent-days of the timeline: from the interval of the agent's first change to that of the last
agent_day_spans as (
    select
        agent_spans.agent_id,
        agent_spans.time_zone,
        local_days.local_date,
        local_days.day_started_at,
        local_days.day_ended_at,
        cast(floor(
            {{ dbt.datediff('local_days.day_started_at', 'agent_spans.first_at', 'second') }}
            / (60.0 * {{ var('interval_minutes') }})
        ) as integer) as first_interval_number,
        cast(floor(
            {{ dbt.datediff('local_days.day_started_at', 'agent_spans.last_at', 'second') }}
            / (60.0 * {{ var('interval_minutes') }})
        ) as integer) as last_interval_number
    from agent_spans
    inner join local_days
        on
            agent_spans.time_zone = local_days.time_zone
            and agent_spans.first_at < local_days.day_ended_at
            and agent_spans.last_at >= local_days.day_started_at
    {% if is_incremental() %}
        where
            (agent_spans.agent_id, local_days.local_date) in (
                select
                    touched.agent_id,
                    touched.local_date
                from {{ ref('int_agent_days_touched') }} as touched
            )
    {% endif %}
),

agent_days as (
    select
        agent_id,
        time_zone,
        local_date,
        day_started_at,
        greatest(
            day_started_at,
            {{ dbt.dateadd(
                'minute', var('interval_minutes') ~ ' * first_interval_number', 'day_started_at'
            ) }}
        ) as window_started_at,
        least(
            day_ended_at,
            {{ dbt.dateadd(
                'minute', var('interval_minutes') ~ ' * (last_interval_number + 1)', 'day_started_at'
            ) }}
        ) as window_ended_at
    from agent_day_spans
),

-- what an incremental run reads: changes within the days it builds, and a week before for the carried state
built_range as (
    select
        min(window_started_at) as range_started_at,
        max(window_ended_at) as range_ended_at,
        {{ dbt.dateadd('day', -7, 'min(window_started_at)') }} as lookback_started_at
    from agent_days
),

activity_starts as (
    select
        agent_id,
        span_started_at,
        max(activity) as started_activity
    from spans
    where span_kind = 'activity'
    group by agent_id, span_started_at
),

-- the state carried into each agent-day: the last status before it and the activity started last. Looked up
-- in the week before the day first, then, for days with nothing that recent, in all of the agent's history.
recent_status_instants as (
    select status_instants.*
    from status_instants
    cross join built_range
    where status_instants.boundary_at >= built_range.lookback_started_at
),

carried_recently as (
    select
        agent_days.agent_id,
        agent_days.local_date,
        agent_days.window_started_at,
        recent_status_instants.agent_status as carried_status
    from agent_days
    asof left join recent_status_instants
        on
            agent_days.agent_id = recent_status_instants.agent_id
            and agent_days.window_started_at > recent_status_instants.boundary_at
),

-- all of the history of the (few) agents with no status in the week before a day
earlier_status_events as (
    select
        agents.agent_id,
        events.event_at as boundary_at,
        lower(events.agent_status) as agent_status,
        row_number() over (
            partition by agents.agent_id, events.event_at
            order by events.agent_event_id desc
        ) as event_rank_in_instant
    from {{ ref('stg_telephony__agent_events') }} as events
    inner join agents on events.agent_username_hash = agents.agent_username_hash
    where
        events.agent_status is not null
        and agents.agent_id in (
            select carried_recently.agent_id
            from carried_recently
            where carried_recently.carried_status is null
        )
),

earlier_status_instants as (
    select
        agent_id,
        boundary_at,
        agent_status
    from earlier_status_events
    where event_rank_in_instant = 1
),

carried_status as (
    select
        carried_recently.agent_id,
        carried_recently.local_date,
        coalesce(carried_recently.carried_status, earlier_status_instants.agent_status) as carried_status
    from carried_recently
    asof left join earlier_status_instants
        on
            carried_recently.agent_id = earlier_status_instants.agent_id
            and carried_recently.window_started_at > earlier_status_instants.boundary_at
),

recent_activity_starts as (
    select activity_starts.*
    from activity_starts
    cross join built_range
    where activity_starts.span_started_at >= built_range.lookback_started_at
),

activities_carried_recently as (
    select
        agent_days.agent_id,
        agent_days.local_date,
        agent_days.window_started_at,
        recent_activity_starts.started_activity as carried_activity
    from agent_days
    asof left join recent_activity_starts
        on
            agent_days.agent_id = recent_activity_starts.agent_id
            and agent_days.window_started_at > recent_activity_starts.span_started_at
),

earlier_activity_starts as (
    select
        activities.agent_id,
        activities.started_at as span_started_at,
        max(activities.activity) as started_activity
    from {{ ref('stg_wfm__schedule_activities') }} as activities
    where
        activities.ended_at > activities.started_at
        and activities.agent_id in (
            select activities_carried_recently.agent_id
            from activities_carried_recently
            where activities_carried_recently.carried_activity is null
        )
    group by activities.agent_id, activities.started_at
),

carried_activity as (
    select
        activities_carried_recently.agent_id,
        activities_carried_recently.local_date,
        coalesce(activities_carried_recently.carried_activity, earlier_activity_starts.started_activity)
            as carried_activity
    from activities_carried_recently
    asof left join earlier_activity_starts
        on
            activities_carried_recently.agent_id = earlier_activity_starts.agent_id
            and activities_carried_recently.window_started_at > earlier_activity_starts.span_started_at
),

-- spans that cross a day's start are open at it (each expanded to the days whose start it crosses)
crossing_spans as (
    select
        spans.agent_id,
        spans.span_kind,
        spans.span_started_at,
        spans.span_ended_at,
        cast(unnest(generate_series(
            cast({{ utc_to_local('spans.span_started_at', 'agents.time_zone') }} as date) + 1,
            cast({{ utc_to_local('spans.span_ended_at', 'agents.time_zone') }} as date),
            interval 1 day
        )) as date) as local_date
    from spans
    inner join agents on spans.agent_id = agents.agent_id
    cross join built_range
    where
        spans.span_ended_at >= built_range.range_started_at
        and spans.span_started_at < built_range.range_ended_at
        and cast({{ utc_to_local('spans.span_started_at', 'agents.time_zone') }} as date)
        < cast({{ utc_to_local('spans.span_ended_at', 'agents.time_zone') }} as date)
),

open_at_start as (
    select
        agent_days.agent_id,
        agent_days.local_date,
        sum(case when crossing_spans.span_kind = 'contact' then 1 else 0 end) as open_contacts,
        sum(case when crossing_spans.span_kind = 'after_contact_work' then 1 else 0 end)
            as open_after_contact_work,
        sum(case when crossing_spans.span_kind = 'activity' then 1 else 0 end) as open_activities
    from agent_days
    inner join crossing_spans
        on
            agent_days.agent_id = crossing_spans.agent_id
            and agent_days.local_date = crossing_spans.local_date
            and agent_days.window_started_at > crossing_spans.span_started_at
            and agent_days.window_started_at <= crossing_spans.span_ended_at
    group by agent_days.agent_id, agent_days.local_date
),

dated_changes as (
    select
        changes.*,
        cast({{ utc_to_local('changes.boundary_at', 'agents.time_zone') }} as date) as local_date
    from changes
    inner join agents on changes.agent_id = agents.agent_id
    cross join built_range
    where
        changes.boundary_at >= built_range.range_started_at
        and changes.boundary_at < built_range.range_ended_at
),

day_changes as (
    select
        agent_days.agent_id,
        agent_days.local_date,
        dated_changes.boundary_at,
        dated_changes.agent_status,
        dated_changes.on_contact_delta,
        dated_changes.after_contact_work_delta,
        dated_changes.scheduled_delta,
        dated_changes.started_activity
    from dated_changes
    inner join agent_days
        on
            dated_changes.agent_id = agent_days.agent_id
            and dated_changes.local_date = agent_days.local_date
            and dated_changes.boundary_at >= agent_days.window_started_at
            and dated_changes.boundary_at < agent_days.window_ended_at
),

starting_states as (
    select
        agent_days.*,
        carried_status.carried_status,
        carried_activity.carried_activity,
        coalesce(open_at_start.open_contacts, 0) as open_contacts,
        coalesce(open_at_start.open_after_contact_work, 0) as open_after_contact_work,
        coalesce(open_at_start.open_activities, 0) as open_activities
    from agent_days
    left join carried_status
        on agent_days.agent_id = carried_status.agent_id and agent_days.local_date = carried_status.local_date
    left join carried_activity
        on agent_days.agent_id = carried_activity.agent_id and agent_days.local_date = carried_activity.local_date
    left join open_at_start
        on agent_days.agent_id = open_at_start.agent_id and agent_days.local_date = open_at_start.local_date
),

-- a day is built when something changes in it or it starts staffed or scheduled
built_days as (
    select starting_states.*
    from starting_states
    where
        coalesce(starting_states.carried_status, 'offline') != 'offline'
        or starting_states.open_contacts + starting_states.open_after_contact_work + starting_states.open_activities > 0
        or exists (
            select 1 from day_changes
            where
                day_changes.agent_id = starting_states.agent_id
                and day_changes.local_date = starting_states.local_date
        )
),

day_intervals as (
    {{ time_spine('built_days', 'built_days.window_started_at', 'built_days.window_ended_at',
        var('interval_minutes')) }}
),

boundaries as (
    select
        agent_id,
        local_date,
        boundary_at,
        coalesce(max(agent_status), max(carried_status)) as agent_status,
        sum(on_contact_delta) as on_contact_delta,
        sum(after_contact_work_delta) as after_contact_work_delta,
        sum(scheduled_delta) as scheduled_delta,
        coalesce(max(started_activity), max(carried_activity)) as started_activity,
        max(interval_start_at) as interval_start_at,
        max(interval_end_at) as interval_end_at
    from (
        -- the day's start, with the state carried into it
        select
            agent_id,
            local_date,
            window_started_at as boundary_at,
            cast(null as varchar) as agent_status,
            carried_status,
            open_contacts as on_contact_delta,
            open_after_contact_work as after_contact_work_delta,
            open_activities as scheduled_delta,
            cast(null as varchar) as started_activity,
            carried_activity,
            cast(null as timestamp) as interval_start_at,
            cast(null as timestamp) as interval_end_at
        from built_days
        union all
        select
            agent_id,
            local_date,
            boundary_at,
            agent_status,
            null as carried_status,
            on_contact_delta,
            after_contact_work_delta,
            scheduled_delta,
            started_activity,
            null as carried_activity,
            null as interval_start_at,
            null as interval_end_at
        from day_changes
        where
            exists (
                select 1 from built_days
                where built_days.agent_id = day_changes.agent_id and built_days.local_date = day_changes.local_date
            )
        union all
        -- every interval start within the day's window, and the window's end
        select
            agent_id,
            local_date,
            spine_at as boundary_at,
            null as agent_status,
            null as carried_status,
            0 as on_contact_delta,
            0 as after_contact_work_delta,
            0 as scheduled_delta,
            null as started_activity,
            null as carried_activity,
            spine_at as interval_start_at,
            {{ dbt.dateadd('minute', var('interval_minutes'), 'spine_at') }} as interval_end_at
        from day_intervals
        union all
        select
            agent_id,
            local_date,
            window_ended_at as boundary_at,
            null as agent_status,
            null as carried_status,
            0 as on_contact_delta,
            0 as after_contact_work_delta,
            0 as scheduled_delta,
            null as started_activity,
            null as carried_activity,
            null as interval_start_at,
            null as interval_end_at
        from built_days
    ) as all_boundaries
    group by agent_id, local_date, boundary_at
),

-- running counts of open contacts and scheduled activities; carry the last status, interval and activity
running as (
    select
        agent_id,
        local_date,
        boundary_at as segment_started_at,
        lead(boundary_at) over (partition by agent_id, local_date order by boundary_at) as segment_ended_at,
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
        partition by agent_id, local_date order by boundary_at rows between unbounded preceding and current row
    )
),

carried as (
    select
        agent_id,
        local_date,
        segment_started_at,
        segment_ended_at,
        open_contact_count,
        open_after_contact_work_count,
        open_activity_count,
        coalesce(max(agent_status) over (partition by agent_id, local_date, status_group), 'offline') as agent_status,
        max(interval_start_at) over (partition by agent_id, local_date, interval_group) as interval_start_at,
        max(interval_end_at) over (partition by agent_id, local_date, interval_group) as interval_end_at,
        max(started_activity) over (partition by agent_id, local_date, activity_group) as last_started_activity
    from running
),

states as (
    select
        agent_id,
        local_date,
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
        local_date,
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
