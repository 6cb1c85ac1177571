{#-
    One row per survey response this run must link and score again, with the contact the previous build
    linked it to and when it was recorded: touched responses, responses about a touched leg, contact or
    case (or a case of a touched leg), and responses previously linked to a touched contact. Empty after a full refresh; kept until a
    run completes.
-#}
-- depends_on: {{ ref('base_survey__response_rows') }}
-- depends_on: {{ ref('int_contacts_touched') }}
-- depends_on: {{ ref('int_contact_legs_touched') }}
-- depends_on: {{ ref('base_crm__case_rows') }}
-- depends_on: {{ ref('stg_crm__cases') }}

with

responses as (
    select * from {{ ref('stg_survey__responses') }}
),

{% if is_incremental() %}

    touched_legs as (
        select
            touched.contact_leg_id,
            touched.contact_id
        from {{ ref('int_contact_legs_touched') }} as touched
    ),

    touched_contacts as (
        select touched.contact_id from {{ ref('int_contacts_touched') }} as touched
    ),

    previous_links as (
        select * from {{ previous_state('int_survey_responses_linked') }}
    ),

    touched as (
        select touched_responses.record_key as survey_response_id
        from {{ touched_raw_keys('base_survey__response_rows', 'response_id') }} as touched_responses
        union
        select responses.survey_response_id
        from responses
        where
            responses.surveyed_contact_id in (select touched_legs.contact_leg_id from touched_legs)
            or responses.surveyed_contact_id in (select touched_contacts.contact_id from touched_contacts)
            or responses.surveyed_contact_id in (
                select touched_cases.record_key
                from {{ touched_raw_keys('base_crm__case_rows', 'case_id') }} as touched_cases
            )
            or responses.surveyed_contact_id in (
                select cases.case_id
                from {{ ref('stg_crm__cases') }} as cases
                where cases.contact_leg_id in (select touched_legs.contact_leg_id from touched_legs)
            )
        union
        select previous_links.survey_response_id
        from previous_links
        where previous_links.contact_id in (select touched_contacts.contact_id from touched_contacts)
    ),

    final as (
        select
            touched.survey_response_id,
            previous_links.contact_id as previous_contact_id,
            previous_links.recorded_at as previous_recorded_at,
            {{ cc_batch_id() }} as _batch_id
        from touched
        left join previous_links on touched.survey_response_id = previous_links.survey_response_id
    )

{% else %}

    final as (
        select
            survey_response_id,
            cast(null as varchar) as previous_contact_id,
            cast(null as timestamp) as previous_recorded_at,
            cast(null as bigint) as _batch_id
        from responses
        where false
    )

{% endif %}

select * from final
