{#-
    One row per agent on the WFM roster (latest snapshot that lists them): site, time zone, team,
    supervisor, skills, hire and termination dates, whether they left and their tenure. Names, emails and
    usernames are not carried; agent_username_hash joins the telephony and QA data.
-#}
with

agents as (
    select * from {{ ref('stg_wfm__agents') }}
),

final as (
    select
        agent_id,
        agent_username_hash,
        site,
        time_zone,
        team,
        supervisor_id,
        skills,
        primary_skill,
        hire_date,
        termination_date,
        last_seen_on_roster_date,
        termination_date is not null as is_leaver,
        {{ dbt.datediff('hire_date', 'coalesce(termination_date, last_seen_on_roster_date)', 'day') }}
            as tenure_days
    from agents
)

select * from final
