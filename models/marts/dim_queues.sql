{#- One row per queue: channel, owning site and its time zone, service-level target and threshold, issue family. -#}
with

queues as (
    select * from {{ ref('queues') }}
),

final as (
    select
        queue_name as queue_id,
        queue_name,
        channel,
        site,
        time_zone,
        queue_family,
        service_level_threshold_seconds,
        service_level_target,
        dialled_number
    from queues
)

select * from final
