"""staffing_queue_interval, staffing_forecast_interval and the pooling what-if on the demo build.

Inputs are reconciled with the simulator (busy time, patience), every requirement and prediction of the
marts is recomputed with the Python API, and the predicted service level at the staffed level is reported
beside the achieved one (``pytest -s`` prints the table).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import numpy as np

from contact_center.simulator import config as sim_config
from contact_center.staffing import erlang_a, erlang_a_required_agents, erlang_c, required_agents
from helpers import ROOT

STAFFED = "from marts.staffing_queue_interval where offered > 0"


def _columns(warehouse, sql: str) -> dict[str, np.ndarray]:
    return {k: np.asarray(v) for k, v in warehouse.execute(sql).fetchnumpy().items()}


def test_busy_time_equals_the_truths_handle_time(warehouse, ground_truth: Path):
    (busy_s,) = warehouse.execute(
        "select sum(busy_minutes) * 60 from intermediate.int_queue_intervals_staffed"
    ).fetchone()
    (truth_s,) = warehouse.execute(
        f"select sum(handle_seconds) from read_csv('{ground_truth / 'legs.csv'}', header = true)"
    ).fetchone()
    assert truth_s > 1_000_000
    assert abs(busy_s - truth_s) < 1e-6 * truth_s, (busy_s, truth_s)


def test_patience_estimates_are_near_the_simulated_patience(warehouse):
    estimated = dict(
        warehouse.execute(
            "select queue_name, estimated_patience_seconds from intermediate.int_queues_profiled"
        ).fetchall()
    )
    assert set(estimated) == {q.name for q in sim_config.QUEUES}
    for queue in sim_config.QUEUES:
        # transferred callers are twice as patient in the simulator, so the estimate may sit a little above
        ratio = estimated[queue.name] / queue.patience_mean
        assert 0.85 <= ratio <= 1.2, (queue.name, estimated[queue.name], queue.patience_mean)


def test_requirements_and_predictions_are_the_python_apis(warehouse):
    m = _columns(
        warehouse,
        "select offered, interval_seconds, staffing_aht_seconds, service_level_threshold_seconds, service_level_target,"
        " patience_seconds, staffed_agents, required_agents_erlang_c, required_agents_erlang_a,"
        " predicted_service_level_erlang_c, predicted_service_level_erlang_a, predicted_abandon_rate_erlang_a "
        + STAFFED,
    )
    calls, interval, aht, answer = (
        m["offered"],
        m["interval_seconds"],
        m["staffing_aht_seconds"],
        m["service_level_threshold_seconds"],
    )
    target, patience, staffed = m["service_level_target"], m["patience_seconds"], m["staffed_agents"]
    assert calls.size > 5_000 and np.all(patience > 0)
    assert np.array_equal(m["required_agents_erlang_c"], required_agents(calls, interval, aht, answer, target))
    assert np.array_equal(
        m["required_agents_erlang_a"], erlang_a_required_agents(calls, interval, aht, patience, answer, target)
    )
    below, above = np.floor(staffed), np.ceil(staffed)
    weight = staffed - below

    def between(at_below: np.ndarray, at_above: np.ndarray) -> np.ndarray:
        return at_below + weight * (at_above - at_below)

    sl_c = between(erlang_c(calls, interval, aht, below, answer).service_level,
                   erlang_c(calls, interval, aht, above, answer).service_level)  # fmt: skip
    a_below, a_above = (
        erlang_a(calls, interval, aht, below, patience, answer),
        erlang_a(calls, interval, aht, above, patience, answer),
    )
    np.testing.assert_allclose(m["predicted_service_level_erlang_c"], sl_c, rtol=0, atol=1e-12)
    np.testing.assert_allclose(
        m["predicted_service_level_erlang_a"], between(a_below.service_level, a_above.service_level), rtol=0, atol=1e-12
    )
    np.testing.assert_allclose(
        m["predicted_abandon_rate_erlang_a"], between(a_below.prob_abandon, a_above.prob_abandon), rtol=0, atol=1e-12
    )


def test_predicted_service_level_is_reported_beside_the_achieved(warehouse):
    rows = warehouse.execute(
        """
        select
            queue_name,
            sum(offered) as offered,
            sum(predicted_service_level_erlang_c * (answered + abandoned)) / sum(answered + abandoned) as predicted_c,
            sum(predicted_service_level_erlang_a * (answered + abandoned)) / sum(answered + abandoned) as predicted_a,
            sum(answered_within_queue_threshold) / sum(answered + abandoned) as achieved,
            sum(predicted_abandon_rate_erlang_a * (answered + abandoned)) / sum(answered + abandoned) as abandon_a,
            sum(abandoned) / sum(answered + abandoned) as abandon_achieved,
            corr(predicted_service_level_erlang_a, achieved_service_level) as interval_correlation
        from marts.staffing_queue_interval
        where answered + abandoned > 0
        group by queue_name
        order by queue_name
        """
    ).fetchall()
    header = ("offered", "Erlang C", "Erlang A", "achieved", "abandon A", "achieved", "corr")
    print("\n" + f"{'queue':<24}" + "".join(f"{h:>11}" for h in header))
    for name, offered, pc, pa, ach, ab_a, ab, corr in rows:
        print(f"{name:<24}{offered:>11,}" + "".join(f"{v:>11.3f}" for v in (pc, pa, ach, ab_a, ab, corr)))
    assert len(rows) == len(sim_config.QUEUES)
    (missing,) = warehouse.execute(
        "select count(*) from marts.staffing_queue_interval where offered > 0 and staffed_agents > 0 and"
        " (predicted_service_level_erlang_c is null or predicted_service_level_erlang_a is null)"
    ).fetchone()
    assert missing == 0
    for name, _, pc, pa, ach, ab_a, ab, corr in rows:
        # Erlang A, which lets callers abandon, is the nearer of the two to what the queue achieved, and the
        # predictions follow the achieved service level from interval to interval
        assert abs(pa - ach) < abs(pc - ach), name
        assert ab_a > 0 and ab > 0, name
        assert corr > 0.3, name


def test_forecast_intervals_are_staffed_like_the_past(warehouse):
    m = _columns(
        warehouse,
        "select forecast_offered, interval_seconds, staffing_aht_seconds, service_level_threshold_seconds,"
        " service_level_target, patience_seconds, shrinkage_rate, required_agents_erlang_c, required_agents_erlang_a,"
        " scheduled_need_erlang_a, service_level_erlang_a_at_required from marts.staffing_forecast_interval",
    )
    (seeded,) = warehouse.execute("select count(*) from reference.staffing_forecast").fetchone()
    assert m["forecast_offered"].size == seeded > 300
    args = (m["forecast_offered"], m["interval_seconds"], m["staffing_aht_seconds"])
    answer, target, patience = m["service_level_threshold_seconds"], m["service_level_target"], m["patience_seconds"]
    assert np.array_equal(m["required_agents_erlang_c"], required_agents(*args, answer, target))
    assert np.array_equal(m["required_agents_erlang_a"], erlang_a_required_agents(*args, patience, answer, target))
    assert np.all(m["service_level_erlang_a_at_required"] >= target)
    assert np.all(m["scheduled_need_erlang_a"] >= m["required_agents_erlang_a"] / (1 - m["shrinkage_rate"]) - 1e-6)


def _compiled_analysis(name: str) -> str:
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(ROOT),
        "CC_PII_SALT": os.environ.get("CC_PII_SALT", "demo-salt-change-me"),
    }
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "dbt"), "compile", "-s", name, "--quiet"], cwd=ROOT, env=env, check=True,
        capture_output=True,
    )  # fmt: skip
    return (ROOT / "target" / "compiled" / "contact_center" / "analyses" / f"{name}.sql").read_text()


def test_pooling_what_if_saves_agents_and_agrees_with_the_api(warehouse):
    summary = warehouse.execute(_compiled_analysis("pooling_what_if")).fetchone()
    names = [d[0] for d in warehouse.description]
    got = dict(zip(names, summary, strict=True))
    assert got["intervals_where_pooling_needs_more"] == 0
    assert got["agent_hours_saved"] > 0
    # the same what-if from the mart in Python: both queues' contacts from one pool, work-weighted AHT
    rows = warehouse.execute(
        """
        select interval_start_at, queue_name, offered, interval_seconds, staffing_aht_seconds,
            service_level_threshold_seconds, service_level_target, required_agents_erlang_c
        from marts.staffing_queue_interval where queue_name in ('BOS_Billing_Voice', 'GLA_Billing_Voice')
        """
    ).fetchall()
    by_interval: dict[object, list[tuple]] = {}
    for row in rows:
        by_interval.setdefault(row[0], []).append(row)
    separate_h = pooled_h = 0.0
    for legs in by_interval.values():
        offered = sum(r[2] for r in legs)
        seconds = legs[0][3]
        separate_h += sum(r[7] for r in legs) * seconds / 3600
        if offered:
            aht = sum(r[2] * r[4] for r in legs) / offered
            pooled = required_agents(offered, seconds, aht, min(r[5] for r in legs), max(r[6] for r in legs))
            pooled_h += int(pooled) * seconds / 3600
    assert abs(got["separate_agent_hours"] - separate_h) < 1e-6
    assert abs(got["pooled_agent_hours"] - pooled_h) < 1e-6


def test_published_sql_functions_give_the_marts_answers(warehouse):
    """The analysts' pure-SQL functions in the published file against the marts (the Python API via the UDFs)
    and the API itself, on every 5th queue-interval with traffic and staff."""
    m = _columns(
        warehouse,
        """
        with sample as (
            select *, floor(staffed_agents) as agents
            from marts.staffing_queue_interval
            where offered > 0 and staffed_agents >= 1
            qualify row_number() over (order by queue_id, interval_start_at) % 5 = 0
        )
        select
            offered, interval_seconds, staffing_aht_seconds, service_level_threshold_seconds, patience_seconds,
            agents, required_agents_erlang_c, required_agents_erlang_a,
            erlang_c_required_agents(offered, interval_seconds, staffing_aht_seconds, service_level_target,
                service_level_threshold_seconds) as sql_required_c,
            erlang_a_required_agents(offered, interval_seconds, staffing_aht_seconds, service_level_target,
                service_level_threshold_seconds, patience_seconds) as sql_required_a,
            erlang_c_service_level(offered, interval_seconds, staffing_aht_seconds, agents,
                service_level_threshold_seconds) as sql_sl_c,
            erlang_a_service_level(offered, interval_seconds, staffing_aht_seconds, agents,
                service_level_threshold_seconds, patience_seconds) as sql_sl_a,
            erlang_a_abandon_probability(offered, interval_seconds, staffing_aht_seconds, agents, patience_seconds)
                as sql_abandon_a
        from sample
        """,
    )
    assert m["offered"].size > 1_000
    assert np.array_equal(m["sql_required_c"], m["required_agents_erlang_c"])
    assert np.array_equal(m["sql_required_a"], m["required_agents_erlang_a"])
    args = (m["offered"], m["interval_seconds"], m["staffing_aht_seconds"], m["agents"])
    answer, patience = m["service_level_threshold_seconds"], m["patience_seconds"]
    a = erlang_a(*args, patience, answer)
    np.testing.assert_allclose(m["sql_sl_c"], erlang_c(*args, answer).service_level, rtol=0, atol=1e-9)
    np.testing.assert_allclose(m["sql_sl_a"], a.service_level, rtol=0, atol=1e-9)
    np.testing.assert_allclose(m["sql_abandon_a"], a.prob_abandon, rtol=0, atol=1e-9)
