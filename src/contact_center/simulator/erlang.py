"""Erlang C, used by the WFM planner to staff each queue and half hour (Erlang B recursion, no factorials)."""

from __future__ import annotations

import math


def erlang_c_service_level(agents: int, traffic: float, aht: float, threshold: float) -> float:
    """P(wait <= threshold) for M/M/N with offered ``traffic`` Erlangs."""
    if agents <= traffic:
        return 0.0
    b = 1.0
    for k in range(1, agents + 1):
        b = traffic * b / (k + traffic * b)
    c = agents * b / (agents - traffic * (1 - b))
    return 1.0 - c * math.exp(-(agents - traffic) * threshold / aht)


def required_agents(arrivals: float, period: float, aht: float, threshold: float, target: float) -> int:
    """The least number of agents meeting ``target`` service level for ``arrivals`` per ``period`` s."""
    if arrivals <= 0:
        return 0
    traffic = arrivals * aht / period
    n = max(1, math.floor(traffic) + 1)
    while erlang_c_service_level(n, traffic, aht, threshold) < target and n < 10000:
        n += 1
    return n
