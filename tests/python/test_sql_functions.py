"""The Erlang C SQL functions in the published file reproduce the published staffing cases; the Erlang A
macros, installed in an in-memory database, give the Python API's answers."""

from __future__ import annotations

import csv
import math

import duckdb
import numpy as np
import pytest

from contact_center import sql_functions
from contact_center.staffing import erlang_a, erlang_a_required_agents
from helpers import ROOT

CASES = ROOT / "tests" / "reference" / "erlang_published_cases.csv"


def published_cases() -> list[dict[str, str]]:
    with CASES.open(newline="") as handle:
        return list(csv.DictReader(handle))


def decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


@pytest.mark.parametrize("case", published_cases(), ids=lambda case: case["case_id"])
def test_published_case_in_sql(warehouse, case):
    calls, interval, aht = float(case["calls_per_interval"]), float(case["interval_s"]), float(case["aht_s"])
    answer, target = float(case["target_answer_s"]), float(case["target_service_level"])
    (required,) = warehouse.execute(
        "select erlang_c_required_agents(?, ?, ?, ?, ?)", [calls, interval, aht, target, answer]
    ).fetchone()
    published = float(case["published_required_agents"])
    assert required == math.ceil(published), "integer agents: the least N meeting the target"
    sl, wait, asa, occupancy = warehouse.execute(
        """
        select
            erlang_c_service_level($1, $2, $3, $4, $5),
            erlang_c_wait_probability($4, erlang_c_traffic($1, $2, $3)),
            erlang_c_asa($1, $2, $3, $4),
            erlang_c_occupancy($1, $2, $3, $4)
        """,
        [calls, interval, aht, required, answer],
    ).fetchone()
    assert sl >= target
    for column, value in (
        ("published_service_level", sl),
        ("published_prob_wait", wait),
        ("published_asa_s", asa),
        ("published_occupancy", occupancy),
    ):
        if case[column]:
            assert round(value, decimals(case[column])) == pytest.approx(float(case[column])), column
    if case["published_scheduled_agents"]:
        scheduled = math.ceil(required / (1 - float(case["shrinkage"])))
        assert scheduled == int(case["published_scheduled_agents"])


def test_unstable_and_empty_queues(warehouse):
    sl, asa, wait = warehouse.execute(
        "select erlang_c_service_level(100, 1800, 180, 10, 20), erlang_c_asa(100, 1800, 180, 10), "
        "erlang_c_wait_probability(10, 10.0)"
    ).fetchone()
    assert (sl, asa, wait) == (0.0, None, 1.0)
    assert warehouse.execute("select erlang_c_required_agents(0, 1800, 180, 0.8, 20)").fetchone() == (0,)
    (large,) = warehouse.execute("select erlang_c_required_agents(12000, 900, 300, 0.8, 20)").fetchone()
    (sl_large, sl_one_less) = warehouse.execute(
        "select erlang_c_service_level(12000, 900, 300, $1, 20), erlang_c_service_level(12000, 900, 300, $1 - 1, 20)",
        [large],
    ).fetchone()
    assert sl_large >= 0.8 > sl_one_less, "4,000 Erlangs: no overflow, and the least N meeting the target"


def test_sql_functions_give_the_python_apis_answers(warehouse):
    """200 random queue-intervals in one query: the same required agents, and service levels within 1e-9.

    One query over many rows matters: DuckDB's list_reduce mis-evaluates a lambda that captures a per-row
    column when list lengths differ between rows, which single-row calls never show.
    """
    import numpy as np

    from contact_center.staffing import erlang_c, required_agents

    rng = np.random.default_rng(20261124)
    traffic = np.exp(rng.uniform(np.log(0.1), np.log(500.0), 200))
    aht = rng.uniform(30.0, 900.0, 200)
    answer = rng.uniform(5.0, 60.0, 200)
    target = rng.uniform(0.5, 0.95, 200)
    calls = traffic * 1800.0 / aht
    python_agents = required_agents(calls, 1800.0, aht, answer, target)
    python_sl = erlang_c(calls, 1800.0, aht, python_agents, answer).service_level
    rows = list(zip(calls.tolist(), aht.tolist(), answer.tolist(), target.tolist(), strict=True))
    sql = warehouse.execute(
        """
        with cases as (select unnest(?) as c)
        select
            erlang_c_required_agents(c[1], 1800, c[2], c[4], c[3]) as agents,
            erlang_c_service_level(c[1], 1800, c[2], erlang_c_required_agents(c[1], 1800, c[2], c[4], c[3]), c[3])
        from cases
        """,
        [[list(row) for row in rows]],
    ).fetchall()
    assert [agents for agents, _ in sql] == python_agents.tolist()
    assert np.allclose([sl for _, sl in sql], python_sl, rtol=0, atol=1e-9)


