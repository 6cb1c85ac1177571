"""Compiled per-row loops (numba) for the Erlang C search the warehouse runs over millions of rows.

numpy's whole-array loops pay a fixed cost per pass, and the least-N search needs a few dozen passes; a
compiled loop does each row in well under a microsecond instead (``make bench-staffing``). The maths is the
one of ``blocking`` and ``required``: Erlang B at the first candidate from the positive series for 1/B - 1,
then the stable forward recursion B(N+1) = A B / (N + 1 + A B) until every target holds.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from ._arrays import FloatArray, IntArray

_REL_TOL = 1e-17
_OVERFLOW = 1e280


@njit(cache=True, nogil=True)
def inv_erlang_b_minus_one_int(servers: float, traffic: float) -> float:  # pragma: no cover - compiled
    """1 / B(N, A) - 1 for a whole number N >= 0 and A > 0: sum_{j=1..N} prod_{i<j} (N - i) / A.

    Every term is positive; the sum stops once the ratios (N - i) / A are below one and the geometric bound on
    the tail is under 1e-17 of the total (``blocking.inv_erlang_b_minus_one`` is the same series on arrays).
    """
    inv_traffic = 1.0 / traffic  # a multiply per term instead of a divide: the loop is latency-bound
    term = 1.0
    total = 0.0
    x = servers
    while x >= 1.0:
        term *= x * inv_traffic
        total += term
        x -= 1.0
        ratio_next = x * inv_traffic
        if ratio_next < 1.0 and term <= _REL_TOL * total * (1.0 - ratio_next):
            break
        if total > _OVERFLOW:
            return math.inf
    return total


@njit(cache=True, nogil=True, inline="always")
def _at(values: FloatArray, row: int) -> float:  # pragma: no cover - compiled
    """Row ``row`` of an operand that is either one value for every row or one value per row."""
    return values[0] if values.size == 1 else values[row]


@njit(cache=True, nogil=True)
def required_agents_rows(  # pragma: no cover - compiled
    calls: FloatArray,
    interval_s: FloatArray,
    aht_s: FloatArray,
    answer_s: FloatArray,
    target_sl: FloatArray,
    max_asa_s: FloatArray,
    max_occupancy: FloatArray,
    out: IntArray,
) -> None:
    """Least N > A meeting the service level (and ASA, occupancy) targets, row by row; 0 for no traffic.

    Operands are flat arrays of one value (for every row) or ``out.size`` values; A = calls * aht / interval.
    """
    for i in range(out.size):
        h = _at(aht_s, i)
        a = _at(calls, i) * h / _at(interval_s, i)
        if a <= 0.0:
            out[i] = 0
            continue
        t, g, q, o = _at(answer_s, i), _at(target_sl, i), _at(max_asa_s, i), _at(max_occupancy, i)
        out[i] = np.int64(erlang_c_required_row(a, h, t, g, q, o))


@njit(cache=True, nogil=True)
def erlang_c_required_row(a: float, h: float, t: float, g: float, q: float, o: float) -> float:  # pragma: no cover
    """The least N > A meeting the Erlang C targets for one row with traffic a > 0 (see required_agents_rows)."""
    n = max(math.floor(a) + 1.0, math.ceil(a / o) - 1.0)
    b = 1.0 / (1.0 + inv_erlang_b_minus_one_int(n, a))
    while True:
        gap = n - a
        if gap > 0.0:
            wait = n * b / (n - a * (1.0 - b))
            sl = 1.0 - wait * math.exp(-gap * t / h)
            if sl >= g and wait * h / gap <= q and a / n <= o:
                return n
        n += 1.0
        ab = a * b
        b = ab / (n + ab)


_RESCALE_AT = 1e250
_LOG_RESCALE = 250.0 * math.log(10.0)
#: Erlang A service-level definitions, as codes for the compiled loops (patience.SL_DEFINITIONS order).
SL_OFFERED, SL_HANDLED, SL_ANSWERED = 0, 1, 2


@njit(cache=True, nogil=True, inline="always")
def _log(x: float) -> float:  # pragma: no cover - compiled
    return math.log(x) if x > 0.0 else -math.inf


@njit(cache=True, nogil=True)
def _queue_sums(lam: float, alpha: float, theta: float) -> tuple[float, float, float, float]:  # pragma: no cover
    """(S0, S0 - 1, S1, log scale) of t_k = prod_{i<=k} lam / (alpha + i theta): patience._queue_sums for one row.

    The sums are kept as mantissas of exp(log scale), rescaled whenever a term passes 1e250, and stop when the
    geometric bound on the tail of S1 falls below 1e-17 of S0.
    """
    t, s0, s0m1, s1, scale = 1.0, 1.0, 0.0, 0.0, 0.0
    k = 0
    while True:
        k += 1
        t *= lam / (alpha + k * theta)
        s0 += t
        s0m1 += t
        s1 += k * t
        if t > _RESCALE_AT:
            t /= _RESCALE_AT
            s0 /= _RESCALE_AT
            s0m1 /= _RESCALE_AT
            s1 /= _RESCALE_AT
            scale += _LOG_RESCALE
        ratio_next = lam / (alpha + (k + 1) * theta)
        if ratio_next < 1.0 and t * (k + 2) / ((1.0 - ratio_next) * (1.0 - ratio_next)) <= _REL_TOL * s0:
            return s0, s0m1, s1, scale


@njit(cache=True, nogil=True)
def erlang_a_service_level_row(  # pragma: no cover - compiled
    lam: float, mu: float, theta: float, agents: float, answer_s: float, definition: int
) -> float:
    """Erlang A service level of one row (lam > 0) at a whole number of agents, by ``definition`` (SL_* codes).

    The formulas of ``patience._metrics_flat``: P(no wait) + (N mu / lam) pi_N [S0' - e^h(T) S0'_T] answered
    within T; 1 - pi_N e^(h(T) - theta T) S0_T answered or abandoned within T; the first over 1 - P(abandon).
    """
    a = lam / mu
    rate = agents * mu
    below = inv_erlang_b_minus_one_int(agents, a) if agents > 0.0 else 0.0
    s0, s0m1, s1, scale = _queue_sums(lam, rate, theta)
    lam_t = lam * math.exp(-theta * answer_s)
    s0_t, s0m1_t, _, scale_t = _queue_sums(lam_t, rate, theta)
    log_below = _log(below)
    log_s0 = _log(s0) + scale
    if math.isinf(below):
        p_nowait, log_pin = 1.0, -math.inf
    else:
        log_total = max(log_below, log_s0) + math.log1p(math.exp(-abs(log_below - log_s0)))
        p_nowait, log_pin = math.exp(log_below - log_total), -log_total
    h_t = lam / theta * -math.expm1(-theta * answer_s) - rate * answer_s
    if definition == SL_HANDLED:
        waiting_at_t = math.exp(h_t - theta * answer_s + _log(s0_t) + scale_t + log_pin)
        return min(max(1.0 - waiting_at_t, 0.0), 1.0)
    log_ratio = _log(rate / lam)
    served_wait = math.exp(log_ratio + _log(s0m1) + scale + log_pin)
    served_late = math.exp(log_ratio + h_t + _log(s0m1_t) + scale_t + log_pin)
    answered_within = p_nowait + max(served_wait - served_late, 0.0)
    if definition == SL_OFFERED:
        return min(max(answered_within, 0.0), 1.0)
    p_served = max(1.0 - math.exp(_log(s1) + scale + log_pin) * theta / lam, 0.0)
    return min(max(answered_within / p_served, 0.0), 1.0) if p_served > 0.0 else 0.0


@njit(cache=True, nogil=True)
def erlang_a_required_agents_rows(  # pragma: no cover - compiled
    calls: FloatArray,
    interval_s: FloatArray,
    aht_s: FloatArray,
    patience_s: FloatArray,
    answer_s: FloatArray,
    target_sl: FloatArray,
    definition: int,
    out: IntArray,
) -> None:
    """Least whole N whose Erlang A service level meets the target, row by row (0 for no traffic).

    Bisection between a staffing that fails (N < target A for the offered definition, as SL <= answered share
    <= N / A; else none) and the Erlang C answer, widened upwards while that still fails (Erlang A can need more
    agents than Erlang C when patience is short against T). Assumes the service level increases with N.
    """
    for i in range(out.size):
        h, interval = _at(aht_s, i), _at(interval_s, i)
        c = _at(calls, i)
        a = c * h / interval
        if a <= 0.0:
            out[i] = 0
            continue
        lam, mu, theta = c / interval, 1.0 / h, 1.0 / _at(patience_s, i)
        t, g = _at(answer_s, i), _at(target_sl, i)
        hi = erlang_c_required_row(a, h, t, g, math.inf, 1.0)
        lo = max(math.ceil(g * a * (1.0 - 1e-12)) - 1.0, -1.0) if definition == SL_OFFERED else -1.0
        lo = min(lo, hi - 1.0)
        while erlang_a_service_level_row(lam, mu, theta, hi, t, definition) < g:
            step = max(hi - lo, 1.0)
            lo = hi
            hi += step
        while hi - lo > 1.0:
            mid = math.floor(0.5 * (lo + hi))
            if erlang_a_service_level_row(lam, mu, theta, mid, t, definition) >= g:
                hi = mid
            else:
                lo = mid
        out[i] = np.int64(hi)
