{#-
    Timestamps from `start_expr` (inclusive) to `end_expr` (exclusive) every `step_minutes`, one row per
    step, as column `spine_at`. Arguments are SQL expressions evaluated once per row of `relation`, whose
    columns are carried along.
-#}
{% macro time_spine(relation, start_expr, end_expr, step_minutes) -%}
    {{ return(adapter.dispatch('time_spine', 'contact_center')(relation, start_expr, end_expr, step_minutes)) }}
{%- endmacro %}

{% macro default__time_spine(relation, start_expr, end_expr, step_minutes) -%}
    select
        {{ relation }}.*,
        unnest(range({{ start_expr }}, {{ end_expr }}, interval ({{ step_minutes }}) minute)) as spine_at
    from {{ relation }}
{%- endmacro %}

{% macro spark__time_spine(relation, start_expr, end_expr, step_minutes) -%}
    select
        {{ relation }}.*,
        spine_at
    from {{ relation }}
    lateral view explode(
        sequence({{ start_expr }}, {{ end_expr }} - interval {{ step_minutes }} minutes,
            interval {{ step_minutes }} minutes)
    ) as spine_at
{%- endmacro %}

{#- A UTC timestamp as wall-clock time in IANA zone `tz` (timestamp without time zone). -#}
{% macro utc_to_local(expr, tz) -%}
    {{ return(adapter.dispatch('utc_to_local', 'contact_center')(expr, tz)) }}
{%- endmacro %}

{% macro default__utc_to_local(expr, tz) -%}
    timezone({{ tz }}, timezone('UTC', {{ expr }}))
{%- endmacro %}

{% macro spark__utc_to_local(expr, tz) -%}
    from_utc_timestamp({{ expr }}, {{ tz }})
{%- endmacro %}
