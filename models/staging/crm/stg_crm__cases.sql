{#-
    One row per CRM case (Salesforce Case), the latest delivered version.
    The web/email-to-case email and phone are hashed; the subject is redacted of card numbers,
    emails and phone numbers.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='case_id',
    scope='raw_key_scope',
    scope_args={
        'column': "case_id",
        'base_model': "base_crm__case_rows",
        'key_expr': "case_id",
    },
    publish_partition='cast(created_at as date)',
) }}

with

case_rows as (
    select * from {{ ref('base_crm__case_rows') }}
    where
        reject_reason is null
        and {{ when_incremental(raw_key_scope("case_id", 'base_crm__case_rows', "case_id")) }}
),

latest_version as (
    select
        *,
        row_number() over (
            partition by case_id
            order by last_modified_at desc, file_name desc
        ) as delivery_rank
    from case_rows
),

renamed as (
    select
        case_id,
        case_number,
        customer_id,
        account_id,
        lower(origin_text) as origin,
        reason_text as case_reason,
        case_type,
        lower(status_text) as status,
        lower(priority_text) as priority,
        is_closed,
        coalesce(is_escalated, false) as is_escalated,
        created_at,
        closed_at,
        last_modified_at,
        parent_case_id,
        owner_id,
        {{ hash_email('supplied_email') }} as supplied_email_hash,
        {{ hash_phone('supplied_phone') }} as supplied_phone_hash,
        {{ redact_free_text('subject_text') }} as subject_redacted,
        contact_leg_id,
        file_name as source_file_name
    from latest_version
    where delivery_rank = 1
)

select * from renamed
