{#-
    What an incremental run recomputes (DECISIONLOG D21). A raw record is *touched* when a batch after the
    last complete run loaded a version of it, or a re-delivered file took a version away. The touched
    keys of each source, and what they reach downstream, are collected by the pending-scope models in
    models/intermediate/touched/; the scoped strategy's `scope` macros below delete the rows they name.
-#}

{#- The raw rows loaded by the batches since the last complete run (valid or not). -#}
{% macro new_raw_rows(base_model) -%}
    (select * from {{ ref(base_model) }} where _batch_id > {{ cc_last_complete_batch() }})
{%- endmacro %}

{#- Keys of `base_model` whose versions changed since the last complete run: new ones and replaced ones. -#}
{% macro touched_raw_keys(base_model, key_expr) -%}
    (
        select cast({{ key_expr }} as varchar) as record_key
        from {{ new_raw_rows(base_model) }} as new_rows
        where {{ key_expr }} is not null
        union
        select record_key
        from {{ cc_state_schema() }}.cc_replaced_records
        where model_name = '{{ base_model }}' and batch_id > {{ cc_last_complete_batch() }} and record_key is not null
    )
{%- endmacro %}

{#-
    pre-hook of a base_ model: before a re-delivered file's rows are replaced, remember their keys (config
    `record_key`, an expression over the model's columns) and, where downstream models need to know when
    the record was (config `record_span`: start and end expressions), its time span, so that a record the
    new file no longer holds is recomputed too.
-#}
{% macro capture_replaced_records() %}
    {%- set key_expr = config.get('record_key') -%}
    {%- set span = config.get('record_span', ['null', 'null']) -%}
    {%- if is_incremental() %}
    insert into {{ cc_state_schema() }}.cc_replaced_records
    select distinct
        {{ cc_batch_id() }},
        '{{ this.identifier }}',
        cast({{ key_expr }} as varchar),
        cast({{ span[0] }} as timestamp),
        cast({{ span[1] }} as timestamp)
    from {{ this }}
    where {{ landing_file_scope() }}
    {%- endif %}
{% endmacro %}

{#- Time spans of the records of `base_model` that re-delivered files took away since the last complete run. -#}
{% macro replaced_record_spans(base_model) -%}
    (
        select record_key, started_at, ended_at
        from {{ cc_state_schema() }}.cc_replaced_records
        where model_name = '{{ base_model }}' and batch_id > {{ cc_last_complete_batch() }}
    )
{%- endmacro %}

{#- scope: rows whose `column` is among the touched raw keys of `base_model`. -#}
{% macro raw_key_scope(column, base_model, key_expr) -%}
    cast({{ column }} as varchar) in (select record_key from {{ touched_raw_keys(base_model, key_expr) }})
{%- endmacro %}

{#- scope: rows whose `columns` appear in the same columns of the model `touched_model`. -#}
{% macro touched_scope(columns, touched_model) -%}
    {%- set cols = [columns] if columns is string else columns -%}
    ({{ cols | join(', ') }}) in (select {{ cols | join(', ') }} from {{ ref(touched_model) }})
{%- endmacro %}

{#- scope: rows read from the files that the batches since the last complete run loaded, of these base_ models. -#}
{% macro loaded_files_scope(base_models) -%}
    file_name in (
        {%- for base_model in base_models %}
        {%- set base = ref(base_model) %}
        select file_name from {{ base.schema }}.{{ base.identifier }}__files where batch_id > {{ cc_last_complete_batch() }}
        {{ 'union all' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{#-
    A model's table as the previous run left it, for the pending-scope models: they run before the model
    (which depends on them), so this is its old state. Named directly, not with ref(), which would make a
    cycle.
-#}
{% macro previous_state(model_name) -%}
    {%- set node = graph.nodes['model.' ~ project_name ~ '.' ~ model_name] -%}
    {{ node.relation_name }}
{%- endmacro %}


{#-
    scope: rows matching any of `conditions`, each [column, touched model, its column]: the row's column
    is among the model's values.
-#}
{% macro in_touched(conditions) -%}
    (
        {%- for column, touched_model, touched_column in conditions %}
        {{ column }} in (
            select {{ touched_column }} from {{ ref(touched_model) }} where {{ touched_column }} is not null
        )
        {{ 'or' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{#- The contacts int_contacts_sessionized recomputes (int_contacts_recomputed), as a subquery. -#}
{% macro recomputed_contacts() -%}
    (select recomputed.contact_id from {{ ref('int_contacts_recomputed') }} as recomputed)
{%- endmacro %}

{#- scope: rows of the contacts int_contacts_sessionized recomputes (and of touched contacts). -#}
{% macro recomputed_contacts_scope(column='contact_id') -%}
    {{ column }} in {{ recomputed_contacts() }}
{%- endmacro %}

{#- scope: legs of the recomputed contacts, and touched legs (a touched leg may have left its contact). -#}
{% macro contact_legs_scope() -%}
    (
        {{ recomputed_contacts_scope() }}
        or {{ in_touched([['contact_leg_id', 'int_contact_legs_touched', 'contact_leg_id']]) }}
    )
{%- endmacro %}

{#-
    The journeys fct_journeys recomputes beyond those of recomputed contacts, as a subquery of
    journey_id: journeys holding a contact whose case (or case history) or survey response is touched.
-#}
{% macro journeys_with_touched_outcomes() -%}
    (
        with
        contacts as (select * from {{ ref('int_contacts_sessionized') }}),
        touched_cases as (
            select record_key as case_id
            from {{ touched_raw_keys('base_crm__case_rows', 'case_id') }}
            union
            select split_part(record_key, '|', 1) as case_id
            from {{ touched_raw_keys('base_crm__case_history_rows', "case_id || '|' || case_history_id") }}
        ),
        touched_responses as (select * from {{ ref('int_survey_responses_touched') }}),
        surveyed_contacts as (
            select linked.contact_id
            from {{ ref('int_survey_responses_linked') }} as linked
            where linked.survey_response_id in (select survey_response_id from touched_responses)
            union
            select previous_contact_id as contact_id from touched_responses
        )
        select journey_id from contacts where case_id in (select case_id from touched_cases)
        union
        select journey_id from contacts where contact_id in (select contact_id from surveyed_contacts)
    )
{%- endmacro %}

{#- scope of fct_journeys: journeys whose first contact is recomputed, and journeys with touched outcomes. -#}
{% macro journeys_scope() -%}
    (
        {{ recomputed_contacts_scope('first_contact_id') }}
        or journey_id in {{ journeys_with_touched_outcomes() }}
    )
{%- endmacro %}

{#-
    scope of fct_survey_responses: touched responses, responses about a recomputed contact, and responses
    whose recipient email is a touched identifier (an unlinked response is matched to a customer on it).
-#}
{% macro survey_responses_scope() -%}
    survey_response_id in (
        select touched.survey_response_id from {{ ref('int_survey_responses_touched') }} as touched
        union
        select linked.survey_response_id
        from {{ ref('int_survey_responses_linked') }} as linked
        where
            {{ recomputed_contacts_scope('linked.contact_id') }}
            or linked.recipient_email_hash in (
                select identifier_hash from {{ ref('int_customer_identifiers_touched') }}
            )
    )
{%- endmacro %}

{#- scope of dim_customers: touched customers, and the customers (before and now) of recomputed contacts. -#}
{% macro customers_scope(column='customer_id') -%}
    {{ column }} in (
        select record_key from {{ touched_raw_keys('base_crm__customer_rows', 'customer_id') }}
        union
        select previous_customer_id from {{ ref('int_contacts_touched') }} where previous_customer_id is not null
        union
        select sessionized.customer_id
        from {{ ref('int_contacts_sessionized') }} as sessionized
        where sessionized.customer_id is not null and {{ recomputed_contacts_scope('sessionized.contact_id') }}
    )
{%- endmacro %}

{#-
    The local days whose handled contacts, AHT against the queues, FCR or CSAT may change for some agent,
    as a subquery of `local_date`: around touched agent-days and queue-days (a queue's AHT that day changes
    for every agent who took its contacts), and around the days the recomputed contacts and the contacts of
    touched survey responses were answered on. An agent's local day and a queue's are at most a day apart.
-#}
{% macro agent_contact_dates() -%}
    (
        with
        scope_days as (
            select touched.local_date from {{ ref('int_agent_days_touched') }} as touched
            union
            select touched.local_date from {{ ref('int_queue_days_touched') }} as touched
        ),
        scope_contacts as (
            select recomputed.contact_id from {{ ref('int_contacts_recomputed') }} as recomputed
            union
            select linked.contact_id
            from {{ ref('int_survey_responses_linked') }} as linked
            semi join {{ ref('int_survey_responses_touched') }} as touched
                on linked.survey_response_id = touched.survey_response_id
            union
            select touched.previous_contact_id from {{ ref('int_survey_responses_touched') }} as touched
        ),
        scope_answered as (
            select cast(legs.connected_to_agent_at as date) as local_date
            from {{ ref('int_contact_legs_classified') }} as legs
            semi join scope_contacts on legs.contact_id = scope_contacts.contact_id
            where legs.is_answered
        ),
        scope_all as (
            select scope_days.local_date from scope_days
            union
            select scope_answered.local_date from scope_answered
        )
        select distinct cast(unnest(generate_series(
            scope_all.local_date - 1, scope_all.local_date + 1, interval 1 day
        )) as date) as local_date
        from scope_all
    )
{%- endmacro %}

{% macro agent_contact_dates_scope() -%}
    local_date in {{ agent_contact_dates() }}
{%- endmacro %}

{#-
    The QA evaluations whose agent-level row may change, as a subquery of evaluation_id: touched evaluations,
    and those of re-identified agents (their username or time zone changed), by their new username and as
    the previous build had them (`previous`: that relation).
-#}
{% macro agent_evaluations(previous) -%}
    (
        select record_key as evaluation_id
        from {{ touched_raw_keys('base_quality__evaluation_lines', 'evaluation_id') }}
        union
        select evaluations.evaluation_id
        from {{ ref('int_evaluations_scored') }} as evaluations
        inner join {{ ref('stg_wfm__agents') }} as agents
            on evaluations.agent_username_hash = agents.agent_username_hash
        where agents.agent_id in (select agent_id from {{ ref('int_agents_touched') }} where is_reidentified)
        union
        select evaluation_id
        from {{ previous }}
        where agent_id in (select agent_id from {{ ref('int_agents_touched') }} where is_reidentified)
    )
{%- endmacro %}

{#- scope of int_agent_evaluations_scored. -#}
{% macro agent_evaluations_scope() -%}
    evaluation_id in {{ agent_evaluations(this) }}
{%- endmacro %}

{#-
    scope of kpi_agent_daily: every agent's row of the days whose intervals, contacts or evaluations
    changed (the evaluations' partitions are UTC days), and every day of an agent whose roster entry
    changed (site, team and supervisor are on every row).
-#}
{% macro agent_daily_scope(date_column='local_date') -%}
    (
        {{ date_column }} in (
            select changed.partition_date
            from {{ changed_dates(['fct_agent_intervals', 'int_agent_daily_contacts'], 0) }} as changed
            union
            select changed.partition_date
            from {{ changed_dates(['int_agent_evaluations_scored'], 1) }} as changed
        )
        or agent_id in (select touched.agent_id from {{ ref('int_agents_touched') }} as touched)
    )
{%- endmacro %}

{#-
    The day partitions of `models` that changed since the last complete run (landing.cc_changed_partitions),
    widened by `margin_days` on each side, as a subquery of `partition_date`. A model rebuilt as a whole
    in that time (a null partition) changed on every day: then every date from 1900 to 2200 is listed.
    Downstream day-level marts recompute these days; the margin covers a local day against a UTC one.
-#}
{% macro changed_dates(models, margin_days=0) -%}
    (
        with
        changed as (
            select table_name, partition_value
            from {{ cc_state_schema() }}.cc_changed_partitions
            where
                batch_id > {{ cc_last_complete_batch() }}
                and table_name in ({% for m in models %}'{{ ref(m).identifier }}'{{ ', ' if not loop.last }}{% endfor %})
        ),
        days as (
            select cast(partition_value as date) as partition_date from changed where partition_value is not null
            union all
            select cast(unnest(generate_series(date '1900-01-01', date '2200-01-01', interval 1 day)) as date)
            from (select 1 as whole from changed where partition_value is null limit 1) as rebuilt
        )
        select distinct cast(unnest(generate_series(
            days.partition_date - {{ margin_days }}, days.partition_date + {{ margin_days }}, interval 1 day
        )) as date) as partition_date
        from days
    )
{%- endmacro %}

{#-
    scope of kpi_queue_interval: the local days around the days whose queued legs changed (a leg enters the
    queue within a day of its initiation, and a site's local day straddles two UTC days), and the days the
    interval spine no longer has.
-#}
{% macro queue_interval_scope() -%}
    (
        local_date in {{ changed_dates(['fct_contact_legs'], 2) }}
        or (queue_name, local_date) in (select queue_name, local_date from {{ ref('int_queue_days_touched') }})
        or (time_zone, local_date) not in (select time_zone, local_date from {{ ref('int_intervals_spined') }})
    )
{%- endmacro %}

{#-
    The UTC dates whose queue staffing may change, as a subquery of `staffed_date`: around the local days
    whose agent intervals changed, the queue-days touched legs reach (their busy time), and every day an
    agent whose roster entry changed (skills) worked.
-#}
{% macro staffed_dates() -%}
    (
        select partition_date as staffed_date from {{ changed_dates(['fct_agent_intervals'], 1) }}
        union
        select cast(unnest(generate_series(local_date - 1, local_date + 1, interval 1 day)) as date)
        from {{ ref('int_queue_days_touched') }}
        union
        select cast(agent_intervals.interval_start_at as date)
        from {{ ref('fct_agent_intervals') }} as agent_intervals
        where agent_intervals.agent_id in (select agent_id from {{ ref('int_agents_touched') }})
    )
{%- endmacro %}

{% macro staffed_scope() -%}
    cast(interval_start_at as date) in {{ staffed_dates() }}
{%- endmacro %}

{#-
    scope of int_queue_days_profiled (over kpi_queue_interval's columns): the days a run changes queue
    counts, legs or staffing on, and the var('staffing_profile_days') - 1 days after each (their trailing
    windows reach it).
-#}
{% macro queue_profile_scope() -%}
    local_date in (
        with changed as (
            select partition_date from {{ changed_dates(['kpi_queue_interval'], 0) }}
            union
            select partition_date from {{ changed_dates(['fct_contact_legs'], 2) }}
            union
            select partition_date from {{ changed_dates(['int_queue_intervals_staffed'], 1) }}
            union
            select local_date from {{ ref('int_queue_days_touched') }}
        )
        select distinct cast(unnest(generate_series(
            partition_date, partition_date + {{ var('staffing_profile_days') - 1 }}, interval 1 day
        )) as date)
        from changed
    )
{%- endmacro %}

{#- scope of staffing_queue_interval: the days whose queue counts, staffing or profile changed. -#}
{% macro staffing_days_scope() -%}
    local_date in (
        select partition_date from {{ changed_dates(['kpi_queue_interval', 'int_queue_days_profiled'], 0) }}
        union
        select partition_date from {{ changed_dates(['int_queue_intervals_staffed'], 1) }}
    )
{%- endmacro %}

{#-
    The local days kpi_experience_daily recomputes, as a subquery of `local_date`: around the days whose
    contacts or journeys changed, the days touched survey responses were recorded on or are (were) credited
    to through their contact, and the days of the contacts whose legs touched QA evaluations are about.
-#}
{% macro experience_days() -%}
    (
        with
        touched_responses as (select * from {{ ref('int_survey_responses_touched') }}),
        contacts as (select * from {{ ref('fct_contacts') }}),
        response_dates as (
            select cast(previous_recorded_at as date) as utc_date from touched_responses
            union
            select cast(contacts.started_at as date)
            from touched_responses
            inner join contacts on touched_responses.previous_contact_id = contacts.contact_id
            union
            select cast(responses.recorded_at as date)
            from {{ ref('fct_survey_responses') }} as responses
            where responses.survey_response_id in (select survey_response_id from touched_responses)
            union
            select cast(contacts.started_at as date)
            from {{ ref('fct_survey_responses') }} as responses
            inner join contacts on responses.contact_id = contacts.contact_id
            where responses.survey_response_id in (select survey_response_id from touched_responses)
        ),
        evaluation_dates as (
            select cast(contacts.started_at as date) as utc_date
            from {{ ref('base_quality__evaluation_lines') }} as evaluation_lines
            inner join {{ ref('fct_contact_legs') }} as legs on evaluation_lines.contact_id = legs.contact_leg_id
            inner join contacts on legs.contact_id = contacts.contact_id
            where {{ raw_key_scope('evaluation_lines.evaluation_id', 'base_quality__evaluation_lines', 'evaluation_id') }}
        ),
        utc_dates as (
            select utc_date from response_dates
            union
            select utc_date from evaluation_dates
        )
        select partition_date as local_date from {{ changed_dates(['fct_contacts', 'fct_journeys'], 1) }}
        union
        select distinct cast(unnest(generate_series(utc_date - 1, utc_date + 1, interval 1 day)) as date)
        from utc_dates
        where utc_date is not null
    )
{%- endmacro %}

{% macro experience_days_scope() -%}
    local_date in {{ experience_days() }}
{%- endmacro %}

{#- A filter that applies only in an incremental run (`true` when the model is built from scratch). -#}
{% macro when_incremental(predicate) -%}
    {{ predicate if is_incremental() else 'true' }}
{%- endmacro %}
