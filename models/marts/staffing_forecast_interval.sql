{#-
    One row per queue and forecast interval of the staffing_forecast seed: the agents a future interval
    needs by Erlang C and by Erlang A, and the schedule that implies after shrinkage, from the planner's
    forecast of contacts and AHT, with the same math, patience and shrinkage as staffing_queue_interval
    (patience estimated per queue over the history; shrinkage measured over the history, or var
    staffing_shrinkage). Replace the seed with your own forecast. DECISIONLOG D19.
-#}
with

forecast as (
    select * from {{ ref('staffing_forecast') }}
),

queues as (
    select * from {{ ref('dim_queues') }}
),

profiles as (
    select * from {{ ref('int_queues_profiled') }}
),

placed as (
    select
        queues.queue_id,
        queues.queue_name,
        queues.channel,
        queues.site,
        queues.time_zone,
        forecast.interval_start_local,
        {{ local_to_utc('forecast.interval_start_local', 'queues.time_zone') }} as interval_start_at,
        cast(forecast.interval_minutes * 60 as double) as interval_seconds,
        forecast.forecast_offered,
        forecast.forecast_aht_seconds,
        {{ concurrency_factor('queues.channel') }} as concurrency_factor,
        cast(queues.service_level_threshold_seconds as double) as service_level_threshold_seconds,
        queues.service_level_target,
        {{ measured_unless_var('staffing_patience_seconds', 'profiles.estimated_patience_seconds') }}
            as patience_seconds,
        {{ measured_unless_var('staffing_shrinkage', 'profiles.measured_shrinkage_rate') }} as shrinkage_rate
    from forecast
    inner join queues on forecast.queue_name = queues.queue_name
    left join profiles on queues.queue_id = profiles.queue_id
),

effective as (
    select
        *,
        forecast_aht_seconds / concurrency_factor as staffing_aht_seconds
    from placed
),

required as (
    select
        *,
        forecast_offered * staffing_aht_seconds / interval_seconds as traffic_erlangs,
        {{ erlang_c_required_agents(
            'forecast_offered', 'interval_seconds', 'staffing_aht_seconds', 'service_level_target',
            'service_level_threshold_seconds'
        ) }} as required_agents_erlang_c,
        {{ erlang_a_required_agents(
            'forecast_offered', 'interval_seconds', 'staffing_aht_seconds', 'service_level_target',
            'service_level_threshold_seconds', 'patience_seconds'
        ) }} as required_agents_erlang_a
    from effective
),

final as (
    select
        queue_id,
        queue_name,
        channel,
        site,
        time_zone,
        interval_start_local,
        interval_start_at,
        {{ dbt.dateadd('second', 'interval_seconds', 'interval_start_at') }} as interval_end_at,
        cast(interval_seconds as integer) as interval_seconds,
        forecast_offered,
        forecast_aht_seconds,
        concurrency_factor,
        staffing_aht_seconds,
        traffic_erlangs,
        cast(service_level_threshold_seconds as integer) as service_level_threshold_seconds,
        service_level_target,
        patience_seconds,
        shrinkage_rate,
        cast(required_agents_erlang_c as integer) as required_agents_erlang_c,
        cast(required_agents_erlang_a as integer) as required_agents_erlang_a,
        {{ scheduled_need('required_agents_erlang_c', 'shrinkage_rate') }} as scheduled_need_erlang_c,
        {{ scheduled_need('required_agents_erlang_a', 'shrinkage_rate') }} as scheduled_need_erlang_a,
        {{ erlang_c_service_level(
            'forecast_offered', 'interval_seconds', 'staffing_aht_seconds', 'required_agents_erlang_c',
            'service_level_threshold_seconds'
        ) }} as service_level_erlang_c_at_required,
        {{ erlang_a_service_level(
            'forecast_offered', 'interval_seconds', 'staffing_aht_seconds', 'required_agents_erlang_a',
            'service_level_threshold_seconds', 'patience_seconds'
        ) }} as service_level_erlang_a_at_required,
        {{ erlang_a_abandon_probability(
            'forecast_offered', 'interval_seconds', 'staffing_aht_seconds', 'required_agents_erlang_a',
            'patience_seconds'
        ) }} as abandon_rate_erlang_a_at_required
    from required
)

select * from final
