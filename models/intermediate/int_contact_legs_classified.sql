{#-
    One row per contact leg (CTR), with what happened to it (queued, answered, abandoned, moved to a
    callback), its queue wait and handle time, its place in its contact, its queue's issue family, and
    the CRM case the agent worked on it.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='contact_leg_id',
    scope='in_touched',
    scope_args={'conditions': [
        ['contact_id', 'int_contact_legs_touched', 'contact_id'],
        ['contact_leg_id', 'int_contact_legs_touched', 'contact_leg_id'],
    ]},
    publish_partition='cast(initiated_at as date)',
) }}

-- depends_on: {{ ref('int_contact_legs_touched') }}
with

legs as (
    select * from {{ ref('stg_telephony__contact_trace_records') }}
    {% if is_incremental() %}
        -- every leg of a contact that has a touched leg (a leg's number depends on its contact's other legs)
        where initial_contact_leg_id in (
            select touched.contact_id from {{ ref('int_contact_legs_touched') }} as touched
        )
    {% endif %}
),

queues as (
    select * from {{ ref('queues') }}
),

cases as (
    select * from {{ ref('stg_crm__cases') }}
),

cases_by_leg as (
    select
        contact_leg_id,
        min(case_id) as case_id
    from cases
    where contact_leg_id in (select scoped.contact_leg_id from legs as scoped)
    group by contact_leg_id
),

classified as (
    select
        legs.contact_leg_id,
        legs.initial_contact_leg_id as contact_id,
        legs.previous_contact_leg_id,
        legs.channel,
        legs.initiation_method,
        legs.disconnect_reason,
        legs.dialled_number,
        legs.initiated_at,
        legs.disconnected_at,
        legs.queue_name,
        queues.queue_family,
        legs.enqueued_at,
        legs.dequeued_at,
        legs.connected_to_agent_at,
        legs.agent_username_hash,
        legs.crm_customer_id,
        legs.customer_phone_hash,
        legs.customer_email_hash,
        legs.is_caller_id_withheld,
        legs.contact_reason,
        coalesce(legs.case_id, cases_by_leg.case_id) as case_id,
        legs.enqueued_at is not null as is_queued,
        legs.connected_to_agent_at is not null as is_answered,
        coalesce(
            legs.enqueued_at is not null
            and legs.connected_to_agent_at is null
            and legs.disconnect_reason = 'customer_disconnect',
            false
        ) as is_abandoned,
        coalesce(legs.disconnect_reason = 'callback', false) as is_moved_to_callback,
        legs.initiation_method = 'callback' as is_callback_leg,
        legs.initiation_method in ('transfer', 'queue_transfer') as is_transfer_leg,
        case when legs.enqueued_at is not null then coalesce(legs.dequeued_at, legs.disconnected_at) end
            as left_queue_at,
        case
            when legs.connected_to_agent_at is not null
                then
                    coalesce(legs.agent_interaction_seconds, 0)
                    + coalesce(legs.customer_hold_seconds, 0)
                    + coalesce(legs.after_contact_work_seconds, 0)
            else 0
        end as handle_seconds,
        coalesce(legs.agent_interaction_seconds, 0) as talk_seconds,
        coalesce(legs.customer_hold_seconds, 0) as hold_seconds,
        coalesce(legs.after_contact_work_seconds, 0) as after_contact_work_seconds,
        row_number() over (
            partition by legs.initial_contact_leg_id
            order by legs.initiated_at, legs.contact_leg_id
        ) as leg_number
    from legs
    left join queues on legs.queue_name = queues.queue_name
    left join cases_by_leg on legs.contact_leg_id = cases_by_leg.contact_leg_id
),

timed as (
    select
        *,
        case
            when enqueued_at is not null then {{ dbt.datediff('enqueued_at', 'left_queue_at', 'second') }}
        end as queue_wait_seconds
    from classified
)

select * from timed
