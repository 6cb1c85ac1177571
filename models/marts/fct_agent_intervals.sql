{#-
    One row per agent and KPI interval of the agent's site time zone (var interval_minutes) in which the
    agent was scheduled or staffed: minutes scheduled, staffed, available, on contact, in after-contact
    work, unavailable and adherent, summed from the agent state timeline. Ratios are left to
    kpi_agent_daily, which sums the minutes first and divides after.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key=['agent_id', 'interval_start_at'],
    scope='touched_scope',
    scope_args={'columns': ['agent_id', 'local_date'], 'touched_model': 'int_agent_days_touched'},
    publish_partition='local_date',
) }}

-- depends_on: {{ ref('int_agent_days_touched') }}

with

states as (
    select * from {{ ref('int_agent_states_timeline') }}
    {% if is_incremental() %}
        where (agent_id, local_date) in (
            select
                touched.agent_id,
                touched.local_date
            from {{ ref('int_agent_days_touched') }} as touched
        )
    {% endif %}
),

agents as (
    select * from {{ ref('stg_wfm__agents') }}
),

intervals as (
    select * from {{ ref('int_intervals_spined') }}
),

summed as (
    select
        agent_id,
        interval_start_at,
        sum(case when is_scheduled then segment_seconds else 0 end) / 60.0 as scheduled_minutes,
        sum(case when scheduled_activity = 'open' then segment_seconds else 0 end) / 60.0
            as scheduled_open_minutes,
        sum(case when is_staffed then segment_seconds else 0 end) / 60.0 as staffed_minutes,
        sum(case when agent_state = 'available' then segment_seconds else 0 end) / 60.0 as available_minutes,
        sum(case when agent_state = 'on_contact' then segment_seconds else 0 end) / 60.0 as on_contact_minutes,
        sum(case when agent_state = 'after_contact_work' then segment_seconds else 0 end) / 60.0
            as after_contact_work_minutes,
        sum(case when is_routable then segment_seconds else 0 end) / 60.0 as routable_minutes,
        sum(case when is_staffed and not is_routable then segment_seconds else 0 end) / 60.0
            as unavailable_minutes,
        sum(case when is_adherent then segment_seconds else 0 end) / 60.0 as adherent_minutes,
        sum(case when is_scheduled and not is_routable then segment_seconds else 0 end) / 60.0
            as shrinkage_minutes
    from states
    group by agent_id, interval_start_at
),

final as (
    select
        summed.agent_id,
        intervals.time_zone,
        intervals.local_date,
        summed.interval_start_at,
        intervals.interval_end_at,
        intervals.interval_start_local,
        intervals.interval_number_in_day,
        intervals.interval_minutes,
        summed.scheduled_minutes,
        summed.scheduled_open_minutes,
        summed.staffed_minutes,
        summed.available_minutes,
        summed.on_contact_minutes,
        summed.after_contact_work_minutes,
        summed.routable_minutes,
        summed.unavailable_minutes,
        summed.adherent_minutes,
        summed.shrinkage_minutes
    from summed
    inner join agents on summed.agent_id = agents.agent_id
    inner join intervals
        on
            agents.time_zone = intervals.time_zone
            and summed.interval_start_at = intervals.interval_start_at
)

select * from final
