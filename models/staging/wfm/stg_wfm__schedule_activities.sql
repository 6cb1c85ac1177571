{#- One row per scheduled agent activity, the latest publication for each agent and start time, in UTC. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='schedule_activity_id',
    scope='raw_key_scope',
    scope_args={
        'column': "agent_id || '|' || cast(started_at_local as varchar)",
        'base_model': "base_wfm__schedule_rows",
        'key_expr': "agent_id || '|' || cast(starts_local as varchar)",
    },
    publish_partition='cast(started_at as date)',
) }}

with

schedule_rows as (
    select * from {{ ref('base_wfm__schedule_rows') }}
    where
        reject_reason is null
        and {{ when_incremental(raw_key_scope(
            "agent_id || '|' || cast(starts_local as varchar)",
            'base_wfm__schedule_rows',
            "agent_id || '|' || cast(starts_local as varchar)",
        )) }}
),

latest_publication as (
    select
        *,
        row_number() over (
            partition by agent_id, starts_local
            order by published_at desc, file_name desc
        ) as delivery_rank
    from schedule_rows
),

renamed as (
    select
        md5(agent_id || '|' || cast(starts_local as varchar)) as schedule_activity_id,
        agent_id,
        lower(activity) as activity,
        started_at,
        ended_at,
        starts_local as started_at_local,
        time_zone,
        published_at,
        file_name as source_file_name
    from latest_publication
    where delivery_rank = 1
)

select * from renamed
