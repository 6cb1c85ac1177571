{#-
    One row per agent and local day (agent's site time zone) on which the agent handled contacts: legs
    answered, handle time and AHT beside the AHT of the same queues that day (weighted by the agent's own
    mix of queues), and the operational FCR and CSAT of the contacts credited to the agent. A contact is
    credited to the agent of its last answered leg (who finished it); AHT counts every leg the agent
    answered (a transfer is a new leg, each leg's handle time counted once).
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key=['agent_id', 'local_date'],
    scope='agent_contact_dates_scope',
    publish_partition='local_date',
) }}

-- depends_on: {{ ref('int_contacts_recomputed') }}
-- depends_on: {{ ref('int_agent_days_touched') }}
-- depends_on: {{ ref('int_queue_days_touched') }}
-- depends_on: {{ ref('int_survey_responses_touched') }}
-- depends_on: {{ ref('int_contacts_touched') }}

with

{% if is_incremental() %}
    -- the days this run recomputes, and the answered legs a day's rows need: their contacts' other legs
    -- (which one finished the contact) and every leg of their queue-days (the queue's AHT)
    scope_dates as (
        select scoped.local_date from {{ agent_contact_dates() }} as scoped
    ),

    scope_range as (
        select
            cast(min(local_date) - 2 as timestamp) as range_started_at,
            cast(max(local_date) + 3 as timestamp) as range_ended_at
        from scope_dates
    ),

    legs_in_range as (
        select classified.*
        from {{ ref('int_contact_legs_classified') }} as classified
        cross join scope_range
        where
            classified.is_answered
            and classified.connected_to_agent_at >= scope_range.range_started_at
            and classified.connected_to_agent_at < scope_range.range_ended_at
    ),
{% endif %}

legs as (
    select * from {{ ref('int_contact_legs_classified') }}
    where
        is_answered
        and {{ when_incremental('contact_id in (select legs_in_range.contact_id from legs_in_range)') }}
),

contacts as (
    select * from {{ ref('int_contacts_sessionized') }}
),

responses as (
    select * from {{ ref('int_survey_responses_linked') }}
),

agents as (
    select * from {{ ref('stg_wfm__agents') }}
),

queues as (
    select * from {{ ref('queues') }}
),

leg_days as (
    select
        legs.contact_leg_id,
        legs.contact_id,
        legs.queue_name,
        legs.handle_seconds,
        legs.connected_to_agent_at,
        legs.leg_number,
        agents.agent_id,
        cast({{ utc_to_local('legs.connected_to_agent_at', 'agents.time_zone') }} as date) as local_date,
        cast(
            {{ utc_to_local('legs.connected_to_agent_at', 'coalesce(queues.time_zone, agents.time_zone)') }} as date
        ) as queue_local_date
    from legs
    left join agents on legs.agent_username_hash = agents.agent_username_hash
    left join queues on legs.queue_name = queues.queue_name
),

{% if is_incremental() %}

    scoped_legs as (
        select * from leg_days
        where local_date in (select scope_dates.local_date from scope_dates)
    ),

    contact_legs as (
        select * from leg_days
        where contact_id in (select scoped.contact_id from scoped_legs as scoped)
    ),

    queue_legs as (
        select * from leg_days
        where (queue_name, queue_local_date) in (
            select
                scoped.queue_name,
                scoped.queue_local_date
            from scoped_legs as scoped
        )
    ),

{% else %}

    contact_legs as (
        select * from leg_days
    ),

    queue_legs as (
        select * from leg_days
    ),

{% endif %}

numbered_legs as (
    select
        *,
        row_number() over (
            partition by contact_id
            order by connected_to_agent_at desc, leg_number desc
        ) as answered_leg_number_from_last
    from contact_legs
),

answered_legs as (
    select * from numbered_legs
    {% if is_incremental() %}
        where local_date in (select scope_dates.local_date from scope_dates)
    {% endif %}
),

queue_days as (
    select
        queue_name,
        queue_local_date,
        sum(handle_seconds) * 1.0 / count(*) as queue_aht_seconds
    from queue_legs
    where queue_name is not null
    group by queue_name, queue_local_date
),

surveyed_contacts as (
    select
        contact_id,
        count(csat_score) as csat_responses,
        sum(case when csat_score >= {{ var('csat_top_box_min') }} then 1 else 0 end) as csat_top_box_responses
    from responses
    where contact_id is not null
    group by contact_id
),

agent_legs as (
    select
        answered_legs.agent_id,
        answered_legs.local_date,
        answered_legs.handle_seconds,
        queue_days.queue_aht_seconds,
        answered_legs.answered_leg_number_from_last = 1 as is_credited_contact,
        coalesce(
            answered_legs.answered_leg_number_from_last = 1
            and not contacts.is_repeat_contact
            and contacts.is_operationally_resolved is not null,
            false
        ) as is_fcr_first_contact,
        coalesce(
            answered_legs.answered_leg_number_from_last = 1
            and not contacts.is_repeat_contact
            and contacts.is_operationally_resolved,
            false
        ) as is_fcr_resolved,
        case when answered_legs.answered_leg_number_from_last = 1 then surveyed_contacts.csat_responses end
            as csat_responses,
        case when answered_legs.answered_leg_number_from_last = 1 then surveyed_contacts.csat_top_box_responses end
            as csat_top_box_responses
    from answered_legs
    left join queue_days
        on
            answered_legs.queue_name = queue_days.queue_name
            and answered_legs.queue_local_date = queue_days.queue_local_date
    left join contacts on answered_legs.contact_id = contacts.contact_id
    left join surveyed_contacts on answered_legs.contact_id = surveyed_contacts.contact_id
    where answered_legs.agent_id is not null
),

daily as (
    select
        agent_id,
        local_date,
        count(*) as contacts_handled,
        cast(sum(case when is_credited_contact then 1 else 0 end) as bigint) as contacts_credited,
        cast(sum(handle_seconds) as bigint) as handle_seconds,
        sum(handle_seconds) * 1.0 / count(*) as aht_seconds,
        {{ exact_avg('queue_aht_seconds') }} as queue_aht_seconds,
        cast(sum(case when is_fcr_first_contact then 1 else 0 end) as bigint) as fcr_first_contacts,
        cast(sum(case when is_fcr_resolved then 1 else 0 end) as bigint) as fcr_resolved_contacts,
        cast(coalesce(sum(csat_responses), 0) as bigint) as csat_responses,
        cast(coalesce(sum(csat_top_box_responses), 0) as bigint) as csat_top_box_responses
    from agent_legs
    group by agent_id, local_date
),

final as (
    select
        agent_id,
        local_date,
        contacts_handled,
        contacts_credited,
        handle_seconds,
        aht_seconds,
        queue_aht_seconds,
        aht_seconds / nullif(queue_aht_seconds, 0) as aht_vs_queue_ratio,
        fcr_first_contacts,
        fcr_resolved_contacts,
        csat_responses,
        csat_top_box_responses
    from daily
)

select * from final
