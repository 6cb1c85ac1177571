{#-
    One row per hashed phone number or email that any delivered version of a touched CRM customer carries
    (hashed exactly as staging hashes them): the identifiers whose matching this run must recompute, and
    the contacts and survey responses carrying them with it. Empty after a full refresh; kept until a run
    completes.
-#}
with

customer_rows as (
    select * from {{ ref('base_crm__customer_rows') }}
),

{% if is_incremental() %}

    touched_rows as (
        select customer_rows.*
        from customer_rows
        where {{ raw_key_scope('customer_rows.customer_id', 'base_crm__customer_rows', 'customer_id') }}
    ),

    identifiers as (
        select
            customer_id,
            {{ hash_phone('phone_text') }} as identifier_hash
        from touched_rows
        union
        select
            customer_id,
            {{ hash_phone('mobile_phone') }} as identifier_hash
        from touched_rows
        union
        select
            customer_id,
            {{ hash_email('email_text') }} as identifier_hash
        from touched_rows
    ),

    final as (
        select distinct
            identifier_hash,
            {{ cc_batch_id() }} as _batch_id
        from identifiers
        where identifier_hash is not null
    )

{% else %}

    final as (
        select
            cast(null as varchar) as identifier_hash,
            cast(null as bigint) as _batch_id
        from customer_rows
        where false
    )

{% endif %}

select * from final
