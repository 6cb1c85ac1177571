{#-
    Sums of doubles that come out the same to the bit on every run. A parallel engine adds a group's
    values in whatever order its threads finish, and double addition is not associative, so two builds
    of the same files could differ in the last bits (DECISIONLOG D21). Each value is rounded to 12
    decimal places (far below any unit the marts report) and added exactly as a decimal.
-#}
{% macro exact_sum(expr) -%}
    cast(sum(cast({{ expr }} as decimal(38, 12))) as double)
{%- endmacro %}

{#- The mean of the non-null values of `expr`, from exact_sum. -#}
{% macro exact_avg(expr) -%}
    ({{ exact_sum(expr) }} / nullif(count({{ expr }}), 0))
{%- endmacro %}

{#- True when the two values differ, a null and a value included (`is distinct from`, which sqlfluff cannot parse). -#}
{% macro differs(left, right) -%}
    coalesce({{ left }} <> {{ right }}, ({{ left }} is null) <> ({{ right }} is null))
{%- endmacro %}
