"""dbt-duckdb plugin: gives every dbt connection the staffing functions (``profiles.yml`` lists it).

dbt-duckdb calls ``configure_connection`` on each connection it opens, so models can call the functions of
``contact_center.duckdb_udfs`` through the dispatched macros in ``macros/staffing/``.
"""

from __future__ import annotations

from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection

from contact_center.duckdb_udfs import register


class Plugin(BasePlugin):
    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        register(conn)
