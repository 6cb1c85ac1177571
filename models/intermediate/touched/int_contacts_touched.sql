{#-
    One row per customer contact this run must recompute (and per run that found it), with what the
    previous build said of it, so that whatever it moves away from is recomputed too: the contacts of
    touched legs (int_contact_legs_touched), touched email/web cases, contacts that carry a touched case,
    and contacts whose identity may change because a touched CRM customer has (or had) one of their
    identifiers, their CRM id or their case's customer. Empty after a full refresh; kept until a run
    completes.
-#}
-- depends_on: {{ ref('int_customer_identifiers_touched') }}
-- depends_on: {{ ref('base_crm__case_rows') }}
-- depends_on: {{ ref('base_crm__customer_rows') }}

with

touched_legs as (
    select * from {{ ref('int_contact_legs_touched') }}
),

{% if is_incremental() %}

    touched_cases as (
        select record_key as case_id
        from {{ touched_raw_keys('base_crm__case_rows', 'case_id') }}
    ),

    touched_customers as (
        select record_key as customer_id
        from {{ touched_raw_keys('base_crm__customer_rows', 'customer_id') }}
    ),

    touched_identifiers as (
        select identifier_hash from {{ ref('int_customer_identifiers_touched') }}
    ),

    -- cases some version of which names a touched customer
    cases_of_touched_customers as (
        select distinct case_rows.case_id
        from {{ ref('base_crm__case_rows') }} as case_rows
        inner join touched_customers on case_rows.customer_id = touched_customers.customer_id
    ),

    previous_stitched as (
        select * from {{ previous_state('int_contacts_stitched') }}
    ),

    previous_identified as (
        select * from {{ previous_state('int_contacts_identified') }}
    ),

    touched as (
        select touched_legs.contact_id
        from touched_legs
        where touched_legs.contact_id is not null
        union
        select touched_cases.case_id as contact_id from touched_cases
        union
        select previous_identified.contact_id
        from previous_identified
        where
            previous_identified.case_id in (select touched_cases.case_id from touched_cases)
            or previous_identified.case_id in (
                select cases_of_touched_customers.case_id from cases_of_touched_customers
            )
        union
        select previous_stitched.contact_id
        from previous_stitched
        where
            previous_stitched.customer_phone_hash in (
                select touched_identifiers.identifier_hash from touched_identifiers
            )
            or previous_stitched.customer_email_hash in (
                select touched_identifiers.identifier_hash from touched_identifiers
            )
            or previous_stitched.crm_customer_id in (select touched_customers.customer_id from touched_customers)
    ),

    final as (
        select
            touched.contact_id,
            previous_contacts.customer_id as previous_customer_id,
            previous_contacts.issue_family as previous_issue_family,
            previous_contacts.started_at as previous_started_at,
            {{ cc_batch_id() }} as _batch_id
        from touched
        left join {{ previous_state('int_contacts_sessionized') }} as previous_contacts
            on touched.contact_id = previous_contacts.contact_id
    )

{% else %}

    final as (
        select
            contact_id,
            cast(null as varchar) as previous_customer_id,
            cast(null as varchar) as previous_issue_family,
            cast(null as timestamp) as previous_started_at,
            cast(null as bigint) as _batch_id
        from touched_legs
        where false
    )

{% endif %}

select * from final
