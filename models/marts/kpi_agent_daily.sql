{#-
    One row per agent and local day (agent's site time zone) on which the agent was scheduled, staffed,
    handled contacts or was evaluated: a scorecard led by quality (QA score), schedule adherence,
    operational FCR and CSAT, then AHT beside the same queues' AHT, and occupancy, utilization,
    conformance and shrinkage. Every ratio is computed from the day's summed minutes or counts (never an
    average of ratios). Contacts handled is context only: agents are not ranked on volume.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key=['agent_id', 'local_date'],
    scope='agent_daily_scope',
    publish_partition='local_date',
) }}

-- depends_on: {{ ref('int_agents_touched') }}

with

agent_intervals as (
    select * from {{ ref('fct_agent_intervals') }}
    {% if is_incremental() %}
        where {{ agent_daily_scope() }}
    {% endif %}
),

daily_contacts as (
    select * from {{ ref('int_agent_daily_contacts') }}
    {% if is_incremental() %}
        where {{ agent_daily_scope() }}
    {% endif %}
),

evaluations as (
    select * from {{ ref('int_agent_evaluations_scored') }}
    {% if is_incremental() %}
        where {{ agent_daily_scope('submitted_local_date') }}
    {% endif %}
),

agents as (
    select * from {{ ref('dim_agents') }}
),

daily_minutes as (
    select
        agent_id,
        local_date,
        {{ exact_sum('scheduled_minutes') }} as scheduled_minutes,
        {{ exact_sum('scheduled_open_minutes') }} as scheduled_open_minutes,
        {{ exact_sum('staffed_minutes') }} as staffed_minutes,
        {{ exact_sum('available_minutes') }} as available_minutes,
        {{ exact_sum('on_contact_minutes') }} as on_contact_minutes,
        {{ exact_sum('after_contact_work_minutes') }} as after_contact_work_minutes,
        {{ exact_sum('routable_minutes') }} as routable_minutes,
        {{ exact_sum('unavailable_minutes') }} as unavailable_minutes,
        {{ exact_sum('adherent_minutes') }} as adherent_minutes,
        {{ exact_sum('shrinkage_minutes') }} as shrinkage_minutes
    from agent_intervals
    group by agent_id, local_date
),

daily_evaluations as (
    select
        agent_id,
        submitted_local_date as local_date,
        count(*) as qa_evaluations,
        cast(sum(case when is_auto_failed then 1 else 0 end) as bigint) as qa_auto_failed_evaluations,
        {{ exact_avg('qa_score_percent') }} as qa_score_percent
    from evaluations
    where agent_id is not null
    group by agent_id, submitted_local_date
),

agent_days as (
    select
        agent_id,
        local_date
    from daily_minutes
    union
    select
        agent_id,
        local_date
    from daily_contacts
    union
    select
        agent_id,
        local_date
    from daily_evaluations
),

joined as (
    select
        agent_days.agent_id,
        agent_days.local_date,
        agents.site,
        agents.team,
        agents.supervisor_id,
        agents.time_zone,
        coalesce(daily_evaluations.qa_evaluations, 0) as qa_evaluations,
        coalesce(daily_evaluations.qa_auto_failed_evaluations, 0) as qa_auto_failed_evaluations,
        daily_evaluations.qa_score_percent,
        coalesce(daily_contacts.contacts_credited, 0) as contacts_credited,
        coalesce(daily_contacts.fcr_first_contacts, 0) as fcr_first_contacts,
        coalesce(daily_contacts.fcr_resolved_contacts, 0) as fcr_resolved_contacts,
        coalesce(daily_contacts.csat_responses, 0) as csat_responses,
        coalesce(daily_contacts.csat_top_box_responses, 0) as csat_top_box_responses,
        daily_contacts.aht_seconds,
        daily_contacts.queue_aht_seconds,
        daily_contacts.aht_vs_queue_ratio,
        coalesce(daily_contacts.contacts_handled, 0) as contacts_handled,
        coalesce(daily_contacts.handle_seconds, 0) as handle_seconds,
        coalesce(daily_minutes.scheduled_minutes, 0) as scheduled_minutes,
        coalesce(daily_minutes.scheduled_open_minutes, 0) as scheduled_open_minutes,
        coalesce(daily_minutes.staffed_minutes, 0) as staffed_minutes,
        coalesce(daily_minutes.available_minutes, 0) as available_minutes,
        coalesce(daily_minutes.on_contact_minutes, 0) as on_contact_minutes,
        coalesce(daily_minutes.after_contact_work_minutes, 0) as after_contact_work_minutes,
        coalesce(daily_minutes.routable_minutes, 0) as routable_minutes,
        coalesce(daily_minutes.unavailable_minutes, 0) as unavailable_minutes,
        coalesce(daily_minutes.adherent_minutes, 0) as adherent_minutes,
        coalesce(daily_minutes.shrinkage_minutes, 0) as shrinkage_minutes
    from agent_days
    left join agents on agent_days.agent_id = agents.agent_id
    left join daily_minutes
        on agent_days.agent_id = daily_minutes.agent_id and agent_days.local_date = daily_minutes.local_date
    left join daily_contacts
        on agent_days.agent_id = daily_contacts.agent_id and agent_days.local_date = daily_contacts.local_date
    left join daily_evaluations
        on agent_days.agent_id = daily_evaluations.agent_id and agent_days.local_date = daily_evaluations.local_date
),

final as (
    select
        agent_id,
        local_date,
        site,
        team,
        supervisor_id,
        time_zone,
        -- quality
        qa_evaluations,
        qa_auto_failed_evaluations,
        qa_score_percent,
        -- adherence
        adherent_minutes,
        scheduled_minutes,
        adherent_minutes / nullif(scheduled_minutes, 0) as adherence,
        -- resolution and experience
        contacts_credited,
        fcr_first_contacts,
        fcr_resolved_contacts,
        fcr_resolved_contacts * 1.0 / nullif(fcr_first_contacts, 0) as fcr_rate,
        csat_responses,
        csat_top_box_responses,
        csat_top_box_responses * 1.0 / nullif(csat_responses, 0) as csat_top_box_rate,
        -- handle time against the same queues
        aht_seconds,
        queue_aht_seconds,
        aht_vs_queue_ratio,
        -- efficiency
        scheduled_open_minutes,
        staffed_minutes,
        available_minutes,
        on_contact_minutes,
        after_contact_work_minutes,
        routable_minutes,
        unavailable_minutes,
        shrinkage_minutes,
        (on_contact_minutes + after_contact_work_minutes)
        / nullif(on_contact_minutes + after_contact_work_minutes + available_minutes, 0) as occupancy,
        routable_minutes / nullif(scheduled_minutes, 0) as utilization,
        routable_minutes / nullif(scheduled_open_minutes, 0) as conformance,
        shrinkage_minutes / nullif(scheduled_minutes, 0) as shrinkage,
        -- context only, never a ranking
        contacts_handled,
        handle_seconds
    from joined
)

select * from final