@pytest.fixture
def erlang_a_db():
    """An in-memory database with the staffing macros: the Erlang A tests need no built warehouse."""
    con = duckdb.connect()
    sql_functions.install(con)
    yield con
    con.close()


def test_erlang_a_sql_gives_the_python_apis_answers(erlang_a_db):
    """400 random queue-intervals in one query: service level, P(abandon) and P(wait) within 1e-9 of
    ``erlang_a`` and the same required agents as ``erlang_a_required_agents``.

    Traffic 0.1-1,000 Erlangs, agents from half to 1.5 times the traffic, patience 10 s - 1 h: the rows
    need different numbers of series terms, so one query also guards against per-row list-length bugs.
    """
    rng = np.random.default_rng(20261202)
    n = 400
    traffic = np.exp(rng.uniform(np.log(0.1), np.log(1000.0), n))
    interval = rng.choice([900.0, 1800.0, 3600.0], n)
    aht = rng.uniform(30.0, 900.0, n)
    calls = traffic * interval / aht
    agents = np.maximum(0, np.round(traffic * rng.uniform(0.5, 1.5, n)) + rng.integers(-2, 4, n)).astype(np.int64)
    answer = rng.uniform(5.0, 120.0, n)
    patience = np.exp(rng.uniform(np.log(10.0), np.log(3600.0), n))
    target = rng.uniform(0.5, 0.95, n)
    assert (agents < traffic).sum() > 50 and (agents > traffic).sum() > 50
    columns = {
        "calls": calls, "interval_s": interval, "aht_s": aht, "agents": agents, "answer_s": answer,
        "patience_s": patience, "target": target,
    }  # fmt: skip
    erlang_a_db.execute(
        "create table cases as select unnest(range(?)) as row_id, "
        + ", ".join(f"unnest(?) as {name}" for name in columns),
        [n, *(values.tolist() for values in columns.values())],
    )
    sql = erlang_a_db.execute(
        """
        select
            erlang_a_service_level(calls, interval_s, aht_s, agents, answer_s, patience_s),
            erlang_a_abandon_probability(calls, interval_s, aht_s, agents, patience_s),
            erlang_a_wait_probability(calls, interval_s, aht_s, agents, patience_s),
            erlang_a_required_agents(calls, interval_s, aht_s, target, answer_s, patience_s)
        from cases
        order by row_id
        """
    ).fetchall()
    sl, abandon, wait, required = (np.array(column) for column in zip(*sql, strict=True))
    python = erlang_a(calls, interval, aht, agents, patience, answer)
    assert np.allclose(sl.astype(float), python.service_level, rtol=0, atol=1e-9)
    assert np.allclose(abandon.astype(float), python.prob_abandon, rtol=0, atol=1e-9)
    assert np.allclose(wait.astype(float), python.prob_wait, rtol=0, atol=1e-9)
    python_required = erlang_a_required_agents(calls, interval, aht, patience, answer, target)
    assert required.tolist() == python_required.tolist()


