{#-
    Staffing math for models, dispatched per adapter. Seconds everywhere; the arguments are SQL expressions.
    On DuckDB each macro calls a vectorized function of contact_center.duckdb_udfs, registered on every
    dbt connection by the dbt-duckdb plugin contact_center.dbt_plugin (profiles.yml): the Python staffing
    API itself, so a mart's numbers are the API's and the published SQL functions' (test_sql_functions.py).
    Another adapter needs its own implementation (DECISIONLOG D19): the default fails the compile with a
    message that says so rather than computing something else.
-#}

{% macro _staffing_not_available(name) -%}
    {{ exceptions.raise_compiler_error(
        "staffing macro " ~ name ~ " has no implementation for adapter '" ~ adapter.type()
        ~ "' yet (DuckDB only; DECISIONLOG D19)"
    ) }}
{%- endmacro %}

{#- Least whole number of agents meeting the Erlang C service level target. -#}
{% macro erlang_c_required_agents(calls, interval_seconds, aht_seconds, target_service_level, answer_seconds) -%}
    {{ return(adapter.dispatch('erlang_c_required_agents', 'contact_center')(
        calls, interval_seconds, aht_seconds, target_service_level, answer_seconds)) }}
{%- endmacro %}

{% macro default__erlang_c_required_agents(calls, interval_seconds, aht_seconds, target_service_level, answer_seconds) -%}
    {{ _staffing_not_available('erlang_c_required_agents') }}
{%- endmacro %}

{% macro duckdb__erlang_c_required_agents(calls, interval_seconds, aht_seconds, target_service_level, answer_seconds) -%}
    staffing_erlang_c_required_agents(
        {{ calls }}, {{ interval_seconds }}, {{ aht_seconds }}, {{ target_service_level }}, {{ answer_seconds }}
    )
{%- endmacro %}

{#- Erlang C share of contacts answered within answer_seconds at `agents` (fractional agents allowed). -#}
{% macro erlang_c_service_level(calls, interval_seconds, aht_seconds, agents, answer_seconds) -%}
    {{ return(adapter.dispatch('erlang_c_service_level', 'contact_center')(
        calls, interval_seconds, aht_seconds, agents, answer_seconds)) }}
{%- endmacro %}

{% macro default__erlang_c_service_level(calls, interval_seconds, aht_seconds, agents, answer_seconds) -%}
    {{ _staffing_not_available('erlang_c_service_level') }}
{%- endmacro %}

{% macro duckdb__erlang_c_service_level(calls, interval_seconds, aht_seconds, agents, answer_seconds) -%}
    staffing_erlang_c_service_level(
        {{ calls }}, {{ interval_seconds }}, {{ aht_seconds }}, {{ agents }}, {{ answer_seconds }}
    )
{%- endmacro %}

{#- Least whole number of agents meeting the Erlang A service level target (answered within T / offered). -#}
{% macro erlang_a_required_agents(
    calls, interval_seconds, aht_seconds, target_service_level, answer_seconds, patience_seconds
) -%}
    {{ return(adapter.dispatch('erlang_a_required_agents', 'contact_center')(
        calls, interval_seconds, aht_seconds, target_service_level, answer_seconds, patience_seconds)) }}
{%- endmacro %}

{% macro default__erlang_a_required_agents(
    calls, interval_seconds, aht_seconds, target_service_level, answer_seconds, patience_seconds
) -%}
    {{ _staffing_not_available('erlang_a_required_agents') }}
{%- endmacro %}

{% macro duckdb__erlang_a_required_agents(
    calls, interval_seconds, aht_seconds, target_service_level, answer_seconds, patience_seconds
) -%}
    staffing_erlang_a_required_agents(
        {{ calls }}, {{ interval_seconds }}, {{ aht_seconds }}, {{ target_service_level }}, {{ answer_seconds }},
        {{ patience_seconds }}
    )
{%- endmacro %}

{#- Erlang A share of all offered contacts answered within answer_seconds at a whole number of agents. -#}
{% macro erlang_a_service_level(calls, interval_seconds, aht_seconds, agents, answer_seconds, patience_seconds) -%}
    {{ return(adapter.dispatch('erlang_a_service_level', 'contact_center')(
        calls, interval_seconds, aht_seconds, agents, answer_seconds, patience_seconds)) }}
{%- endmacro %}

{% macro default__erlang_a_service_level(
    calls, interval_seconds, aht_seconds, agents, answer_seconds, patience_seconds
) -%}
    {{ _staffing_not_available('erlang_a_service_level') }}
{%- endmacro %}

{% macro duckdb__erlang_a_service_level(calls, interval_seconds, aht_seconds, agents, answer_seconds, patience_seconds) -%}
    staffing_erlang_a_service_level(
        {{ calls }}, {{ interval_seconds }}, {{ aht_seconds }}, {{ agents }}, {{ answer_seconds }},
        {{ patience_seconds }}
    )
{%- endmacro %}

{#- Erlang A probability that an offered contact abandons, at a whole number of agents. -#}
{% macro erlang_a_abandon_probability(calls, interval_seconds, aht_seconds, agents, patience_seconds) -%}
    {{ return(adapter.dispatch('erlang_a_abandon_probability', 'contact_center')(
        calls, interval_seconds, aht_seconds, agents, patience_seconds)) }}
{%- endmacro %}

{% macro default__erlang_a_abandon_probability(calls, interval_seconds, aht_seconds, agents, patience_seconds) -%}
    {{ _staffing_not_available('erlang_a_abandon_probability') }}
{%- endmacro %}

{% macro duckdb__erlang_a_abandon_probability(calls, interval_seconds, aht_seconds, agents, patience_seconds) -%}
    staffing_erlang_a_abandon_probability(
        {{ calls }}, {{ interval_seconds }}, {{ aht_seconds }}, {{ agents }}, {{ patience_seconds }}
    )
{%- endmacro %}

{#-
    How many contacts' worth of work an agent handles at once on a channel: 1 for voice; for chat the
    callcentrehelper factor of var staffing_chat_concurrency (1-5 chats: 1.0, 1.7, 2.5, 2.9, 3.5; D18).
-#}
{% macro concurrency_factor(channel) -%}
    {%- set factors = {1: 1.0, 2: 1.7, 3: 2.5, 4: 2.9, 5: 3.5} -%}
    {%- set chats = var('staffing_chat_concurrency') -%}
    {%- if chats not in factors -%}
        {{ exceptions.raise_compiler_error("var staffing_chat_concurrency must be one of 1-5, got " ~ chats) }}
    {%- endif -%}
    cast(case when {{ channel }} = 'chat' then {{ factors[chats] }} else 1.0 end as double)
{%- endmacro %}

{#-
    Agents to schedule so that `required` remain after `shrinkage` (a fraction in [0, 1)): ceil(required /
    (1 - shrinkage)), with the 1e-9 tolerance of D18 (14 / 0.7 schedules 20, not 21); null otherwise.
-#}
{% macro scheduled_need(required, shrinkage) -%}
    case
        when {{ shrinkage }} >= 0 and {{ shrinkage }} < 1
            then cast(ceil({{ required }} / (1 - {{ shrinkage }}) * (1 - 1e-9)) as integer)
    end
{%- endmacro %}

{#-
    A staffing input that the data measures unless a var fixes it: `measured` (an SQL expression) while
    var `var_name` is null, else the var's value as a double (staffing_patience_seconds, staffing_shrinkage).
-#}
{% macro measured_unless_var(var_name, measured) -%}
    {%- if var(var_name) is none -%}
        {{ measured }}
    {%- else -%}
        cast({{ var(var_name) }} as double)
    {%- endif -%}
{%- endmacro %}
