{#-
    One row per queue x channel x local day: customer-experience and resolution KPIs (CSAT, NPS, CES,
    operational and survey FCR, repeat, transfer and channel-switch rates, QA score). Everything is
    credited to a contact: its first queue and its start day in that queue's site time zone. Surveys and
    QA evaluations follow the contact they are about, journeys their first contact. Contacts with no
    queue (email, web, and voice or chat that never queued) get queue_name null and the day in
    var('experience_default_time_zone'). Counts are summed first and ratios taken after; a ratio is
    null when its denominator is 0.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key=['queue_name', 'channel', 'local_date'],
    scope='experience_days_scope',
    publish_partition='local_date',
) }}

-- depends_on: {{ ref('int_survey_responses_touched') }}
-- depends_on: {{ ref('base_quality__evaluation_lines') }}

{%- set default_time_zone = "'" ~ var('experience_default_time_zone', 'America/New_York') ~ "'" %}

with

{% if is_incremental() %}
    experience_days as (
        select scoped.local_date from {{ experience_days() }} as scoped
    ),

    experience_range as (
        select
            min(local_date) - 1 as first_utc_date,
            max(local_date) + 2 as end_utc_date
        from experience_days
    ),
{% endif %}

contacts as (
    select * from {{ ref('fct_contacts') }}
    {% if is_incremental() %}
        where
            started_at >= (select experience_range.first_utc_date from experience_range)
            and started_at < (select experience_range.end_utc_date from experience_range)
    {% endif %}
),

journeys as (
    select * from {{ ref('fct_journeys') }}
),

surveys as (
    select * from {{ ref('fct_survey_responses') }}
    {% if is_incremental() %}
        -- recorded after its contact: a response credited to a recomputed day is recorded since
        where recorded_at >= (select experience_range.first_utc_date from experience_range)
    {% endif %}
),

legs as (
    select * from {{ ref('fct_contact_legs') }}
),

evaluations as (
    select * from {{ ref('int_evaluations_scored') }}
),

queues as (
    select * from {{ ref('queues') }}
),

contacts_dated as (
    select
        contacts.contact_id,
        contacts.first_queue_name as queue_name,
        contacts.channel,
        cast(
            {{ utc_to_local('contacts.started_at', 'coalesce(queues.time_zone, ' ~ default_time_zone ~ ')') }}
            as date
        ) as local_date,
        contacts.contact_number_in_journey,
        contacts.is_answered,
        contacts.transfer_count,
        contacts.is_repeat_contact,
        contacts.is_first_contact_resolution
    from contacts
    left join queues on contacts.first_queue_name = queues.queue_name
    {% if is_incremental() %}
        where
            cast(
                {{ utc_to_local('contacts.started_at', 'coalesce(queues.time_zone, ' ~ default_time_zone ~ ')') }}
                as date
            ) in (select scoped.local_date from experience_days as scoped)
    {% endif %}
),

contact_counts as (
    select
        queue_name,
        channel,
        local_date,
        count(*) as contacts,
        sum(case when is_answered then 1 else 0 end) as answered_contacts,
        sum(case when is_answered and transfer_count > 0 then 1 else 0 end) as transferred_contacts,
        sum(case when is_repeat_contact is not null then 1 else 0 end) as repeat_judged_contacts,
        sum(case when is_repeat_contact then 1 else 0 end) as repeat_contacts,
        sum(
            case when contact_number_in_journey = 1 and is_first_contact_resolution is not null then 1 else 0 end
        ) as fcr_judged_first_contacts,
        sum(
            case when contact_number_in_journey = 1 and is_first_contact_resolution then 1 else 0 end
        ) as fcr_resolved_first_contacts
    from contacts_dated
    group by queue_name, channel, local_date
),

journey_counts as (
    select
        contacts_dated.queue_name,
        contacts_dated.channel,
        contacts_dated.local_date,
        count(*) as journeys,
        sum(case when journeys.has_channel_switch then 1 else 0 end) as channel_switched_journeys
    from journeys
    inner join contacts_dated on journeys.first_contact_id = contacts_dated.contact_id
    group by contacts_dated.queue_name, contacts_dated.channel, contacts_dated.local_date
),

