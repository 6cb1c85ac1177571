"""Erlang C (M/M/N) queue metrics per queue-interval, vectorized, for integer or fractional agents.

Inputs are broadcast arrays (or scalars): ``calls`` offered in the interval, ``interval_s`` its length,
``aht_s`` the average handle time, ``agents`` (may be fractional: the continuous Erlang B is used), and
``answer_s`` the service-level threshold T. With A = calls * aht / interval Erlangs and N agents:

- C = N B / (N - A (1 - B)), B the Erlang B (no factorials: see ``blocking``);
- service level SL = 1 - C exp(-(N - A) T / aht);
- ASA = C aht / (N - A); occupancy = A / N.

Conventions where the formulas break down: N <= A (an unstable queue) gives C = 1, SL = 0, ASA = inf and
occupancy 1; zero traffic gives C = 0, SL = 1, ASA = 0 and occupancy 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._arrays import FloatArray, as_float_arrays, traffic_from
from .blocking import inv_erlang_b_minus_one


@dataclass(frozen=True)
class ErlangCResult:
    """Erlang C metrics, one entry per row (arrays of the broadcast input shape)."""

    traffic: FloatArray
    prob_wait: FloatArray
    service_level: FloatArray
    asa_s: FloatArray
    occupancy: FloatArray


def traffic_erlangs(calls: ArrayLike, interval_s: ArrayLike, aht_s: ArrayLike) -> FloatArray:
    """Offered traffic A = calls * aht / interval, in Erlangs."""
    c, i, h = as_float_arrays(("calls", "interval_s", "aht_s"), calls, interval_s, aht_s)
    return traffic_from(c, i, h)


def erlang_c_from_b(agents: FloatArray, traffic: FloatArray, b: FloatArray) -> FloatArray:
    """C(N, A) from the Erlang B value b, for N > A > 0: C = N b / (N - A (1 - b))."""
    return agents * b / (agents - traffic * (1.0 - b))


def prob_wait_traffic(agents: FloatArray, traffic: FloatArray) -> FloatArray:
    """Erlang C probability of waiting for arrays of agents and traffic (Erlangs), same shape."""
    out = np.where(traffic > 0, 1.0, 0.0)
    stable = (agents > traffic) & (traffic > 0)
    if np.any(stable):
        n, a = agents[stable], traffic[stable]
        b = 1.0 / (1.0 + inv_erlang_b_minus_one(n, a))
        out[stable] = erlang_c_from_b(n, a, b)
    return out


def _metrics(agents: FloatArray, traffic: FloatArray, aht_s: FloatArray, answer_s: FloatArray) -> ErlangCResult:
    c = prob_wait_traffic(agents, traffic)
    stable = agents > traffic
    zero = traffic == 0
    gap = np.where(stable, agents - traffic, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        decay = np.exp(-gap * answer_s / np.where(aht_s > 0, aht_s, 1.0))
        sl = np.where(stable, 1.0 - c * decay, 0.0)
        asa = np.where(stable, c * aht_s / gap, np.inf)
        occ = np.where(stable, traffic / np.where(agents > 0, agents, 1.0), 1.0)
    sl = np.where(zero, 1.0, sl)
    asa = np.where(zero, 0.0, asa)
    occ = np.where(zero, 0.0, occ)
    return ErlangCResult(traffic=traffic, prob_wait=c, service_level=sl, asa_s=asa, occupancy=occ)


def erlang_c(
    calls: ArrayLike, interval_s: ArrayLike, aht_s: ArrayLike, agents: ArrayLike, answer_s: ArrayLike = 20.0
) -> ErlangCResult:
    """All Erlang C metrics at once (one Erlang B evaluation per row)."""
    c, i, h, n, t = as_float_arrays(
        ("calls", "interval_s", "aht_s", "agents", "answer_s"), calls, interval_s, aht_s, agents, answer_s
    )
    return _metrics(n, traffic_from(c, i, h), h, t)


def probability_of_waiting(calls: ArrayLike, interval_s: ArrayLike, aht_s: ArrayLike, agents: ArrayLike) -> FloatArray:
    """Erlang C probability that a contact waits, C(N, A)."""
    return erlang_c(calls, interval_s, aht_s, agents, 0.0).prob_wait


def service_level(
    calls: ArrayLike, interval_s: ArrayLike, aht_s: ArrayLike, agents: ArrayLike, answer_s: ArrayLike
) -> FloatArray:
    """Share of contacts answered within ``answer_s`` seconds, 1 - C exp(-(N - A) T / aht)."""
    return erlang_c(calls, interval_s, aht_s, agents, answer_s).service_level


def average_speed_of_answer(calls: ArrayLike, interval_s: ArrayLike, aht_s: ArrayLike, agents: ArrayLike) -> FloatArray:
    """Mean wait over all contacts, C aht / (N - A), in seconds (inf when N <= A)."""
    return erlang_c(calls, interval_s, aht_s, agents, 0.0).asa_s


def occupancy(calls: ArrayLike, interval_s: ArrayLike, aht_s: ArrayLike, agents: ArrayLike) -> FloatArray:
    """Agent occupancy A / N, capped at 1 (N <= A), 0 for zero traffic."""
    c, i, h, n = as_float_arrays(("calls", "interval_s", "aht_s", "agents"), calls, interval_s, aht_s, agents)
    a = traffic_from(c, i, h)
    with np.errstate(divide="ignore", invalid="ignore"):
        occ = np.where(n > a, a / np.where(n > 0, n, 1.0), 1.0)
    return np.where(a == 0, 0.0, occ)
