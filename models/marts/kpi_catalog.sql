{#-
    One row per KPI the marts publish: its definition, formula, unit, QAECS category, whether it is a
    driver or an outcome, which direction is good, a default target, and the mart and column holding it.
    Maintained in seeds/kpi_catalog_definitions.csv (a seed cannot share the model's name).
-#}
with

catalog as (
    select * from {{ ref('kpi_catalog_definitions') }}
),

final as (
    select
        cast(kpi_id as varchar) as kpi_id,
        cast(kpi_name as varchar) as kpi_name,
        cast(definition as varchar) as definition,
        cast(formula as varchar) as formula,
        cast(unit as varchar) as unit,
        cast(qaecs_category as varchar) as qaecs_category,
        cast(driver_or_outcome as varchar) as driver_or_outcome,
        cast(direction as varchar) as direction,
        cast(default_target as double) as default_target,
        cast(mart as varchar) as mart,
        cast(column_name as varchar) as column_name,
        cast(source as varchar) as source  -- noqa: RF04
    from catalog
)

select * from final