-- a response is credited to its contact's day, wherever that day is (or, with no contact, to its own)
{% if is_incremental() %}
    surveyed_contacts_dated as (
        select
            surveyed.contact_id,
            cast(
                {{ utc_to_local('surveyed.started_at', 'coalesce(queues.time_zone, ' ~ default_time_zone ~ ')') }}
                as date
            ) as local_date
        from {{ ref('fct_contacts') }} as surveyed
        left join queues on surveyed.first_queue_name = queues.queue_name
        where surveyed.contact_id in (select scoped.contact_id from surveys as scoped)
    ),
{% endif %}

surveys_dated as (
    select
        surveys.*,
        coalesce(
            contacts_dated.local_date,
            cast({{ utc_to_local('surveys.recorded_at', default_time_zone) }} as date)
        ) as local_date
    from surveys
    left join {{ 'surveyed_contacts_dated' if is_incremental() else 'contacts_dated' }} as contacts_dated
        on surveys.contact_id = contacts_dated.contact_id
),

surveys_in_scope as (
    select * from surveys_dated
    {% if is_incremental() %}
        where local_date in (select scoped.local_date from experience_days as scoped)
    {% endif %}
),

survey_counts as (
    select
        queue_name,
        channel,
        local_date,
        count(csat_score) as csat_responses,
        sum(case when is_csat_top_box then 1 else 0 end) as csat_top_box_responses,
        count(nps_score) as nps_responses,
        sum(case when nps_category = 'promoter' then 1 else 0 end) as promoters,
        sum(case when nps_category = 'detractor' then 1 else 0 end) as detractors,
        count(ces_score) as ces_responses,
        sum(ces_score) as ces_score_sum,
        sum(case when is_ces_easy then 1 else 0 end) as ces_easy_responses,
        count(is_resolved_reported) as survey_fcr_responses,
        sum(case when is_resolved_reported then 1 else 0 end) as survey_fcr_resolved_responses
    from surveys_in_scope
    group by queue_name, channel, local_date
),

evaluation_counts as (
    select
        contacts_dated.queue_name,
        contacts_dated.channel,
        contacts_dated.local_date,
        count(evaluations.score_percent) as qa_evaluations,
        {{ exact_sum('evaluations.score_percent') }} as qa_score_sum_percent,
        sum(case when evaluations.is_auto_failed then 1 else 0 end) as qa_auto_fails
    from evaluations
    inner join legs on evaluations.contact_leg_id = legs.contact_leg_id
    inner join contacts_dated on legs.contact_id = contacts_dated.contact_id
    group by contacts_dated.queue_name, contacts_dated.channel, contacts_dated.local_date
),

day_keys as (
    select
        queue_name,
        channel,
        local_date
    from contact_counts
    union
    select
        queue_name,
        channel,
        local_date
    from journey_counts
    union
    select
        queue_name,
        channel,
        local_date
    from survey_counts
    union
    select
        queue_name,
        channel,
        local_date
    from evaluation_counts
),

