"""How to lay out the published Parquet files: one file per day or per month (DECISIONLOG D22).

`python -m contact_center.bench_layout [--rows 9000000]` writes a year of leg-like rows both ways into a
temporary folder and prints what a publish pays (rewriting one partition) and what readers pay (a full
aggregate, a one-day filter, a key lookup through a view over every file, in a fresh connection).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import duckdb

QUERIES = (
    ("count every row", "select count(*) from v"),
    ("sum by queue", "select queue_name, sum(handle_seconds), count(*) from v group by 1"),
    ("one day", "select count(*) from v where initiated_at >= '2026-06-01' and initiated_at < '2026-06-02'"),
    ("one key", "select * from v where contact_leg_id = md5('12345')"),
)


def _timed(con: duckdb.DuckDBPyConnection, sql: str) -> float:
    started = time.perf_counter()
    con.execute(sql).fetchall()
    return time.perf_counter() - started


def run(rows: int, folder: Path) -> None:
    con = duckdb.connect()
    con.execute(
        f"""
        create table legs as select
            md5(i::varchar) as contact_leg_id,
            md5((i // 2)::varchar) as contact_id,
            timestamp '2026-01-01' + to_seconds((i * 31536000 // {rows})::bigint) as initiated_at,
            (i % 8)::varchar || '_queue' as queue_name,
            i % 3 = 0 as is_answered,
            (i % 97)::integer as queue_wait_seconds,
            (i % 1000)::integer as handle_seconds,
            md5((i % 1500)::varchar) as agent_username_hash
        from range({rows}) as t(i)
        """
    )
    layouts = {"day": "cast(initiated_at as date)", "month": "cast(date_trunc('month', initiated_at) as date)"}
    print(f"{rows:,} rows over a year")
    print(f"{'layout':<8}{'files':>7}{'write all':>11}{'rewrite one':>13}" + "".join(f"{q:>17}" for q, _ in QUERIES))
    for name, expression in layouts.items():
        target = folder / name
        started = time.perf_counter()
        con.execute(f"copy (select *, {expression} as p from legs) to '{target}' (format parquet, partition_by (p))")
        write_all = time.perf_counter() - started
        files = sorted(str(p) for p in target.rglob("*.parquet"))
        started = time.perf_counter()
        con.execute(f"copy (select * from legs where {expression} = date '2026-06-01') to '{folder}/one.parquet'")
        rewrite = time.perf_counter() - started
        reader = duckdb.connect()
        listed = "[" + ", ".join(f"'{f}'" for f in files) + "]"
        reader.execute(f"create view v as select * from read_parquet({listed})")
        timings = [min(_timed(reader, sql) for _ in range(2)) for _, sql in QUERIES]
        reader.close()
        cells = "".join(f"{t:>16.3f}s" for t in timings)
        print(f"{name:<8}{len(files):>7}{write_all:>10.2f}s{rewrite:>12.2f}s{cells}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=9_000_000)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="cc-layout-"))
    try:
        run(args.rows, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
