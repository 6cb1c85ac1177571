"""Demand curves: intraday shapes on each site's local wall clock, weekly factors, expected volumes.

The expected number of new issues in a half-hour slot is what the WFM planner staffs for; the arrival
process draws the actual contacts around it (with day-to-day noise and the odd surge).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from contact_center.simulator import config as cfg
from contact_center.simulator.timeutil import local_to_ts

SLOT_MINUTES = 30
SLOTS_PER_DAY = 24 * 60 // SLOT_MINUTES


def half_hour_shape(kind: str) -> list[float]:
    """48 half-hour weights from the hourly shape (each half leans towards its neighbouring hour)."""
    hourly = cfg.HOURLY_SHAPE[kind]
    out = []
    for h in range(24):
        prev_h = hourly[h - 1] if h > 0 else hourly[0]
        next_h = hourly[h + 1] if h < 23 else hourly[23]
        out.append(0.75 * hourly[h] + 0.25 * prev_h if hourly[h] > 0 else 0.0)
        out.append(0.75 * hourly[h] + 0.25 * next_h if hourly[h] > 0 else 0.0)
    return out


_SHAPES = {kind: half_hour_shape(kind) for kind in cfg.HOURLY_SHAPE}


@dataclass(frozen=True)
class Slot:
    local_date: date
    index: int  # half-hour of the local day
    start: int  # epoch seconds (UTC)
    end: int
    expected: float  # expected arrivals in the slot


def open_slots(site: cfg.Site, d: date) -> range:
    open_min, close_min = site.hours[d.weekday()]
    return range(open_min // SLOT_MINUTES, close_min // SLOT_MINUTES)


def queue_day_slots(q: cfg.QueueConfig, d: date, scale: float) -> list[Slot]:
    """Expected new-issue arrivals per open half hour of local day ``d`` for queue ``q``."""
    site = cfg.SITE_BY_CODE[q.site]
    shape = _SHAPES[q.channel]
    slots = open_slots(site, d)
    total_w = sum(shape[i] for i in slots)
    if total_w <= 0:
        return []
    day_volume = q.weekday_volume * cfg.WEEKLY_FACTOR[q.channel][d.weekday()] * scale
    out = []
    for i in slots:
        start = local_to_ts(d, i * SLOT_MINUTES, site.time_zone)
        end = local_to_ts(d, (i + 1) * SLOT_MINUTES, site.time_zone)
        out.append(Slot(d, i, start, end, day_volume * shape[i] / total_w))
    return out


def case_day_slots(site: cfg.Site, d: date, daily: float, scale: float) -> list[Slot]:
    """Expected email or web-form issues per half hour of local day ``d`` (around the clock)."""
    shape = _SHAPES["EMAIL"]
    total_w = sum(shape)
    day_volume = daily * cfg.WEEKLY_FACTOR["EMAIL"][d.weekday()] * scale
    out = []
    for i in range(SLOTS_PER_DAY):
        start = local_to_ts(d, i * SLOT_MINUTES, site.time_zone)
        out.append(Slot(d, i, start, start + SLOT_MINUTES * 60, day_volume * shape[i] / total_w))
    return out
