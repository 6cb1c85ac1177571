{#-
    One row per customer contact, placed in a journey: the same customer's contacts about the same issue
    family, each within var('journey_window_days') (default 7) of the one before it. A contact is a
    repeat when such an earlier contact exists, and resolved (operational FCR) when no later one does.
    Contacts without an identified customer or issue family are journeys of their own and carry no FCR
    or repeat flags: the warehouse does not guess whose they are. A contact whose window has not yet
    elapsed by the last contact in the data (it may still be repeated) has no resolved flag yet.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='contact_id',
    scope='recomputed_contacts_scope',
    publish_partition='cast(started_at as date)',
) }}

-- depends_on: {{ ref('int_contacts_recomputed') }}
-- depends_on: {{ ref('int_contacts_touched') }}
with

identified_contacts as (
    select * from {{ ref('int_contacts_identified') }}
),

contacts as (
    select * from identified_contacts
    {% if is_incremental() %}
        where {{ recomputed_contacts_scope() }}
    {% endif %}
),

observed as (
    select max(started_at) as observed_until from identified_contacts
),

ordered as (
    select
        contacts.*,
        {{ dbt.dateadd('day', var('journey_window_days'), 'contacts.started_at') }} <= observed.observed_until
            as is_window_elapsed,
        contacts.customer_id is not null and contacts.issue_family is not null as is_journey_matchable,
        lag(contacts.started_at) over (
            partition by contacts.customer_id, contacts.issue_family
            order by contacts.started_at, contacts.contact_id
        ) as previous_contact_at,
        lead(contacts.started_at) over (
            partition by contacts.customer_id, contacts.issue_family
            order by contacts.started_at, contacts.contact_id
        ) as next_contact_at
    from contacts
    cross join observed
),

flagged as (
    select
        *,
        case
            when is_journey_matchable
                then coalesce(
                    started_at <= {{ dbt.dateadd('day', var('journey_window_days'), 'previous_contact_at') }},
                    false
                )
        end as is_repeat_contact,
        case
            when not is_journey_matchable then null
            when next_contact_at <= {{ dbt.dateadd('day', var('journey_window_days'), 'started_at') }} then true
            when is_window_elapsed then false
        end as has_repeat_within_window
    from ordered
),

numbered as (
    select
        *,
        sum(case when coalesce(is_repeat_contact, false) then 0 else 1 end) over (
            partition by customer_id, issue_family
            order by started_at, contact_id
            rows between unbounded preceding and current row
        ) as journey_number
    from flagged
),

journeyed as (
    select
        *,
        case
            when is_journey_matchable
                then first_value(contact_id) over (
                    partition by customer_id, issue_family, journey_number
                    order by started_at, contact_id
                    rows between unbounded preceding and unbounded following
                )
            else contact_id
        end as journey_first_contact_id,
        row_number() over (
            partition by customer_id, issue_family, journey_number, is_journey_matchable
            order by started_at, contact_id
        ) as contact_number_in_journey
    from numbered
),

final as (
    select
        contact_id,
        'J-' || journey_first_contact_id as journey_id,
        case when is_journey_matchable then contact_number_in_journey else 1 end as contact_number_in_journey,
        channel,
        started_at,
        ended_at,
        first_queue_name,
        final_queue_name,
        leg_count,
        transfer_count,
        queue_wait_seconds,
        handle_seconds,
        talk_seconds,
        hold_seconds,
        after_contact_work_seconds,
        is_queued,
        is_answered,
        is_abandoned,
        is_ivr_only,
        ivr_outcome,
        has_callback_requested,
        is_callback_fulfilled,
        is_caller_id_withheld,
        case_id,
        customer_id,
        match_method,
        is_customer_identified,
        contact_reason,
        issue_family,
        is_journey_matchable,
        is_window_elapsed,
        is_repeat_contact,
        has_repeat_within_window,
        not has_repeat_within_window as is_operationally_resolved,
        not is_repeat_contact and not has_repeat_within_window as is_first_contact_resolution
    from journeyed
)

select * from final
