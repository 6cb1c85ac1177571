{#-
    One row per customer contact this run recomputes from int_contacts_sessionized on: every contact of each
    (customer, issue family) a touched contact is or was in (journeys are sequences within those), the
    touched contacts themselves, and the contacts whose repeat window end the data's horizon passed since
    the last complete run (their window is now elapsed, or no longer). Built once per run from the pending
    scopes and the freshly built int_contacts_identified, for every model downstream of it. Empty after a
    full refresh (everything is recomputed). In the `landing` schema, never published. DECISIONLOG D21.
-#}
{{ config(materialized='table', schema='landing') }}

-- depends_on: {{ ref('int_contacts_touched') }}
-- depends_on: {{ ref('int_contact_horizons_touched') }}

{%- set window_days = var('journey_window_days') %}

with

identified as (
    select * from {{ ref('int_contacts_identified') }}
),

touched as (
    select * from {{ ref('int_contacts_touched') }}
),

horizons as (
    select
        min(previous_observed_until) as previous_low,
        max(previous_observed_until) as previous_high
    from {{ ref('int_contact_horizons_touched') }}
),

observed as (
    select max(started_at) as observed_until from identified
),

-- a contact's window ends `window_days` after it starts: those whose end lies between the old horizon and
-- the new one changed their verdict
horizon_bounds as (
    select
        {{ dbt.dateadd('day', -window_days, 'least(horizons.previous_low, observed.observed_until)') }}
            as first_started_after,
        {{ dbt.dateadd('day', -window_days, 'greatest(horizons.previous_high, observed.observed_until)') }}
            as last_started_by
    from horizons
    cross join observed
),

horizon_passed as (
    select
        identified.contact_id,
        identified.customer_id,
        identified.issue_family
    from identified
    cross join horizon_bounds
    where
        identified.started_at > horizon_bounds.first_started_after
        and identified.started_at <= horizon_bounds.last_started_by
),

partitions as (
    select
        touched.previous_customer_id as customer_id,
        touched.previous_issue_family as issue_family
    from touched
    union
    select
        identified.customer_id,
        identified.issue_family
    from identified
    inner join touched on identified.contact_id = touched.contact_id
    union
    select
        horizon_passed.customer_id,
        horizon_passed.issue_family
    from horizon_passed
),

recomputed as (
    select identified.contact_id
    from identified
    inner join partitions
        on identified.customer_id = partitions.customer_id and identified.issue_family = partitions.issue_family
    union
    select touched.contact_id from touched
    union
    select horizon_passed.contact_id from horizon_passed
),

final as (
    select distinct contact_id from recomputed
)

select * from final
