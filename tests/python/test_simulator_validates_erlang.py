"""The simulator validates the staffing math: with one queue, stationary Poisson arrivals and fixed staffing,
the simulated service level and abandonment agree with Erlang A, and with Erlang C when patience is very long.

The runs use ``contact_center.simulator.validation``: the engine's own queueing methods (``Engine._enqueue``,
``_pop_idle``, ``_try_pick``, ``_on_abandon``, ...) with one queue, 200 calls an hour, exponential handle times
of mean 180 s (A = 10 Erlangs), N agents always Available, exponential patience and T = 20 s. No warehouse needed.

Tolerance rule, per case and metric (service level = answered within T / offered, and abandoned / offered):
R = 20 independent replications (seeds ``seed``, ``seed + 1``, ...), each 160 h counted after a 4 h warm-up
(about 32,000 calls). The estimate is the mean of the R per-replication values, SE their standard deviation
over sqrt(R). The case passes when |estimate - theory| <= 4 SE + 0.002, and the tolerance 4 SE + 0.002 must
itself be at most 0.02, so a noisy estimate fails instead of passing everything. With 19 degrees of freedom an
unbiased estimate is outside 4 SE with probability about 0.0008. The 0.002 floor covers the engine's
whole-second abandon times, which raise the service level by about 0.0015 (see ``validation``'s docstring).

The tests that must fail to match show the rule has teeth: Erlang C, which ignores abandonment, is rejected for
the short-patience runs, and Erlang A with one agent more or fewer is rejected for every run.
"""

from __future__ import annotations

import functools
import math
import statistics
from dataclasses import dataclass

import pytest

from contact_center.simulator.engine import Engine
from contact_center.simulator.validation import _ValidationEngine, replicate, run_single_queue
from contact_center.staffing import erlang_a, erlang_c

CALLS_PER_HOUR = 200.0
AHT_S = 180.0  # 200 calls/h x 180 s = 10 Erlangs
ANSWER_S = 20.0
REPLICATIONS = 20
HORIZON_S = 160 * 3600.0
WARMUP_S = 4 * 3600.0
Z = 4.0
FLOOR = 0.002
CAP = 0.02
LONG_PATIENCE_S = 1e7  # the Erlang C limit: nobody gives up

# (agents, mean patience in seconds, first seed); seeds are 1000 apart so no two runs share one.
ERLANG_A_CASES = [
    (9, 120.0, 1000),
    (10, 120.0, 2000),
    (11, 120.0, 3000),
    (12, 120.0, 4000),
    (9, 600.0, 5000),
    (10, 600.0, 6000),
    (11, 600.0, 7000),
    (12, 600.0, 8000),
]
ERLANG_C_CASES = [(13, LONG_PATIENCE_S, 9000), (14, LONG_PATIENCE_S, 10000)]
CASE_SEED = {(n, p): s for n, p, s in ERLANG_A_CASES + ERLANG_C_CASES}


@dataclass(frozen=True)
class Estimate:
    mean: float
    se: float

    @property
    def tolerance(self) -> float:
        return Z * self.se + FLOOR

    def off_by(self, theory: float) -> float:
        return abs(self.mean - theory)


def _estimate(values: list[float]) -> Estimate:
    return Estimate(statistics.fmean(values), statistics.stdev(values) / math.sqrt(len(values)))


@functools.cache
def _simulated(agents: int, patience_s: float) -> tuple[Estimate, Estimate]:
    """Service level and abandon-rate estimates over the replications (each case simulated once per session)."""
    runs = replicate(
        REPLICATIONS,
        seed=CASE_SEED[(agents, patience_s)],
        calls_per_hour=CALLS_PER_HOUR,
        aht_s=AHT_S,
        agents=agents,
        patience_s=patience_s,
        answer_s=ANSWER_S,
        horizon_s=HORIZON_S,
        warmup_s=WARMUP_S,
    )
    for r in runs:
        assert r.offered == r.answered + r.abandoned
    return _estimate([r.service_level for r in runs]), _estimate([r.abandon_rate for r in runs])