joined as (
    select
        day_keys.queue_name,
        day_keys.channel,
        day_keys.local_date,
        queues.site,
        coalesce(queues.time_zone, {{ default_time_zone }}) as time_zone,
        coalesce(contact_counts.contacts, 0) as contacts,
        coalesce(contact_counts.answered_contacts, 0) as answered_contacts,
        coalesce(contact_counts.transferred_contacts, 0) as transferred_contacts,
        coalesce(contact_counts.repeat_judged_contacts, 0) as repeat_judged_contacts,
        coalesce(contact_counts.repeat_contacts, 0) as repeat_contacts,
        coalesce(contact_counts.fcr_judged_first_contacts, 0) as fcr_judged_first_contacts,
        coalesce(contact_counts.fcr_resolved_first_contacts, 0) as fcr_resolved_first_contacts,
        coalesce(journey_counts.journeys, 0) as journeys,
        coalesce(journey_counts.channel_switched_journeys, 0) as channel_switched_journeys,
        coalesce(survey_counts.csat_responses, 0) as csat_responses,
        coalesce(survey_counts.csat_top_box_responses, 0) as csat_top_box_responses,
        coalesce(survey_counts.nps_responses, 0) as nps_responses,
        coalesce(survey_counts.promoters, 0) as promoters,
        coalesce(survey_counts.detractors, 0) as detractors,
        coalesce(survey_counts.ces_responses, 0) as ces_responses,
        survey_counts.ces_score_sum,
        coalesce(survey_counts.ces_easy_responses, 0) as ces_easy_responses,
        coalesce(survey_counts.survey_fcr_responses, 0) as survey_fcr_responses,
        coalesce(survey_counts.survey_fcr_resolved_responses, 0) as survey_fcr_resolved_responses,
        coalesce(evaluation_counts.qa_evaluations, 0) as qa_evaluations,
        evaluation_counts.qa_score_sum_percent,
        coalesce(evaluation_counts.qa_auto_fails, 0) as qa_auto_fails
    from day_keys
    left join queues on day_keys.queue_name = queues.queue_name
    left join contact_counts
        on
            day_keys.channel = contact_counts.channel
            and day_keys.local_date = contact_counts.local_date
            and coalesce(day_keys.queue_name, '') = coalesce(contact_counts.queue_name, '')
    left join journey_counts
        on
            day_keys.channel = journey_counts.channel
            and day_keys.local_date = journey_counts.local_date
            and coalesce(day_keys.queue_name, '') = coalesce(journey_counts.queue_name, '')
    left join survey_counts
        on
            day_keys.channel = survey_counts.channel
            and day_keys.local_date = survey_counts.local_date
            and coalesce(day_keys.queue_name, '') = coalesce(survey_counts.queue_name, '')
    left join evaluation_counts
        on
            day_keys.channel = evaluation_counts.channel
            and day_keys.local_date = evaluation_counts.local_date
            and coalesce(day_keys.queue_name, '') = coalesce(evaluation_counts.queue_name, '')
),

final as (
    select
        queue_name,
        channel,
        local_date,
        site,
        time_zone,
        contacts,
        answered_contacts,
        csat_responses,
        csat_top_box_responses,
        cast(csat_top_box_responses as double) / nullif(csat_responses, 0) as csat_top_box_share,
        nps_responses,
        promoters,
        detractors,
        100.0 * (promoters - detractors) / nullif(nps_responses, 0) as nps,
        ces_responses,
        ces_score_sum,
        cast(ces_score_sum as double) / nullif(ces_responses, 0) as ces_mean,
        ces_easy_responses,
        cast(ces_easy_responses as double) / nullif(ces_responses, 0) as ces_easy_share,
        fcr_judged_first_contacts,
        fcr_resolved_first_contacts,
        cast(fcr_resolved_first_contacts as double) / nullif(fcr_judged_first_contacts, 0)
            as operational_fcr_rate,
        survey_fcr_responses,
        survey_fcr_resolved_responses,
        cast(survey_fcr_resolved_responses as double) / nullif(survey_fcr_responses, 0) as survey_fcr_rate,
        repeat_judged_contacts,
        repeat_contacts,
        cast(repeat_contacts as double) / nullif(repeat_judged_contacts, 0) as repeat_contact_rate,
        transferred_contacts,
        cast(transferred_contacts as double) / nullif(answered_contacts, 0) as transfer_rate,
        journeys,
        channel_switched_journeys,
        cast(channel_switched_journeys as double) / nullif(journeys, 0) as channel_switch_rate,
        qa_evaluations,
        qa_score_sum_percent,
        qa_score_sum_percent / nullif(qa_evaluations, 0) as qa_score_mean,
        qa_auto_fails,
        cast(qa_auto_fails as double) / nullif(qa_evaluations, 0) as qa_auto_fail_share
    from joined
)

select * from final
