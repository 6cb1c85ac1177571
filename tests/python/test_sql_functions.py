"""The Erlang C SQL functions in the published file reproduce the published staffing cases."""

from __future__ import annotations

import csv
import math

import pytest

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
