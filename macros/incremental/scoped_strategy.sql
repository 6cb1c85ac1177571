{#-
    Incremental strategy `scoped`: recompute a scope of rows, write only the rows that changed. The model's
    config says which rows a run recomputes:
    - `scope`: the name of a macro returning a SQL predicate over the existing table's columns that
      selects the rows this run recomputes (e.g. every contact of the customers the run touches; a macro,
      because it is rendered when the model runs); `scope_args` are passed to it;
    - the model's SQL, in its incremental branch, selects the new version of exactly those rows.
    With a `unique_key`, the new rows are compared with the old ones of the scope, and only the keys whose
    row changed (or appeared, or went) are deleted and inserted: a recomputed row that comes out the same
    is not written again, so the partitions logged for publishing are those that really changed. Without
    one (the base_ models), the scope is replaced as a whole.
    When the model has `publish_partition` (a SQL expression over its columns, a day for most tables),
    the partitions of the rows written are logged in landing.cc_changed_partitions, so that
    `contact-center publish` rewrites only those (DECISIONLOG D22); without one, a change is logged as a
    change of the whole table.
-#}
{% macro get_incremental_scoped_sql(arg_dict) %}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set source = arg_dict['temp_relation'] -%}
    {%- set unique_key = arg_dict['unique_key'] -%}
    {%- set scope_macro = config.get('scope') -%}
    {%- if scope_macro is none or scope_macro not in context -%}
        {% do exceptions.raise_compiler_error(model.name ~ ": the scoped strategy needs a `scope` macro") %}
    {%- endif -%}
    {%- set scope = context[scope_macro](**config.get('scope_args', {})) -%}
    {%- set keys = [unique_key] if unique_key is string else (unique_key or []) -%}
    {%- set columns = arg_dict['dest_columns'] | map(attribute='name') | list -%}
    {%- set dest_cols_csv = get_quoted_csv(columns) -%}
    {%- if keys %}
        {%- set changed = make_temp_relation(target, '__cc_changed') -%}
        {%- set by_changed_key = ' as cc_row semi join ' ~ changed.identifier ~ ' as cc_key on '
            ~ cc_keys_match(keys, 'cc_key', 'cc_row') -%}
        create or replace temporary table {{ changed.identifier }} as
        with
        previous as (
            select {{ dest_cols_csv }} from {{ target }} as cc_row where {{ scope }}
            union
            select {{ dest_cols_csv }}
            from {{ target }} as cc_row
            semi join {{ source }} as cc_key on {{ cc_keys_match(keys, 'cc_key', 'cc_row') }}
        ),
        recomputed as (
            select {{ dest_cols_csv }} from {{ source }}
        ),
        differing as (
            (select * from previous except all select * from recomputed)
            union all
            (select * from recomputed except all select * from previous)
        )
        select distinct {{ keys | join(', ') }} from differing;
        {{ cc_log_partitions(target, target ~ by_changed_key) }}
        delete from {{ target }} as cc_row
        using {{ changed.identifier }} as cc_key
        where {{ cc_keys_match(keys, 'cc_key', 'cc_row') }};
        insert into {{ target }} ({{ dest_cols_csv }})
        select {{ dest_cols_csv }} from {{ source }}{{ by_changed_key }};
        {{ cc_log_partitions(target, source ~ by_changed_key) }}
        drop table {{ changed.identifier }};
    {%- else %}
        {{ cc_log_partitions(target, target ~ ' as cc_row where ' ~ scope) }}
        delete from {{ target }} where {{ scope }};
        insert into {{ target }} ({{ dest_cols_csv }})
        select {{ dest_cols_csv }} from {{ source }};
        {{ cc_log_partitions(target, source ~ ' as cc_row') }}
    {%- endif %}
{% endmacro %}

{#-
    Log the publish partitions of the rows `rows` (a from clause aliasing them cc_row) as changed in
    `target`. Without a `publish_partition` any change is a change of the whole table (a null partition).
-#}
{% macro cc_log_partitions(target, rows) %}
    {%- set partition = config.get('publish_partition') -%}
    insert into {{ cc_state_schema() }}.cc_changed_partitions
    select distinct
        {{ cc_batch_id() }},
        '{{ target.schema }}',
        '{{ target.identifier }}',
        {% if partition is not none %}{{ cc_partition_value(partition) }}{% else %}cast(null as varchar){% endif %}
    from {{ rows }};
{% endmacro %}

{#-
    Global pre-hook (it must see the table as it was before the model runs): a model built from scratch in
    this run (a table, or an incremental model on its first run or in a full refresh) changes as a whole;
    logged with a null partition, in the model's own transaction.
-#}
{% macro cc_log_rebuilt_table() %}
    {%- if execute and cc_is_building() and model.resource_type == 'model'
        and config.get('materialized') in ('table', 'incremental')
        and (config.get('materialized') == 'table' or not is_incremental()) %}
    insert into {{ cc_state_schema() }}.cc_changed_partitions
    values ({{ cc_batch_id() }}, '{{ this.schema }}', '{{ this.identifier }}', null)
    {%- endif %}
{% endmacro %}

{#- Key columns of two aliases equal, nulls included (a contact with no queue has a null queue_name). -#}
{% macro cc_keys_match(keys, left, right) -%}
    {%- for key in keys -%}
        {{ left }}.{{ key }} is not distinct from {{ right }}.{{ key }}{{ ' and ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}

{#- A row's publish partition as text; a null value is its own partition, '__null__' (null means the whole table). -#}
{% macro cc_partition_value(partition) -%}
    coalesce(cast({{ partition }} as varchar), '__null__')
{%- endmacro %}
