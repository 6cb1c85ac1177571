{#-
    One row per queue: what the staffing models need to know about it beyond a single interval, over all
    the data - mean customer patience, AHT and measured shrinkage. Patience is exponential's maximum-
    likelihood mean: the total time all queued legs spent waiting (answered and moved-to-callback waits
    are patience not yet run out) over the number of abandons. Callback legs are left out: the customer
    is not on the line while a callback waits for an agent, so it cannot abandon. DECISIONLOG D19.
-#}
with

queues as (
    select * from {{ ref('dim_queues') }}
),

queue_intervals as (
    select * from {{ ref('kpi_queue_interval') }}
),

staffed as (
    select * from {{ ref('int_queue_intervals_staffed') }}
),

legs as (
    select * from {{ ref('fct_contact_legs') }}
    where is_queued and not is_callback_leg
),

waiting as (
    select
        queue_name,
        count(*) as queued_legs,
        sum(case when is_abandoned then 1 else 0 end) as abandoned_legs,
        sum(queue_wait_seconds) as queue_wait_seconds
    from legs
    group by queue_name
),

handled as (
    select
        queue_id,
        sum(answered) as answered,
        sum(handle_seconds) as handle_seconds
    from queue_intervals
    group by queue_id
),

shrinkage as (
    select
        queue_id,
        {{ exact_sum('shrinkage_minutes') }} / nullif({{ exact_sum('scheduled_minutes') }}, 0)
            as measured_shrinkage_rate
    from staffed
    group by queue_id
),

final as (
    select
        queues.queue_id,
        queues.queue_name,
        cast(coalesce(waiting.queued_legs, 0) as bigint) as queued_legs,
        cast(coalesce(waiting.abandoned_legs, 0) as bigint) as abandoned_legs,
        cast(waiting.queue_wait_seconds as double) / nullif(waiting.abandoned_legs, 0)
            as estimated_patience_seconds,
        cast(handled.handle_seconds as double) / nullif(handled.answered, 0) as aht_seconds,
        shrinkage.measured_shrinkage_rate
    from queues
    left join waiting on queues.queue_name = waiting.queue_name
    left join handled on queues.queue_id = handled.queue_id
    left join shrinkage on queues.queue_id = shrinkage.queue_id
)

select * from final
