"""Staffing math (src/contact_center/staffing): published cases, exact references, Erlang A properties."""

from __future__ import annotations

import csv
import math
from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from contact_center.staffing import (
    CHAT_CONCURRENCY_FACTORS,
    chat_effective_aht,
    erlang_a,
    erlang_a_required_agents,
    erlang_b,
    erlang_c,
    fractional_required_agents,
    occupancy,
    probability_of_waiting,
    required_agents,
    required_agents_scalar,
    scheduled_agents,
    service_level,
    staff_interval,
)

CASES_CSV = Path(__file__).resolve().parents[2] / "tests" / "reference" / "erlang_published_cases.csv"


def _published_cases() -> list[dict[str, str]]:
    with CASES_CSV.open(newline="") as fh:
        return list(csv.DictReader(fh))


def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


# ---------------------------------------------------------------- published cases


@pytest.mark.parametrize("case", _published_cases(), ids=lambda c: c["case_id"])
def test_published_case(case: dict[str, str]) -> None:
    calls, interval, aht = float(case["calls_per_interval"]), float(case["interval_s"]), float(case["aht_s"])
    answer, target = float(case["target_answer_s"]), float(case["target_service_level"])
    published = case["published_required_agents"]
    if "." in published:  # a fractional-agent answer (continuous Erlang C)
        frac = float(fractional_required_agents(calls, interval, aht, answer, target))
        assert round(frac, 2) == float(published)
        n = required_agents_scalar(calls, interval, aht, answer, target)
        assert n == math.ceil(frac)
    else:
        n = required_agents_scalar(calls, interval, aht, answer, target)
        assert n == int(published)
    m = erlang_c(calls, interval, aht, n, answer)
    for column, value in (
        ("published_service_level", m.service_level),
        ("published_prob_wait", m.prob_wait),
        ("published_asa_s", m.asa_s),
        ("published_occupancy", m.occupancy),
    ):
        if case[column]:
            assert round(float(value), _decimals(case[column])) == float(case[column]), column
    if case["published_scheduled_agents"]:
        assert int(scheduled_agents(n, float(case["shrinkage"]))) == int(case["published_scheduled_agents"])
        plan = staff_interval(calls, interval, aht, answer, target, float(case["shrinkage"]))
        assert plan.scheduled_agents == int(case["published_scheduled_agents"])


def test_published_notes_one_agent_fewer() -> None:
    # CCH-1: 13 agents give 79.6%; SAWHNEY: 39 agents give 79.0%
    assert round(float(service_level(100, 1800, 180, 13, 20)), 3) == 0.796
    assert round(float(service_level(100, 1800, 600, 39, 20)), 3) == 0.790


# ---------------------------------------------------------------- exact reference (Fraction + 50-digit Decimal)


def _exact_erlang_c(n: int, a: Fraction) -> Fraction:
    """C(N, A) exactly: 1/B by the recursion R(k) = 1 + k R(k-1) / A kept as an unreduced integer ratio."""
    p, q = a.numerator, a.denominator  # A = p / q
    num, den = 1, 1  # R(0) = 1
    for k in range(1, n + 1):
        num, den = den * p + k * q * num, den * p
    b = Fraction(den, num)
    return n * b / (n - a * (1 - b))


