"""``make bench-staffing``: required agents (80% in 20 s) for a million queue-intervals, three ways, beside
pyworkforce's ``ErlangC.required_positions`` on the same rows, with every answer compared.

The rows are a warehouse table (a DuckDB file under ``warehouse/bench/``): seeded, one queue-interval each,
15- or 30-minute intervals, offered contacts Poisson around a mean drawn log-uniformly from 1 to 250 a
quarter-hour, AHT log-uniform from 2 to 15 minutes (the figures printed first). Timed:

1. SQL in the warehouse, as the dbt models run it: ``staffing_erlang_c_required_agents(...)`` over the table
   (the vectorized function the dbt-duckdb plugin registers), into a new table;
2. the same Python API on whole columns: read the table into numpy, compute, write the answers back;
3. the published file's pure-SQL macro ``erlang_c_required_agents`` on a sample (it is for analysts' ad-hoc
   questions; per-row cost is what matters there);
4. pyworkforce 0.5.1, one ``ErlangC(...).required_positions(0.8)`` per row, on every row (or ``--pyworkforce-rows``).

Speed is measured here, never by a timed test. Run it on an idle machine: the figures are wall-clock.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from contact_center.duckdb_udfs import register
from contact_center.sql_functions import install as install_sql_functions
from contact_center.staffing import erlang_a_required_agents, required_agents

TARGET_SL = 0.8
ANSWER_S = 20.0
PATIENCE_S = 180.0


def make_rows(n: int, seed: int) -> dict[str, np.ndarray]:
    """``n`` seeded queue-intervals: calls (>= 1), interval_seconds (900 or 1800) and aht_seconds."""
    rng = np.random.default_rng(seed)
    interval = np.where(rng.random(n) < 0.5, 900.0, 1800.0)
    mean_calls = np.exp(rng.uniform(np.log(1.0), np.log(250.0), n)) * interval / 900.0
    calls = np.maximum(rng.poisson(mean_calls), 1).astype(np.float64)
    aht = np.round(np.exp(rng.uniform(np.log(120.0), np.log(900.0), n)), 1)
    return {"row_id": np.arange(n, dtype=np.int64), "calls": calls, "interval_seconds": interval, "aht_seconds": aht}


def _timed(action: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """(first, best) wall-clock seconds of ``repeat`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return times[0], min(times), result


def _pyworkforce_answers(rows: dict[str, np.ndarray], count: int) -> tuple[float, np.ndarray]:
    from pyworkforce.queuing import ErlangC  # the bench's own dependency (requirements-bench.txt)

    calls, interval, aht = (rows[k][:count].tolist() for k in ("calls", "interval_seconds", "aht_seconds"))
    out = np.empty(count, dtype=np.int64)
    started = time.perf_counter()
    for k in range(count):
        erlang = ErlangC(transactions=calls[k], aht=aht[k], asa=ANSWER_S, interval=interval[k])
        out[k] = erlang.required_positions(service_level=TARGET_SL)["raw_positions"]
    return time.perf_counter() - started, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench-staffing", description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--db", type=Path, default=Path("warehouse/bench/staffing_bench.duckdb"))
    parser.add_argument("--pyworkforce-rows", type=int, default=None, help="default: every row")
    parser.add_argument("--sql-macro-rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    n = args.rows
    n_pwf = n if args.pyworkforce_rows is None else min(args.pyworkforce_rows, n)
    n_macro = min(args.sql_macro_rows, n)

    rows = make_rows(n, args.seed)
    traffic = rows["calls"] * rows["aht_seconds"] / rows["interval_seconds"]
    pct = np.percentile(traffic, [1, 10, 50, 90, 99, 100])
    print(f"{n:,} queue-intervals (seed {args.seed}); required agents for {TARGET_SL:.0%} within {ANSWER_S:.0f} s")
    print("traffic, Erlangs: " + ", ".join(f"p{p} {v:.1f}" for p, v in zip((1, 10, 50, 90, 99, 100), pct, strict=True)))

    args.db.parent.mkdir(parents=True, exist_ok=True)
    args.db.unlink(missing_ok=True)
    con = duckdb.connect(str(args.db))
    register(con)
    con.register("generated", pa.table(rows))
    con.execute("create table queue_intervals as select * from generated order by row_id")
    con.unregister("generated")

    sql = f"""
        create or replace table answers_sql as
        select row_id, staffing_erlang_c_required_agents(calls, interval_seconds, aht_seconds, {TARGET_SL}, {ANSWER_S})
            as required_agents
        from queue_intervals
    """
    sql_first, sql_best, _ = _timed(lambda: con.execute(sql), args.repeat)
    via_sql = con.sql("select required_agents from answers_sql order by row_id").fetchnumpy()["required_agents"]

    def whole_columns() -> None:
        cols = con.sql("select row_id, calls, interval_seconds, aht_seconds from queue_intervals").fetchnumpy()
        answers = required_agents(cols["calls"], cols["interval_seconds"], cols["aht_seconds"], ANSWER_S, TARGET_SL)
        con.register("computed", pa.table({"row_id": cols["row_id"], "required_agents": answers}))
        con.execute("create or replace table answers_columns as select * from computed")
        con.unregister("computed")

    col_first, col_best, _ = _timed(whole_columns, args.repeat)
    via_columns = con.sql("select required_agents from answers_columns order by row_id").fetchnumpy()["required_agents"]

    started = time.perf_counter()
    compute_only = required_agents(rows["calls"], rows["interval_seconds"], rows["aht_seconds"], ANSWER_S, TARGET_SL)
    compute_s = time.perf_counter() - started

    started = time.perf_counter()
    columns = (rows["calls"], rows["interval_seconds"], rows["aht_seconds"])
    erlang_a_required_agents(*columns, PATIENCE_S, ANSWER_S, TARGET_SL)
    erlang_a_s = time.perf_counter() - started

    install_sql_functions(con)
    macro_sql = f"""
        select erlang_c_required_agents(calls, interval_seconds, aht_seconds, {TARGET_SL}, {ANSWER_S})
        from queue_intervals where row_id < {n_macro} order by row_id
    """
    started = time.perf_counter()
    via_macro = np.array([r[0] for r in con.execute(macro_sql).fetchall()], dtype=np.int64)
    macro_s = time.perf_counter() - started
    con.close()

    print(f"pyworkforce ErlangC.required_positions on {n_pwf:,} rows, one at a time ...", flush=True)
    pwf_s, via_pwf = _pyworkforce_answers(rows, n_pwf)
    pwf_per_row = pwf_s / n_pwf

    def differs(a: np.ndarray, count: int) -> int:
        return int(np.count_nonzero(a[:count] != via_pwf[:count]))

    print()
    print(f"{'method':<58} {'rows':>10} {'seconds':>9} {'us/row':>8} {'vs pyworkforce':>15} {'differ':>7}")
    lines = (
        ("SQL in the warehouse, vectorized function (first run)", n, sql_first, via_sql),
        ("SQL in the warehouse, vectorized function (best)", n, sql_best, via_sql),
        ("Python API on whole columns, read + compute + write (best)", n, col_best, via_columns),
        ("Python API compute only", n, compute_s, compute_only),
        ("published SQL macro erlang_c_required_agents", n_macro, macro_s, via_macro),
        ("pyworkforce 0.5.1, per row", n_pwf, pwf_s, via_pwf),
    )
    for label, count, seconds, answers in lines:
        speedup = pwf_per_row * count / seconds
        print(
            f"{label:<58} {count:>10,} {seconds:>9.3f} {seconds / count * 1e6:>8.2f} {speedup:>14.0f}x "
            f"{differs(answers, min(count, n_pwf)):>7,}"
        )
    print(
        f"(whole-columns first run: {col_first:.3f} s; 'differ' counts answers unlike pyworkforce's on the same rows)"
    )
    agree = all(differs(a, min(c, n_pwf)) == 0 for _, c, _, a in lines)
    print("identical answers on every compared row: " + ("yes" if agree else "NO"))
    print(
        f"Erlang A required agents (patience {PATIENCE_S:.0f} s), Python API compute only: {erlang_a_s:.3f} s, "
        f"{erlang_a_s / n * 1e6:.2f} us/row (pyworkforce has no Erlang A)"
    )
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
