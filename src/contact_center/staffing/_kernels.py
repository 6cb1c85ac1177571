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
        n = max(math.floor(a) + 1.0, math.ceil(a / o) - 1.0)
        b = 1.0 / (1.0 + inv_erlang_b_minus_one_int(n, a))
        while True:
            gap = n - a
            if gap > 0.0:
                wait = n * b / (n - a * (1.0 - b))
                sl = 1.0 - wait * math.exp(-gap * t / h)
                if sl >= g and wait * h / gap <= q and a / n <= o:
                    break
            n += 1.0
            ab = a * b
            b = ab / (n + ab)
        out[i] = np.int64(n)
