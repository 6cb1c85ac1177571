"""A single-queue validation scenario: the engine's own queueing code, in the setting of Erlang A and Erlang C.

Erlang A (M/M/N+M) and Erlang C (M/M/N) assume one queue, Poisson arrivals at a constant rate, N agents who
are always there, exponential handle times and (Erlang A) exponential patience. This module puts the
simulator's queue in exactly that setting and counts what happens, so tests can hold the simulated service
level and abandonment against ``contact_center.staffing`` (``tests/python/test_simulator_validates_erlang.py``).

What is the engine's and what is the scenario's:

- Shared, unchanged: ``Engine._enqueue`` (a contact joins the queue, draws its exponential patience and
  schedules its abandon; it goes to an idle agent at once or waits at the back of the line), ``_pop_idle`` (the
  longest-idle agent takes an arriving contact), ``_peek_waiting`` and ``_try_pick`` (an agent who is free
  takes the longest-waiting contact, else is parked idle), ``_on_abandon`` and ``_leave_queue`` (a contact whose
  patience runs out leaves only if it is still waiting), ``_on_enqueue`` and ``_push``. ``_ValidationEngine``
  subclasses ``Engine`` and calls these methods; it sets up their state with ``Engine._init_queueing``.
- The scenario's own (the parts of the engine that are not queueing and that break the Erlang assumptions:
  schedules, IVR, lognormal talk, holds, transfers, after-contact work, callbacks, repeat contacts, records):
  Poisson arrivals straight into the queue, N agents logged in and Available the whole run, an exponential
  handle time per contact (``_assign``), the agent free again when it ends, and the tallies (``_leg_done``).

The scenario clock is continuous (float seconds) so the comparison is not blurred by rounding arrivals and
handle times to whole seconds. The abandon still fires at ``t + max(1, int(patience))``, as in the engine: every
caller gives up about half a second early, which raises the service level by about 0.0015 over Erlang A at
mean patience 120 s and 600 s, and abandonment by about 0.0005 at 120 s and 0.0001 at 600 s (measured against
the same draws unrounded, 10 agents for 10 Erlangs). The test's tolerance has an absolute floor of 0.002 for it.

A contact counts when it arrives inside the measured window ``[warmup_s, warmup_s + horizon_s)``; arrivals stop
at the end of the window and the run goes on until every contact has been answered or has abandoned, so the
counts are not censored. Service level is answered within T / offered (``erlang_a``'s ``service_level``; for
Erlang C, with patience so long that nobody abandons, it is also Erlang C's ``service_level``).
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from typing import Any

from contact_center.simulator import config as cfg
from contact_center.simulator.engine import EV_ABANDON, EV_NEW_ISSUE, EV_TALK_END, Engine
from contact_center.simulator.entities import S_ANSWERED, Leg
from contact_center.simulator.rand import stream

__all__ = ["ValidationResult", "run_single_queue", "replicate"]


@dataclass(frozen=True)
class ValidationResult:
    """Counts over the contacts that arrived in the measured window."""

    offered: int
    answered: int
    answered_within: int  # answered with a wait <= answer_s (zero waits included)
    abandoned: int

    @property
    def service_level(self) -> float:
        """Answered within T / offered."""
        return self.answered_within / self.offered if self.offered else 1.0

    @property
    def abandon_rate(self) -> float:
        """Abandoned / offered."""
        return self.abandoned / self.offered if self.offered else 0.0


class _Skills:
    """The routing profile ``_try_pick`` reads (``AgentInfo.primary`` / ``.secondary``): the one queue only."""

    __slots__ = ("primary", "secondary")

    def __init__(self) -> None:
        self.primary = 0
        self.secondary: tuple[int, ...] = ()


class _Agent:
    """The part of ``AgentState`` the queueing uses: always logged in and Available, idle when not on a contact."""

    __slots__ = ("info", "idx", "token", "leg")

    def __init__(self, idx: int) -> None:
        self.info = _Skills()
        self.idx = idx
        self.token = 0
        self.leg: Leg | None = None

    @property
    def idle(self) -> bool:
        return self.leg is None


def _queue(patience_s: float) -> cfg.QueueConfig:
    """The one queue. ``_enqueue`` reads only ``patience_mean`` and ``callback``; the rest is unused here."""
    return cfg.QueueConfig(
        name="Validation_Voice",
        channel="VOICE",
        site="BOS",
        family="billing",
        sl_threshold=20,
        sl_target=0.8,
        weekday_volume=0.0,
        talk_median=0.0,
        talk_sigma=0.0,
        hold_prob=0.0,
        hold_median=0.0,
        acw_median=0.0,
        acw_sigma=0.0,
        patience_mean=patience_s,
        callback=False,
        off_family_share=0.0,
        self_serve=0.0,
        ivr_hangup=0.0,
    )


class _ValidationEngine(Engine):
    """``Engine`` with one queue, Poisson arrivals, N always-available agents and exponential handle times.

    ``Engine.__init__`` is not called: it wires the roster, schedules, customers, CRM and the record writers,
    none of which the queueing methods touch. The queueing state comes from ``Engine._init_queueing``.
    """

    def __init__(
        self,
        *,
        seed: int,
        calls_per_hour: float,
        aht_s: float,
        agents: int,
        patience_s: float,
        answer_s: float,
        warmup_s: float,
        horizon_s: float,
    ) -> None:
        self.rng = stream(seed, "erlang-validation")
        self._init_queueing((_queue(patience_s),))
        self.arrival_rate = calls_per_hour / 3600.0
        self.service_rate = 1.0 / aht_s
        self.answer_s = answer_s
        self.measure_from = warmup_s
        self.arrivals_end = warmup_s + horizon_s
        self.staff = [_Agent(i) for i in range(agents)]
        self.offered = self.answered = self.answered_within = self.abandoned = 0
        self.arriving = True  # an arrival is scheduled
        self.unresolved = 0  # contacts waiting for an agent

    def simulate(self) -> ValidationResult:
        for agent in self.staff:  # everyone logs in Available at time 0 and waits for work
            self._try_pick(agent, 0.0)
        self._push(self.rng.expovariate(self.arrival_rate), EV_NEW_ISSUE, None)
        handlers = {
            EV_NEW_ISSUE: self._on_arrival,
            EV_ABANDON: self._on_abandon,
            EV_TALK_END: self._on_handle_end,
        }
        heap = self.heap
        # Once arrivals have stopped and nobody waits, what is left (handle ends, abandons of contacts answered
        # long ago) changes no count.
        while heap and (self.arriving or self.unresolved):
            t, _, kind, payload = heapq.heappop(heap)
            handlers[kind](payload, t)
        return ValidationResult(self.offered, self.answered, self.answered_within, self.abandoned)

    def _on_arrival(self, _: object, t: float) -> None:
        """A Poisson arrival goes straight into the queue (no IVR); the next one is scheduled."""
        self.seq += 1
        leg = Leg("", None, 0, "INBOUND", t, self.seq)
        if t >= self.measure_from:
            self.offered += 1
        self.unresolved += 1
        self._on_enqueue(leg, t)
        nxt = t + self.rng.expovariate(self.arrival_rate)
        if nxt < self.arrivals_end:
            self._push(nxt, EV_NEW_ISSUE, None)
        else:
            self.arriving = False

    def _assign(self, agent: _Agent, leg: Leg, t: float) -> None:
        """The agent connects at once and handles the contact for an exponential time with mean AHT."""
        leg.state = S_ANSWERED
        leg.dequeue = leg.connected = t
        leg.agent = agent
        agent.token += 1
        agent.leg = leg
        self.unresolved -= 1
        if leg.initiation >= self.measure_from:
            self.answered += 1
            if t - leg.initiation <= self.answer_s:
                self.answered_within += 1
        self._push(t + self.rng.expovariate(self.service_rate), EV_TALK_END, leg)

    def _on_handle_end(self, leg: Leg, t: float) -> None:
        agent = leg.agent
        assert agent is not None
        agent.leg = None
        self._try_pick(agent, t)

    def _leg_done(self, leg: Leg, t: float) -> None:
        """Reached only from ``_on_abandon`` here: the contact's patience ran out while it waited."""
        self.unresolved -= 1
        if leg.initiation >= self.measure_from:
            self.abandoned += 1


