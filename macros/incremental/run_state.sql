{#-
    Run bookkeeping for incremental builds (DECISIONLOG D21). Every dbt invocation is a batch with a
    sequence number in landing.cc_runs; it is `complete` only when every model of the project ran and
    every node succeeded. Incremental models work from the raw records of every batch after the last
    complete one, and from the pending scope tables (models/incremental/), which keep what earlier,
    unfinished runs set out to recompute until a run completes. `contact-center publish` refuses a build
    whose latest run is not complete.
-#}

{%- macro cc_state_schema() -%}landing{%- endmacro -%}

{#- The dbt commands that build models and so register a batch. -#}
{% macro cc_is_building() -%}
    {{ return(flags.WHICH in ('run', 'build')) }}
{%- endmacro %}

{#- Creates the state tables and registers this invocation as a batch (on-run-start of run and build). -#}
{% macro cc_begin_run() %}
    {% if not cc_is_building() %}{{ return('') }}{% endif %}
    {% set schema = cc_state_schema() %}
    create schema if not exists {{ schema }};
    create table if not exists {{ schema }}.cc_runs (
        batch_id bigint not null,
        invocation_id varchar not null,
        started_at timestamp not null,
        finished_at timestamp,
        command varchar not null,
        is_full_refresh boolean not null,
        status varchar not null
    );
    create table if not exists {{ schema }}.cc_replaced_records (
        batch_id bigint not null,
        model_name varchar not null,
        record_key varchar,
        started_at timestamp,
        ended_at timestamp
    );
    create table if not exists {{ schema }}.cc_changed_partitions (
        batch_id bigint not null,
        table_schema varchar not null,
        table_name varchar not null,
        partition_value varchar
    );
    -- which build this is: a published file names the build it came from, so a new build is published whole
    create table if not exists {{ schema }}.cc_build as select cast(uuid() as varchar) as build_id;
    insert into {{ schema }}.cc_runs
    select
        coalesce(max(batch_id), 0) + 1,
        '{{ invocation_id }}',
        cast(now() as timestamp),
        null,
        '{{ flags.WHICH }}',
        {{ 'true' if flags.FULL_REFRESH else 'false' }},
        'running'
    from {{ schema }}.cc_runs;
{% endmacro %}

{#- This invocation's batch number, as a scalar SQL expression. -#}
{% macro cc_batch_id() -%}
    (select batch_id from {{ cc_state_schema() }}.cc_runs where invocation_id = '{{ invocation_id }}')
{%- endmacro %}

{#- The batch of the latest complete run (0 before the first), as a scalar SQL expression. -#}
{% macro cc_last_complete_batch() -%}
    (select coalesce(max(batch_id), 0) from {{ cc_state_schema() }}.cc_runs where status = 'complete')
{%- endmacro %}

{#-
    on-run-end: the run is complete when it ran every model of the project (not a --select subset) and
    every node succeeded; then the pending scopes are cleared. Otherwise it is recorded as failed and the
    scopes stay for the next run.
-#}
{% macro cc_end_run(results) %}
    {% if not execute or not cc_is_building() %}{{ return('') }}{% endif %}
    {% set project_models = [] %}
    {% for node in graph.nodes.values() %}
        {% if node.resource_type == 'model' and node.package_name == project_name
            and node.config.enabled %}
            {% do project_models.append(node.unique_id) %}
        {% endif %}
    {% endfor %}
    {% set ran = [] %}
    {% set failed = [] %}
    {% for result in results %}
        {% if result.node.resource_type == 'model' %}{% do ran.append(result.node.unique_id) %}{% endif %}
        {% if result.status not in ('success', 'pass') %}{% do failed.append(result.node.unique_id) %}{% endif %}
    {% endfor %}
    {% set missing = project_models | reject('in', ran) | list %}
    {% set complete = (failed | length == 0) and (missing | length == 0) %}
    {% set schema = cc_state_schema() %}
    update {{ schema }}.cc_runs
    set
        finished_at = cast(now() as timestamp),
        status = '{{ "complete" if complete else "failed" }}'
    where invocation_id = '{{ invocation_id }}';
    {% if complete %}
        {{ cc_record_publish_layout() }}
        {#- CC_KEEP_PENDING_SCOPES=1 keeps them, to profile a run's models afterwards -#}
        {% for node in graph.nodes.values() if env_var('CC_KEEP_PENDING_SCOPES', '') == '' %}
            {% if node.resource_type == 'model' and node.package_name == project_name
                and 'pending_scope' in node.tags %}
                delete from {{ node.relation_name }};
            {% endif %}
        {% endfor %}
    {% endif %}
{% endmacro %}

{#-
    What `contact-center publish` publishes, as of the last complete run: every model and seed in a published
    schema, whether it is built incrementally (published as Parquet day files, rewritten only where a run
    changed them) and its `publish_partition` expression. DECISIONLOG D22.
-#}
{% macro cc_record_publish_layout() %}
    create or replace table {{ cc_state_schema() }}.cc_publish_layout (
        table_schema varchar not null,
        table_name varchar not null,
        is_incremental boolean not null,
        partition_expression varchar
    );
    {%- set rows = [] %}
    {%- for node in graph.nodes.values() %}
        {%- if node.resource_type in ('model', 'seed') and node.package_name == project_name and node.config.enabled
            and node.schema in ('reference', 'staging', 'intermediate', 'marts') %}
            {%- set partition = node.config.get('publish_partition') %}
            {%- do rows.append("('" ~ node.schema ~ "', '" ~ (node.alias or node.name) ~ "', "
                ~ ('true' if node.config.materialized == 'incremental' else 'false') ~ ", "
                ~ ("'" ~ cc_partition_value(partition) | replace("'", "''") ~ "'" if partition else 'null') ~ ")") %}
        {%- endif %}
    {%- endfor %}
    insert into {{ cc_state_schema() }}.cc_publish_layout values
    {{ rows | join(',\n    ') }};
{% endmacro %}
