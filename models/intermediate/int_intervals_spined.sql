{#-
    One row per site time zone and KPI interval (var interval_minutes: 15 or 30): every local day that
    holds data, cut into intervals from local midnight to the next local midnight, so a day the clocks go
    forward has 23 hours (92 quarter-hours) and a day they go back has 25 (100). Intervals are keyed by
    their UTC start; on the day the clocks go back two intervals share a local start.
-#}
with

queues as (
    select * from {{ ref('queues') }}
),

agents as (
    select * from {{ ref('stg_wfm__agents') }}
),

legs as (
    select * from {{ ref('stg_telephony__contact_trace_records') }}
),

schedules as (
    select * from {{ ref('stg_wfm__schedule_activities') }}
),

time_zones as (
    select time_zone from queues
    union
    select time_zone from agents
),

bounds as (
    select
        min(first_at) as first_at,
        max(last_at) as last_at
    from (
        select
            min(initiated_at) as first_at,
            max(initiated_at) as last_at
        from legs
        union all
        select
            min(started_at) as first_at,
            max(started_at) as last_at
        from schedules
    ) as data_bounds
),

zone_bounds as (
    select
        time_zones.time_zone,
        cast({{ utc_to_local('bounds.first_at', 'time_zones.time_zone') }} as date) as first_local_date,
        cast({{ utc_to_local('bounds.last_at', 'time_zones.time_zone') }} as date) as last_local_date
    from time_zones
    cross join bounds
),

local_days as (
    {{ time_spine(
        'zone_bounds',
        'cast(first_local_date as timestamp)',
        'cast(last_local_date as timestamp) + interval 1 day',
        1440
    ) }}
),

day_bounds as (
    select
        time_zone,
        cast(spine_at as date) as local_date,
        {{ local_to_utc('spine_at', 'time_zone') }} as day_start_at,
        {{ local_to_utc('spine_at + interval 1 day', 'time_zone') }} as day_end_at
    from local_days
),

intervals as (
    {{ time_spine('day_bounds', 'day_start_at', 'day_end_at', var('interval_minutes')) }}
),

final as (
    select
        time_zone,
        local_date,
        spine_at as interval_start_at,
        spine_at + interval ({{ var('interval_minutes') }}) minute as interval_end_at,
        {{ utc_to_local('spine_at', 'time_zone') }} as interval_start_local,
        {{ var('interval_minutes') }} as interval_minutes,
        row_number() over (partition by time_zone, local_date order by spine_at) as interval_number_in_day
    from intervals
)

select * from final
