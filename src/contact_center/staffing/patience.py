"""Erlang A (Palm, M/M/N+M): Erlang C plus exponential customer patience, vectorized.

Model: arrivals at rate lam = calls / interval, service rate mu = 1 / aht, patience exponential with mean
``patience_s`` (rate theta), N agents. The number in system is a birth-death chain with death rate
min(n, N) mu + max(n - N, 0) theta in state n; it is stable for every N, including N <= A.

Stationary distribution, relative to pi_N (positive sums only, rescaled to avoid overflow):

- sum_{n < N} pi_n / pi_N = 1 / B(N, A) - 1 (Erlang B, see ``blocking``);
- pi_{N+k} / pi_N = t_k = prod_{i=1..k} lam / (N mu + i theta); S0 = sum_k t_k, S1 = sum_k k t_k.

The sums stop when the geometric bound on their tail falls below 1e-17 of the total, so probabilities below
1e-17 of the largest are dropped. Then P(wait) = pi_N S0, Lq = pi_N S1 and P(abandon) = theta Lq / lam.

Waiting times (Mandelbaum & Zeltyn, "The Palm/Erlang-A queue, with applications to call centers"): an arrival
finding k others waiting reaches an agent after V_k, a sum of exponentials with rates N mu + j theta,
j = 0..k, unless its own patience tau runs out first. Summing over k with the weights t_k gives the density of
the offered wait of waiting arrivals in closed form, g(v) = pi_N N mu exp(lam/theta (1 - e^{-theta v}) - N mu v),
and shifting the origin to T shows int_T^inf g(v) e^{-c v} dv is again a sum of the same type with lam replaced by
lam e^{-theta T}. Hence, exactly and with positive series only:

- answered within T   = P(no wait) + pi_N (N mu / lam) [S0' - e^{h(T)} S0'_T],  h(T) = lam/theta (1 - e^{-theta T})
  - N mu T, where S0' = S0 - 1 and S0'_T is S0' with lam e^{-theta T} for lam;
- still waiting at T  = pi_N e^{h(T) - theta T} S0_T  (so answered or abandoned within T = 1 - that);
- ASA (mean wait of answered contacts, zero waits included): given k ahead, a served customer's wait is a sum
  of exponentials with rates N mu + j theta, j = 1..k+1, and P(served | k) = N mu / (N mu + (k+1) theta).

Service level definitions (``kpi-definitions.md``): the default ``service_level`` is answered within T / all
arrivals (offered = answered + abandoned), so an abandon, even a quick one, counts against it;
``service_level_handled`` counts abandons within T as met, (answered + abandoned within T) / offered; and
``service_level_of_answered`` is answered within T / answered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._arrays import FloatArray, IntArray, as_float_arrays, check_positive, check_probability, traffic_from
from ._kernels import erlang_a_required_agents_rows
from .blocking import inv_erlang_b_minus_one

_REL_TOL = 1e-17
_RESCALE_AT = 1e250
_LOG_RESCALE = 250.0 * math.log(10.0)
_MAX_TERMS = 5_000_000
SL_DEFINITIONS = ("offered", "handled", "answered")


@dataclass(frozen=True)
class ErlangAResult:
    """Erlang A metrics per row (arrays of the broadcast input shape)."""

    traffic: FloatArray
    prob_wait: FloatArray
    prob_abandon: FloatArray
    service_level: FloatArray
    service_level_handled: FloatArray
    service_level_of_answered: FloatArray
    asa_s: FloatArray
    occupancy: FloatArray


@dataclass
class _Sums:
    s0: FloatArray  # sum_{k>=0} t_k  (mantissa; true value = s0 * exp(log_scale))
    s0m1: FloatArray  # sum_{k>=1} t_k
    s1: FloatArray  # sum_k k t_k
    s2: FloatArray  # sum_k t_k P(served | k) E[wait | served, k]
    log_scale: FloatArray


def _queue_sums(lam: FloatArray, alpha: FloatArray, theta: FloatArray) -> _Sums:
    """Series over the queue states, t_k = prod_{i=1..k} lam / (alpha + i theta), for flat arrays (lam >= 0)."""
    n = lam.size
    peak = np.maximum(lam - alpha, 0.0) / theta
    estimate = peak + 12.0 * np.sqrt(lam / theta + 1.0) + 64.0
    if n and float(np.max(estimate)) > _MAX_TERMS:
        raise ValueError(
            "patience too long for an overloaded queue: the Erlang A chain would need more than "
            f"{_MAX_TERMS} queue states; use Erlang C or add agents"
        )
    res = _Sums(np.ones(n), np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n))
    if n == 0:
        return res
    t = np.ones(n)
    s0, s0m1, s1 = np.ones(n), np.zeros(n), np.zeros(n)
    harm = 1.0 / (alpha + theta)  # H_0
    s2 = alpha / (alpha + theta) * harm
    scale = np.zeros(n)
    la, al, th, idx = lam, alpha, theta, np.arange(n)
    k = 0
    while idx.size:
        k += 1
        t = t * la / (al + k * th)
        s0 += t
        s0m1 += t
        s1 += k * t
        harm = harm + 1.0 / (al + (k + 1) * th)
        s2 += t * (al / (al + (k + 1) * th)) * harm
        big = t > _RESCALE_AT
        if np.any(big):
            for arr in (t, s0, s0m1, s1, s2):
                arr[big] /= _RESCALE_AT
            scale[big] += _LOG_RESCALE
        if k % 8 == 0 or idx.size < 64:
            r_next = la / (al + (k + 1) * th)
            with np.errstate(divide="ignore", over="ignore"):
                tail = t * (k + 2) / np.square(np.maximum(1.0 - r_next, 1e-300))
            done = (r_next < 1.0) & (tail <= _REL_TOL * s0)
            if np.any(done):
                d = idx[done]
                res.s0[d], res.s0m1[d], res.s1[d], res.s2[d] = s0[done], s0m1[done], s1[done], s2[done]
                res.log_scale[d] = scale[done]
                keep = ~done
                t, s0, s0m1, s1, s2, scale = t[keep], s0[keep], s0m1[keep], s1[keep], s2[keep], scale[keep]
                harm, la, al, th, idx = harm[keep], la[keep], al[keep], th[keep], idx[keep]
    return res


def _log(x: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore"):
        return np.log(x)


def _metrics_flat(
    lam: FloatArray, mu: FloatArray, theta: FloatArray, agents: FloatArray, answer_s: FloatArray
) -> dict[str, FloatArray]:
    """Erlang A metrics for flat arrays with lam > 0 and mu > 0."""
    a = lam / mu
    rate = agents * mu  # N mu
    below = np.zeros_like(lam)  # 1/B(N, A) - 1 = sum_{n<N} pi_n / pi_N
    pos = agents > 0
    if np.any(pos):
        below[pos] = inv_erlang_b_minus_one(agents[pos], a[pos])
    main = _queue_sums(lam, rate, theta)
    lam_t = lam * np.exp(-theta * answer_s)
    late = _queue_sums(lam_t, rate, theta)

    log_below = _log(below)
    log_s0 = _log(main.s0) + main.log_scale
    with np.errstate(invalid="ignore"):
        log_total = np.logaddexp(log_below, log_s0)
        p_nowait = np.where(np.isinf(below), 1.0, np.exp(log_below - log_total))
        log_pin = np.where(np.isinf(below), -np.inf, -log_total)  # log pi_N
        p_wait = np.exp(log_s0 + log_pin)
        p_ab = np.exp(_log(main.s1) + main.log_scale + log_pin) * theta / lam
        h_t = lam / theta * -np.expm1(-theta * answer_s) - rate * answer_s
        log_ratio = _log(rate / lam)
        served_wait = np.exp(log_ratio + _log(main.s0m1) + main.log_scale + log_pin)
        served_late = np.exp(log_ratio + h_t + _log(late.s0m1) + late.log_scale + log_pin)
        answered_within = p_nowait + np.maximum(served_wait - served_late, 0.0)
        waiting_at_t = np.exp(h_t - theta * answer_s + _log(late.s0) + late.log_scale + log_pin)
        p_served = np.maximum(1.0 - p_ab, 0.0)
        wait_served = np.exp(_log(main.s2) + main.log_scale + log_pin)
        asa = np.where(p_served > 0, wait_served / np.where(p_served > 0, p_served, 1.0), np.nan)
        sl_answered = np.where(p_served > 0, answered_within / np.where(p_served > 0, p_served, 1.0), 0.0)
        occ = np.where(agents > 0, a * p_served / np.where(agents > 0, agents, 1.0), 0.0)
    return {
        "prob_wait": np.clip(p_wait, 0.0, 1.0),
        "prob_abandon": np.clip(p_ab, 0.0, 1.0),
        "service_level": np.clip(answered_within, 0.0, 1.0),
        "service_level_handled": np.clip(1.0 - waiting_at_t, 0.0, 1.0),
        "service_level_of_answered": np.clip(sl_answered, 0.0, 1.0),
        "asa_s": asa,
        "occupancy": np.clip(occ, 0.0, 1.0),
    }


def _prepare(
    calls: ArrayLike,
    interval_s: ArrayLike,
    aht_s: ArrayLike,
    patience_s: ArrayLike,
    answer_s: ArrayLike,
    extra: ArrayLike,
    extra_name: str,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    """Broadcast and validate; returns lam, aht, patience, answer_s, traffic and the extra argument."""
    c, i, h, p, t, x = as_float_arrays(
        ("calls", "interval_s", "aht_s", "patience_s", "answer_s", extra_name),
        calls,
        interval_s,
        aht_s,
        patience_s,
        answer_s,
        extra,
    )
    check_positive("patience_s", p)
    lam = c / np.where(i > 0, i, np.nan)
    check_positive("interval_s", i)
    if np.any((h <= 0) & (c > 0)):
        raise ValueError("aht_s must be positive where calls > 0")
    return lam, h, p, t, traffic_from(c, i, h), x


def erlang_a(
    calls: ArrayLike,
    interval_s: ArrayLike,
    aht_s: ArrayLike,
    agents: ArrayLike,
    patience_s: ArrayLike,
    answer_s: ArrayLike = 20.0,
) -> ErlangAResult:
    """Erlang A metrics for integer ``agents`` and mean patience ``patience_s`` (finite, positive).

    Zero traffic gives P(wait) = P(abandon) = 0, every service level 1, ASA 0 and occupancy 0. ASA is NaN
    when nobody is answered (0 agents).
    """
    lam, h, p, t, a, n = _prepare(calls, interval_s, aht_s, patience_s, answer_s, agents, "agents")
    if np.any(n != np.floor(n)):
        raise ValueError("agents must be non-negative integers for Erlang A")
    shape = a.shape
    keys = ("prob_wait", "prob_abandon", "service_level", "service_level_handled", "service_level_of_answered",
            "asa_s", "occupancy")  # fmt: skip
    zero_traffic = {"prob_wait": 0.0, "prob_abandon": 0.0, "asa_s": 0.0, "occupancy": 0.0}
    flat = {k: np.full(a.size, zero_traffic.get(k, 1.0)) for k in keys}
    live = np.flatnonzero(a.ravel() > 0)
    if live.size:
        got = _metrics_flat(lam.ravel()[live], 1.0 / h.ravel()[live], 1.0 / p.ravel()[live], n.ravel()[live],
                            t.ravel()[live])  # fmt: skip
        for k in keys:
            flat[k][live] = got[k]
    return ErlangAResult(traffic=a, **{k: v.reshape(shape) for k, v in flat.items()})


def erlang_a_required_agents(
    calls: ArrayLike,
    interval_s: ArrayLike,
    aht_s: ArrayLike,
    patience_s: ArrayLike,
    answer_s: ArrayLike,
    target_sl: ArrayLike,
    *,
    sl_definition: str = "offered",
) -> IntArray:
    """The least N whose Erlang A service level meets ``target_sl``.

    ``sl_definition``: "offered" (default, answered within T / offered), "handled" (answered or abandoned
    within T / offered) or "answered" (answered within T / answered). Assumes the chosen SL is increasing in
    N (it is for "offered": more agents answer more contacts sooner). The search is a bisection per row, in one
    compiled loop (``_kernels.erlang_a_required_agents_rows``), between a bound that fails (N < target A fails
    for "offered", as SL <= answered share <= N / A) and the Erlang C answer, widened upwards while that still
    fails. Its service level is ``_metrics_flat``'s, computed row by row.
    """
    if sl_definition not in SL_DEFINITIONS:
        raise ValueError(f"sl_definition must be one of {SL_DEFINITIONS}")
    lam, h, p, t, a, g = _prepare(calls, interval_s, aht_s, patience_s, answer_s, target_sl, "target_sl")
    check_probability("target_sl", g, upper_inclusive=False)
    shape = a.shape
    flat = [np.ascontiguousarray(x).reshape(-1) for x in (lam, h, p, t, g)]
    out = np.empty(a.size, dtype=np.int64)
    # the compiled loop takes calls over an interval: lam contacts in 1 s are the same arrival rate
    erlang_a_required_agents_rows(flat[0], np.ones(1), flat[1], flat[2], flat[3], flat[4],
                                  SL_DEFINITIONS.index(sl_definition), out)  # fmt: skip
    return out.reshape(shape)
