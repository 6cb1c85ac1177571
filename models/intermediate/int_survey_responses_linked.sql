{#-
    One row per survey response, linked to the contact it was about. The survey's embedded ContactId is
    a CTR leg (any leg of a transferred contact), an email or web case, or a phone or chat case whose
    CTR leg leads to the contact. A response that links to no contact keeps a null contact_id.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='survey_response_id',
    scope='in_touched',
    scope_args={'conditions': [['survey_response_id', 'int_survey_responses_touched', 'survey_response_id']]},
    publish_partition='cast(recorded_at as date)',
) }}

-- depends_on: {{ ref('int_survey_responses_touched') }}

with

responses as (
    select * from {{ ref('stg_survey__responses') }}
    {% if is_incremental() %}
        where survey_response_id in (
            select touched.survey_response_id from {{ ref('int_survey_responses_touched') }} as touched
        )
    {% endif %}
),

legs as (
    select * from {{ ref('int_contact_legs_classified') }}
),

contacts as (
    select * from {{ ref('int_contacts_sessionized') }}
),

cases as (
    select * from {{ ref('stg_crm__cases') }}
),

linked as (
    select
        responses.*,
        coalesce(by_leg.contact_id, by_case_contact.contact_id, by_case_leg.contact_id) as contact_id
    from responses
    left join legs as by_leg on responses.surveyed_contact_id = by_leg.contact_leg_id
    left join contacts as by_case_contact on responses.surveyed_contact_id = by_case_contact.contact_id
    left join cases on responses.surveyed_contact_id = cases.case_id
    left join legs as by_case_leg on cases.contact_leg_id = by_case_leg.contact_leg_id
)

select * from linked
