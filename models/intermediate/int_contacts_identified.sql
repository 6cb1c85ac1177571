{#-
    One row per customer contact, resolved to a CRM customer and an issue family.
    Identity, strongest first: the CRM id the IVR or chat login attached (when it names a known
    customer), the customer on the CRM case the agent worked, the caller's phone number, the email
    address. A phone number or email that fits several customers is never used to pick one: the contact
    stays unidentified with match_method 'ambiguous' unless a stronger identifier names the customer.
    Issue family: the family of the contact reason (IVR menu, chat topic or case reason) when known,
    else the family of the first queue, else (a call that never left the IVR) the family of the line
    the customer dialled.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='contact_id',
    scope='in_touched',
    scope_args={'conditions': [['contact_id', 'int_contacts_touched', 'contact_id']]},
    publish_partition='cast(started_at as date)',
) }}

-- depends_on: {{ ref('int_contacts_touched') }}
with

contacts as (
    select * from {{ ref('int_contacts_stitched') }}
    {% if is_incremental() %}
        where contact_id in (select touched.contact_id from {{ ref('int_contacts_touched') }} as touched)
    {% endif %}
),

customers as (
    select * from {{ ref('stg_crm__customers') }}
),

cases as (
    select * from {{ ref('stg_crm__cases') }}
),

identifiers as (
    select * from {{ ref('int_customer_identifiers_matched') }}
),

reasons as (
    select * from {{ ref('contact_reasons') }}
),

queue_lines as (
    select * from {{ ref('queues') }}
    where dialled_number is not null
),

candidates as (
    select
        contacts.*,
        known_crm.customer_id as crm_match,
        case_customer.customer_id as case_match,
        linked_case.case_reason,
        phones.customer_id as phone_match,
        coalesce(phones.customer_count, 0) as phone_customer_count,
        emails.customer_id as email_match,
        coalesce(emails.customer_count, 0) as email_customer_count
    from contacts
    left join customers as known_crm on contacts.crm_customer_id = known_crm.customer_id
    left join cases as linked_case on contacts.case_id = linked_case.case_id
    left join customers as case_customer on linked_case.customer_id = case_customer.customer_id
    left join identifiers as phones
        on contacts.customer_phone_hash = phones.identifier_hash and phones.identifier_type = 'phone'
    left join identifiers as emails
        on contacts.customer_email_hash = emails.identifier_hash and emails.identifier_type = 'email'
),

resolved as (
    select
        candidates.*,
        coalesce(
            candidates.crm_match, candidates.case_match, candidates.phone_match, candidates.email_match
        ) as customer_id,
        case
            when candidates.crm_match is not null then 'crm_contact_id'
            when candidates.case_match is not null then 'case_contact'
            when candidates.phone_match is not null then 'phone'
            when candidates.email_match is not null then 'email'
            when candidates.phone_customer_count > 1 or candidates.email_customer_count > 1 then 'ambiguous'
            else 'unmatched'
        end as match_method
    from candidates
),

labelled as (
    select
        resolved.contact_id,
        resolved.channel,
        resolved.started_at,
        resolved.ended_at,
        resolved.first_queue_name,
        resolved.final_queue_name,
        resolved.leg_count,
        resolved.transfer_count,
        resolved.queue_wait_seconds,
        resolved.handle_seconds,
        resolved.talk_seconds,
        resolved.hold_seconds,
        resolved.after_contact_work_seconds,
        resolved.is_queued,
        resolved.is_answered,
        resolved.is_abandoned,
        resolved.is_ivr_only,
        resolved.ivr_outcome,
        resolved.has_callback_requested,
        resolved.is_callback_fulfilled,
        resolved.is_caller_id_withheld,
        resolved.case_id,
        resolved.customer_id,
        resolved.match_method,
        resolved.customer_id is not null as is_customer_identified,
        coalesce(resolved.contact_reason, resolved.case_reason) as contact_reason,
        coalesce(
            contact_reasons.issue_family, case_reasons.issue_family, resolved.queue_family, queue_lines.queue_family
        ) as issue_family
    from resolved
    left join reasons as contact_reasons on resolved.contact_reason = contact_reasons.contact_reason
    left join reasons as case_reasons on resolved.case_reason = case_reasons.contact_reason
    left join queue_lines on resolved.dialled_number = queue_lines.dialled_number
)

select * from labelled
