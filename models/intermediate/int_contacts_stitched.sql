{#-
    One row per customer contact: the legs of a voice or chat contact (transfers and callbacks share the
    first leg's InitialContactId) stitched into one, plus every email or web case as a contact of its
    own. Carries the identifiers the contact's own records hold, for identity resolution downstream.
    Handle time is summed over the legs, each leg once.
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

legs as (
    select * from {{ ref('int_contact_legs_classified') }}
    {% if is_incremental() %}
        where contact_id in (select touched.contact_id from {{ ref('int_contacts_touched') }} as touched)
    {% endif %}
),

cases as (
    select * from {{ ref('stg_crm__cases') }}
    {% if is_incremental() %}
        where case_id in (select touched.contact_id from {{ ref('int_contacts_touched') }} as touched)
    {% endif %}
),

first_values as (
    select
        contact_id,
        max(case when leg_number = 1 then channel end) as channel,
        max(case when leg_number = 1 then dialled_number end) as dialled_number
    from legs
    group by contact_id
),

queued_legs as (
    select
        contact_id,
        queue_name,
        queue_family,
        row_number() over (partition by contact_id order by leg_number) as queue_order,
        row_number() over (partition by contact_id order by leg_number desc) as queue_order_desc
    from legs
    where is_queued
),

queue_ends as (
    select
        contact_id,
        max(case when queue_order = 1 then queue_name end) as first_queue_name,
        max(case when queue_order = 1 then queue_family end) as queue_family,
        max(case when queue_order_desc = 1 then queue_name end) as final_queue_name
    from queued_legs
    group by contact_id
),

-- The first non-null value of each identifier and label across the legs, in leg order.
leg_labels as (
    select
        contact_id,
        crm_customer_id,
        customer_phone_hash,
        customer_email_hash,
        contact_reason,
        case_id,
        leg_number
    from legs
),

labels as (
    select
        contact_id,
        min(case when crm_customer_id is not null then leg_number end) as crm_leg,
        min(case when customer_phone_hash is not null then leg_number end) as phone_leg,
        min(case when customer_email_hash is not null then leg_number end) as email_leg,
        min(case when contact_reason is not null then leg_number end) as reason_leg,
        min(case when case_id is not null then leg_number end) as case_leg
    from leg_labels
    group by contact_id
),

picked_labels as (
    select
        labels.contact_id,
        max(case when leg_labels.leg_number = labels.crm_leg then leg_labels.crm_customer_id end)
            as crm_customer_id,
        max(case when leg_labels.leg_number = labels.phone_leg then leg_labels.customer_phone_hash end)
            as customer_phone_hash,
        max(case when leg_labels.leg_number = labels.email_leg then leg_labels.customer_email_hash end)
            as customer_email_hash,
        max(case when leg_labels.leg_number = labels.reason_leg then leg_labels.contact_reason end)
            as contact_reason,
        max(case when leg_labels.leg_number = labels.case_leg then leg_labels.case_id end) as case_id
    from labels
    inner join leg_labels on labels.contact_id = leg_labels.contact_id
    group by labels.contact_id
),

leg_totals as (
    select
        contact_id,
        min(initiated_at) as started_at,
        max(coalesce(disconnected_at, initiated_at)) as ended_at,
        count(*) as leg_count,
        sum(case when is_transfer_leg then 1 else 0 end) as transfer_count,
        coalesce(sum(queue_wait_seconds), 0) as queue_wait_seconds,
        sum(handle_seconds) as handle_seconds,
        sum(talk_seconds) as talk_seconds,
        sum(hold_seconds) as hold_seconds,
        sum(after_contact_work_seconds) as after_contact_work_seconds,
        bool_or(is_queued) as is_queued,
        bool_or(is_answered) as is_answered,
        bool_or(is_moved_to_callback) as has_callback_requested,
        bool_or(is_callback_leg and is_answered) as has_callback_answered,
        bool_or(is_caller_id_withheld) as is_caller_id_withheld,
        max(case when leg_number = 1 then disconnect_reason end) as first_leg_disconnect_reason,
        bool_or(is_abandoned) as has_abandoned_leg
    from legs
    group by contact_id
),

telephony_contacts as (
    select
        leg_totals.contact_id,
        first_values.channel,
        first_values.dialled_number,
        leg_totals.started_at,
        leg_totals.ended_at,
        queue_ends.first_queue_name,
        queue_ends.final_queue_name,
        queue_ends.queue_family,
        leg_totals.leg_count,
        leg_totals.transfer_count,
        leg_totals.queue_wait_seconds,
        leg_totals.handle_seconds,
        leg_totals.talk_seconds,
        leg_totals.hold_seconds,
        leg_totals.after_contact_work_seconds,
        leg_totals.is_queued,
        leg_totals.is_answered,
        not leg_totals.is_answered and leg_totals.has_abandoned_leg as is_abandoned,
        not leg_totals.is_queued as is_ivr_only,
        case
            when leg_totals.is_queued then null
            when leg_totals.first_leg_disconnect_reason = 'contact_flow_disconnect' then 'self_served'
            else 'abandoned_in_ivr'
        end as ivr_outcome,
        leg_totals.has_callback_requested,
        case when leg_totals.has_callback_requested then leg_totals.has_callback_answered end
            as is_callback_fulfilled,
        leg_totals.is_caller_id_withheld,
        picked_labels.crm_customer_id,
        picked_labels.customer_phone_hash,
        picked_labels.customer_email_hash,
        picked_labels.contact_reason,
        picked_labels.case_id
    from leg_totals
    inner join first_values on leg_totals.contact_id = first_values.contact_id
    inner join picked_labels on leg_totals.contact_id = picked_labels.contact_id
    left join queue_ends on leg_totals.contact_id = queue_ends.contact_id
),

case_contacts as (
    select
        case_id as contact_id,
        origin as channel,
        cast(null as varchar) as dialled_number,
        created_at as started_at,
        created_at as ended_at,
        cast(null as varchar) as first_queue_name,
        cast(null as varchar) as final_queue_name,
        cast(null as varchar) as queue_family,
        0 as leg_count,
        0 as transfer_count,
        0 as queue_wait_seconds,
        0 as handle_seconds,
        0 as talk_seconds,
        0 as hold_seconds,
        0 as after_contact_work_seconds,
        false as is_queued,
        false as is_answered,
        false as is_abandoned,
        false as is_ivr_only,
        cast(null as varchar) as ivr_outcome,
        false as has_callback_requested,
        cast(null as boolean) as is_callback_fulfilled,
        false as is_caller_id_withheld,
        customer_id as crm_customer_id,
        supplied_phone_hash as customer_phone_hash,
        supplied_email_hash as customer_email_hash,
        case_reason as contact_reason,
        case_id
    from cases
    where origin in ('email', 'web')
),

unioned as (
    select * from telephony_contacts
    union all
    select * from case_contacts
)

select * from unioned
