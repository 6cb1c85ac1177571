"""Customer journeys: when an issue is not resolved, whether, when and on which channel the customer
comes back (0-10 days later, often on another channel; retries after an abandon come the same day)."""

from __future__ import annotations

import bisect
import itertools
import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from contact_center.simulator import config as cfg
from contact_center.simulator.curves import Slot, case_day_slots, queue_day_slots
from contact_center.simulator.rand import between, choose
from contact_center.simulator.timeutil import local_date

if TYPE_CHECKING:
    from contact_center.simulator.entities import Issue

_RETURN_DAYS = list(enumerate(cfg.RETURN_DAY_WEIGHTS))
RETURN_PROBABILITY = {"handled": 0.85, "abandoned": 0.8, "ivr_hangup": 0.75, "ivr_served": 0.7}


class ReturnPlanner:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._queue_of = {(q.family, q.site, q.channel): i for i, q in enumerate(cfg.QUEUES)}
        self._slot_cache: dict[tuple[int, date], tuple[list[Slot], list[int], list[float]]] = {}

    def plan(self, issue: Issue, channel: str, outcome: str, t: int) -> tuple[int, str, int] | None:
        """(when, channel, queue index or -1) of the customer's next contact about ``issue``, or None."""
        rng = self.rng
        if issue.n_contacts >= cfg.MAX_CONTACTS_PER_ISSUE or rng.random() >= RETURN_PROBABILITY[outcome]:
            return None
        new_channel = choose(rng, cfg.CHANNEL_SWITCH[channel])
        site = cfg.SITES[issue.site]
        qi = -1
        if new_channel in ("voice", "chat"):
            found = self._queue_of.get((issue.family, site.code, new_channel.upper()))
            if found is None:
                found = self._queue_of.get((issue.family, site.code, "VOICE"))
                new_channel = "voice"
            if found is None:  # no queue for this family at the site: the customer writes instead
                new_channel = "email"
            else:
                qi = found
        soon = outcome != "handled" and rng.random() < 0.65
        day0 = local_date(t, site.time_zone)
        for attempt in range(12):
            if soon and attempt == 0:
                earliest = t + between(rng, 300, 7200)
                offset = 0
            else:
                offset = choose(rng, _RETURN_DAYS) if attempt == 0 else attempt
                earliest = t + 1800
            slots, ends, cum = self._curve(qi, issue.site, day0 + timedelta(days=offset))
            first = bisect.bisect_right(ends, earliest)  # the slots that end after ``earliest``
            if first == len(slots):
                continue
            before = cum[first - 1] if first else 0.0
            x = before + rng.random() * (cum[-1] - before)
            chosen = slots[min(bisect.bisect_right(cum, x, first), len(slots) - 1)]
            start = max(earliest, chosen.start)
            when = start + between(rng, 0, max(1, chosen.end - start))
            return (when, new_channel, qi)
        return None

    def forget_before(self, d: date) -> None:
        """Drop the cached curves of days before ``d`` (returns are planned forwards only)."""
        self._slot_cache = {k: v for k, v in self._slot_cache.items() if k[1] >= d}

    def _curve(self, qi: int, site_idx: int, d: date) -> tuple[list[Slot], list[int], list[float]]:
        """The intraday curve the return time is drawn from (the queue's open hours, or around the clock):
        its slots, their ends and their cumulative expected volumes."""
        key = (qi if qi >= 0 else -1 - site_idx, d)
        curve = self._slot_cache.get(key)
        if curve is None:
            if qi >= 0:
                slots = queue_day_slots(cfg.QUEUES[qi], d, 1.0)
            else:
                slots = case_day_slots(cfg.SITES[site_idx], d, 1.0, 1.0)
            curve = self._slot_cache[key] = (
                slots,
                [s.end for s in slots],
                list(itertools.accumulate(s.expected for s in slots)),
            )
        return curve
