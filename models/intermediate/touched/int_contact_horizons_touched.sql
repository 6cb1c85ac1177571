{#-
    One row per incremental run since the last complete one: how far the contacts reached before it (the
    latest contact start of the previous build). A contact's repeat window is judged elapsed against the
    latest contact in the data, so when that moves, the contacts whose window end it passes are recomputed
    (int_contacts_sessionized). Empty after a full refresh; kept until a run completes.
-#}
with

{% if is_incremental() %}

    final as (
        select
            max(started_at) as previous_observed_until,
            {{ cc_batch_id() }} as _batch_id
        from {{ previous_state('int_contacts_sessionized') }}
    )

{% else %}

    final as (
        select
            cast(null as timestamp) as previous_observed_until,
            cast(null as bigint) as _batch_id
        where false
    )

{% endif %}

select * from final
