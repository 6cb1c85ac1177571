"""New-issue arrivals: a non-homogeneous Poisson process per queue (and per site for email and web).

The rate is piecewise constant per half hour of the site's local day (so the UTC pattern moves when a
site changes clocks), scaled by a day factor, half-hour noise and, on some weekdays, a surge (an
outage drives tech-support demand up for an hour or three).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from contact_center.simulator import config as cfg
from contact_center.simulator.curves import Slot, case_day_slots, queue_day_slots
from contact_center.simulator.rand import np_stream

KIND_QUEUE = 0
KIND_EMAIL = 1
KIND_WEB = 2


@dataclass(frozen=True)
class Surge:
    queue: str
    start: int
    end: int
    factor: float


def _draw(slots: list[Slot], factors: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    if not slots:
        return np.empty(0, dtype=np.int64)
    lam = np.array([s.expected for s in slots]) * factors
    counts = rng.poisson(lam)
    starts = np.repeat(np.array([s.start for s in slots], dtype=np.int64), counts)
    widths = np.repeat(np.array([s.end - s.start for s in slots], dtype=np.int64), counts)
    return starts + np.floor(rng.random(starts.size) * widths).astype(np.int64)


def day_arrivals(seed: int, d: date, scale: float) -> tuple[list[tuple[int, int, int]], list[Surge]]:
    """The new issues of local date ``d`` at every site, sorted ``(epoch seconds, kind, target)`` (target is a
    queue index for voice and chat, a site index for email and web), and the day's surges. Drawn from the
    date's own stream, so a day's arrivals do not depend on the window around it."""
    rng = np_stream(seed, f"arrivals:{d.isoformat()}")
    parts: list[tuple[np.ndarray, int, int]] = []
    surges: list[Surge] = []
    for qi, q in enumerate(cfg.QUEUES):
        slots = queue_day_slots(q, d, scale)
        if not slots:
            continue
        factors = rng.lognormal(0.0, 0.07) * rng.gamma(25.0, 1 / 25.0, size=len(slots))
        if q.family == "tech_support" and d.weekday() < 5 and rng.random() < 0.14:
            first = int(rng.integers(2, max(3, len(slots) - 6)))
            length = int(rng.integers(2, 7))
            factor = float(rng.uniform(1.6, 2.4))
            factors[first : first + length] *= factor
            last = slots[min(first + length, len(slots)) - 1]
            surges.append(Surge(q.name, slots[first].start, last.end, round(factor, 2)))
        parts.append((_draw(slots, factors, rng), KIND_QUEUE, qi))
    for si, site in enumerate(cfg.SITES):
        for kind, volume in ((KIND_EMAIL, cfg.EMAIL_VOLUME), (KIND_WEB, cfg.WEB_VOLUME)):
            slots = case_day_slots(site, d, volume[site.code], scale)
            factors = rng.lognormal(0.0, 0.1) * rng.gamma(20.0, 1 / 20.0, size=len(slots))
            parts.append((_draw(slots, factors, rng), kind, si))
    out: list[tuple[int, int, int]] = []
    for times, kind, target in parts:
        out.extend((t, kind, target) for t in times.tolist())
    out.sort()
    return out, surges
