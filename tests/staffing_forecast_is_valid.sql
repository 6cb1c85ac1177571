-- Forecast rows the staffing math cannot use, each with what is wrong: dbt build stops here, before
-- staffing_forecast_interval, rather than failing inside the math or staffing a nonsense interval.
with

forecast as (
    select * from {{ ref('staffing_forecast') }}
),

checked as (
    select
        queue_name,
        interval_start_local,
        case
            when forecast_offered < 0 then 'forecast_offered is negative'
            when forecast_offered > 0 and not forecast_aht_seconds > 0 then 'forecast_aht_seconds is not positive'
            when not interval_minutes > 0 then 'interval_minutes is not positive'
        end as problem
    from forecast
)

select * from checked
where problem is not null
