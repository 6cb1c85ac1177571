{#-
    One row per queue and interval of kpi_queue_interval: the traffic the interval offered, the agents it
    needed by Erlang C and by Erlang A (customers abandon, with the queue's patience estimated from the
    data), the schedule that need implies after shrinkage, the agent-equivalents the queue actually had
    (int_queue_intervals_staffed), the gap, and the service level and abandonment each model predicts at
    the staffed level beside the ones achieved. Staffing is to each queue's own contractual threshold and
    target (dim_queues); patience and the fallback AHT come from int_queue_days_profiled (the trailing
    var('staffing_profile_days') days up to the interval's day). Conventions:
    DECISIONLOG D18 and D19.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key=['queue_id', 'interval_start_at'],
    scope='staffing_days_scope',
    publish_partition='local_date',
) }}

with

queue_intervals as (
    select * from {{ ref('kpi_queue_interval') }}
    {% if is_incremental() %}
        where {{ staffing_days_scope() }}
    {% endif %}
),

queues as (
    select * from {{ ref('dim_queues') }}
),

staffed as (
    select * from {{ ref('int_queue_intervals_staffed') }}
    {% if is_incremental() %}
        where interval_start_at in (select scoped.interval_start_at from queue_intervals as scoped)
    {% endif %}
),

profiles as (
    select * from {{ ref('int_queue_days_profiled') }}
),

queue_days as (
    select
        queue_id,
        local_date,
        cast(sum(handle_seconds) as double) / nullif(sum(answered), 0) as day_aht_seconds
    from queue_intervals
    group by queue_id, local_date
),

day_shrinkage as (
    select
        queue_intervals.queue_id,
        queue_intervals.local_date,
        {{ exact_sum('staffed.shrinkage_minutes') }}
        / nullif({{ exact_sum('staffed.scheduled_minutes') }}, 0) as measured_shrinkage_rate
    from queue_intervals
    inner join staffed
        on
            queue_intervals.queue_id = staffed.queue_id
            and queue_intervals.interval_start_at = staffed.interval_start_at
    group by queue_intervals.queue_id, queue_intervals.local_date
),

inputs as (
    select
        queue_intervals.queue_id,
        queue_intervals.queue_name,
        queue_intervals.channel,
        queue_intervals.site,
        queue_intervals.time_zone,
        queue_intervals.local_date,
        queue_intervals.interval_start_at,
        queue_intervals.interval_end_at,
        queue_intervals.interval_start_local,
        cast(
            {{ dbt.datediff('queue_intervals.interval_start_at', 'queue_intervals.interval_end_at', 'second') }}
            as double
        ) as interval_seconds,
        queue_intervals.offered,
        queue_intervals.answered,
        queue_intervals.abandoned,
        queue_intervals.answered_within_queue_threshold,
        coalesce(
            queue_intervals.aht_seconds, queue_days.day_aht_seconds, profiles.aht_seconds
        ) as aht_seconds,
        {{ concurrency_factor('queue_intervals.channel') }} as concurrency_factor,
        cast(queues.service_level_threshold_seconds as double) as service_level_threshold_seconds,
        queues.service_level_target,
        {{ measured_unless_var('staffing_patience_seconds', 'profiles.estimated_patience_seconds') }}
            as patience_seconds,
        {{ measured_unless_var('staffing_shrinkage', 'day_shrinkage.measured_shrinkage_rate') }} as shrinkage_rate,
        coalesce(staffed.staffed_agents, 0.0) as staffed_agents
    from queue_intervals
    inner join queues on queue_intervals.queue_id = queues.queue_id
    left join profiles
        on queue_intervals.queue_id = profiles.queue_id and queue_intervals.local_date = profiles.local_date
    left join queue_days
        on
            queue_intervals.queue_id = queue_days.queue_id
            and queue_intervals.local_date = queue_days.local_date
    left join day_shrinkage
        on
            queue_intervals.queue_id = day_shrinkage.queue_id
            and queue_intervals.local_date = day_shrinkage.local_date
    left join staffed
        on
            queue_intervals.queue_id = staffed.queue_id
            and queue_intervals.interval_start_at = staffed.interval_start_at
),

