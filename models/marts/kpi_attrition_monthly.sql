{#-
    One row per site x calendar month: agent headcount at the start and end of the month, hires, leavers,
    average headcount ((start + end) / 2) and attrition rate (leavers / average headcount), from the WFM
    roster's hire and termination dates. An agent counts from their hire_date and up to and including their
    termination_date (the last day employed), so end = start + hires - leavers. Months run from the month
    of the first contact in the warehouse (the roster cannot show agents who left before its exports
    began) to the month of the latest roster snapshot; the latest month may be incomplete.
-#}
with

agents as (
    select * from {{ ref('stg_wfm__agents') }}
),

contacts as (
    select * from {{ ref('fct_contacts') }}
),

contact_bounds as (
    select cast({{ dbt.date_trunc('month', 'min(started_at)') }} as date) as first_month_start_date
    from contacts
),

roster_bounds as (
    select max(last_seen_on_roster_date) as observed_until_date
    from agents
),

bounds as (
    select
        contact_bounds.first_month_start_date,
        roster_bounds.observed_until_date
    from contact_bounds
    cross join roster_bounds
),

month_offsets as (
    {{ dbt.generate_series(1200) }}
),

months as (
    select
        cast(
            {{ dbt.dateadd('month', 'month_offsets.generated_number - 1', 'bounds.first_month_start_date') }} as date
        ) as month_start_date,
        cast(
            {{ dbt.dateadd('month', 'month_offsets.generated_number', 'bounds.first_month_start_date') }} as date
        ) as next_month_start_date,
        bounds.observed_until_date
    from bounds
    cross join month_offsets
    where
        {{ dbt.dateadd('month', 'month_offsets.generated_number - 1', 'bounds.first_month_start_date') }}
        <= bounds.observed_until_date
),

sites as (
    select distinct site from agents
),

counted as (
    select
        sites.site,
        months.month_start_date,
        months.next_month_start_date,
        months.observed_until_date,
        sum(
            case
                when
                    agents.hire_date < months.month_start_date
                    and (agents.termination_date is null or agents.termination_date >= months.month_start_date)
                    then 1
                else 0
            end
        ) as headcount_start,
        sum(
            case
                when
                    agents.hire_date < months.next_month_start_date
                    and (
                        agents.termination_date is null
                        or agents.termination_date >= months.next_month_start_date
                    )
                    then 1
                else 0
            end
        ) as headcount_end,
        sum(
            case
                when agents.hire_date >= months.month_start_date and agents.hire_date < months.next_month_start_date
                    then 1
                else 0
            end
        ) as hires,
        sum(
            case
                when
                    agents.termination_date >= months.month_start_date
                    and agents.termination_date < months.next_month_start_date
                    then 1
                else 0
            end
        ) as leavers
    from sites
    cross join months
    left join agents on sites.site = agents.site
    group by sites.site, months.month_start_date, months.next_month_start_date, months.observed_until_date
),

final as (
    select
        site,
        month_start_date,
        cast({{ dbt.dateadd('day', -1, 'next_month_start_date') }} as date) as month_end_date,
        cast({{ dbt.dateadd('day', -1, 'next_month_start_date') }} as date) <= observed_until_date
            as is_month_complete,
        headcount_start,
        headcount_end,
        hires,
        leavers,
        (headcount_start + headcount_end) / 2.0 as average_headcount,
        leavers / nullif((headcount_start + headcount_end) / 2.0, 0) as attrition_rate
    from counted
)

select * from final
