{#- One row per answered question of a QA evaluation (the evaluation's Answers list, unnested and typed). -#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='evaluation_answer_id',
    scope='raw_key_scope',
    scope_args={
        'column': "evaluation_id",
        'base_model': "base_quality__evaluation_lines",
        'key_expr': "evaluation_id",
    },
    publish_partition='cast(submitted_at as date)',
) }}

-- depends_on: {{ ref('base_quality__evaluation_lines') }}

with

evaluations as (
    select * from {{ ref('stg_quality__evaluations') }}
    {% if is_incremental() %}
        where {{ raw_key_scope('evaluation_id', 'base_quality__evaluation_lines', 'evaluation_id') }}
    {% endif %}
),

answers as (
    {{ json_array_rows('evaluations', 'answers_json', ['evaluation_id', 'submitted_at']) }}
),

renamed as (
    select
        evaluation_id || ':' || cast(element_index as varchar) as evaluation_answer_id,
        evaluation_id,
        submitted_at,
        element_index as question_position,
        {{ json_text('element_json', '$.QuestionRefId') }} as question_ref_id,
        {{ safe_cast(json_text('element_json', '$.Weight'), 'double') }} as weight_percent,
        {{ safe_cast(json_text('element_json', '$.Score'), 'double') }} as score_percent,
        coalesce({{ safe_cast(json_text('element_json', '$.NotApplicable'), 'boolean') }}, false)
            as is_not_applicable,
        coalesce({{ safe_cast(json_text('element_json', '$.IsAutoFail'), 'boolean') }}, false)
            as is_auto_fail_question,
        coalesce({{ safe_cast(json_text('element_json', '$.AutoFailTriggered'), 'boolean') }}, false)
            as is_auto_fail_triggered
    from answers
)

select * from renamed
