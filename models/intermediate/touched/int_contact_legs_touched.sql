{#-
    One row per contact leg (CTR) this run must recompute and per contact it belongs or belonged to: legs
    with a new or withdrawn version since the last complete run, and legs a touched CRM case links to (the
    case's Connect_Contact_Id__c gives the leg its case). Every contact a version of the leg names is
    listed, so the contact it left is recomputed too. Empty after a full refresh; kept until a run completes.
-#}
-- depends_on: {{ ref('base_crm__case_rows') }}

with

leg_versions as (
    select * from {{ ref('base_telephony__ctr_lines') }}
    where reject_reason is null
),

touched_legs as (
    {% if is_incremental() %}
        select record_key as contact_leg_id
        from {{ touched_raw_keys('base_telephony__ctr_lines', 'contact_id') }}
        union
        select case_rows.contact_leg_id
        from {{ ref('base_crm__case_rows') }} as case_rows
        where
            case_rows.contact_leg_id is not null
            and {{ raw_key_scope('case_rows.case_id', 'base_crm__case_rows', 'case_id') }}
    {% else %}
        select cast(null as varchar) as contact_leg_id
        where false
    {% endif %}
),

contacts_named as (
    select
        touched_legs.contact_leg_id,
        coalesce(leg_versions.initial_contact_id, leg_versions.contact_id) as contact_id
    from touched_legs
    inner join leg_versions on touched_legs.contact_leg_id = leg_versions.contact_id
    {% if is_incremental() %}
        union
        select
            touched_legs.contact_leg_id,
            previous_legs.contact_id
        from touched_legs
        inner join {{ previous_state('int_contact_legs_classified') }} as previous_legs
            on touched_legs.contact_leg_id = previous_legs.contact_leg_id
    {% endif %}
),

final as (
    select
        touched_legs.contact_leg_id,
        contacts_named.contact_id,
        {{ cc_batch_id() }} as _batch_id
    from touched_legs
    left join contacts_named on touched_legs.contact_leg_id = contacts_named.contact_leg_id
)

select * from final
