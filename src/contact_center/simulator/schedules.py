"""WFM: weekly shift planning against Erlang C requirements, scheduled activities, publication and
republication, and how agents actually follow their schedules (late logins, long breaks, early exits).

Everything here is in each site's local wall clock; conversion to UTC happens per timestamp, so a shift
that starts at 08:00 local starts an hour later in UTC after the clocks go back.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from contact_center.simulator import config as cfg
from contact_center.simulator.curves import SLOT_MINUTES
from contact_center.simulator.rand import stream
from contact_center.simulator.roster import AgentInfo, Roster, required_by_slot
from contact_center.simulator.timeutil import day_start, iso_z, local_minutes_text, local_to_ts

STATUS_OF = {"Open": "Available", "Break": "Break", "Lunch": "Lunch", "Training": "Training", "Meeting": "Meeting"}
COVERAGE = 0.85  # share of a shift's minutes an agent is on the phones (breaks, lunch, meetings)

ACTION_LOGIN = 0
ACTION_STATUS = 1
ACTION_LOGOUT = 2


@dataclass(slots=True)
class Activity:
    activity: str
    start: int  # minutes after local midnight
    end: int


@dataclass(slots=True)
class AgentDay:
    agent: AgentInfo
    local_date: date
    activities: list[Activity]
    published: int  # epoch seconds
    republished: list[tuple[int, Activity]] = field(default_factory=list)
    absent: bool = False
    training_day: bool = False

    def final(self) -> list[Activity]:
        acts = {a.start: a for a in self.activities}
        for _, a in sorted(self.republished, key=lambda r: r[0]):
            acts[a.start] = a
        return [acts[k] for k in sorted(acts)]


def shift_length(d: date, part_time: bool = False) -> int:
    """Minutes: full-timers work 8.5 hours on weekdays (shorter at weekends), part-timers 5 hours."""
    full = (510, 510, 510, 510, 510, 480, 360)[d.weekday()]
    return min(300, full) if part_time else full


def productive_hours(d: date) -> float:
    return shift_length(d) / 60 * COVERAGE


def _starts(site: cfg.Site, d: date, length: int) -> list[int]:
    open_min, close_min = site.hours[d.weekday()]
    lo = open_min - 30
    hi = max(lo, close_min - length + 30)
    return list(range(lo, hi + 1, 30))


def _largest_remainder(shares: list[float], total: int, caps: list[int]) -> list[int]:
    base = [min(math.floor(s), c) for s, c in zip(shares, caps, strict=True)]
    left = total - sum(base)
    order = sorted(range(len(shares)), key=lambda i: -(shares[i] - math.floor(shares[i])))
    while left > 0:
        progressed = False
        for i in order:
            if left > 0 and base[i] < caps[i]:
                base[i] += 1
                left -= 1
                progressed = True
        if not progressed:
            break
    return base


class Planner:
    """WFM planning week by week: a Monday-to-Sunday week is planned, from the week's own stream, when one
    of its days is first asked for (the day before it is published), with the agents the roster employs
    that week. New hires train on their first three working days, whichever weeks they fall in."""

    def __init__(self, seed: int, roster: Roster, start: date, scale: float) -> None:
        self.seed = seed
        self.roster = roster
        self.start = start
        self.scale = scale
        self._days: dict[date, list[AgentDay]] = {}
        self._training_left: dict[int, int] = {}

    def day(self, d: date) -> list[AgentDay]:
        """The agent-days of local date ``d`` (who works, their published and republished activities)."""
        if d not in self._days:
            self._plan_week(d - timedelta(days=d.weekday()))
        return self._days[d]

    def forget_before(self, d: date) -> None:
        for old in [k for k in self._days if k < d]:
            del self._days[old]

    def _plan_week(self, monday: date) -> None:
        """Decide who works which day and when, and lay out each shift's activities."""
        rng = stream(self.seed, f"schedules:{monday.isoformat()}")
        chunk = [monday + timedelta(days=i) for i in range(7)]
        self.roster.ensure(chunk[-1])
        agents = [a for a in self.roster.agents if any(a.employed_on(d) for d in chunk)]
        requirements: dict[tuple[int, date], dict[int, float]] = {}
        for d in chunk:
            for qi, q in enumerate(cfg.QUEUES):
                requirements[(qi, d)] = required_by_slot(q, d, self.scale)
        working: dict[date, list[AgentInfo]] = {d: [] for d in chunk}
        cap_per_agent = 5
        for qi in range(len(cfg.QUEUES)):
            team = [a for a in agents if a.primary == qi]
            if not team:
                continue
            need = [sum(requirements[(qi, d)].values()) / 2 / productive_hours(d) + 1e-9 for d in chunk]
            capacity = {a.idx: min(cap_per_agent, sum(1 for d in chunk if a.employed_on(d))) for a in team}
            supply = sum(capacity.values())
            shares = [n * supply / sum(need) for n in need]
            caps = [sum(1 for a in team if a.employed_on(d)) for d in chunk]
            counts = _largest_remainder(shares, supply, caps)
            tiebreak = {a.idx: rng.random() for a in team}
            order = sorted(range(len(chunk)), key=lambda i: (chunk[i].weekday() < 5, -counts[i]))
            for i in order:
                d = chunk[i]
                pool = [a for a in team if a.employed_on(d) and capacity[a.idx] > 0]
                pool.sort(key=lambda a: (-capacity[a.idx], tiebreak[a.idx]))
                for a in pool[: counts[i]]:
                    capacity[a.idx] -= 1
                    working[d].append(a)
        training_days: set[tuple[int, date]] = set()
        for a in agents:
            if a.new_hire:
                left = self._training_left.setdefault(a.idx, 3)
                days_worked = [d for d in chunk if a in working[d]][:left]
                training_days.update((a.idx, d) for d in days_worked)
                self._training_left[a.idx] = left - len(days_worked)
        out: list[AgentDay] = []
        for d in chunk:
            out.extend(_place_shifts(rng, d, working[d], requirements, training_days))
        _add_meetings(rng, out)
        _publish(rng, out, self.start, self.scale)
        for day in out:
            day.absent = not day.training_day and rng.random() < cfg.ABSENCE_RATE
        for d in chunk:
            self._days[d] = [day for day in out if day.local_date == d]


