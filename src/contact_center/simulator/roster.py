"""The agent roster: how many agents each queue needs, their skills, teams, hires and leavers over time."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from contact_center.simulator import config as cfg
from contact_center.simulator.curves import queue_day_slots
from contact_center.simulator.ids import SalesforceIds, instance_arn
from contact_center.simulator.people import GB_FIRST, GB_LAST, US_FIRST, US_LAST
from contact_center.simulator.rand import new_uuid, stream
from contact_center.staffing import required_agents_scalar

PART_TIME_SHARE = 0.25
# An agent's productive hours in a week (full-timers 8.5-hour shifts, part-timers 5-hour shifts, 85% on
# the phones), after absence.
PRODUCTIVE_HOURS_PER_WEEK = 5 * 0.85 * ((1 - PART_TIME_SHARE) * 8.5 + PART_TIME_SHARE * 5) * (1 - cfg.ABSENCE_RATE)


@dataclass(slots=True)
class AgentInfo:
    idx: int
    agent_id: str
    username: str
    first: str
    last: str
    email: str
    site: str
    time_zone: str
    team: str
    supervisor_id: str
    primary: int
    secondary: tuple[int, ...]
    hire_date: date
    termination_date: date | None
    termination_known: date | None
    arn: str
    sf_user_id: str
    routing_profile: str
    quality: float  # drives resolution and QA scores
    lateness: float  # scales late logins
    overrun: float  # scales overlong breaks
    new_hire: bool
    part_time: bool

    @property
    def skills(self) -> tuple[int, ...]:
        return (self.primary, *self.secondary)

    def employed_on(self, d: date) -> bool:
        return self.hire_date <= d and (self.termination_date is None or d < self.termination_date)


def expected_aht(q: cfg.QueueConfig) -> float:
    """Mean handle time (talk + hold + after-contact work), seconds."""
    talk = q.talk_median * math.exp(q.talk_sigma**2 / 2)
    hold = q.hold_prob * 1.4 * q.hold_median * math.exp(0.7**2 / 2)
    no_acw = cfg.NO_ACW_VOICE if q.channel == "VOICE" else cfg.NO_ACW_CHAT
    acw = (1 - no_acw) * q.acw_median * math.exp(q.acw_sigma**2 / 2)
    return talk + hold + acw + 4


def required_by_slot(q: cfg.QueueConfig, d: date, scale: float) -> dict[int, float]:
    """Agents the planner wants on queue ``q`` per local half hour of ``d`` (Erlang C at the queue's target)."""
    aht = expected_aht(q)
    out: dict[int, float] = {}
    for slot in queue_day_slots(q, d, scale):
        target = q.sl_target - cfg.PLAN_SL_DISCOUNT
        load = cfg.PLANNING_LOAD_MORNING + cfg.PLANNING_LOAD_PER_HOUR * max(0.0, slot.index / 2 - 8)
        out[slot.index] = float(required_agents_scalar(slot.expected * load, 1800.0, aht, q.sl_threshold, target))
    return out


def headcount(start: date, scale: float) -> list[int]:
    """Agents per primary queue: a typical week's required agent-hours over one agent's productive week."""
    counts = []
    for q in cfg.QUEUES:
        hours = sum(sum(required_by_slot(q, start + timedelta(days=i), scale).values()) / 2 for i in range(7))
        counts.append(max(1, math.ceil(hours / PRODUCTIVE_HOURS_PER_WEEK)))
    return counts


def _secondary_skills(rng: random.Random, primary: int) -> tuple[int, ...]:
    pq = cfg.QUEUES[primary]
    r = rng.random()
    n = 0 if r < 0.35 else (1 if r < 0.8 else 2)
    pool = [
        (i, 3.0 if q.channel == pq.channel else 1.0)
        for i, q in enumerate(cfg.QUEUES)
        if q.site == pq.site and i != primary
    ]
    chosen: list[int] = []
    for _ in range(n):
        candidates = [(i, w) for i, w in pool if i not in chosen]
        if not candidates:
            break
        total = sum(w for _, w in candidates)
        x = rng.random() * total
        for i, w in candidates:
            x -= w
            if x < 0:
                chosen.append(i)
                break
    if rng.random() < cfg.CROSS_SITE_SKILL:
        twins = [
            i
            for i, q in enumerate(cfg.QUEUES)
            if q.site != pq.site and q.family == pq.family and q.channel == pq.channel
        ]
        if twins:
            chosen = [*chosen[:1], twins[0]]
    return tuple(chosen)


BLOCK_DAYS = 28


class Roster:
    """The agents over time: the floor the window starts with (each queue's need), then, in every 28-day
    block from the window's start, ``LEAVERS_PER_SCALE`` leavers on random days and a class of new hires
    who start a week into the block. The first class has ``NEW_HIRES_PER_SCALE`` hires; later classes
    replace the agents who left, so headcount stays between the need less a block's leavers and the need
    plus a class. A block is decided from its own stream, at least two weeks before it starts, and only
    from the blocks before it: a day's roster does not depend on the length of the window."""

    def __init__(self, seed: int, ids: SalesforceIds, instance_id: str, start: date, scale: float) -> None:
        self.seed = seed
        self.ids = ids
        self.instance_id = instance_id
        self.need = headcount(start, scale)
        self.class_size = round(cfg.NEW_HIRES_PER_SCALE * scale)
        self.leavers = round(cfg.LEAVERS_PER_SCALE * scale)
        self.target = sum(self.need) + self.class_size - self.leavers
        self.agents: list[AgentInfo] = []
        self._usernames: set[str] = set()
        self._teams: dict[tuple[str, str, str], list[tuple[int, list[AgentInfo]]]] = {}
        self._team_numbers: dict[str, int] = {}
        rng = stream(seed, "roster")
        for qi, n in enumerate(self.need):
            for _ in range(n):
                self._new_agent(rng, qi, start - timedelta(days=rng.randrange(45, 3650)), new_hire=False)
        for site in cfg.SITES:  # teams of the opening floor, by queue family and channel
            members = sorted(
                (a for a in self.agents if a.site == site.code),
                key=lambda a: (cfg.QUEUES[a.primary].family, cfg.QUEUES[a.primary].channel, a.idx),
            )
            for a in members:
                self._join_team(a)
        self._next_block = start

    def ensure(self, d: date) -> None:
        """Decide every block that starts by two weeks after ``d``."""
        while self._next_block <= d + timedelta(days=14):
            self._decide(self._next_block)
            self._next_block += timedelta(days=BLOCK_DAYS)

    def _decide(self, block: date) -> None:
        rng = stream(self.seed, f"roster:{block.isoformat()}")
        end = block + timedelta(days=BLOCK_DAYS)
        eligible = [
            a for a in self.agents if a.termination_date is None and a.hire_date <= block - timedelta(days=BLOCK_DAYS)
        ]
        for a in rng.sample(eligible, min(self.leavers, len(eligible))):
            a.termination_date = block + timedelta(days=rng.randrange(2, BLOCK_DAYS - 1))
            a.termination_known = a.termination_date - timedelta(days=5)
        staff = [0] * len(cfg.QUEUES)  # employed at the block's end, before the class
        for a in self.agents:
            if a.employed_on(end - timedelta(days=1)):
                staff[a.primary] += 1
        hire_day = block + timedelta(days=7)
        for _ in range(max(0, min(2 * self.class_size, self.target - sum(staff)))):
            qi = min(range(len(staff)), key=lambda i: ((staff[i] - self.need[i]) / self.need[i], -self.need[i], i))
            staff[qi] += 1
            self._join_team(self._new_agent(rng, qi, hire_day, new_hire=True))

    def _new_agent(self, rng: random.Random, qi: int, hire: date, new_hire: bool) -> AgentInfo:
        q = cfg.QUEUES[qi]
        site = cfg.SITE_BY_CODE[q.site]
        first = rng.choice(US_FIRST if site.country == "US" else GB_FIRST)
        last = rng.choice(US_LAST if site.country == "US" else GB_LAST)
        base = f"{first}.{last}".lower().replace("'", "")
        username = base
        k = 2
        while username in self._usernames:
            username = f"{base}{k}"
            k += 1
        self._usernames.add(username)
        idx = len(self.agents)
        agent_uuid = new_uuid(rng)
        agent = AgentInfo(
            idx=idx,
            agent_id=f"A{1001 + idx}",
            username=username,
            first=first,
            last=last,
            email=f"{username}@contactcenter.example.com",
            site=site.code,
            time_zone=site.time_zone,
            team="",
            supervisor_id="",
            primary=qi,
            secondary=() if new_hire else _secondary_skills(rng, qi),
            hire_date=hire,
            termination_date=None,
            termination_known=None,
            arn=f"{instance_arn(self.instance_id)}/agent/{agent_uuid}",
            sf_user_id=self.ids.new("005"),
            routing_profile=q.name.replace("_", " "),
            quality=min(1.15, max(0.75, rng.gauss(1.0, 0.08))),
            lateness=rng.lognormvariate(0.0, 0.6),
            overrun=rng.lognormvariate(0.0, 0.6),
            new_hire=new_hire,
            part_time=not new_hire and rng.random() < PART_TIME_SHARE,
        )
        self.agents.append(agent)
        return agent

    def _join_team(self, a: AgentInfo) -> None:
        """The first team of the agent's site, family and channel with a free place, else a new team."""
        q = cfg.QUEUES[a.primary]
        teams = self._teams.setdefault((a.site, q.family, q.channel), [])
        day = a.hire_date
        free = [
            (no, members)
            for no, members in teams
            if sum(1 for m in members if m.termination_date is None or m.termination_date > day) < cfg.TEAM_SIZE
        ]
        if free:
            no, members = free[0]
        else:
            no = self._team_numbers[a.site] = self._team_numbers.get(a.site, 0) + 1
            members = []
            teams.append((no, members))
        members.append(a)
        site = cfg.SITE_BY_CODE[a.site]
        label = q.family.replace("_", " ").title().replace(" ", "")
        a.team = f"{site.name} {label} {q.channel.title()} {no}"
        a.supervisor_id = f"SUP-{a.site}-{no:02d}"

    def listed(self, snapshot: date) -> list[AgentInfo]:
        """The agents on ``snapshot``'s roster file."""
        return [a for a in self.agents if on_roster(a, snapshot)]


def roster_row(a: AgentInfo, snapshot: date) -> list[str]:
    termination = ""
    if a.termination_date is not None and a.termination_known is not None and snapshot >= a.termination_known:
        termination = a.termination_date.isoformat()
    return [
        a.agent_id,
        a.username,
        a.first,
        a.last,
        a.email,
        cfg.SITE_BY_CODE[a.site].name,
        a.time_zone,
        a.team,
        a.supervisor_id,
        "|".join(cfg.QUEUES[i].name for i in a.skills),
        a.hire_date.isoformat(),
        termination,
        snapshot.isoformat(),
    ]


def on_roster(a: AgentInfo, snapshot: date) -> bool:
    """New hires appear a week before they start; leavers stay listed with their termination date."""
    return snapshot >= a.hire_date - timedelta(days=7)
