{#- One row per agent on the roster, as of the latest snapshot that lists them. Names and emails are dropped. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    unique_key='agent_id',
    scope='raw_key_scope',
    scope_args={
        'column': "agent_id",
        'base_model': "base_wfm__roster_rows",
        'key_expr': "agent_id",
    },
) }}

with

roster_rows as (
    select * from {{ ref('base_wfm__roster_rows') }}
    where
        reject_reason is null
        and {{ when_incremental(raw_key_scope("agent_id", 'base_wfm__roster_rows', "agent_id")) }}
),

latest_snapshot as (
    select
        *,
        row_number() over (
            partition by agent_id
            order by snapshot_date desc, file_name desc
        ) as delivery_rank
    from roster_rows
),

renamed as (
    select
        agent_id,
        {{ hash_username('agent_username') }} as agent_username_hash,
        site,
        time_zone,
        team,
        supervisor_id,
        nullif(trim(skills), '') as skills,
        nullif(split_part(skills, '|', 1), '') as primary_skill,
        hire_date,
        termination_date,
        snapshot_date as last_seen_on_roster_date,
        file_name as source_file_name
    from latest_snapshot
    where delivery_rank = 1
)

select * from renamed
