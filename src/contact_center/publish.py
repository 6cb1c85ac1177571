"""Publish the built warehouse for readers without ever blocking a run.

dbt builds into a private build file. Publishing copies the reader-facing schemas into a fresh DuckDB
file beside the published one and `os.replace()`s it into place: a reader that already has the old
file open keeps reading it, a new reader gets the new file, and no reader holds a lock dbt needs.
Only tables are copied, never views: the `landing` schema's views read the raw exports (personal data
included) and must not reach readers. The Erlang C staffing functions are installed as SQL macros, so
analysts can call them on the published file (contact_center.sql_functions).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from contact_center.sql_functions import install as install_sql_functions

PUBLISHED_SCHEMAS = ("reference", "staging", "intermediate", "marts")


@dataclass(frozen=True)
class PublishedTable:
    schema: str
    name: str
    rows: int


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def publish(build_path: Path, published_path: Path) -> list[PublishedTable]:
    """Copy the published schemas' tables from `build_path` into `published_path`, atomically."""
    if not build_path.exists():
        raise FileNotFoundError(f"no built warehouse at {build_path}: run `dbt build` first")
    published_path.parent.mkdir(parents=True, exist_ok=True)
    staging_path = published_path.with_name(f".{published_path.name}.{os.getpid()}.tmp")
    staging_path.unlink(missing_ok=True)
    tables: list[PublishedTable] = []
    con = duckdb.connect(str(staging_path))
    try:
        build_literal = "'" + str(build_path).replace("'", "''") + "'"
        con.execute(f"attach {build_literal} as build (read_only)")
        listed = con.execute(
            """
            select table_schema, table_name
            from information_schema.tables
            where table_catalog = 'build' and table_type = 'BASE TABLE' and table_schema in ?
            order by table_schema, table_name
            """,
            [list(PUBLISHED_SCHEMAS)],
        ).fetchall()
        for schema, name in listed:
            con.execute(f"create schema if not exists {_quote(schema)}")
            target = f"{_quote(schema)}.{_quote(name)}"
            con.execute(f"create table {target} as select * from build.{target}")
            (rows,) = con.execute(f"select count(*) from {target}").fetchone() or (0,)
            tables.append(PublishedTable(schema, name, int(rows)))
        con.execute("detach build")
        install_sql_functions(con)
        con.execute("checkpoint")
    finally:
        con.close()
    os.replace(staging_path, published_path)
    return tables
