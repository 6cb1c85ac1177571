{#- One row per CRM case history entry (creation or status change), each Id once. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='case_history_id',
    scope='raw_key_scope',
    scope_args={
        'column': "case_id || '|' || case_history_id",
        'base_model': "base_crm__case_history_rows",
        'key_expr': "case_id || '|' || case_history_id",
    },
    publish_partition='cast(changed_at as date)',
) }}

with

history_rows as (
    select * from {{ ref('base_crm__case_history_rows') }}
    where
        reject_reason is null
        and {{ when_incremental(raw_key_scope(
    "case_id || '|' || case_history_id", 'base_crm__case_history_rows', "case_id || '|' || case_history_id"
)) }}
),

deduplicated as (
    select
        *,
        row_number() over (
            partition by case_history_id
            order by changed_at desc, file_name desc
        ) as delivery_rank
    from history_rows
),

renamed as (
    select
        case_history_id,
        case_id,
        lower(field_name) as field_name,
        old_value,
        new_value,
        changed_at,
        file_name as source_file_name
    from deduplicated
    where delivery_rank = 1
)

select * from renamed
