{#-
    One row per customer issue: a first contact and its repeats within the journey window, across
    channels. Unidentified contacts are journeys of one contact, flagged is_customer_identified = false.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='journey_id',
    scope='journeys_scope',
    publish_partition='cast(first_contact_at as date)',
) }}

-- depends_on: {{ ref('int_contacts_recomputed') }}
-- depends_on: {{ ref('int_contacts_touched') }}
-- depends_on: {{ ref('int_survey_responses_touched') }}
-- depends_on: {{ ref('base_crm__case_rows') }}
-- depends_on: {{ ref('base_crm__case_history_rows') }}

with

contacts as (
    select * from {{ ref('int_contacts_sessionized') }}
    {% if is_incremental() %}
        where
            journey_id in (
                select sessionized.journey_id
                from {{ ref('int_contacts_sessionized') }} as sessionized
                where {{ recomputed_contacts_scope('sessionized.contact_id') }}
            )
            or journey_id in {{ journeys_with_touched_outcomes() }}
    {% endif %}
),

case_history as (
    select * from {{ ref('stg_crm__case_history_entries') }}
),

cases as (
    select * from {{ ref('stg_crm__cases') }}
),

surveys as (
    select * from {{ ref('int_survey_responses_linked') }}
),

sequenced as (
    select
        *,
        lag(channel) over (partition by journey_id order by started_at, contact_id) as previous_channel
    from contacts
),

reopens as (
    select
        case_id,
        count(*) as reopen_count
    from case_history
    where field_name = 'status' and lower(old_value) = 'closed' and lower(new_value) <> 'closed'
    group by case_id
),

journey_cases as (
    select distinct
        contacts.journey_id,
        contacts.case_id,
        cases.is_closed,
        cases.closed_at,
        coalesce(reopens.reopen_count, 0) as reopen_count
    from contacts
    inner join cases on contacts.case_id = cases.case_id
    left join reopens on contacts.case_id = reopens.case_id
),

case_outcomes as (
    select
        journey_id,
        count(*) as case_count,
        sum(reopen_count) as case_reopen_count,
        case when bool_and(is_closed) then max(closed_at) end as resolved_at
    from journey_cases
    group by journey_id
),

journey_channels as (
    select distinct
        journey_id,
        channel
    from contacts
),

channels as (
    select
        journey_id,
        count(*) as channel_count,
        {{ dbt.listagg('channel', "','", 'order by channel') }} as channels_used
    from journey_channels
    group by journey_id
),

latest_survey as (
    select
        contacts.journey_id,
        surveys.is_resolved_reported,
        row_number() over (
            partition by contacts.journey_id
            order by surveys.recorded_at desc, surveys.survey_response_id desc
        ) as recency
    from surveys
    inner join contacts on surveys.contact_id = contacts.contact_id
    where surveys.is_resolved_reported is not null
),

journeys as (
    select
        journey_id,
        min(customer_id) as customer_id,
        bool_and(is_journey_matchable) as is_journey_matchable,
        max(case when contact_number_in_journey = 1 then is_first_contact_resolution end)
            as first_contact_resolved,
        bool_and(is_customer_identified) as is_customer_identified,
        min(issue_family) as issue_family,
        min(case when contact_number_in_journey = 1 then contact_id end) as first_contact_id,
        min(started_at) as first_contact_at,
        max(started_at) as last_contact_at,
        count(*) as contact_count,
        sum(case when previous_channel is not null and previous_channel <> channel then 1 else 0 end)
            as channel_switch_count,
        sum(transfer_count) as transfer_count,
        sum(handle_seconds) as handle_seconds,
        bool_or(has_callback_requested) as has_callback_requested,
        bool_and(coalesce(is_callback_fulfilled, true)) as all_callbacks_fulfilled
    from sequenced
    group by journey_id
),

joined as (
    select
        journeys.journey_id,
        journeys.customer_id,
        journeys.is_customer_identified,
        journeys.issue_family,
        journeys.first_contact_id,
        journeys.first_contact_at,
        journeys.last_contact_at,
        journeys.contact_count,
        channels.channel_count,
        channels.channels_used,
        journeys.channel_switch_count,
        journeys.channel_switch_count > 0 as has_channel_switch,
        journeys.transfer_count,
        journeys.handle_seconds,
        journeys.has_callback_requested,
        case when journeys.has_callback_requested then journeys.all_callbacks_fulfilled end
            as is_callback_fulfilled,
        coalesce(case_outcomes.case_count, 0) as case_count,
        coalesce(case_outcomes.case_reopen_count, 0) as case_reopen_count,
        case_outcomes.resolved_at,
        case when journeys.is_journey_matchable then journeys.first_contact_resolved end
            as is_first_contact_resolution,
        latest_survey.is_resolved_reported as is_resolved_reported_by_survey
    from journeys
    inner join channels on journeys.journey_id = channels.journey_id
    left join case_outcomes on journeys.journey_id = case_outcomes.journey_id
    left join latest_survey on journeys.journey_id = latest_survey.journey_id and latest_survey.recency = 1
),

final as (
    select
        journey_id,
        customer_id,
        is_customer_identified,
        issue_family,
        first_contact_id,
        first_contact_at,
        last_contact_at,
        contact_count,
        channel_count,
        channels_used,
        channel_switch_count,
        has_channel_switch,
        transfer_count,
        handle_seconds,
        has_callback_requested,
        is_callback_fulfilled,
        case_count,
        case_reopen_count,
        resolved_at,
        -- dbt.datediff renders longer than the line it stands on
        {{ dbt.datediff('first_contact_at', 'resolved_at', 'second') }} / 86400.0 as days_to_resolution,  -- noqa: LT05
        is_first_contact_resolution,
        is_resolved_reported_by_survey
    from joined
)

select * from final