def _place_shifts(
    rng: random.Random,
    d: date,
    members: list[AgentInfo],
    requirements: dict[tuple[int, date], dict[int, float]],
    training_days: set[tuple[int, date]],
) -> list[AgentDay]:
    """Choose each working agent's shift start so that coverage follows the requirement: a greedy pass
    (full-timers first, part-timers filling the gaps), then two passes that move single shifts."""
    deficit = {qi: dict(requirements[(qi, d)]) for qi in range(len(cfg.QUEUES))}
    order = sorted(members, key=lambda a: (a.part_time, a.site, a.idx))
    full = [a for a in order if not a.part_time]
    part = [a for a in order if a.part_time]
    rng.shuffle(full)
    rng.shuffle(part)
    order = full + part
    starts: dict[int, list[int]] = {}
    for a in order:
        options = _starts(cfg.SITE_BY_CODE[a.site], d, shift_length(d, a.part_time))
        rng.shuffle(options)
        starts[a.idx] = options

    def cover(a: AgentInfo, start: int, sign: float) -> None:
        primary = deficit[a.primary]
        for i in range(start // SLOT_MINUTES, (start + shift_length(d, a.part_time)) // SLOT_MINUTES):
            if i in primary:
                primary[i] -= sign * COVERAGE

    def best_start(a: AgentInfo) -> int:
        length = shift_length(d, a.part_time)
        primary = deficit[a.primary]
        best, best_score = starts[a.idx][0], -1e18
        for s in starts[a.idx]:
            score = sum(_gain(primary.get(i)) for i in range(s // SLOT_MINUTES, (s + length) // SLOT_MINUTES))
            if score > best_score:
                best, best_score = s, score
        return best

    chosen: dict[int, int] = {}
    flexible = [a for a in order if (a.idx, d) not in training_days]
    for a in order:
        if (a.idx, d) in training_days:
            chosen[a.idx] = 540 if 540 in starts[a.idx] else min(starts[a.idx])
        else:
            chosen[a.idx] = best_start(a)
            cover(a, chosen[a.idx], 1.0)
    for _ in range(2):
        for a in flexible:
            cover(a, chosen[a.idx], -1.0)
            chosen[a.idx] = best_start(a)
            cover(a, chosen[a.idx], 1.0)
    return [
        AgentDay(
            a,
            d,
            _layout(rng, chosen[a.idx], shift_length(d, a.part_time), (a.idx, d) in training_days),
            0,
            training_day=(a.idx, d) in training_days,
        )
        for a in order
    ]


def _gain(deficit: float | None) -> float:
    """What one more agent in a slot is worth: the shortfall it covers, less a little for overstaffing."""
    if deficit is None:
        return -0.5  # the queue is closed
    return deficit if deficit > 0 else 0.15 * max(deficit, -3.0)


def _layout(rng: random.Random, start: int, length: int, training: bool) -> list[Activity]:
    """Open time around breaks and lunch (15-minute grid)."""
    end = start + length
    breaks: list[Activity] = []
    if length >= 480:
        b1 = start + 120 + 15 * rng.randrange(-1, 2)
        lunch = start + 240 + 15 * rng.randrange(-1, 3)
        b2 = start + length - 120 + 15 * rng.randrange(-1, 2)
        breaks = [Activity("Break", b1, b1 + 15), Activity("Lunch", lunch, lunch + 30), Activity("Break", b2, b2 + 15)]
    else:
        b1 = start + 150 + 15 * rng.randrange(-1, 2)
        breaks = [Activity("Break", b1, b1 + 15)]
    fill = "Training" if training else "Open"
    acts: list[Activity] = []
    t = start
    for b in breaks:
        if b.start > t:
            acts.append(Activity(fill, t, b.start))
        acts.append(b)
        t = b.end
    if t < end:
        acts.append(Activity(fill, t, end))
    return acts


def _carve(day: AgentDay, activity: str, minutes: int, rng: random.Random) -> bool:
    """Replace part of an Open block with ``activity`` (30-minute aligned); False when none fits."""
    candidates = [
        (i, a) for i, a in enumerate(day.activities) if a.activity == "Open" and a.end - a.start >= minutes + 30
    ]
    if not candidates:
        return False
    i, block = candidates[rng.randrange(len(candidates))]
    first = block.start + 30 if block.end - block.start >= minutes + 60 else block.start
    slots = list(range(first, block.end - minutes + 1, 15))
    s = rng.choice(slots)
    new = [Activity("Open", block.start, s)] if s > block.start else []
    new.append(Activity(activity, s, s + minutes))
    if s + minutes < block.end:
        new.append(Activity("Open", s + minutes, block.end))
    day.activities[i : i + 1] = new
    return True


def _add_meetings(rng: random.Random, days: list[AgentDay]) -> None:
    by_agent_week: dict[tuple[int, int], list[AgentDay]] = {}
    for day in days:
        if not day.training_day and day.local_date.weekday() < 5:
            key = (day.agent.idx, day.local_date.isocalendar()[1])
            by_agent_week.setdefault(key, []).append(day)
    for key in sorted(by_agent_week):
        candidates = by_agent_week[key]
        _carve(candidates[rng.randrange(len(candidates))], "Meeting", 30, rng)
    for day in days:
        if not day.training_day and day.local_date.weekday() < 5 and rng.random() < 0.07:
            _carve(day, "Training", 60, rng)


def _publish(rng: random.Random, days: list[AgentDay], start: date, scale: float) -> None:
    """Each day's schedule is published the afternoon before (the first day's on its own morning);
    a few activities are republished on the day (an Open block turned into training or a meeting)."""
    first = day_start(start)
    for day in days:
        if day.local_date == start:
            day.published = first + 4 * 3600 + rng.randrange(0, 1800)
        else:
            day.published = day_start(day.local_date - timedelta(days=1)) + 15 * 3600 + rng.randrange(0, 3600)
    by_date: dict[date, list[AgentDay]] = {}
    for day in days:
        by_date.setdefault(day.local_date, []).append(day)
    per_day = max(1, round(3 * scale))
    for d in sorted(by_date):
        publish_at = day_start(d) + 5 * 3600 + rng.randrange(0, 2 * 3600)
        options = []
        for day in by_date[d]:
            for a in day.activities:
                tz = day.agent.time_zone
                if a.activity == "Open" and local_to_ts(d, a.start, tz) >= publish_at + 3600:
                    options.append((day, a))
        rng.shuffle(options)
        used: set[int] = set()
        for day, a in options:
            if len(used) >= per_day:
                break
            if day.agent.idx in used:
                continue
            used.add(day.agent.idx)
            # Part of an Open block becomes training or a meeting: the block is republished with its new
            # activity and end, and the rest of it is published as a new Open block.
            when = publish_at + rng.randrange(0, 600)
            split = min(a.end, a.start + rng.choice((30, 60, 90)))
            day.republished.append((when, Activity(rng.choice(("Training", "Meeting")), a.start, split)))
            if split < a.end:
                day.republished.append((when, Activity("Open", split, a.end)))


def schedule_rows(days: list[AgentDay]) -> list[tuple[int, tuple[str, str], list[str], bool]]:
    """Every published (and republished) activity as (published_at, sort key, row, superseding)."""
    out = []
    for day in days:
        a_id, tz = day.agent.agent_id, day.agent.time_zone
        starts = {a.start for a in day.activities}
        for act in day.activities:
            out.append((day.published, *_schedule_row(day, a_id, tz, act, day.published), False))
        for published, act in day.republished:
            out.append((published, *_schedule_row(day, a_id, tz, act, published), act.start in starts))
            starts.add(act.start)
    return out


def _schedule_row(
    day: AgentDay, agent_id: str, tz: str, act: Activity, published: int
) -> tuple[tuple[str, str], list[str]]:
    start_text = local_minutes_text(day.local_date, act.start)
    row = [agent_id, act.activity, start_text, local_minutes_text(day.local_date, act.end), tz, iso_z(published)]
    return (agent_id, start_text), row


@dataclass(slots=True, order=True)
class Transition:
    ts: int
    agent: int
    action: int
    status: str


def actual_transitions(rng: random.Random, days: list[AgentDay]) -> list[Transition]:
    """When each agent really logs in, changes state and logs out (planned; the engine defers a change
    while the agent is on a contact)."""
    out: list[Transition] = []
    for day in days:
        if day.absent:
            continue
        a = day.agent
        tz = a.time_zone
        acts = day.final()
        shift_start = local_to_ts(day.local_date, acts[0].start, tz)
        shift_end = local_to_ts(day.local_date, acts[-1].end, tz)
        r = rng.random()
        if r < 0.55:
            late = rng.randrange(-240, 61)
        elif r < 0.9:
            late = int(rng.expovariate(1 / (200 * a.lateness)))
        else:
            late = int(rng.expovariate(1 / (700 * a.lateness)))
        r = rng.random()
        if r < 0.75:
            leave = shift_end + rng.randrange(-120, 181)
        elif r < 0.95:
            leave = shift_end - int(rng.expovariate(1 / 480))
        else:
            leave = shift_end - rng.randrange(1800, 5400)
        events = [Transition(shift_start + late, a.idx, ACTION_LOGIN, STATUS_OF[acts[0].activity])]
        for prev, act in zip(acts, acts[1:], strict=False):
            boundary = local_to_ts(day.local_date, act.start, tz)
            if prev.activity in ("Break", "Lunch") and act.activity == "Open":
                shift = int(rng.expovariate(1 / (75 * a.overrun))) + rng.randrange(0, 31)
            elif act.activity == "Open":
                shift = rng.randrange(-120, 181)
            else:
                shift = rng.randrange(-60, 121)
            events.append(Transition(boundary + shift, a.idx, ACTION_STATUS, STATUS_OF[act.activity]))
        kept = [events[0]]
        for ev in events[1:]:
            if ev.ts >= leave - 60:
                break
            if ev.ts > kept[-1].ts + 30:
                kept.append(ev)
        kept.append(Transition(max(leave, kept[-1].ts + 60), a.idx, ACTION_LOGOUT, "Offline"))
        out.extend(kept)
    out.sort()
    return out
