{#- One row per telephony or chat leg (one Amazon Connect CTR, latest delivery), with its contact and customer. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='contact_leg_id',
    scope='contact_legs_scope',
    publish_partition='cast(initiated_at as date)',
) }}

-- depends_on: {{ ref('int_contacts_recomputed') }}
-- depends_on: {{ ref('int_contacts_touched') }}
-- depends_on: {{ ref('int_contact_legs_touched') }}

with

legs as (
    select * from {{ ref('int_contact_legs_classified') }}
    {% if is_incremental() %}
        where {{ recomputed_contacts_scope() }}
    {% endif %}
),

contacts as (
    select * from {{ ref('int_contacts_sessionized') }}
),

final as (
    select
        legs.contact_leg_id,
        legs.contact_id,
        contacts.journey_id,
        contacts.customer_id,
        legs.leg_number,
        legs.previous_contact_leg_id,
        legs.channel,
        legs.initiation_method,
        legs.disconnect_reason,
        legs.initiated_at,
        legs.disconnected_at,
        legs.queue_name,
        legs.queue_family,
        legs.enqueued_at,
        legs.dequeued_at,
        legs.connected_to_agent_at,
        legs.agent_username_hash,
        legs.case_id,
        legs.is_queued,
        legs.is_answered,
        legs.is_abandoned,
        legs.is_moved_to_callback,
        legs.is_callback_leg,
        legs.is_transfer_leg,
        legs.queue_wait_seconds,
        legs.talk_seconds,
        legs.hold_seconds,
        legs.after_contact_work_seconds,
        legs.handle_seconds
    from legs
    inner join contacts on legs.contact_id = contacts.contact_id
)

select * from final
