"""Customer journeys: when an issue is not resolved, whether, when and on which channel the customer
comes back (0-10 days later, often on another channel; retries after an abandon come the same day)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from contact_center.simulator import config as cfg
from contact_center.simulator.curves import Slot, case_day_slots, queue_day_slots
from contact_center.simulator.rand import choose
from contact_center.simulator.timeutil import local_date

if TYPE_CHECKING:
    from contact_center.simulator.entities import Issue

RETURN_PROBABILITY = {"handled": 0.85, "abandoned": 0.8, "ivr_hangup": 0.75, "ivr_served": 0.7}


class ReturnPlanner:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._queue_of = {(q.family, q.site, q.channel): i for i, q in enumerate(cfg.QUEUES)}
        self._slot_cache: dict[tuple[int, date], list[Slot]] = {}

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
                earliest = t + rng.randrange(300, 7200)
                offset = 0
            else:
                offset = choose(rng, list(enumerate(cfg.RETURN_DAY_WEIGHTS))) if attempt == 0 else attempt
                earliest = t + 1800
            slots = [s for s in self._slots(qi, issue.site, day0 + timedelta(days=offset)) if s.end > earliest]
            if not slots:
                continue
            chosen = slots[-1]
            x = rng.random() * sum(s.expected for s in slots)
            for s in slots:
                x -= s.expected
                if x < 0:
                    chosen = s
                    break
            start = max(earliest, chosen.start)
            when = start + rng.randrange(0, max(1, chosen.end - start))
            return (when, new_channel, qi)
        return None

    def forget_before(self, d: date) -> None:
        """Drop the cached curves of days before ``d`` (returns are planned forwards only)."""
        self._slot_cache = {k: v for k, v in self._slot_cache.items() if k[1] >= d}

    def _slots(self, qi: int, site_idx: int, d: date) -> list[Slot]:
        """The intraday curve the return time is drawn from (the queue's open hours, or around the clock)."""
        key = (qi if qi >= 0 else -1 - site_idx, d)
        slots = self._slot_cache.get(key)
        if slots is None:
            if qi >= 0:
                slots = queue_day_slots(cfg.QUEUES[qi], d, 1.0)
            else:
                slots = case_day_slots(cfg.SITES[site_idx], d, 1.0, 1.0)
            self._slot_cache[key] = slots
        return slots
