{#-
    One row per QA evaluation, with the evaluated agent (matched on the hashed username) and the day it
    was submitted in the agent's site time zone. The score itself is int_evaluations_scored's (auto-fail
    -> 0, not-applicable questions dropped and weights renormalised): one scoring rule for every mart.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='evaluation_id',
    scope='agent_evaluations_scope',
    publish_partition='cast(submitted_at as date)',
) }}

-- depends_on: {{ ref('base_quality__evaluation_lines') }}
-- depends_on: {{ ref('int_agents_touched') }}

with

evaluations as (
    select * from {{ ref('int_evaluations_scored') }}
    {% if is_incremental() %}
        where evaluation_id in {{ agent_evaluations(this) }}
    {% endif %}
),

agents as (
    select * from {{ ref('stg_wfm__agents') }}
),

final as (
    select
        evaluations.evaluation_id,
        evaluations.contact_leg_id,
        agents.agent_id,
        evaluations.evaluation_form_title,
        evaluations.submitted_at,
        cast({{ utc_to_local('evaluations.submitted_at', 'agents.time_zone') }} as date) as submitted_local_date,
        evaluations.question_count,
        evaluations.not_applicable_question_count,
        evaluations.is_auto_failed,
        evaluations.score_percent as qa_score_percent,
        evaluations.vendor_score_percent
    from evaluations
    left join agents on evaluations.agent_username_hash = agents.agent_username_hash
)

select * from final
