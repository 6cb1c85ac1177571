{#-
    One row per agent and local day (the agent's site time zone) whose state timeline, intervals and
    scorecard this run must recompute: the days a touched agent event, CTR leg (connect to end of
    after-contact work) or scheduled activity falls on, in any of its versions (or the version a
    re-delivered file took away); the days a touched event changes the status carried into (up to the
    agent's next event); the days between the agent's previous first or last day and the touched ones
    (the timeline runs from an agent's first change to the last); and every day of an agent whose roster
    username or time zone changed. Empty after a full refresh; kept until a run completes.
-#}
-- depends_on: {{ ref('stg_telephony__contact_trace_records') }}
-- depends_on: {{ ref('stg_wfm__schedule_activities') }}
-- depends_on: {{ ref('stg_wfm__agents') }}
-- depends_on: {{ ref('stg_telephony__agent_events') }}
-- depends_on: {{ ref('base_telephony__agent_event_lines') }}
-- depends_on: {{ ref('base_telephony__ctr_lines') }}
-- depends_on: {{ ref('base_wfm__schedule_rows') }}
-- depends_on: {{ ref('int_contact_legs_touched') }}
-- depends_on: {{ ref('int_agents_touched') }}

with

roster_rows as (
    select * from {{ ref('base_wfm__roster_rows') }}
    where reject_reason is null
),

{% if is_incremental() %}

    -- every (username, agent, time zone) the roster ever delivered
    agent_names as (
        select distinct
            {{ hash_username('agent_username') }} as agent_username_hash,
            agent_id,
            time_zone
        from roster_rows
    ),

    touched_events as (
        select
            new_rows.agent_username,
            new_rows.event_at
        from {{ new_raw_rows('base_telephony__agent_event_lines') }} as new_rows
        where new_rows.reject_reason is null
    ),

    event_names as (
        select
            agent_names.agent_id,
            agent_names.time_zone,
            touched_events.event_at
        from touched_events
        inner join agent_names on {{ hash_username('touched_events.agent_username') }} = agent_names.agent_username_hash
        union all
        -- events a re-delivered file took away: any agent could have held them, so every agent's day
        select
            agent_names.agent_id,
            agent_names.time_zone,
            replaced.started_at as event_at
        from {{ replaced_record_spans('base_telephony__agent_event_lines') }} as replaced
        cross join agent_names
    ),

    status_events as (
        select
            agents.agent_id,
            events.event_at
        from {{ ref('stg_telephony__agent_events') }} as events
        inner join {{ ref('stg_wfm__agents') }} as agents
            on events.agent_username_hash = agents.agent_username_hash
        where events.agent_status is not null
    ),

    -- the agent's last change of any kind: the timeline runs to it
    last_changes as (
        select
            agent_id,
            max(event_at) as last_changed_at
        from status_events
        group by agent_id
        union all
        select
            agent_id,
            max(ended_at) as last_changed_at
        from {{ ref('stg_wfm__schedule_activities') }}
        group by agent_id
        union all
        select
            agents.agent_id,
            max(coalesce(legs.after_contact_work_ended_at, legs.disconnected_at)) as last_changed_at
        from {{ ref('stg_telephony__contact_trace_records') }} as legs
        inner join {{ ref('stg_wfm__agents') }} as agents on legs.agent_username_hash = agents.agent_username_hash
        group by agents.agent_id
    ),

    agent_last_changes as (
        select
            agent_id,
            max(last_changed_at) as last_changed_at
        from last_changes
        group by agent_id
    ),

    -- a touched event changes the status carried until the agent's next event, or to the end of the timeline
    event_days as (
        select
            event_names.agent_id,
            event_names.time_zone,
            event_names.event_at as started_at,
            coalesce(
                min(status_events.event_at),
                greatest(max(agent_last_changes.last_changed_at), event_names.event_at)
            ) as ended_at
        from event_names
        left join status_events
            on
                event_names.agent_id = status_events.agent_id
                and event_names.event_at < status_events.event_at
        left join agent_last_changes on event_names.agent_id = agent_last_changes.agent_id
        group by event_names.agent_id, event_names.time_zone, event_names.event_at
    ),

    touched_leg_versions as (
        select
            legs.agent_username,
            legs.connected_to_agent_at,
            coalesce(
                legs.after_contact_work_ended_at,
                {{ dbt.dateadd(
                    'second',
                    'coalesce(legs.after_contact_work_seconds, 0)',
                    'coalesce(legs.after_contact_work_started_at, legs.disconnected_at, legs.connected_to_agent_at)'
                ) }},
                legs.connected_to_agent_at
            ) as ended_at
        from {{ ref('base_telephony__ctr_lines') }} as legs
        where
            legs.reject_reason is null
            and legs.connected_to_agent_at is not null
            and legs.contact_id in (
                select touched.contact_leg_id from {{ ref('int_contact_legs_touched') }} as touched
            )
    ),

    leg_days as (
        select
            agent_names.agent_id,
            agent_names.time_zone,
            touched_leg_versions.connected_to_agent_at as started_at,
            touched_leg_versions.ended_at
        from touched_leg_versions
        inner join agent_names
            on {{ hash_username('touched_leg_versions.agent_username') }} = agent_names.agent_username_hash
        union all
        select
            agent_names.agent_id,
            agent_names.time_zone,
            previous_legs.connected_to_agent_at as started_at,
            {{ dbt.dateadd(
                'second',
                'coalesce(previous_legs.after_contact_work_seconds, 0)',
                'coalesce(previous_legs.disconnected_at, previous_legs.connected_to_agent_at)'
            ) }} as ended_at
        from {{ previous_state('int_contact_legs_classified') }} as previous_legs
        inner join agent_names on previous_legs.agent_username_hash = agent_names.agent_username_hash
        where
            previous_legs.connected_to_agent_at is not null
            and previous_legs.contact_leg_id in (
                select touched.contact_leg_id from {{ ref('int_contact_legs_touched') }} as touched
            )
    ),

    utc_spans as (
        select * from event_days
        union all
        select * from leg_days
    ),

    -- schedules are in local wall-clock time already
    local_spans as (
        select
            schedule_rows.agent_id,
            cast(schedule_rows.starts_local as date) as first_local_date,
            cast(schedule_rows.ends_local as date) as last_local_date
        from {{ ref('base_wfm__schedule_rows') }} as schedule_rows
        where
            schedule_rows.starts_local is not null
            and schedule_rows.ends_local is not null
            and {{ raw_key_scope(
                "schedule_rows.agent_id || '|' || cast(schedule_rows.starts_local as varchar)",
                'base_wfm__schedule_rows',
                "agent_id || '|' || cast(starts_local as varchar)",
            ) }}
        union all
        select
            split_part(replaced.record_key, '|', 1) as agent_id,
            cast(replaced.started_at as date) as first_local_date,
            cast(replaced.ended_at as date) as last_local_date
        from {{ replaced_record_spans('base_wfm__schedule_rows') }} as replaced
        where replaced.started_at is not null and replaced.ended_at is not null
        union all
        select
            agent_id,
            cast({{ utc_to_local('started_at', 'time_zone') }} as date) as first_local_date,
            cast({{ utc_to_local('ended_at', 'time_zone') }} as date) as last_local_date
        from utc_spans
    ),

    previous_days as (
        select
            agent_id,
            min(local_date) as first_local_date,
            max(local_date) as last_local_date
        from {{ previous_state('fct_agent_intervals') }}
        group by agent_id
    ),

    -- the roster's username or time zone changed: every day of the agent
    renamed_agents as (
        select touched.agent_id
        from {{ ref('int_agents_touched') }} as touched
        where touched.is_reidentified
    ),

    spans as (
        select * from local_spans
        union all
        -- from the agent's previous last day to the touched days, and from them to the previous first day
        select
            local_spans.agent_id,
            least(local_spans.first_local_date, previous_days.last_local_date) as first_local_date,
            greatest(local_spans.last_local_date, previous_days.first_local_date) as last_local_date
        from local_spans
        inner join previous_days on local_spans.agent_id = previous_days.agent_id
        where
            local_spans.first_local_date > previous_days.last_local_date
            or local_spans.last_local_date < previous_days.first_local_date
        union all
        select
            previous_days.agent_id,
            previous_days.first_local_date - 1 as first_local_date,
            previous_days.last_local_date + 1 as last_local_date
        from previous_days
        where previous_days.agent_id in (select renamed_agents.agent_id from renamed_agents)
        union all
        -- an agent new to the roster: their events, delivered before, now count
        select
            status_events.agent_id,
            cast({{ utc_to_local('min(status_events.event_at)', 'min(agents.time_zone)') }} as date) - 1
                as first_local_date,
            cast({{ utc_to_local('max(status_events.event_at)', 'min(agents.time_zone)') }} as date) + 1
                as last_local_date
        from status_events
        inner join {{ ref('stg_wfm__agents') }} as agents on status_events.agent_id = agents.agent_id
        where
            status_events.agent_id in (select renamed_agents.agent_id from renamed_agents)
            and status_events.agent_id not in (select previous_days.agent_id from previous_days)
        group by status_events.agent_id
    ),

    days as (
        select distinct
            agent_id,
            cast(unnest(generate_series(first_local_date, last_local_date, interval 1 day)) as date) as local_date
        from spans
        where agent_id is not null and first_local_date is not null and last_local_date >= first_local_date
    ),

    final as (
        select
            agent_id,
            local_date,
            {{ cc_batch_id() }} as _batch_id
        from days
    )

{% else %}

    final as (
        select
            agent_id,
            cast(null as date) as local_date,
            cast(null as bigint) as _batch_id
        from roster_rows
        where false
    )

{% endif %}

select * from final
