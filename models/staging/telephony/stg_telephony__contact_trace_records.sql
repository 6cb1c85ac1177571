{#-
    One row per contact leg (Amazon Connect CTR), the latest delivery of each ContactId.
    Typed and renamed; the customer's phone number and email are hashed, never kept.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='contact_leg_id',
    scope='raw_key_scope',
    scope_args={
        'column': "contact_leg_id",
        'base_model': "base_telephony__ctr_lines",
        'key_expr': "contact_id",
    },
    publish_partition='cast(initiated_at as date)',
) }}

with

ctr_lines as (
    select * from {{ ref('base_telephony__ctr_lines') }}
    where
        reject_reason is null
        and {{ when_incremental(raw_key_scope("contact_id", 'base_telephony__ctr_lines', "contact_id")) }}
),

latest_delivery as (
    select
        *,
        row_number() over (
            partition by contact_id
            order by last_updated_at desc, file_name desc, line_number desc
        ) as delivery_rank
    from ctr_lines
),

renamed as (
    select
        contact_id as contact_leg_id,
        coalesce(initial_contact_id, contact_id) as initial_contact_leg_id,
        previous_contact_id as previous_contact_leg_id,
        next_contact_id as next_contact_leg_id,
        lower(channel) as channel,
        lower(initiation_method) as initiation_method,
        lower(disconnect_reason) as disconnect_reason,
        initiated_at,
        disconnected_at,
        last_updated_at,
        {{ hash_phone('customer_address') }} as customer_phone_hash,
        coalesce(lower(customer_address) = 'anonymous', false) as is_caller_id_withheld,
        system_address as dialled_number,
        queue_name,
        enqueued_at,
        dequeued_at,
        queue_seconds,
        {{ hash_username('agent_username') }} as agent_username_hash,
        connected_to_agent_at,
        agent_interaction_seconds,
        customer_hold_seconds,
        hold_count,
        longest_hold_seconds,
        after_contact_work_started_at,
        after_contact_work_ended_at,
        after_contact_work_seconds,
        attr_crm_contact_id as crm_customer_id,
        {{ hash_email('attr_customer_email') }} as customer_email_hash,
        attr_contact_reason as contact_reason,
        attr_case_id as case_id,
        file_name as source_file_name
    from latest_delivery
    where delivery_rank = 1
)

select * from renamed
