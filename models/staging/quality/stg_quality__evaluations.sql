{#- One row per QA evaluation, the latest submission of each EvaluationId. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='evaluation_id',
    scope='raw_key_scope',
    scope_args={
        'column': "evaluation_id",
        'base_model': "base_quality__evaluation_lines",
        'key_expr': "evaluation_id",
    },
    publish_partition='cast(submitted_at as date)',
) }}

with

evaluation_lines as (
    select * from {{ ref('base_quality__evaluation_lines') }}
    where
        reject_reason is null
        and {{ when_incremental(raw_key_scope("evaluation_id", 'base_quality__evaluation_lines', "evaluation_id")) }}
),

latest_submission as (
    select
        *,
        row_number() over (
            partition by evaluation_id
            order by submitted_at desc, file_name desc, line_number desc
        ) as delivery_rank
    from evaluation_lines
),

renamed as (
    select
        evaluation_id,
        evaluation_form_title,
        contact_id as contact_leg_id,
        {{ hash_username('agent_username') }} as agent_username_hash,
        {{ hash_username('evaluator_username') }} as evaluator_username_hash,
        submitted_at,
        vendor_score_percent,
        answers_json,
        file_name as source_file_name
    from latest_submission
    where delivery_rank = 1
)

select * from renamed
