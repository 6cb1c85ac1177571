{#-
    One row per queue and local day (the queue's site time zone) whose interval KPIs, AHT and staffing this
    run must recompute: the days a touched CTR leg entered the queue, was answered or ended its handling on,
    in any of its versions and in the previous build. Empty after a full refresh; kept until a run completes.
-#}
-- depends_on: {{ ref('base_telephony__ctr_lines') }}
-- depends_on: {{ ref('int_contact_legs_touched') }}

with

queues as (
    select * from {{ ref('queues') }}
),

{% if is_incremental() %}

    touched_legs as (
        select contact_leg_id from {{ ref('int_contact_legs_touched') }}
    ),

    leg_times as (
        select
            legs.queue_name,
            legs.enqueued_at,
            legs.connected_to_agent_at,
            coalesce(legs.after_contact_work_ended_at, legs.disconnected_at) as ended_at
        from {{ ref('base_telephony__ctr_lines') }} as legs
        where
            legs.reject_reason is null
            and legs.contact_id in (select touched_legs.contact_leg_id from touched_legs)
        union all
        select
            previous_legs.queue_name,
            previous_legs.enqueued_at,
            previous_legs.connected_to_agent_at,
            {{ dbt.dateadd(
                'second', 'previous_legs.handle_seconds',
                'coalesce(previous_legs.connected_to_agent_at, previous_legs.disconnected_at)'
            ) }} as ended_at
        from {{ previous_state('int_contact_legs_classified') }} as previous_legs
        where previous_legs.contact_leg_id in (select touched_legs.contact_leg_id from touched_legs)
    ),

    instants as (
        select
            queue_name,
            enqueued_at as happened_at
        from leg_times
        union
        select
            queue_name,
            connected_to_agent_at as happened_at
        from leg_times
        union
        select
            queue_name,
            ended_at as happened_at
        from leg_times
    ),

    final as (
        select distinct
            instants.queue_name,
            cast({{ utc_to_local('instants.happened_at', 'queues.time_zone') }} as date) as local_date,
            {{ cc_batch_id() }} as _batch_id
        from instants
        inner join queues on instants.queue_name = queues.queue_name
        where instants.happened_at is not null
    )

{% else %}

    final as (
        select
            queue_name,
            cast(null as date) as local_date,
            cast(null as bigint) as _batch_id
        from queues
        where false
    )

{% endif %}

select * from final
