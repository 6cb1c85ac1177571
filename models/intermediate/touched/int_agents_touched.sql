{#-
    One row per agent whose roster entry (stg_wfm__agents: the latest snapshot listing them) changes in this
    run: new on the roster, or a different username, time zone, site, team, supervisor, skills or dates.
    `is_reidentified` when the username or time zone changed (or the agent is new): every day of the agent
    is then recomputed, since their events, contacts and local days are matched through them. Empty after
    a full refresh; kept until a run completes.
-#}
with

roster_rows as (
    select * from {{ ref('base_wfm__roster_rows') }}
    where reject_reason is null
),

{% if is_incremental() %}

    latest_rows as (
        select
            agent_id,
            agent_username,
            time_zone,
            site,
            team,
            supervisor_id,
            skills,
            hire_date,
            termination_date,
            _batch_id > {{ cc_last_complete_batch() }} as is_new_row,
            row_number() over (
                partition by agent_id order by snapshot_date desc, file_name desc
            ) as recency
        from roster_rows
    ),

    -- the latest row before this run's rows, against the latest row now
    previous_rows as (
        select
            *,
            row_number() over (partition by agent_id order by recency) as previous_recency
        from latest_rows
        where not is_new_row
    ),

    compared as (
        select
            now_row.agent_id,
            (
                before_row.agent_id is null
                or {{ differs('before_row.agent_username', 'now_row.agent_username') }}
                or {{ differs('before_row.time_zone', 'now_row.time_zone') }}
            ) as is_reidentified,
            (
                before_row.agent_id is null
                or {{ differs('before_row.agent_username', 'now_row.agent_username') }}
                or {{ differs('before_row.time_zone', 'now_row.time_zone') }}
                or {{ differs('before_row.site', 'now_row.site') }}
                or {{ differs('before_row.team', 'now_row.team') }}
                or {{ differs('before_row.supervisor_id', 'now_row.supervisor_id') }}
                or {{ differs('before_row.skills', 'now_row.skills') }}
                or {{ differs('before_row.hire_date', 'now_row.hire_date') }}
                or {{ differs('before_row.termination_date', 'now_row.termination_date') }}
            ) as is_changed
        from latest_rows as now_row
        left join previous_rows as before_row
            on now_row.agent_id = before_row.agent_id and before_row.previous_recency = 1
        where now_row.recency = 1 and now_row.is_new_row
    ),

    final as (
        select
            agent_id,
            is_reidentified,
            {{ cc_batch_id() }} as _batch_id
        from compared
        where is_changed
    )

{% else %}

    final as (
        select
            agent_id,
            true as is_reidentified,
            cast(null as bigint) as _batch_id
        from roster_rows
        where false
    )

{% endif %}

select * from final
