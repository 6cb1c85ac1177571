"""Required agents by Erlang C: integer and fractional, shrinkage, and chat concurrency.

``required_agents`` runs one compiled loop over the rows (``_kernels``): every row starts at N0 = floor(A) + 1
(the least stable staffing, or the occupancy floor if that is higher), gets an exact Erlang B there from the
positive series of ``blocking`` (about 9 sqrt(A) terms), and then steps N -> N + 1 with the stable forward
recursion B(N+1) = A B / (N + 1 + A B) until the service-level (and optional ASA and occupancy) targets hold.
Every metric is monotone in N, so the first N that passes is the least one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._arrays import (
    FloatArray,
    IntArray,
    as_float_arrays,
    check_positive,
    check_probability,
    traffic_from,
    validated_operands,
)
from ._kernels import required_agents_rows
from .blocking import inv_erlang_b_minus_one
from .delay import erlang_c, erlang_c_from_b

#: callcentrehelper.com rule of thumb: how many chats' worth of work an agent handles at 1-5 concurrent chats.
CHAT_CONCURRENCY_FACTORS: dict[int, float] = {1: 1.0, 2: 1.7, 3: 2.5, 4: 2.9, 5: 3.5}

_SHRINKAGE_ROUNDING_TOL = 1e-9


def chat_effective_aht(aht_s: ArrayLike, concurrent_chats: ArrayLike) -> FloatArray:
    """Effective AHT of chat when agents run 1-5 chats at once: AHT / factor.

    Factors (callcentrehelper): 1 chat -> 1.0, 2 -> 1.7, 3 -> 2.5, 4 -> 2.9, 5 -> 3.5. The effective AHT then
    goes into the Erlang C functions as if chat were voice.
    """
    h, chats = as_float_arrays(("aht_s", "concurrent_chats"), aht_s, concurrent_chats)
    factors = np.vectorize(_concurrency_factor, otypes=[np.float64])(chats) if chats.size else chats.astype(float)
    return h / factors


def _concurrency_factor(chats: object) -> float:
    try:
        if float(chats) != int(chats):  # type: ignore[call-overload, arg-type]
            raise ValueError
        return CHAT_CONCURRENCY_FACTORS[int(chats)]  # type: ignore[call-overload]
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"concurrent_chats must be one of {sorted(CHAT_CONCURRENCY_FACTORS)}, got {chats!r}") from None


def scheduled_agents(required: ArrayLike, shrinkage: ArrayLike) -> IntArray:
    """Agents to schedule so ``required`` remain after shrinkage: ceil(required / (1 - shrinkage)).

    A relative tolerance of 1e-9 absorbs floating-point noise (14 / 0.7 is 20.000000000000004 in binary).
    """
    r, s = as_float_arrays(("required", "shrinkage"), required, shrinkage)
    check_probability("shrinkage", s, upper_inclusive=False)
    raw = r / (1.0 - s)
    return np.ceil(raw * (1.0 - _SHRINKAGE_ROUNDING_TOL)).astype(np.int64)


def required_agents(
    calls: ArrayLike,
    interval_s: ArrayLike,
    aht_s: ArrayLike,
    answer_s: ArrayLike,
    target_sl: ArrayLike,
    *,
    max_asa_s: ArrayLike | None = None,
    max_occupancy: ArrayLike | None = None,
) -> IntArray:
    """The least integer N > A with Erlang C SL >= ``target_sl`` (and ASA <= ``max_asa_s``, occupancy <=
    ``max_occupancy`` when given). Zero traffic needs 0 agents. ``target_sl`` must lie in [0, 1).
    """
    asa_arg = np.inf if max_asa_s is None else max_asa_s
    occ_arg = 1.0 if max_occupancy is None else max_occupancy
    shape, (c, i, h, t, g, q, o) = validated_operands(
        ("calls", "interval_s", "aht_s", "answer_s", "target_sl", "max_asa_s", "max_occupancy"),
        calls,
        interval_s,
        aht_s,
        answer_s,
        target_sl,
        np.nan_to_num(np.asarray(asa_arg, dtype=np.float64), posinf=np.finfo(np.float64).max),
        occ_arg,
    )
    check_positive("interval_s", i)
    check_probability("target_sl", g, upper_inclusive=False)
    check_positive("max_asa_s", q)
    check_positive("max_occupancy", o)
    check_probability("max_occupancy", o)
    out = np.empty(math.prod(shape), dtype=np.int64)
    required_agents_rows(c, i, h, t, g, q, o, out)
    return out.reshape(shape)


def _continuous_sl(x: FloatArray, a: FloatArray, h: FloatArray, t: FloatArray) -> FloatArray:
    """Erlang C service level at fractional agents x > a > 0 (flat arrays)."""
    b = 1.0 / (1.0 + inv_erlang_b_minus_one(x, a))
    cw = erlang_c_from_b(x, a, b)
    return 1.0 - cw * np.exp(-(x - a) * t / h)


def fractional_required_agents(
    calls: ArrayLike,
    interval_s: ArrayLike,
    aht_s: ArrayLike,
    answer_s: ArrayLike,
    target_sl: ArrayLike,
    *,
    tol: float = 1e-4,
) -> FloatArray:
    """The fractional x > A where the continuous Erlang C service level equals ``target_sl``.

    The continuous Erlang B, B(x, A) = A^x e^-A / Gamma(x + 1, A), makes SL(x) continuous and increasing for
    x > A, with SL -> 0 as x -> A. Bisection inside [max(A, N - 1), N], N the integer answer, to ``tol``
    agents; the upper end of the final bracket is returned (it meets the target). Zero traffic gives 0.
    """
    c, i, h, t, g = as_float_arrays(
        ("calls", "interval_s", "aht_s", "answer_s", "target_sl"), calls, interval_s, aht_s, answer_s, target_sl
    )
    n_int = required_agents(c, i, h, t, g).astype(np.float64)
    a = traffic_from(c, i, h)
    out = np.zeros(a.size)
    live = np.flatnonzero(a.ravel() > 0)
    if live.size:
        al, hl, tl, gl = (arr.ravel()[live] for arr in (a, h, t, g))
        hi = n_int.ravel()[live]
        lo = np.maximum(al, hi - 1.0)
        while np.max(hi - lo) > tol:
            mid = 0.5 * (lo + hi)
            ok = _continuous_sl(mid, al, hl, tl) >= gl
            hi = np.where(ok, mid, hi)
            lo = np.where(ok, lo, mid)
        out[live] = hi
    return out.reshape(a.shape)


@dataclass(frozen=True)
class StaffingPlan:
    """One queue-interval's Erlang C staffing answer (plain Python scalars)."""

    traffic: float
    required_agents: int
    fractional_agents: float
    scheduled_agents: int
    service_level: float
    prob_wait: float
    asa_s: float
    occupancy: float


