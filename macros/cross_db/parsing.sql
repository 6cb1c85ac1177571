{#-
    Parsing helpers for raw exports. DuckDB and Spark spell these differently, so each is dispatched
    per adapter; models call the generic name.
-#}

{#- One row per non-empty line of each file read by read_text(): file_name, line_number, raw_line. -#}
{% macro split_lines(files_relation) -%}
    {{ return(adapter.dispatch('split_lines', 'contact_center')(files_relation)) }}
{%- endmacro %}

{#- trim() is slow on long lines, so it runs only on lines that start with a blank. -#}
{% macro default__split_lines(files_relation) -%}
    select
        file_name,
        line_number,
        raw_line
    from (
        select
            filename as file_name,
            unnest(generate_series(1, len(string_split(content, chr(10))))) as line_number,
            unnest(string_split(content, chr(10))) as raw_line
        from {{ files_relation }}
    ) as exploded
    where raw_line <> '' and (ascii(raw_line) > 32 or trim(raw_line) <> '')
{%- endmacro %}

{% macro spark__split_lines(files_relation) -%}
    select
        input_file_name() as file_name,
        cast(null as int) as line_number,
        value as raw_line
    from {{ files_relation }}
    where trim(value) <> ''
{%- endmacro %}

{#- The text value at a JSON path ('$.Queue.Name'); null when absent or JSON null. -#}
{% macro json_text(column, path) -%}
    {{ return(adapter.dispatch('json_text', 'contact_center')(column, path)) }}
{%- endmacro %}

{% macro default__json_text(column, path) -%}
    json_extract_string({{ column }}, '{{ path }}')
{%- endmacro %}

{% macro spark__json_text(column, path) -%}
    get_json_object({{ column }}, '{{ path }}')
{%- endmacro %}

{#-
    The text values at several JSON paths of `column`, parsed once: selects `columns` of `relation` plus
    one column per (name, path) pair of `fields`. Null when absent or JSON null.
-#}
{% macro json_text_fields(relation, column, columns, fields) -%}
    {{ return(adapter.dispatch('json_text_fields', 'contact_center')(relation, column, columns, fields)) }}
{%- endmacro %}

{% macro default__json_text_fields(relation, column, columns, fields) -%}
    select
        {% for name in columns -%}
            {{ name }},
        {% endfor -%}
        {% for name, path in fields -%}
            extracted[{{ loop.index }}] as {{ name }}{{ ',' if not loop.last }}
        {% endfor -%}
    from (
        select
            *,
            json_extract_string({{ column }}, [
                {%- for name, path in fields -%}'{{ path }}'{{ ', ' if not loop.last }}{%- endfor -%}
            ]) as extracted
        from {{ relation }}
    ) as parsed_once
{%- endmacro %}

{% macro spark__json_text_fields(relation, column, columns, fields) -%}
    select
        {% for name in columns -%}
            {{ name }},
        {% endfor -%}
        {% for name, path in fields -%}
            get_json_object({{ column }}, '{{ path }}') as {{ name }}{{ ',' if not loop.last }}
        {% endfor -%}
    from {{ relation }}
{%- endmacro %}

{% macro is_valid_json_object(column) -%}
    {{ return(adapter.dispatch('is_valid_json_object', 'contact_center')(column)) }}
{%- endmacro %}

{#- One parse: valid JSON whose first non-blank character opens an object. -#}
{% macro default__is_valid_json_object(column) -%}
    coalesce(json_valid({{ column }}) and starts_with(ltrim({{ column }}, ' ' || chr(9) || chr(13)), chr(123)), false)
{%- endmacro %}

{% macro spark__is_valid_json_object(column) -%}
    (from_json({{ column }}, 'map<string,string>') is not null)
{%- endmacro %}

{#-
    An ISO-8601 text timestamp as a UTC timestamp without time zone; null when it does not parse.
    Offsets ('Z', '+0000', '+01:00') are honoured; text without an offset is taken as UTC.
-#}
{% macro parse_utc_timestamp(expr) -%}
    {{ return(adapter.dispatch('parse_utc_timestamp', 'contact_center')(expr)) }}
{%- endmacro %}

{% macro default__parse_utc_timestamp(expr) -%}
    timezone('UTC', try_cast({{ expr }} as timestamptz))
{%- endmacro %}

{% macro spark__parse_utc_timestamp(expr) -%}
    to_utc_timestamp(to_timestamp({{ expr }}), 'UTC')
{%- endmacro %}

{#- A site-local wall-clock text timestamp in IANA zone `tz` as a UTC timestamp; null when unparseable. -#}
{% macro local_to_utc(expr, tz) -%}
    {{ return(adapter.dispatch('local_to_utc', 'contact_center')(expr, tz)) }}
{%- endmacro %}

{% macro default__local_to_utc(expr, tz) -%}
    timezone('UTC', timezone({{ tz }}, try_cast({{ expr }} as timestamp)))
{%- endmacro %}

{% macro spark__local_to_utc(expr, tz) -%}
    to_utc_timestamp(to_timestamp({{ expr }}), {{ tz }})
{%- endmacro %}

{#- Text to a number of the given type; null when it does not parse. -#}
{% macro safe_cast(expr, type) -%}
    {{ return(adapter.dispatch('safe_cast', 'contact_center')(expr, type)) }}
{%- endmacro %}

{% macro default__safe_cast(expr, type) -%}
    try_cast({{ expr }} as {{ type }})
{%- endmacro %}

{% macro spark__safe_cast(expr, type) -%}
    try_cast({{ expr }} as {{ type }})
{%- endmacro %}

{#- Replace every match of a regular expression (RE2 / Java syntax). Arguments are SQL expressions. -#}
{% macro regex_replace_all(expr, pattern, replacement) -%}
    {{ return(adapter.dispatch('regex_replace_all', 'contact_center')(expr, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regex_replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, {{ pattern }}, {{ replacement }}, 'g')
{%- endmacro %}

{% macro spark__regex_replace_all(expr, pattern, replacement) -%}
    regexp_replace({{ expr }}, {{ pattern }}, {{ replacement }})
{%- endmacro %}

{#- One row per element of a JSON array held in `column`: selects `columns` plus `element_json`, `element_index` (1-based). -#}
{% macro json_array_rows(relation, column, columns) -%}
    {{ return(adapter.dispatch('json_array_rows', 'contact_center')(relation, column, columns)) }}
{%- endmacro %}

{% macro default__json_array_rows(relation, column, columns) -%}
    select
        {{ columns | join(', ') }},
        unnest(generate_series(1, json_array_length({{ column }})::bigint)) as element_index,
        unnest(json_extract({{ column }}, '$[*]')) as element_json
    from {{ relation }}
{%- endmacro %}

{% macro spark__json_array_rows(relation, column, columns) -%}
    select
        {{ columns | join(', ') }},
        element_position + 1 as element_index,
        element_json
    from {{ relation }}
    lateral view posexplode(from_json({{ column }}, 'array<string>')) as element_position, element_json
{%- endmacro %}

{#- True when the text is an IANA time zone name the engine knows (so converting with it cannot fail). -#}
{% macro is_known_time_zone(expr) -%}
    {{ return(adapter.dispatch('is_known_time_zone', 'contact_center')(expr)) }}
{%- endmacro %}

{% macro default__is_known_time_zone(expr) -%}
    coalesce({{ expr }} in (select tz.name from pg_timezone_names() as tz), false)
{%- endmacro %}

{% macro spark__is_known_time_zone(expr) -%}
    ({{ expr }} is not null and to_utc_timestamp(timestamp'2000-01-01 00:00:00', {{ expr }}) is not null)
{%- endmacro %}
