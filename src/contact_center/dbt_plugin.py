"""dbt-duckdb plugin: gives every dbt connection the staffing functions (``profiles.yml`` lists it).

dbt-duckdb calls ``configure_connection`` on each connection it opens, so models can call the functions of
``contact_center.duckdb_udfs`` through the dispatched macros in ``macros/staffing/``, and analyses the
published file's SQL functions (``contact_center.sql_functions``). dbt-duckdb calls it once, on the
connection its threads' cursors come from, so the macros are written into the build file once per run.
"""

from __future__ import annotations

from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection

from contact_center.duckdb_udfs import register
from contact_center.sql_functions import install as install_sql_functions


class Plugin(BasePlugin):
    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        register(conn)
        install_sql_functions(conn)