def staff_interval(
    calls: float,
    interval_s: float,
    aht_s: float,
    answer_s: float = 20.0,
    target_sl: float = 0.8,
    shrinkage: float = 0.0,
    *,
    max_asa_s: float | None = None,
    max_occupancy: float | None = None,
) -> StaffingPlan:
    """Scalar convenience wrapper: required, fractional and scheduled agents with the metrics at the answer."""
    n = int(
        required_agents(calls, interval_s, aht_s, answer_s, target_sl, max_asa_s=max_asa_s, max_occupancy=max_occupancy)
    )
    m = erlang_c(calls, interval_s, aht_s, n, answer_s)
    return StaffingPlan(
        traffic=float(m.traffic),
        required_agents=n,
        fractional_agents=float(fractional_required_agents(calls, interval_s, aht_s, answer_s, target_sl)),
        scheduled_agents=int(scheduled_agents(n, shrinkage)),
        service_level=float(m.service_level),
        prob_wait=float(m.prob_wait),
        asa_s=float(m.asa_s),
        occupancy=float(m.occupancy),
    )


def required_agents_scalar(
    calls: float,
    interval_s: float,
    aht_s: float,
    answer_s: float = 20.0,
    target_sl: float = 0.8,
    *,
    max_asa_s: float | None = None,
    max_occupancy: float | None = None,
) -> int:
    """Scalar ``required_agents``."""
    return int(
        required_agents(calls, interval_s, aht_s, answer_s, target_sl, max_asa_s=max_asa_s, max_occupancy=max_occupancy)
    )
