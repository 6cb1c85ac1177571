{#-
    One row per queue: its latest profile (int_queue_days_profiled, the trailing var('staffing_profile_days')
    days up to the queue's last day in the data) - mean customer patience, AHT and measured shrinkage -
    which staffing_forecast_interval plans the future with. DECISIONLOG D19, D23.
-#}
with

queues as (
    select * from {{ ref('dim_queues') }}
),

profiles as (
    select * from {{ ref('int_queue_days_profiled') }}
),

latest as (
    select
        *,
        row_number() over (partition by queue_id order by local_date desc) as recency
    from profiles
),

final as (
    select
        queues.queue_id,
        queues.queue_name,
        latest.local_date as profiled_on,
        coalesce(latest.queued_legs, 0) as queued_legs,
        coalesce(latest.abandoned_legs, 0) as abandoned_legs,
        latest.estimated_patience_seconds,
        latest.aht_seconds,
        latest.measured_shrinkage_rate
    from queues
    left join latest on queues.queue_id = latest.queue_id and latest.recency = 1
)

select * from final
