-- Rows of staffing_queue_interval that break what the staffing math guarantees: no agents without traffic,
-- more agents than Erlangs with it, schedules at least the requirement, predictions that are probabilities.
with

staffing as (
    select * from {{ ref('staffing_queue_interval') }}
),

broken as (
    select
        queue_id,
        interval_start_at,
        case
            when offered = 0 and (required_agents_erlang_c != 0 or required_agents_erlang_a != 0)
                then 'agents required without traffic'
            when traffic_erlangs > 0 and required_agents_erlang_c <= traffic_erlangs
                then 'Erlang C requirement not above the traffic'
            when
                scheduled_need_erlang_c < required_agents_erlang_c
                or scheduled_need_erlang_a < required_agents_erlang_a
                then 'scheduled need below the requirement'
            when
                predicted_service_level_erlang_c not between 0 and 1
                or predicted_service_level_erlang_a not between 0 and 1
                or predicted_abandon_rate_erlang_a not between 0 and 1
                then 'prediction outside [0, 1]'
            when traffic_erlangs > 0 and staffed_agents > 0 and predicted_service_level_erlang_c is null
                then 'no Erlang C prediction for a staffed interval with traffic'
        end as problem
    from staffing
)

select * from broken
where problem is not null
