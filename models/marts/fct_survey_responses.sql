{#-
    One row per survey response, joined to its contact and journey, with CSAT, NPS and CES scores and
    their bands, and the survey's own resolution answer beside the operational FCR of the contact.
    The customer comes from the contact; a response that links to no contact is matched on the
    recipient's email when that fits exactly one customer.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='survey_response_id',
    scope='survey_responses_scope',
    publish_partition='cast(recorded_at as date)',
) }}

-- depends_on: {{ ref('int_contacts_recomputed') }}
-- depends_on: {{ ref('int_contacts_touched') }}
-- depends_on: {{ ref('int_survey_responses_touched') }}
-- depends_on: {{ ref('int_customer_identifiers_touched') }}

with

responses as (
    select * from {{ ref('int_survey_responses_linked') }}
    {% if is_incremental() %}
        where {{ survey_responses_scope() }}
    {% endif %}
),

contacts as (
    select * from {{ ref('int_contacts_sessionized') }}
),

identifiers as (
    select * from {{ ref('int_customer_identifiers_matched') }}
),

final as (
    select
        responses.survey_response_id,
        responses.contact_id,
        contacts.journey_id,
        coalesce(contacts.customer_id, emails.customer_id) as customer_id,
        coalesce(contacts.channel, responses.surveyed_channel) as channel,
        contacts.first_queue_name as queue_name,
        contacts.issue_family,
        responses.recorded_at,
        responses.is_finished,
        responses.csat_score,
        responses.csat_score >= {{ var('csat_top_box_min') }} as is_csat_top_box,
        responses.nps_score,
        case
            when responses.nps_score >= 9 then 'promoter'
            when responses.nps_score >= 7 then 'passive'
            when responses.nps_score >= 0 then 'detractor'
        end as nps_category,
        responses.ces_score,
        responses.ces_score >= {{ var('ces_easy_min') }} as is_ces_easy,
        responses.is_resolved_reported,
        contacts.is_operationally_resolved,
        contacts.is_repeat_contact,
        responses.comment_redacted
    from responses
    left join contacts on responses.contact_id = contacts.contact_id
    left join identifiers as emails
        on responses.recipient_email_hash = emails.identifier_hash and emails.identifier_type = 'email'
)

select * from final
