"""The KPI catalog describes what the marts really publish: every entry names a mart and column that exist."""

from __future__ import annotations


def test_every_catalogued_kpi_is_a_published_column(warehouse):
    missing = warehouse.execute(
        """
        select catalog.kpi_id, catalog.mart, catalog.column_name
        from marts.kpi_catalog as catalog
        left join information_schema.columns as published
            on published.table_schema = 'marts'
            and published.table_name = catalog.mart
            and published.column_name = catalog.column_name
        where published.column_name is null
        """
    ).fetchall()
    assert missing == []


def test_the_core_kpis_are_catalogued(warehouse):
    kpis = {kpi for (kpi,) in warehouse.execute("select kpi_id from marts.kpi_catalog").fetchall()}
    assert {"service_level", "asa", "aht", "abandonment_rate", "occupancy", "adherence", "csat", "nps", "ces"} <= kpis
    assert {"operational_fcr", "survey_fcr", "qa_score", "attrition"} <= kpis
