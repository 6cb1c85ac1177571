{#- One row per answered question of a QA evaluation (the evaluation's Answers list, unnested and typed). -#}
with

evaluations as (
    select * from {{ ref('stg_quality__evaluations') }}
),

answers as (
    {{ json_array_rows('evaluations', 'answers_json', ['evaluation_id']) }}
),

renamed as (
    select
        evaluation_id || ':' || cast(element_index as varchar) as evaluation_answer_id,
        evaluation_id,
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
