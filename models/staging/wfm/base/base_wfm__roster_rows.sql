{#-
    Agent roster snapshot rows as delivered, parsed, with the reason a row is rejected (or null).
    Names and emails are never selected.
    Incremental: each run reads only the files that are new or changed since they were loaded.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='scoped',
    scope='landing_file_scope',
    record_key="agent_id",
    pre_hook="{{ capture_replaced_records() }}",
    post_hook=["{{ load_landing_slices() }}", "{{ record_loaded_landing_files() }}"],
) }}

{%- set files_to_load = landing_files_to_load('wfm', 'roster') %}

with

source as (
    {{ read_landing_csv(files_to_load, [
        'agent_id', 'username', 'site', 'time_zone', 'team', 'supervisor_id', 'skills', 'hire_date',
        'termination_date', 'snapshot_date'
    ]) }}
),

parsed as (
    select
        filename as file_name,
        agent_id,
        username as agent_username,
        site,
        time_zone,
        team,
        nullif(trim(supervisor_id), '') as supervisor_id,
        skills,
        hire_date as hire_date_text,
        termination_date as termination_date_text,
        snapshot_date as snapshot_date_text,
        try_cast(hire_date as date) as hire_date,
        try_cast(termination_date as date) as termination_date,
        try_cast(snapshot_date as date) as snapshot_date
    from source
),

checked as (
    select
        *,
        case
            when nullif(trim(agent_id), '') is null then 'missing agent_id'
            when nullif(trim(agent_username), '') is null then 'missing username'
            when hire_date is null then 'missing or unparseable hire_date'
            when nullif(trim(termination_date_text), '') is not null and termination_date is null
                then 'unparseable termination_date'
            when snapshot_date is null then 'missing or unparseable snapshot_date'
        end as reject_reason,
        {{ cc_batch_id() }} as _batch_id
    from parsed
)

select * from checked
