{#-
    One row per queue and local day of kpi_queue_interval: what staffing needs to know about the queue
    beyond a single interval, over the trailing var('staffing_profile_days') days (default 28) up to and
    including that day - mean customer patience, AHT and measured shrinkage. Patience is exponential's
    maximum-likelihood mean: the total time the queued legs spent waiting (answered and moved-to-callback
    waits are patience not yet run out) over the number of abandons. Callback legs are left out: the
    customer is not on the line while a callback waits for an agent, so it cannot abandon. A day's profile
    depends only on the days before it, so it stays as it was once its window has passed; new data
    recomputes the profiles of the days it falls in and of the window after them. DECISIONLOG D19, D23.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key=['queue_id', 'local_date'],
    scope='queue_profile_scope',
    publish_partition='local_date',
) }}

-- depends_on: {{ ref('int_queue_days_touched') }}

{%- set window_days = var('staffing_profile_days') %}

with

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

{% if is_incremental() %}

    -- the days whose window reaches a day this run changes, and the window before the first of them
    profiled_days as (
        select distinct
            queue_id,
            local_date
        from queue_intervals
        where {{ queue_profile_scope() }}
    ),

    read_range as (
        select
            min(local_date) - {{ window_days - 1 }} as first_local_date,
            max(local_date) as last_local_date
        from profiled_days
    ),

{% endif %}

queue_days as (
    select
        queue_id,
        queue_name,
        time_zone,
        local_date,
        min(interval_start_at) as day_started_at,
        max(interval_end_at) as day_ended_at,
        sum(answered) as answered,
        sum(handle_seconds) as handle_seconds
    from queue_intervals
    {% if is_incremental() %}
        where
            local_date between (select read_range.first_local_date from read_range)
            and (select read_range.last_local_date from read_range)
    {% endif %}
    group by queue_id, queue_name, time_zone, local_date
),

waiting as (
    select
        queue_days.queue_id,
        queue_days.local_date,
        count(*) as queued_legs,
        sum(case when legs.is_abandoned then 1 else 0 end) as abandoned_legs,
        sum(legs.queue_wait_seconds) as queue_wait_seconds
    from legs
    inner join queue_days
        on
            legs.queue_name = queue_days.queue_name
            and legs.enqueued_at >= queue_days.day_started_at
            and legs.enqueued_at < queue_days.day_ended_at
    {% if is_incremental() %}
        where
            legs.enqueued_at >= (select min(read_days.day_started_at) from queue_days as read_days)
            and legs.enqueued_at < (select max(read_days.day_ended_at) from queue_days as read_days)
    {% endif %}
    group by queue_days.queue_id, queue_days.local_date
),

shrinkage as (
    select
        queue_intervals.queue_id,
        queue_intervals.local_date,
        sum(cast(staffed.scheduled_minutes as decimal(38, 12))) as scheduled_minutes,
        sum(cast(staffed.shrinkage_minutes as decimal(38, 12))) as shrinkage_minutes
    from staffed
    inner join queue_intervals
        on
            staffed.queue_id = queue_intervals.queue_id
            and staffed.interval_start_at = queue_intervals.interval_start_at
    inner join queue_days
        on queue_intervals.queue_id = queue_days.queue_id and queue_intervals.local_date = queue_days.local_date
    group by queue_intervals.queue_id, queue_intervals.local_date
),

daily as (
    select
        queue_days.queue_id,
        queue_days.queue_name,
        queue_days.local_date,
        coalesce(waiting.queued_legs, 0) as queued_legs,
        coalesce(waiting.abandoned_legs, 0) as abandoned_legs,
        coalesce(waiting.queue_wait_seconds, 0) as queue_wait_seconds,
        queue_days.answered,
        queue_days.handle_seconds,
        coalesce(shrinkage.scheduled_minutes, 0) as scheduled_minutes,
        coalesce(shrinkage.shrinkage_minutes, 0) as shrinkage_minutes
    from queue_days
    left join waiting on queue_days.queue_id = waiting.queue_id and queue_days.local_date = waiting.local_date
    left join shrinkage on queue_days.queue_id = shrinkage.queue_id and queue_days.local_date = shrinkage.local_date
),

-- sums of whole numbers and exact decimals, so a window comes out the same however it is read
windowed as (
    select
        queue_id,
        queue_name,
        local_date,
        sum(queued_legs) over profile_window as queued_legs,
        sum(abandoned_legs) over profile_window as abandoned_legs,
        sum(queue_wait_seconds) over profile_window as queue_wait_seconds,
        sum(answered) over profile_window as answered,
        sum(handle_seconds) over profile_window as handle_seconds,
        sum(scheduled_minutes) over profile_window as scheduled_minutes,
        sum(shrinkage_minutes) over profile_window as shrinkage_minutes
    from daily
    window profile_window as (
        partition by queue_id order by local_date
        range between interval ({{ window_days - 1 }}) day preceding and current row
    )
),

final as (
    select
        queue_id,
        queue_name,
        local_date,
        {{ window_days }} as profile_days,
        cast(queued_legs as bigint) as queued_legs,
        cast(abandoned_legs as bigint) as abandoned_legs,
        cast(queue_wait_seconds as double) / nullif(abandoned_legs, 0) as estimated_patience_seconds,
        cast(answered as bigint) as answered,
        cast(handle_seconds as bigint) as handle_seconds,
        cast(handle_seconds as double) / nullif(answered, 0) as aht_seconds,
        cast(shrinkage_minutes / nullif(scheduled_minutes, 0) as double) as measured_shrinkage_rate
    from windowed
    {% if is_incremental() %}
        where (queue_id, local_date) in (
            select
                profiled_days.queue_id,
                profiled_days.local_date
            from profiled_days
        )
    {% endif %}
)

select * from final
