{#-
    What an incremental run recomputes (DECISIONLOG D20). A raw record is *touched* when a batch after the
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
    `record_key`, an expression over the model's columns), so that a record the new file no longer holds
    is recomputed too.
-#}
{% macro capture_replaced_records() %}
    {%- set key_expr = config.get('record_key') -%}
    {%- if is_incremental() %}
    insert into {{ cc_state_schema() }}.cc_replaced_records
    select distinct {{ cc_batch_id() }}, '{{ this.identifier }}', cast({{ key_expr }} as varchar)
    from {{ this }}
    where {{ landing_file_scope() }}
    {%- endif %}
{% endmacro %}

{#- scope: rows whose `column` is among the touched raw keys of `base_model`. -#}
{% macro raw_key_scope(column, base_model, key_expr) -%}
    cast({{ column }} as varchar) in (select record_key from {{ touched_raw_keys(base_model, key_expr) }})
{%- endmacro %}

{#- scope: rows whose `columns` appear in the same columns of the model `touched_model`. -#}
{% macro touched_scope(columns, touched_model) -%}
    {%- set cols = [columns] if columns is string else columns -%}
    ({{ cols | join(', ') }}) in (select ({{ cols | join(', ') }}) from {{ ref(touched_model) }})
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