def run_single_queue(
    *,
    calls_per_hour: float,
    aht_s: float,
    agents: int,
    patience_s: float,
    answer_s: float = 20.0,
    horizon_s: float = 200 * 3600.0,
    warmup_s: float = 4 * 3600.0,
    seed: int = 1,
) -> ValidationResult:
    """Run the engine's queue once with stationary Poisson arrivals and fixed staffing; count the window.

    Offered traffic is ``calls_per_hour * aht_s / 3600`` Erlangs, the inputs of
    ``erlang_a(calls_per_hour, 3600, aht_s, agents, patience_s, answer_s)``. Use a very long ``patience_s``
    (e.g. 1e7) and ``agents`` above the traffic for the Erlang C limit.
    """
    if agents < 1 or calls_per_hour <= 0 or aht_s <= 0 or patience_s <= 0 or horizon_s <= 0 or warmup_s < 0:
        raise ValueError("need agents >= 1, positive rate, AHT, patience and horizon, and a non-negative warm-up")
    if not math.isfinite(patience_s):
        raise ValueError("patience_s must be finite (use e.g. 1e7 for the Erlang C limit)")
    engine = _ValidationEngine(
        seed=seed,
        calls_per_hour=calls_per_hour,
        aht_s=aht_s,
        agents=agents,
        patience_s=patience_s,
        answer_s=answer_s,
        warmup_s=warmup_s,
        horizon_s=horizon_s,
    )
    return engine.simulate()


def replicate(replications: int, *, seed: int = 1, **kwargs: Any) -> list[ValidationResult]:
    """``replications`` independent runs of ``run_single_queue`` with seeds ``seed``, ``seed + 1``, ..."""
    return [run_single_queue(seed=seed + r, **kwargs) for r in range(replications)]