effective as (
    select
        *,
        -- no contacts need no AHT; contacts whose AHT nobody knows (the queue never answered one) leave the
        -- requirements null rather than zero
        case when offered = 0 then coalesce(aht_seconds, 0.0) else aht_seconds end / concurrency_factor
            as staffing_aht_seconds,
        floor(staffed_agents) as staffed_agents_below,
        ceil(staffed_agents) as staffed_agents_above
    from inputs
),

modelled as (
    select
        *,
        offered * staffing_aht_seconds / interval_seconds as traffic_erlangs,
        {{ erlang_c_required_agents(
            'offered', 'interval_seconds', 'staffing_aht_seconds', 'service_level_target',
            'service_level_threshold_seconds'
        ) }} as required_agents_erlang_c,
        {{ erlang_a_required_agents(
            'offered', 'interval_seconds', 'staffing_aht_seconds', 'service_level_target',
            'service_level_threshold_seconds', 'patience_seconds'
        ) }} as required_agents_erlang_a,
        {{ erlang_c_service_level(
            'offered', 'interval_seconds', 'staffing_aht_seconds', 'staffed_agents_below',
            'service_level_threshold_seconds'
        ) }} as erlang_c_service_level_below,
        {{ erlang_c_service_level(
            'offered', 'interval_seconds', 'staffing_aht_seconds', 'staffed_agents_above',
            'service_level_threshold_seconds'
        ) }} as erlang_c_service_level_above,
        {{ erlang_a_service_level(
            'offered', 'interval_seconds', 'staffing_aht_seconds', 'staffed_agents_below',
            'service_level_threshold_seconds', 'patience_seconds'
        ) }} as erlang_a_service_level_below,
        {{ erlang_a_service_level(
            'offered', 'interval_seconds', 'staffing_aht_seconds', 'staffed_agents_above',
            'service_level_threshold_seconds', 'patience_seconds'
        ) }} as erlang_a_service_level_above,
        {{ erlang_a_abandon_probability(
            'offered', 'interval_seconds', 'staffing_aht_seconds', 'staffed_agents_below', 'patience_seconds'
        ) }} as erlang_a_abandon_below,
        {{ erlang_a_abandon_probability(
            'offered', 'interval_seconds', 'staffing_aht_seconds', 'staffed_agents_above', 'patience_seconds'
        ) }} as erlang_a_abandon_above
    from effective
),

final as (
    select
        queue_id,
        queue_name,
        channel,
        site,
        time_zone,
        local_date,
        interval_start_at,
        interval_end_at,
        interval_start_local,
        cast(interval_seconds as integer) as interval_seconds,
        offered,
        answered,
        abandoned,
        cast(service_level_threshold_seconds as integer) as service_level_threshold_seconds,
        service_level_target,
        aht_seconds,
        concurrency_factor,
        staffing_aht_seconds,
        traffic_erlangs,
        patience_seconds,
        cast(required_agents_erlang_c as integer) as required_agents_erlang_c,
        cast(required_agents_erlang_a as integer) as required_agents_erlang_a,
        shrinkage_rate,
        {{ scheduled_need('required_agents_erlang_c', 'shrinkage_rate') }} as scheduled_need_erlang_c,
        {{ scheduled_need('required_agents_erlang_a', 'shrinkage_rate') }} as scheduled_need_erlang_a,
        staffed_agents,
        staffed_agents - required_agents_erlang_c as staffing_gap_erlang_c,
        staffed_agents - required_agents_erlang_a as staffing_gap_erlang_a,
        erlang_c_service_level_below
        + (staffed_agents - staffed_agents_below) * (erlang_c_service_level_above - erlang_c_service_level_below)
            as predicted_service_level_erlang_c,
        erlang_a_service_level_below
        + (staffed_agents - staffed_agents_below) * (erlang_a_service_level_above - erlang_a_service_level_below)
            as predicted_service_level_erlang_a,
        erlang_a_abandon_below
        + (staffed_agents - staffed_agents_below) * (erlang_a_abandon_above - erlang_a_abandon_below)
            as predicted_abandon_rate_erlang_a,
        answered_within_queue_threshold,
        cast(answered_within_queue_threshold as double) / nullif(answered + abandoned, 0)
            as achieved_service_level,
        cast(abandoned as double) / nullif(answered + abandoned, 0) as achieved_abandon_rate
    from modelled
)

select * from final
