{#-
    Service level as one of the five industry formulas (kpi-definitions.md; ICMI; callcentrehelper
    "service level threshold calculations"), chosen by var('service_level_definition'), with short
    abandons removed from it when var('service_level_exclude_short_abandons') (the fifth variant).
    Arguments are column expressions: answered, answered within T, abandoned, abandoned within T, short
    abandons (which are within T, the cut-off being shorter than the threshold).
-#}
{% macro service_level(answered, answered_within, abandoned, abandoned_within, short_abandoned) -%}
    {%- set definition = var('service_level_definition') -%}
    {%- if var('service_level_exclude_short_abandons') -%}
        {%- set counted_abandoned = '(' ~ abandoned ~ ' - ' ~ short_abandoned ~ ')' -%}
        {%- set counted_abandoned_within = '(' ~ abandoned_within ~ ' - ' ~ short_abandoned ~ ')' -%}
    {%- else -%}
        {%- set counted_abandoned = abandoned -%}
        {%- set counted_abandoned_within = abandoned_within -%}
    {%- endif -%}
    {%- if definition == 'answered_and_abandoned_within' -%}
        ({{ answered_within }} + {{ counted_abandoned_within }})
        / nullif({{ answered }} + {{ counted_abandoned }}, 0)
    {%- elif definition == 'answered_only' -%}
        {{ answered_within }} / nullif({{ answered }}, 0)
    {%- elif definition == 'answered_over_offered_handled' -%}
        {{ answered_within }} / nullif({{ answered }} + {{ counted_abandoned }}, 0)
    {%- elif definition == 'abandons_after_threshold_only' -%}
        {{ answered_within }} / nullif({{ answered }} + {{ abandoned }} - {{ abandoned_within }}, 0)
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "var service_level_definition must be one of answered_and_abandoned_within, answered_only, "
            ~ "answered_over_offered_handled, abandons_after_threshold_only; got '" ~ definition ~ "'"
        ) }}
    {%- endif -%}
{%- endmacro %}
