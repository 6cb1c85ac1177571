{#-
    One row per queue and interval of the queue's site time zone (var interval_minutes), every interval
    of every local day in the data, quiet ones included with zero counts. A leg is credited to the
    interval in which it entered the queue (Genesys, Amazon Connect). Service level follows
    var('service_level_definition'); threshold, short-abandon cut-off and exclusions are vars
    (DECISIONLOG D12).
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key=['queue_id', 'interval_start_at'],
    scope='queue_interval_scope',
    publish_partition='local_date',
) }}

-- depends_on: {{ ref('fct_contact_legs') }}
-- depends_on: {{ ref('int_queue_days_touched') }}

with

legs as (
    select * from {{ ref('fct_contact_legs') }}
    where is_queued
),

queues as (
    select * from {{ ref('dim_queues') }}
),

spine as (
    select * from {{ ref('int_intervals_spined') }}
),

queue_intervals as (
    select
        queues.queue_id,
        queues.queue_name,
        queues.channel,
        queues.site,
        queues.time_zone,
        queues.service_level_threshold_seconds as queue_threshold_seconds,
        spine.local_date,
        spine.interval_start_at,
        spine.interval_end_at,
        spine.interval_start_local
    from queues
    inner join spine on queues.time_zone = spine.time_zone
    {% if is_incremental() %}
        where
            spine.local_date in {{ changed_dates(['fct_contact_legs'], 2) }}
            or (queues.queue_name, spine.local_date) in (
                select
                    touched.queue_name,
                    touched.local_date
                from {{ ref('int_queue_days_touched') }} as touched
            )
            or (queues.queue_id, spine.local_date) not in (
                select
                    published.queue_id,
                    published.local_date
                from {{ this }} as published
            )
    {% endif %}
),

{% if is_incremental() %}
    queue_interval_range as (
        select
            min(interval_start_at) as range_started_at,
            max(interval_end_at) as range_ended_at
        from queue_intervals
    ),
{% endif %}

credited as (
    select
        queue_intervals.queue_id,
        queue_intervals.interval_start_at,
        queue_intervals.queue_threshold_seconds,
        legs.is_answered,
        legs.is_abandoned,
        legs.is_moved_to_callback,
        legs.queue_wait_seconds,
        legs.handle_seconds,
        legs.talk_seconds,
        legs.hold_seconds,
        legs.after_contact_work_seconds
    from legs
    inner join queue_intervals
        on
            legs.queue_name = queue_intervals.queue_name
            and legs.enqueued_at >= queue_intervals.interval_start_at
            and legs.enqueued_at < queue_intervals.interval_end_at
    {% if is_incremental() %}
        cross join queue_interval_range
        where
            legs.enqueued_at >= queue_interval_range.range_started_at
            and legs.enqueued_at < queue_interval_range.range_ended_at
    {% endif %}
),

counted as (
    select
        queue_id,
        interval_start_at,
        count(*) as offered,
        sum(case when is_answered then 1 else 0 end) as answered,
        sum(case when is_abandoned then 1 else 0 end) as abandoned,
        sum(case when is_moved_to_callback then 1 else 0 end) as callbacks,
        sum(
            case when is_abandoned and queue_wait_seconds <= {{ var('short_abandon_seconds') }} then 1 else 0 end
        ) as short_abandoned,
        sum(
            case
                when is_answered and queue_wait_seconds <= {{ var('service_level_threshold_seconds') }} then 1
                else 0
            end
        ) as answered_within_threshold,
        sum(
            case when is_answered and queue_wait_seconds <= queue_threshold_seconds then 1 else 0 end
        ) as answered_within_queue_threshold,
        sum(
            case
                when is_abandoned and queue_wait_seconds <= {{ var('service_level_threshold_seconds') }} then 1
                else 0
            end
        ) as abandoned_within_threshold,
        sum(case when is_answered then queue_wait_seconds else 0 end) as answered_wait_seconds,
        sum(case when is_answered then handle_seconds else 0 end) as handle_seconds,
        sum(case when is_answered then talk_seconds else 0 end) as talk_seconds,
        sum(case when is_answered then hold_seconds else 0 end) as hold_seconds,
        sum(case when is_answered then after_contact_work_seconds else 0 end) as after_contact_work_seconds
    from credited
    group by queue_id, interval_start_at
),

filled as (
    select
        queue_intervals.*,
        coalesce(counted.offered, 0) as offered,
        coalesce(counted.answered, 0) as answered,
        coalesce(counted.abandoned, 0) as abandoned,
        coalesce(counted.short_abandoned, 0) as short_abandoned,
        coalesce(counted.callbacks, 0) as callbacks,
        coalesce(counted.answered_within_threshold, 0) as answered_within_threshold,
        coalesce(counted.abandoned_within_threshold, 0) as abandoned_within_threshold,
        coalesce(counted.answered_within_queue_threshold, 0) as answered_within_queue_threshold,
        coalesce(counted.answered_wait_seconds, 0) as answered_wait_seconds,
        coalesce(counted.handle_seconds, 0) as handle_seconds,
        coalesce(counted.talk_seconds, 0) as talk_seconds,
        coalesce(counted.hold_seconds, 0) as hold_seconds,
        coalesce(counted.after_contact_work_seconds, 0) as after_contact_work_seconds
    from queue_intervals
    left join counted
        on
            queue_intervals.queue_id = counted.queue_id
            and queue_intervals.interval_start_at = counted.interval_start_at
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
        cast(offered as bigint) as offered,
        cast(answered as bigint) as answered,
        cast(abandoned as bigint) as abandoned,
        cast(short_abandoned as bigint) as short_abandoned,
        cast(callbacks as bigint) as callbacks,
        cast(answered_within_threshold as bigint) as answered_within_threshold,
        cast(abandoned_within_threshold as bigint) as abandoned_within_threshold,
        {{ var('service_level_threshold_seconds') }} as service_level_threshold_seconds,
        cast(answered_within_queue_threshold as bigint) as answered_within_queue_threshold,
        queue_threshold_seconds,
        cast({{ service_level(
            'answered', 'answered_within_threshold', 'abandoned', 'abandoned_within_threshold', 'short_abandoned'
        ) }} as double) as service_level,
        cast(answered_wait_seconds as double) / nullif(answered, 0) as asa_seconds,
        cast(handle_seconds as double) / nullif(answered, 0) as aht_seconds,
        {% if var('abandonment_rate_exclude_short_abandons') -%}
            cast(abandoned - short_abandoned as double) / nullif(offered - short_abandoned, 0)
        {%- else -%}
            cast(abandoned as double) / nullif(offered, 0)
        {%- endif %} as abandonment_rate,
        cast(answered_wait_seconds as bigint) as answered_wait_seconds,
        cast(handle_seconds as bigint) as handle_seconds,
        cast(talk_seconds as bigint) as talk_seconds,
        cast(hold_seconds as bigint) as hold_seconds,
        cast(after_contact_work_seconds as bigint) as after_contact_work_seconds
    from filled
)

select * from final