def _exact_sl(n: int, a: Fraction, aht: float, answer: float) -> Decimal:
    if n <= a:
        return Decimal(0)
    c = _exact_erlang_c(n, a)
    with localcontext() as ctx:
        ctx.prec = 50
        c_dec = Decimal((c.numerator * 10**60) // c.denominator) / Decimal(10**60)
        expo = -(Fraction(n) - a) * Fraction(answer) / Fraction(aht)
        e = (Decimal(expo.numerator) / Decimal(expo.denominator)).exp()
        return 1 - c_dec * e


def test_property_against_exact_reference() -> None:
    rng = np.random.default_rng(20240611)
    size = 1000
    traffic = np.exp(rng.uniform(math.log(0.1), math.log(2000.0), size))
    aht = rng.uniform(30.0, 900.0, size)
    answer = rng.uniform(5.0, 60.0, size)
    target = rng.uniform(0.5, 0.95, size)
    interval = 1800.0
    calls = traffic * interval / aht
    a_used = calls * aht / interval  # exactly the float the implementation computes
    n = required_agents(calls, interval, aht, answer, target)
    sl = erlang_c(calls, interval, aht, n, answer).service_level
    for i in range(size):
        a = Fraction(float(a_used[i]))
        goal = Decimal(float(target[i]))
        ni = int(n[i])
        sl_exact = _exact_sl(ni, a, float(aht[i]), float(answer[i]))
        assert sl_exact >= goal, i
        assert _exact_sl(ni - 1, a, float(aht[i]), float(answer[i])) < goal, i
        assert abs(float(sl_exact) - float(sl[i])) < 1e-9, i


def test_erlang_b_matches_recursion_and_quadrature() -> None:
    for n, a in ((1, 3.0), (14, 10.0), (100, 0.1), (1900, 2000.0), (2100, 2000.0), (40, 39.5)):
        b = 1.0
        for k in range(1, n + 1):
            b = a * b / (k + a * b)
        assert float(erlang_b(n, a)) == pytest.approx(b, rel=1e-12)
    # fractional servers: 1/B(x, A) = int_0^inf e^-s (1 + s/A)^x ds, by Gauss-Laguerre quadrature
    nodes, weights = np.polynomial.laguerre.laggauss(60)
    for x, a in ((0.5, 3.0), (2.3, 1.7), (5.7, 10.0), (0.3, 50.0), (39.16, 33.3), (0.9, 1.95)):
        ref = 1.0 / float(np.sum(weights * (1.0 + nodes / a) ** x))
        assert float(erlang_b(x, a)) == pytest.approx(ref, rel=1e-12)


def test_fractional_agents_interpolate_integers() -> None:
    # the continuous SL at an integer equals the integer SL, and it increases with x
    xs = np.array([34.0, 34.5, 35.0, 36.25, 40.0])
    sl = service_level(100, 1800, 600, xs, 20)
    assert np.all(np.diff(sl) > 0)
    assert float(sl[0]) == pytest.approx(float(service_level(100, 1800, 600, 34, 20)), abs=1e-14)


# ---------------------------------------------------------------- conventions


def test_unstable_and_zero_traffic_conventions() -> None:
    m = erlang_c([100, 100, 0, 100], 1800, 180, [10, 5, 3, 11], 20)
    assert m.prob_wait.tolist()[:2] == [1.0, 1.0]
    assert m.service_level.tolist()[:2] == [0.0, 0.0]
    assert np.isinf(m.asa_s[:2]).all()
    assert m.occupancy.tolist()[:2] == [1.0, 1.0]
    assert (m.prob_wait[2], m.service_level[2], m.asa_s[2], m.occupancy[2]) == (0.0, 1.0, 0.0, 0.0)
    assert float(probability_of_waiting(100, 1800, 180, 11)) < 1.0
    assert float(occupancy(100, 1800, 180, 8)) == 1.0
    assert int(required_agents(0, 1800, 180, 20, 0.8)) == 0


def test_required_agents_with_asa_and_occupancy_caps() -> None:
    base = required_agents_scalar(100, 1800, 180, 20, 0.8)
    with_asa = required_agents_scalar(100, 1800, 180, 20, 0.8, max_asa_s=2.0)
    with_occ = required_agents_scalar(100, 1800, 180, 20, 0.8, max_occupancy=0.5)
    assert with_asa > base
    assert float(erlang_c(100, 1800, 180, with_asa, 20).asa_s) <= 2.0
    assert float(erlang_c(100, 1800, 180, with_asa - 1, 20).asa_s) > 2.0
    assert with_occ == 20  # 10 Erlangs at 50% occupancy, exactly on the cap


def test_scheduled_agents_and_chat() -> None:
    assert scheduled_agents([14, 11, 10], [0.3, 0.3, 0.0]).tolist() == [20, 16, 10]
    assert int(scheduled_agents(14.01, 0.3)) == 21
    assert CHAT_CONCURRENCY_FACTORS == {1: 1.0, 2: 1.7, 3: 2.5, 4: 2.9, 5: 3.5}
    assert chat_effective_aht(600, [1, 2, 3, 4, 5]).tolist() == pytest.approx(
        [600, 600 / 1.7, 240, 600 / 2.9, 600 / 3.5]
    )
    with pytest.raises(ValueError):
        chat_effective_aht(600, 6)


def test_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        required_agents(-1, 1800, 180, 20, 0.8)
    with pytest.raises(ValueError):
        required_agents(10, 1800, 180, 20, 1.0)
    with pytest.raises(ValueError):
        erlang_c(float("nan"), 1800, 180, 5, 20)


# ---------------------------------------------------------------- vectorized = scalar


def test_vectorized_equals_scalar() -> None:
    rng = np.random.default_rng(7)
    size = 60
    calls = np.exp(rng.uniform(math.log(1), math.log(5000), size))
    aht = rng.uniform(30, 900, size)
    answer = rng.uniform(5, 60, size)
    target = rng.uniform(0.5, 0.95, size)
    n = required_agents(calls, 1800, aht, answer, target)
    m = erlang_c(calls, 1800, aht, n, answer)
    patience = rng.uniform(20, 600, size)
    ea = erlang_a(calls, 1800, aht, n, patience, answer)
    for i in range(size):
        assert n[i] == required_agents_scalar(calls[i], 1800, aht[i], answer[i], target[i])
        one = erlang_c(calls[i], 1800, aht[i], int(n[i]), answer[i])
        assert float(one.service_level) == m.service_level[i]
        assert float(one.asa_s) == m.asa_s[i]
        a1 = erlang_a(calls[i], 1800, aht[i], int(n[i]), patience[i], answer[i])
        assert float(a1.service_level) == ea.service_level[i]
        assert float(a1.prob_abandon) == ea.prob_abandon[i]
    frac = fractional_required_agents(calls[:10], 1800, aht[:10], answer[:10], target[:10])
    for i in range(10):
        assert float(frac[i]) == float(fractional_required_agents(calls[i], 1800, aht[i], answer[i], target[i]))


# ---------------------------------------------------------------- Erlang A


def test_erlang_a_tends_to_erlang_c() -> None:
    for calls, aht, n, answer in ((100, 180, 14, 20), (400, 300, 75, 30), (3000, 240, 410, 15), (20, 600, 9, 60)):
        c = erlang_c(calls, 1800, aht, n, answer)
        a = erlang_a(calls, 1800, aht, n, 1e9, answer)
        assert float(a.service_level) == pytest.approx(float(c.service_level), abs=1e-6)
        assert float(a.prob_wait) == pytest.approx(float(c.prob_wait), abs=1e-6)
        # ASA moves by about theta * Var(wait) (here < 1e-4 s): a model difference, not an error
        assert float(a.asa_s) == pytest.approx(float(c.asa_s), rel=1e-5)
        assert float(a.prob_abandon) < 1e-6


def test_erlang_a_abandonment_grows_as_patience_shrinks() -> None:
    patience = np.array([1e5, 3600.0, 600.0, 180.0, 60.0, 10.0, 1.0])
    for n in (8, 10, 14):
        p_ab = erlang_a(100, 1800, 180, n, patience, 20).prob_abandon
        assert np.all(np.diff(p_ab) > 0)


def test_erlang_a_overloaded_is_finite() -> None:
    # 2,000 Erlangs with 1,000 to 2,000 agents; and a small queue with agents <= traffic
    m = erlang_a(20000, 1800, 180, [1, 500, 1000, 1900, 2000], 120, 20)
    for field in ("prob_wait", "prob_abandon", "service_level", "service_level_handled", "asa_s", "occupancy"):
        assert np.all(np.isfinite(getattr(m, field))), field
    # fluid limit: with N << A, served share is about N / A
    assert float(m.prob_abandon[2]) == pytest.approx(0.5, abs=0.01)
    small = erlang_a(100, 1800, 180, [1, 5, 10], 60, 20)
    assert np.all(np.isfinite(small.asa_s)) and np.all((small.service_level > 0) & (small.service_level < 1))


def test_erlang_a_needs_no_more_agents_than_erlang_c() -> None:
    rng = np.random.default_rng(3)
    size = 200
    calls = np.exp(rng.uniform(math.log(2), math.log(20000), size))
    aht = rng.uniform(60, 600, size)
    answer = rng.uniform(5, 60, size)
    target = rng.uniform(0.5, 0.95, size)
    patience = answer * rng.uniform(2, 20, size)  # customers more patient than the SL threshold
    n_a = erlang_a_required_agents(calls, 1800, aht, patience, answer, target)
    n_c = required_agents(calls, 1800, aht, answer, target)
    assert np.all(n_a <= n_c)
    sl = erlang_a(calls, 1800, aht, n_a, patience, answer).service_level
    sl_below = erlang_a(calls, 1800, aht, np.maximum(n_a - 1, 0), patience, answer).service_level
    assert np.all(sl >= target) and np.all((sl_below < target) | (n_a == 0))


def _direct_chain(lam: float, mu: float, theta: float, n: int, answer: float, states: int = 400) -> dict[str, float]:
    """Erlang A by brute force: solve pi Q = 0 on a truncated chain, then evolve a tagged arrival's position."""
    q = np.zeros((states, states))
    for s in range(states):
        if s + 1 < states:
            q[s, s + 1] = lam
        if s > 0:
            q[s, s - 1] = min(s, n) * mu + max(s - n, 0) * theta
        q[s, s] = -q[s].sum()
    lhs = np.vstack([q.T, np.ones(states)])
    rhs = np.zeros(states + 1)
    rhs[-1] = 1.0
    pi = np.linalg.lstsq(lhs, rhs, rcond=None)[0]
    queue = np.arange(states) - n
    p_wait = pi[n:].sum()
    lq = float(np.sum(np.maximum(queue, 0) * pi))
    # tagged arrival: position j (others ahead), killed at rate theta; uniformization over [0, answer]
    k = states - n
    ahead = pi[n:].copy()  # arrival finding n + j in system has j ahead
    advance = n * mu + np.arange(k) * theta
    big = float(advance.max() + theta)
    step = np.zeros((k + 2, k + 2))  # states 0..k-1 queue, k served, k+1 abandoned
    for j in range(k):
        if j == 0:
            step[0, k] = advance[0] / big
        else:
            step[j, j - 1] = advance[j] / big
        step[j, k + 1] = theta / big
        step[j, j] = 1.0 - (advance[j] + theta) / big
    step[k, k] = step[k + 1, k + 1] = 1.0
    vec = np.concatenate([ahead, [0.0, 0.0]])
    out = np.zeros_like(vec)
    weight = math.exp(-big * answer)
    for m in range(int(big * answer + 20 * math.sqrt(big * answer) + 50)):
        out += weight * vec
        vec = vec @ step
        weight *= big * answer / (m + 1)
    # mean wait of served arrivals: m_j = s_j / r_j + (advance_j / r_j) m_{j-1}, s_j = P(served | j)
    s_prev, m_prev, wait_served = 1.0, 0.0, 0.0
    served_after_wait = 0.0
    for j in range(k):
        r = advance[j] + theta
        s_j = advance[j] / r * s_prev
        m_j = s_j / r + advance[j] / r * m_prev
        wait_served += ahead[j] * m_j
        served_after_wait += ahead[j] * s_j
        s_prev, m_prev = s_j, m_j
    p_ab = theta * lq / lam
    return {
        "prob_wait": p_wait,
        "prob_abandon": p_ab,
        "service_level": (1.0 - p_wait) + out[k],
        "service_level_handled": 1.0 - out[:k].sum(),
        "asa_s": wait_served / (1.0 - p_ab),
        "served_check": (1.0 - p_wait) + served_after_wait,
    }


@pytest.mark.parametrize("agents", [3, 6, 8, 12])
def test_erlang_a_matches_direct_chain(agents: int) -> None:
    calls, interval, aht, patience, answer = 100.0, 1800.0, 180.0, 90.0, 20.0
    ref = _direct_chain(calls / interval, 1 / aht, 1 / patience, agents, answer)
    got = erlang_a(calls, interval, aht, agents, patience, answer)
    assert ref["served_check"] == pytest.approx(1.0 - ref["prob_abandon"], abs=1e-9)
    for field in ("prob_wait", "prob_abandon", "service_level", "service_level_handled"):
        assert float(getattr(got, field)) == pytest.approx(ref[field], abs=1e-9), field
    assert float(got.asa_s) == pytest.approx(ref["asa_s"], rel=1e-9)  # the dense solve limits this one


@pytest.mark.parametrize(
    ("definition", "metric"),
    [("offered", "service_level"), ("handled", "service_level_handled"), ("answered", "service_level_of_answered")],
)
def test_erlang_a_required_agents_is_the_least_meeting_each_definition(definition: str, metric: str) -> None:
    """The compiled search against the array metrics: N meets the target by the chosen definition, N - 1 does not."""
    rng = np.random.default_rng(11)
    size = 2000
    calls = np.exp(rng.uniform(math.log(1), math.log(5000), size))
    aht = rng.uniform(60, 900, size)
    answer = rng.uniform(5, 60, size)
    target = rng.uniform(0.5, 0.95, size)
    patience = np.exp(rng.uniform(math.log(5), math.log(3600), size))
    n = erlang_a_required_agents(calls, 1800, aht, patience, answer, target, sl_definition=definition)
    at_n = getattr(erlang_a(calls, 1800, aht, n, patience, answer), metric)
    below = getattr(erlang_a(calls, 1800, aht, np.maximum(n - 1, 0), patience, answer), metric)
    assert np.all(at_n >= target)
    assert np.all((below < target) | (n == 0))
