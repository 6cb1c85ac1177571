"""Compare the published schemas of two warehouse files row for row (an incremental build against a full
refresh of the same files, or two builds of the same files)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

COMPARED_SCHEMAS = ("reference", "staging", "intermediate", "marts")


@dataclass(frozen=True)
class TableDifference:
    table: str
    rows_left: int
    rows_right: int
    only_left: int
    only_right: int

    def __str__(self) -> str:
        return (
            f"{self.table}: {self.rows_left} vs {self.rows_right} rows, "
            f"{self.only_left} only in the first, {self.only_right} only in the second"
        )


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _tables(con: duckdb.DuckDBPyConnection, catalog: str) -> list[str]:
    rows = con.execute(
        """
        select table_schema || '.' || table_name
        from information_schema.tables
        where table_catalog = ? and table_schema in ?
        order by 1
        """,
        [catalog, list(COMPARED_SCHEMAS)],
    ).fetchall()
    return [name for (name,) in rows]


def compare_warehouses(left: Path, right: Path) -> list[TableDifference | str]:
    """Every difference between the two files' tables (and views): missing tables, then differing rows.

    Rows are compared as multisets (EXCEPT ALL both ways), exactly: doubles must be equal to the bit.
    """
    con = duckdb.connect()
    try:
        con.execute(f"attach {_literal(left)} as l (read_only)")
        con.execute(f"attach {_literal(right)} as r (read_only)")
        left_tables, right_tables = _tables(con, "l"), _tables(con, "r")
        problems: list[TableDifference | str] = [
            f"{t}: only in the first" for t in left_tables if t not in right_tables
        ] + [f"{t}: only in the second" for t in right_tables if t not in left_tables]
        for table in (t for t in left_tables if t in right_tables):
            left_cols = [c for (c,) in con.execute(f"select column_name from (describe l.{table})").fetchall()]
            right_cols = [c for (c,) in con.execute(f"select column_name from (describe r.{table})").fetchall()]
            if left_cols != right_cols:
                problems.append(f"{table}: columns differ: {left_cols} vs {right_cols}")
                continue
            (rows_left,) = con.execute(f"select count(*) from l.{table}").fetchone() or (0,)
            (rows_right,) = con.execute(f"select count(*) from r.{table}").fetchone() or (0,)
            (only_left,) = con.execute(
                f"select count(*) from (from l.{table} except all from r.{table})"
            ).fetchone() or (0,)
            (only_right,) = con.execute(
                f"select count(*) from (from r.{table} except all from l.{table})"
            ).fetchone() or (0,)
            if rows_left != rows_right or only_left or only_right:
                problems.append(TableDifference(table, rows_left, rows_right, only_left, only_right))
        return problems
    finally:
        con.close()
