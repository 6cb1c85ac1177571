{#-
    One row per QA evaluation (latest submission), scored from its answers the way Amazon Connect scores
    an evaluation form: a triggered auto-fail question sets the whole form to 0; not-applicable questions
    are dropped and the weights of the answered questions renormalised to 100, i.e.
    score = sum(weight x score) / sum(weight of answered questions). The vendor's own total sits beside it.
-#}
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

-- depends_on: {{ ref('base_quality__evaluation_lines') }}

with

evaluations as (
    select * from {{ ref('stg_quality__evaluations') }}
    {% if is_incremental() %}
        where {{ raw_key_scope('evaluation_id', 'base_quality__evaluation_lines', 'evaluation_id') }}
    {% endif %}
),

answers as (
    select * from {{ ref('stg_quality__evaluation_answers') }}
    {% if is_incremental() %}
        where evaluation_id in (select scoped.evaluation_id from evaluations as scoped)
    {% endif %}
),

answer_totals as (
    select
        evaluation_id,
        count(*) as question_count,
        sum(case when is_not_applicable then 0 else 1 end) as answered_question_count,
        sum(case when is_not_applicable then 1 else 0 end) as not_applicable_question_count,
        {{ exact_sum('case when is_not_applicable then 0 else weight_percent end') }} as answered_weight_percent,
        {{ exact_sum('case when is_not_applicable then 0 else weight_percent * score_percent end') }}
            as weighted_score_sum,
        sum(case when is_auto_fail_triggered then 1 else 0 end) > 0 as is_auto_failed
    from answers
    group by evaluation_id
),

scored as (
    select
        evaluations.evaluation_id,
        evaluations.evaluation_form_title,
        evaluations.contact_leg_id,
        evaluations.agent_username_hash,
        evaluations.evaluator_username_hash,
        evaluations.submitted_at,
        coalesce(answer_totals.question_count, 0) as question_count,
        coalesce(answer_totals.answered_question_count, 0) as answered_question_count,
        coalesce(answer_totals.not_applicable_question_count, 0) as not_applicable_question_count,
        answer_totals.answered_weight_percent,
        coalesce(answer_totals.is_auto_failed, false) as is_auto_failed,
        case
            when answer_totals.is_auto_failed then 0.0
            else answer_totals.weighted_score_sum / nullif(answer_totals.answered_weight_percent, 0)
        end as score_percent,
        evaluations.vendor_score_percent
    from evaluations
    left join answer_totals on evaluations.evaluation_id = answer_totals.evaluation_id
),

final as (
    select
        evaluation_id,
        evaluation_form_title,
        contact_leg_id,
        agent_username_hash,
        evaluator_username_hash,
        submitted_at,
        question_count,
        answered_question_count,
        not_applicable_question_count,
        answered_weight_percent,
        is_auto_failed,
        score_percent,
        vendor_score_percent,
        score_percent - vendor_score_percent as score_difference_percent,
        abs(score_percent - vendor_score_percent) <= 0.01 as is_score_matching_vendor
    from scored
)

select * from final