def _erlang_a(agents: int, patience_s: float) -> tuple[float, float]:
    m = erlang_a(CALLS_PER_HOUR, 3600.0, AHT_S, agents, patience_s, ANSWER_S)
    return float(m.service_level), float(m.prob_abandon)


def _assert_matches(what: str, sim: Estimate, theory: float) -> None:
    assert sim.tolerance <= CAP, f"{what}: estimate too noisy (tolerance {sim.tolerance:.4f} > {CAP})"
    assert sim.off_by(theory) <= sim.tolerance, (
        f"{what}: simulated {sim.mean:.4f} (SE {sim.se:.4f}) vs theory {theory:.4f}, "
        f"off by {sim.off_by(theory):.4f} > tolerance {sim.tolerance:.4f}"
    )


def _ids(case: tuple[int, float, int]) -> str:
    return f"N{case[0]}-patience{case[1]:g}s"


# ---------------------------------------------------------------- the scenario is the engine's queue


def test_the_scenario_runs_the_engines_own_queueing_code():
    for name in ("_enqueue", "_on_enqueue", "_pop_idle", "_peek_waiting", "_try_pick", "_on_abandon", "_leave_queue"):
        assert getattr(_ValidationEngine, name) is getattr(Engine, name), name


def test_a_run_counts_every_contact_once_and_is_deterministic():
    kwargs = dict(calls_per_hour=CALLS_PER_HOUR, aht_s=AHT_S, agents=10, patience_s=120.0, horizon_s=20 * 3600.0)
    a, b = run_single_queue(seed=5, **kwargs), run_single_queue(seed=5, **kwargs)
    assert a == b
    assert a.offered == a.answered + a.abandoned
    assert 0 < a.answered_within < a.answered
    assert abs(a.offered - CALLS_PER_HOUR * 20) < 5 * math.sqrt(CALLS_PER_HOUR * 20)
    assert run_single_queue(seed=6, **kwargs) != a


# ---------------------------------------------------------------- Erlang A and the Erlang C limit


@pytest.mark.parametrize("case", ERLANG_A_CASES, ids=_ids)
def test_service_level_and_abandonment_match_erlang_a(case):
    agents, patience, _ = case
    sl, ab = _simulated(agents, patience)
    theory_sl, theory_ab = _erlang_a(agents, patience)
    _assert_matches("service level", sl, theory_sl)
    _assert_matches("abandonment", ab, theory_ab)


@pytest.mark.parametrize("case", ERLANG_C_CASES, ids=_ids)
def test_service_level_matches_erlang_c_when_patience_is_very_long(case):
    agents, patience, _ = case
    sl, ab = _simulated(agents, patience)
    _assert_matches("service level", sl, float(erlang_c(CALLS_PER_HOUR, 3600.0, AHT_S, agents, ANSWER_S).service_level))
    assert ab.mean < 1e-4  # Erlang A's P(abandon) here is about 1e-6
    _assert_matches("abandonment", ab, _erlang_a(agents, patience)[1])


# ---------------------------------------------------------------- the rule rejects the wrong model


@pytest.mark.parametrize("agents", [11, 12])
def test_erlang_c_is_rejected_when_callers_give_up(agents):
    sl, _ = _simulated(agents, 120.0)
    theory_c = float(erlang_c(CALLS_PER_HOUR, 3600.0, AHT_S, agents, ANSWER_S).service_level)
    assert sl.off_by(theory_c) > sl.tolerance
    assert sl.off_by(theory_c) > CAP


@pytest.mark.parametrize("case", ERLANG_A_CASES, ids=_ids)
def test_erlang_a_with_one_agent_more_or_fewer_is_rejected(case):
    agents, patience, _ = case
    sl, ab = _simulated(agents, patience)
    for wrong in (agents - 1, agents + 1):
        wrong_sl, wrong_ab = _erlang_a(wrong, patience)
        assert sl.off_by(wrong_sl) > sl.tolerance, f"N={wrong}"
        assert ab.off_by(wrong_ab) > ab.tolerance, f"N={wrong}"
