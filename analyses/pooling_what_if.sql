-- What if two queues were one? Agents saved by answering both queues' contacts from one pool of agents at
-- the same service level: in every interval, Erlang C's requirement for each queue on its own, added up,
-- against the requirement for the merged traffic (both queues' contacts, their handle-time-weighted AHT,
-- and the stricter of the two targets and thresholds). The same contacts, the same answer promise; fewer
-- agents, because a pooled agent idle on one queue's lull takes the other queue's contact (the
-- square-root staffing effect). It assumes every pooled agent can take both queues' contacts.
-- Pick the queues with --vars '{pooling_queues: [BOS_Billing_Voice, GLA_Billing_Voice]}'. It calls the
-- published SQL function erlang_c_required_agents, so its compiled SQL runs as-is on the published file.
{%- set pair = var('pooling_queues', ['BOS_Billing_Voice', 'GLA_Billing_Voice']) %}
with

staffing as (
    select * from {{ ref('staffing_queue_interval') }}
),

first_queue as (
    select * from staffing
    where queue_name = '{{ pair[0] }}'
),

second_queue as (
    select * from staffing
    where queue_name = '{{ pair[1] }}'
),

paired as (
    select
        coalesce(first_queue.interval_start_at, second_queue.interval_start_at) as interval_start_at,
        coalesce(first_queue.interval_seconds, second_queue.interval_seconds) as interval_seconds,
        coalesce(first_queue.offered, 0) as first_offered,
        coalesce(second_queue.offered, 0) as second_offered,
        coalesce(first_queue.required_agents_erlang_c, 0) as first_required_agents,
        coalesce(second_queue.required_agents_erlang_c, 0) as second_required_agents,
        coalesce(first_queue.offered * first_queue.staffing_aht_seconds, 0)
        + coalesce(second_queue.offered * second_queue.staffing_aht_seconds, 0) as pooled_work_seconds,
        greatest(
            coalesce(first_queue.service_level_target, second_queue.service_level_target),
            coalesce(second_queue.service_level_target, first_queue.service_level_target)
        ) as pooled_target,
        least(
            coalesce(first_queue.service_level_threshold_seconds, second_queue.service_level_threshold_seconds),
            coalesce(second_queue.service_level_threshold_seconds, first_queue.service_level_threshold_seconds)
        ) as pooled_threshold_seconds
    from first_queue
    full outer join second_queue on first_queue.interval_start_at = second_queue.interval_start_at
),

pooled as (
    select
        *,
        first_offered + second_offered as pooled_offered,
        pooled_work_seconds / nullif(first_offered + second_offered, 0) as pooled_aht_seconds,
        first_required_agents + second_required_agents as separate_required_agents,
        case
            when first_offered + second_offered = 0 then 0
            else erlang_c_required_agents(
                first_offered + second_offered,
                interval_seconds,
                pooled_work_seconds / (first_offered + second_offered),
                pooled_target,
                pooled_threshold_seconds
            )
        end as pooled_required_agents
    from paired
),

summary as (
    select
        '{{ pair[0] }}' as first_queue_name,
        '{{ pair[1] }}' as second_queue_name,
        count(*) as intervals,
        sum(case when pooled_offered > 0 then 1 else 0 end) as intervals_with_traffic,
        sum(separate_required_agents * interval_seconds) / 3600.0 as separate_agent_hours,
        sum(pooled_required_agents * interval_seconds) / 3600.0 as pooled_agent_hours,
        sum((separate_required_agents - pooled_required_agents) * interval_seconds) / 3600.0 as agent_hours_saved,
        1 - sum(pooled_required_agents * interval_seconds)
        / nullif(sum(separate_required_agents * interval_seconds), 0) as share_of_agent_hours_saved,
        max(separate_required_agents - pooled_required_agents) as most_agents_saved_in_an_interval,
        sum(case when pooled_required_agents > separate_required_agents then 1 else 0 end)
            as intervals_where_pooling_needs_more
    from pooled
)

select * from summary