def test_erlang_a_sql_edge_cases(erlang_a_db):
    def one(sql: str, *args: float) -> tuple:
        return erlang_a_db.execute(sql, list(args)).fetchone()

    metrics = (
        "select erlang_a_service_level($1, $2, $3, $4, $5, $6), erlang_a_abandon_probability($1, $2, $3, $4, $6), "
        "erlang_a_wait_probability($1, $2, $3, $4, $6)"
    )
    assert one(metrics, 0, 1800, 180, 10, 20, 60) == (1.0, 0.0, 0.0), "no traffic: every contact (none) met"
    assert one("select erlang_a_required_agents(0, 1800, 180, 0.8, 20, 60)") == (0,)
    assert one(metrics, 100, 1800, 180, 0, 20, 60) == (0.0, 1.0, 1.0), "no agents: everyone waits and abandons"
    assert one(metrics, 100, 1800, 180, 12.5, 20, 60) == (None, None, None), "fractional agents"
    assert one(metrics, None, 1800, 180, 12, 20, 60) == (None, None, None)
    assert one("select erlang_a_required_agents(100, 1800, 180, 0.8, 20, null)") == (None,)

    # A target met exactly counts as met; targets near 0 and 1 match Python too.
    (exact,) = one("select erlang_a_service_level(100, 1800, 180, 12, 20, 60)")
    assert one("select erlang_a_required_agents(100, 1800, 180, $1, 20, 60)", exact) == (12,)
    assert one("select erlang_a_required_agents(100, 1800, 180, $1 + 1e-12, 20, 60)", exact) == (13,)
    for target in (0.0, 0.01, 0.999):
        (required,) = one("select erlang_a_required_agents(3000, 900, 300, $1, 30, 45)", target)
        assert required == int(erlang_a_required_agents(3000, 900, 300, 45, 30, target)), target

    # Always stable: with agents below the traffic the throughput bound P(abandon) >= 1 - N / A holds and the
    # service level is neither 0 nor 1.
    sl, abandon, _ = one(metrics, 1000, 1800, 180, 80, 20, 60)
    assert abandon >= 1 - 80 / 100 and 0 < sl < 1
    python = erlang_a(1000, 1800, 180, 80, 60, 20)
    assert (sl, abandon) == pytest.approx((float(python.service_level), float(python.prob_abandon)), abs=1e-12)

    # Patience of 1e7 s (116 days) is Erlang C when the agents are comfortably above the traffic. Near
    # saturation (10 Erlangs on 11 agents) it still shortens the long queues measurably, by 5e-5 here, so
    # there the check is against Python's Erlang A only.
    long_patience = (
        "select erlang_a_service_level($1, 1800, 180, $2, 20, 1e7), erlang_c_service_level($1, 1800, 180, $2, 20)"
    )
    for traffic, agents in ((0.5, 3), (2.0, 6), (10.0, 16), (50.0, 65), (200.0, 245), (800.0, 890), (10.0, 11)):
        calls = traffic * 1800 / 180
        sl_a, sl_c = one(long_patience, calls, agents)
        assert sl_a == pytest.approx(float(erlang_a(calls, 1800, 180, agents, 1e7, 20).service_level), abs=1e-9)
        if (traffic, agents) == (10.0, 11):
            assert 1e-5 < sl_a - sl_c < 1e-4
        else:
            assert sl_a == pytest.approx(sl_c, abs=1e-6), (traffic, agents)


def test_erlang_a_macros_are_listed():
    for name in (
        "erlang_a_service_level",
        "erlang_a_abandon_probability",
        "erlang_a_wait_probability",
        "erlang_a_required_agents",
    ):
        assert name in sql_functions.FUNCTION_NAMES
    assert all(name.startswith(("erlang_a_", "erlang_b", "erlang_c_")) for name in sql_functions.FUNCTION_NAMES)


def test_every_public_function_is_in_the_published_file(warehouse):
    published = {name for (name,) in warehouse.execute("select function_name from duckdb_functions()").fetchall()}
    assert set(sql_functions.PUBLIC_FUNCTION_NAMES) <= set(sql_functions.FUNCTION_NAMES)
    assert set(sql_functions.PUBLIC_FUNCTION_NAMES) <= published
    # the names architecture.md promises analysts
    assert {"erlang_c_service_level", "erlang_c_asa", "erlang_c_required_agents"} <= published
    assert {"erlang_a_service_level", "erlang_a_required_agents"} <= published
