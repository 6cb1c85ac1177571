"""The event-driven contact-center engine (a heap of timed events, integer seconds).

Contacts arrive, pass an IVR or chat bot, and queue. Agents who are logged in, Available and skilled
for the queue take the longest-waiting contact (their primary queue first). Waits and abandons come out
of the queueing: a caller abandons when their patience runs out before an agent is free, or takes a
callback after waiting a while. Agents hold, transfer and do after-contact work; their state changes
follow their schedules imperfectly and are deferred while they are on a contact. When a contact is
over, its issue is resolved or the customer comes back later, maybe on another channel.

The engine runs a day at a time (``run_until``): the caller feeds it each day's arrivals, agents and
schedule transitions first, and stops it at the window's end; nothing it draws depends on where that end
is. A record is handed to its sink when the simulation produces it (a contact's CTRs when the contact is
over), and the sink puts it into the file of the later of its own stamp's day and the current day.
"""

from __future__ import annotations

import heapq
import random
from collections import deque
from typing import Any

from contact_center.simulator import config as cfg
from contact_center.simulator.agent_events import AgentEventWriter
from contact_center.simulator.arrivals import KIND_EMAIL, KIND_QUEUE
from contact_center.simulator.cases import Case, CaseBook
from contact_center.simulator.ctr import ctr_line
from contact_center.simulator.customers import Customer, CustomerBase
from contact_center.simulator.entities import (
    LOGOUT,
    S_ANSWERED,
    S_ENDED,
    S_WAITING,
    AgentState,
    Contact,
    Issue,
    Leg,
)
from contact_center.simulator.journeys import ReturnPlanner
from contact_center.simulator.quality import EvaluationWriter
from contact_center.simulator.rand import between, choose, lognormal, new_uuid, pick
from contact_center.simulator.roster import AgentInfo
from contact_center.simulator.schedules import ACTION_LOGIN, ACTION_LOGOUT, Transition
from contact_center.simulator.sinks import DailySink
from contact_center.simulator.surveys import SurveyWriter
from contact_center.simulator.timeutil import utc_date
from contact_center.simulator.truth import ContactTruth, GroundTruth

# Event kinds (heap entries are (time, seq, kind, payload)).
EV_NEW_ISSUE = 0
EV_RETURN = 1
EV_ENQUEUE = 2
EV_ABANDON = 3
EV_CALLBACK_OFFER = 4
EV_CALLBACK_EXPIRE = 5
EV_TALK_END = 6
EV_ACW_END = 7
EV_AGENT = 8
EV_IVR_END = 9
EV_CASE_WORK = 10
EV_CASE_CLOSE = 11
EV_BO_CLOSE = 12

_SITE_INDEX = {s.code: i for i, s in enumerate(cfg.SITES)}


class Engine:
    def __init__(
        self,
        *,
        seed_rng: random.Random,
        customers: CustomerBase,
        sinks: dict[str, DailySink],
        cases: CaseBook,
        truth: GroundTruth,
        instance_arn: str,
        queue_arns: list[str],
        system_numbers: list[str],
        window_start: int,
    ) -> None:
        self.rng = seed_rng
        self.customers = customers
        self.cases = cases
        self.truth = truth
        self.window_start = window_start
        self.queue_arns = queue_arns
        self.system_numbers = system_numbers
        self.ctr_sink = sinks["ctr"]
        self.events = AgentEventWriter(sinks["agent_events"], instance_arn, random.Random(self.rng.getrandbits(64)))
        self.surveys = SurveyWriter(sinks["surveys"], random.Random(self.rng.getrandbits(64)))
        self.evaluations = EvaluationWriter(sinks["evaluations"], random.Random(self.rng.getrandbits(64)))
        self.agents: list[AgentState] = []
        self._init_queueing(cfg.QUEUES)
        self.issue_count = 0
        self.returns = ReturnPlanner(self.rng)
        self._queue_of: dict[tuple[str, str, str], int] = {}
        for i, q in enumerate(cfg.QUEUES):
            self._queue_of[(q.family, q.site, q.channel)] = i
        self._arrivals: list[tuple[int, int, int, tuple[int, int]]] = []
        self._next_arrival = 0
        self.live_issues: dict[int, Issue] = {}
        # Voice and chat contacts in flight, per UTC day number of their start (the truth's watermark).
        self._in_flight: dict[int, int] = {}
        self._handlers = {
            EV_NEW_ISSUE: self._on_new_issue,
            EV_RETURN: self._on_return,
            EV_ENQUEUE: self._on_enqueue,
            EV_ABANDON: self._on_abandon,
            EV_CALLBACK_OFFER: self._on_callback_offer,
            EV_CALLBACK_EXPIRE: self._on_callback_expire,
            EV_TALK_END: self._on_talk_end,
            EV_ACW_END: self._on_acw_end,
            EV_AGENT: self._on_agent,
            EV_IVR_END: self._on_ivr_end,
            EV_CASE_WORK: self._on_case_work,
            EV_CASE_CLOSE: self._on_case_close,
            EV_BO_CLOSE: self._on_bo_close,
        }

    # --- feeding and running, a day at a time -----------------------------------------------------------

    def add_agent(self, info: AgentInfo) -> None:
        """An agent the roster lists from now on (agents are added in ``idx`` order)."""
        assert info.idx == len(self.agents)
        self.agents.append(AgentState(info, self.window_start))

    def add_arrivals(self, arrivals: list[tuple[int, int, int]]) -> None:
        """New issues, sorted. They wait in a sorted list of their own beside the heap (the heap would hold
        two days of them), in the order the heap would give them: by time, then by when they were added."""
        new = []
        for ts, kind, target in arrivals:
            self.seq += 1
            new.append((ts, self.seq, EV_NEW_ISSUE, (kind, target)))
        self._arrivals = sorted(self._arrivals[self._next_arrival :] + new)  # two sorted runs: a merge
        self._next_arrival = 0

    def add_transitions(self, transitions: list[Transition]) -> None:
        for tr in transitions:
            self._push(tr.ts, EV_AGENT, tr)

    def run_until(self, end: int) -> None:
        """Handle every event before ``end`` (a UTC midnight), then write the agent events due before it."""
        heap = self.heap
        handlers = self._handlers
        pop = heapq.heappop
        arrivals = self._arrivals
        i, n = self._next_arrival, len(arrivals)
        while True:
            if i < n and (not heap or arrivals[i] < heap[0]):
                t, _, kind, payload = arrivals[i]
                if t >= end:
                    break
                i += 1
            elif heap and heap[0][0] < end:
                t, _, kind, payload = pop(heap)
            else:
                break
            handlers[kind](payload, t)
        self._next_arrival = i
        self.events.close_day(self.agents, end)

    def watermark(self, end: int) -> int:
        """The UTC midnight before which every voice or chat contact has ended (at most ``end``)."""
        open_days = [d for d, n in self._in_flight.items() if n]
        return min(end, min(open_days) * 86400) if open_days else end

    # --- plumbing ---------------------------------------------------------------------------------

    def _init_queueing(self, queues: tuple[cfg.QueueConfig, ...]) -> None:
        """The state the queueing methods work on: the queues, their waiting lines and idle agents, the events.

        ``_enqueue``, ``_pop_idle``, ``_peek_waiting``, ``_try_pick`` and ``_on_abandon`` use only this state
        (plus ``rng``, ``_assign`` and ``_leg_done``), so the single-queue validation scenario
        (``contact_center.simulator.validation``) runs these very methods against the Erlang formulas.
        """
        self.queues = queues
        self.waiting: list[deque[Leg]] = [deque() for _ in queues]
        self.idle_primary: list[list[tuple[int, int, int, AgentState]]] = [[] for _ in queues]
        self.idle_secondary: list[list[tuple[int, int, int, AgentState]]] = [[] for _ in queues]
        self.heap: list[tuple[int, int, int, Any]] = []
        self.seq = 0

    def _push(self, t: int, kind: int, payload: object) -> None:
        self.seq += 1
        heapq.heappush(self.heap, (t, self.seq, kind, payload))

    # --- arrivals and identity ---------------------------------------------------------------------

    def _on_new_issue(self, payload: tuple[int, int], t: int) -> None:
        kind, target = payload
        rng = self.rng
        if kind == KIND_QUEUE:
            q = cfg.QUEUES[target]
            site_idx = _SITE_INDEX[q.site]
            country = cfg.SITES[site_idx].country
            family = q.family
            if rng.random() < q.off_family_share:
                others = [f for f in cfg.COUNTRY_FAMILIES[country] if f != q.family]
                family = pick(rng, others)
        else:
            site_idx = target
            country = cfg.SITES[site_idx].country
            family = choose(rng, cfg.EMAIL_FAMILY_MIX[country])
        customer = self.customers.pick(country, t, rng, family)
        self.customers.hold(customer, family, t + cfg.ISSUE_FAMILY_EXCLUSION_SECONDS)
        self.issue_count += 1
        issue = Issue(self.issue_count, customer, pick(rng, cfg.REASONS[family]), site_idx)
        self.live_issues[issue.number] = issue
        if kind == KIND_QUEUE:
            self._start_contact(issue, cfg.QUEUES[target].channel.lower(), target, t)
        else:
            self._start_case_contact(issue, "email" if kind == KIND_EMAIL else "web", t)

    def _on_return(self, payload: tuple[Issue, str, int], t: int) -> None:
        issue, channel, queue = payload
        if issue.resolved_at is None or issue.resolved_at > t:  # else the back office fixed it before
            self.customers.hold(issue.customer, issue.family, t + cfg.ISSUE_FAMILY_EXCLUSION_SECONDS)
            if channel in ("voice", "chat"):
                self._start_contact(issue, channel, queue, t)
            else:
                self._start_case_contact(issue, channel, t)
        self._release(issue)

    def _release(self, issue: Issue) -> None:
        """A contact or event about ``issue`` is over; when none is left, nothing can change it any more."""
        issue.pending -= 1
        if issue.pending == 0:
            del self.live_issues[issue.number]
            self.truth.issue_done(issue)

    def _identify_voice(self, c: Contact, customer: Customer, t: int) -> None:
        rng = self.rng
        r = rng.random()
        if r < cfg.ANONYMOUS_CALLER:
            c.ani, c.withheld = "anonymous", "anonymous_number"
            return
        if r < cfg.ANONYMOUS_CALLER + cfg.UNKNOWN_NUMBER:
            c.ani, c.withheld = self.customers.unknown_number(customer.country), "unknown_number"
            return
        v = customer.at(t)
        number = v.mobile if (v.mobile is not None and (v.phone is None or rng.random() < 0.4)) else v.phone
        assert number is not None
        c.ani = number
        matches = self.customers.phone_matches(c.ani, t)
        c.ambiguous = len(matches) > 1
        if len(matches) == 1 and rng.random() < cfg.IVR_IDENTIFIES:
            c.crm, c.identifier = customer.sf_id, "crm_contact_id"
        elif matches:
            c.identifier = "phone"

    def _identify_chat(self, c: Contact, customer: Customer, t: int) -> None:
        rng = self.rng
        v = customer.at(t)
        if v.email and rng.random() >= cfg.CHAT_UNKNOWN_EMAIL:
            c.email = v.email
        else:
            c.email, c.withheld = self.customers.unknown_email(rng, customer), "unknown_email"
        if rng.random() < cfg.CHAT_LOGGED_IN:
            c.crm, c.identifier = customer.sf_id, "crm_contact_id"
        elif self.customers.email_matches(c.email, t):
            c.identifier = "email"

    def _start_contact(self, issue: Issue, channel: str, qi: int, t: int) -> None:
        rng = self.rng
        issue.n_contacts += 1
        issue.pending += 1
        day = t // 86400
        self._in_flight[day] = self._in_flight.get(day, 0) + 1
        c = Contact(channel, issue, t)
        c.entry_queue = qi
        if channel == "voice":
            self._identify_voice(c, issue.customer, t)
        else:
            self._identify_chat(c, issue.customer, t)
        if rng.random() < (cfg.IVR_CAPTURES_REASON if channel == "voice" else 0.95):
            c.reason_attr = issue.reason
        leg = self._new_leg(c, qi, "INBOUND", t)
        c.contact_id = leg.leg_id
        q = cfg.QUEUES[qi]
        # Seconds in the IVR (voice) or with the chat bot before queueing.
        front = int(min(300, max(8, lognormal(rng, 40, 0.4)))) if channel == "voice" else between(rng, 5, 41)
        r = rng.random()
        if r < q.self_serve:
            leg.reason = "CONTACT_FLOW_DISCONNECT"
            self._push(t + front + between(rng, 10, 120), EV_IVR_END, leg)
        elif r < q.self_serve + q.ivr_hangup:
            leg.reason = "CUSTOMER_DISCONNECT"
            self._push(t + max(3, int(front * rng.uniform(0.2, 1.0))), EV_IVR_END, leg)
        else:
            self._push(t + front, EV_ENQUEUE, leg)

    def _new_leg(self, c: Contact, qi: int, method: str, t: int) -> Leg:
        self.seq += 1
        leg = Leg(new_uuid(self.rng), c, qi, method, t, self.seq)
        c.legs.append(leg)
        c.open_parts += 1
        return leg

    # --- queueing ---------------------------------------------------------------------------------

    def _on_enqueue(self, leg: Leg, t: int) -> None:
        self._enqueue(leg, leg.queue, t)

    def _enqueue(self, leg: Leg, qi: int, t: int) -> None:
        rng = self.rng
        q = self.queues[qi]
        leg.queue = qi
        leg.enqueue = t
        leg.state = S_WAITING
        if leg.method == "CALLBACK":
            self._push(t + cfg.CALLBACK_EXPIRY, EV_CALLBACK_EXPIRE, leg)
        else:
            patience = rng.expovariate(1.0 / q.patience_mean) * (2.0 if leg.method == "TRANSFER" else 1.0)
            self._push(t + max(1, int(patience)), EV_ABANDON, leg)
            if (
                q.callback
                and leg.contact.ani != "anonymous"
                and leg.method == "INBOUND"
                and patience > cfg.CALLBACK_OFFER_AFTER
            ):
                self._push(t + cfg.CALLBACK_OFFER_AFTER, EV_CALLBACK_OFFER, leg)
        agent = self._pop_idle(qi)
        if agent is not None:
            self._assign(agent, leg, t)
        else:
            self.waiting[qi].append(leg)

    def _pop_idle(self, qi: int) -> AgentState | None:
        for heap in (self.idle_primary[qi], self.idle_secondary[qi]):
            while heap:
                _, _, token, agent = heap[0]
                if agent.token == token and agent.idle:
                    heapq.heappop(heap)
                    return agent
                heapq.heappop(heap)
        return None

    def _peek_waiting(self, qi: int) -> Leg | None:
        dq = self.waiting[qi]
        while dq and dq[0].state != S_WAITING:
            dq.popleft()
        return dq[0] if dq else None

    def _try_pick(self, agent: AgentState, t: int) -> None:
        """An idle agent takes the longest-waiting contact of their primary queue, else of a secondary."""
        info = agent.info
        leg = self._peek_waiting(info.primary)
        if leg is None:
            for qi in info.secondary:
                head = self._peek_waiting(qi)
                if head is not None and (leg is None or (head.enqueue, head.seq) < (leg.enqueue, leg.seq)):
                    leg = head
        if leg is not None:
            self.waiting[leg.queue].popleft()
            self._assign(agent, leg, t)
            return
        agent.token += 1
        entry = (t, agent.idx, agent.token, agent)
        heapq.heappush(self.idle_primary[info.primary], entry)
        for qi in info.secondary:
            heapq.heappush(self.idle_secondary[qi], entry)

    def _assign(self, agent: AgentState, leg: Leg, t: int) -> None:
        rng = self.rng
        q = cfg.QUEUES[leg.queue]
        c = leg.contact
        voice = c.channel == "voice"
        # Auto-accept connects most contacts at once; for a callback the agent dials the customer back.
        ring = between(rng, 8, 26) if leg.method == "CALLBACK" else (0 if rng.random() < 0.8 else between(rng, 1, 4))
        leg.state = S_ANSWERED
        leg.dequeue = t
        leg.connected = t + ring
        leg.agent = agent
        talk = lognormal(rng, q.talk_median, q.talk_sigma)
        issue = c.issue
        if c.transfers < cfg.MAX_TRANSFERS:
            target = None
            if issue.family != q.family:
                target = self._queue_of.get((issue.family, q.site, q.channel))
                if target is not None and rng.random() >= cfg.MISROUTE_TRANSFER:
                    target = None
            elif rng.random() < cfg.RANDOM_TRANSFER:
                others = [
                    i for i, o in enumerate(cfg.QUEUES) if o.site == q.site and o.channel == q.channel and o is not q
                ]
                target = pick(rng, others) if others else None
            if target is not None:
                leg.transfer_to = target
                talk *= 0.45
        leg.talk = int(min(5400, max(20, talk)))
        if voice and rng.random() < q.hold_prob:
            n = 1 + (rng.random() < 0.3) + (rng.random() < 0.1)
            holds = [int(max(5, lognormal(rng, q.hold_median, 0.7))) for _ in range(n)]
            leg.n_holds, leg.hold, leg.longest_hold = n, sum(holds), max(holds)
        previous = self.events.snapshot(agent)
        agent.token += 1
        agent.leg = leg
        agent.cstate = "CONNECTED"
        agent.cstate_start = leg.connected
        self.events.emit(agent, "STATE_CHANGE", leg.connected, previous, self._dup())
        self._push(leg.connected + leg.talk + leg.hold, EV_TALK_END, leg)

    def _dup(self) -> bool:
        return self.rng.random() < cfg.AGENT_EVENT_DUPLICATE_RATE

    def _on_talk_end(self, leg: Leg, t: int) -> None:
        rng = self.rng
        agent = leg.agent
        assert agent is not None
        q = cfg.QUEUES[leg.queue]
        c = leg.contact
        leg.disconnect = t
        if leg.transfer_to is not None:
            leg.reason = "TRANSFERRED"
            c.transfers += 1
            new = self._new_leg(c, leg.transfer_to, "TRANSFER", t)
            new.prev = leg
            leg.next = new
            self._enqueue(new, leg.transfer_to, t)
        elif c.channel == "voice":
            r = rng.random()
            leg.reason = "TELECOM_PROBLEM" if r < 0.01 else ("CUSTOMER_DISCONNECT" if r < 0.55 else "AGENT_DISCONNECT")
        else:
            leg.reason = "CUSTOMER_DISCONNECT" if rng.random() < 0.6 else "AGENT_DISCONNECT"
        if rng.random() < (cfg.NO_ACW_VOICE if c.channel == "voice" else cfg.NO_ACW_CHAT):
            leg.acw_end = t  # nothing to wrap up: the agent clears the contact at once
        else:
            leg.acw_end = t + int(min(900, max(5, lognormal(rng, q.acw_median, q.acw_sigma))))
        previous = self.events.snapshot(agent)
        agent.cstate = "ENDED"
        agent.cstate_start = t
        self.events.emit(agent, "STATE_CHANGE", t, previous, self._dup())
        self._push(leg.acw_end, EV_ACW_END, leg)

    def _on_acw_end(self, leg: Leg, t: int) -> None:
        agent = leg.agent
        assert agent is not None
        previous = self.events.snapshot(agent)
        agent.leg = None
        agent.cstate = None
        event_type = "STATE_CHANGE"
        if agent.pending is not None:
            if agent.pending == LOGOUT:
                agent.logged_in = False
                agent.status, agent.status_start = "Offline", t
                event_type = "LOGOUT"
            elif agent.pending != agent.status:
                agent.status, agent.status_start = agent.pending, t
            agent.pending = None
        self.events.emit(agent, event_type, t, previous, self._dup())
        if agent.idle:
            self._try_pick(agent, t)
        self._leg_done(leg, t)

    def _leave_queue(self, leg: Leg, t: int, reason: str) -> None:
        """A waiting leg leaves the queue unanswered at ``t`` with ``reason``."""
        leg.state = S_ENDED
        leg.dequeue = leg.disconnect = t
        leg.reason = reason

    def _on_abandon(self, leg: Leg, t: int) -> None:
        if leg.state != S_WAITING:
            return
        self._leave_queue(leg, t, "CUSTOMER_DISCONNECT")
        self._leg_done(leg, t)

    def _on_callback_offer(self, leg: Leg, t: int) -> None:
        if leg.state != S_WAITING or self.rng.random() >= cfg.CALLBACK_ACCEPT:
            return
        self._leave_queue(leg, t, "CALLBACK")
        cb = self._new_leg(leg.contact, leg.queue, "CALLBACK", t)
        cb.prev = leg
        leg.next = cb
        self._enqueue(cb, leg.queue, t)
        self._leg_done(leg, t)

    def _on_callback_expire(self, leg: Leg, t: int) -> None:
        if leg.state != S_WAITING:
            return
        self._leave_queue(leg, t, "EXPIRED")
        self._leg_done(leg, t)

    def _on_ivr_end(self, leg: Leg, t: int) -> None:
        leg.state = S_ENDED
        leg.disconnect = t
        self._leg_done(leg, t)

    # --- agents -----------------------------------------------------------------------------------

    def _on_agent(self, tr: Transition, t: int) -> None:
        agent = self.agents[tr.agent]
        if tr.action == ACTION_LOGIN:
            if agent.logged_in:
                return
            previous = self.events.snapshot(agent)
            agent.logged_in = True
            agent.pending = None
            agent.status, agent.status_start = tr.status, t
            agent.token += 1
            self.events.emit(agent, "LOGIN", t, previous, self._dup())
        elif not agent.logged_in:
            return
        elif agent.leg is not None:
            agent.pending = LOGOUT if tr.action == ACTION_LOGOUT else tr.status
            return
        elif tr.action == ACTION_LOGOUT:
            previous = self.events.snapshot(agent)
            agent.token += 1
            agent.logged_in = False
            agent.status, agent.status_start = "Offline", t
            self.events.emit(agent, "LOGOUT", t, previous, self._dup())
            return
        else:
            if tr.status == agent.status:
                return
            previous = self.events.snapshot(agent)
            agent.token += 1
            agent.status, agent.status_start = tr.status, t
            self.events.emit(agent, "STATE_CHANGE", t, previous, self._dup())
        if agent.idle:
            self._try_pick(agent, t)

    # --- end of a contact -------------------------------------------------------------------------

    def _leg_done(self, leg: Leg, t: int) -> None:
        c = leg.contact
        c.open_parts -= 1
        if c.open_parts == 0:
            self._finalize(c, t)

    def _finalize(self, c: Contact, t: int) -> None:
        rng = self.rng
        issue = c.issue
        answered = [leg for leg in c.legs if leg.connected is not None]
        last = c.legs[-1]
        if answered and last.connected is not None:
            agent = last.agent
            assert agent is not None
            p = cfg.RESOLVE_PROB[issue.family] * agent.info.quality
            if cfg.QUEUES[last.queue].family != issue.family:
                p *= 0.6
            p += 0.06 * (issue.n_contacts - 1)
            resolved = rng.random() < min(p, 0.95)
            outcome = "handled"
        elif last.enqueue is None:
            served = last.reason == "CONTACT_FLOW_DISCONNECT"
            resolved = served and rng.random() < 0.6
            outcome = "ivr_served" if served else "ivr_hangup"
        else:
            resolved = False
            outcome = "abandoned"
        bo_resolves = False
        if answered:
            bo_resolves = self._work_case(c, answered, resolved)
        written = self._write_ctr(c)
        end = t
        if resolved:
            self._resolve(issue, end)
        if written:
            self.truth.add_contact(
                ContactTruth(
                    c.contact_id, c.channel, c.started, issue.customer.sf_id, c.identifier, c.withheld, c.ambiguous
                ),
                issue,
            )
        # Surveys and evaluations are drawn whether or not the contact's records fall in the window (they
        # are written only if they do), so that what is drawn does not depend on where the window ends.
        if answered and last.connected is not None and rng.random() < cfg.SURVEY_RATE:
            wait = sum((leg.dequeue or 0) - (leg.enqueue or 0) for leg in c.legs if leg.enqueue is not None)
            self.surveys.respond(
                contact_id=last.leg_id,
                channel=c.channel,
                customer=issue.customer,
                identified=bool(c.crm),
                address=c.ani if c.channel == "voice" else c.email,
                wait=wait,
                resolved=resolved,
                sent=end,
            )
        for leg in answered:
            if rng.random() < cfg.QA_RATE:
                self.evaluations.evaluate(leg)
        if not resolved and not bo_resolves:
            self._maybe_return(issue, c.channel, outcome, end)
        self._in_flight[c.started // 86400] -= 1
        self._release(issue)
        # Nothing reads the contact any more: unlink its legs, so that reference counting frees them.
        for leg in c.legs:
            leg.prev = leg.next = None
        c.legs.clear()

    def _write_ctr(self, c: Contact) -> bool:
        """Deliver the contact's CTRs, produced now that it is over; True when some version of a leg was
        written. Each written leg goes to the truth with the values of its last written version: at the
        window's end that can be the first, incomplete delivery of a re-delivered leg (no after-contact
        work), or some legs of a contact and not the others."""
        rng = self.rng
        sink = self.ctr_sink
        written = False
        for leg in c.legs:
            done = leg.acw_end if leg.acw_end is not None else leg.disconnect
            final = done + between(rng, 3, 60)
            versions: list[tuple[int, bool]] = []
            if leg.connected is not None and rng.random() < cfg.REDELIVERY_RATE:
                first = leg.disconnect + between(rng, 2, 30)
                versions.append((first, False))
                final = max(final, first + 1) + int(min(20 * 3600, rng.expovariate(1 / (3 * 3600))))
            versions.append((final, True))
            last_written: bool | None = None  # complete (with after-contact work) or not
            for last_update, complete in versions:
                line = ctr_line(leg, last_update, complete, self.queue_arns, self.system_numbers)
                day = utc_date(last_update)
                duplicate = rng.random() < cfg.DUPLICATE_LINE_RATE
                if sink.add(day, (last_update, leg.leg_id), line, superseding=last_written is not None):
                    last_written = complete
                    if duplicate:
                        sink.add(day, (last_update, leg.leg_id), line, superseding=True)
            if last_written is None:
                continue
            written = True
            handle = 0
            if leg.connected is not None:
                handle = leg.talk + leg.hold
                if last_written and leg.acw_end is not None:
                    handle += leg.acw_end - leg.disconnect
            self.truth.add_leg(
                leg_id=leg.leg_id,
                contact_id=c.contact_id,
                contact_started=c.started,
                initiation=leg.initiation,
                handle_seconds=handle,
                queue_name=cfg.QUEUES[leg.queue].name if leg.enqueue is not None else None,
                enqueue=leg.enqueue,
                dequeue=leg.dequeue,
                answered=leg.connected is not None,
                disconnect_reason=leg.reason,
            )
        return written

    # --- cases ------------------------------------------------------------------------------------

    def _work_case(self, c: Contact, answered: list[Leg], resolved: bool) -> bool:
        """The agents create or update the issue's case; returns True when the back office will resolve it."""
        rng = self.rng
        issue = c.issue
        first, last = answered[0], answered[-1]
        assert first.connected is not None and last.acw_end is not None and first.acw_end is not None
        if resolved:
            final = "Closed" if rng.random() < 0.93 else "Working"
        else:
            r = rng.random()
            final = "Closed" if r < 0.3 else ("Escalated" if r < 0.5 else "Working")
        case: Case | None = None
        if issue.case is not None:
            r = rng.random()
            if r < 0.75:
                case = issue.case
                case.bo_token += 1
                if case.status != "Working":
                    self.cases.set_status(case, first.connected + min(90, max(10, first.talk // 3)), "Working")
            elif r < 0.9:
                case = self._phone_case(c, first, issue.case.sf_id, final if len(answered) == 1 else "Working")
        elif rng.random() < cfg.CASE_ON_FIRST_CONTACT:
            case = self._phone_case(c, first, "", final if len(answered) == 1 else "Working")
        if case is None:
            return False
        issue.case = case
        for leg in answered:
            leg.case_id = case.sf_id
        when = self.cases.set_status(case, last.acw_end - between(rng, 0, 5), final)
        if final != "Escalated":
            return False
        bo_resolves = rng.random() < 0.6
        issue.pending += 1
        self._push(when + between(rng, 86400, 3 * 86400), EV_BO_CLOSE, (case, case.bo_token, issue, bo_resolves))
        return bo_resolves

    def _phone_case(self, c: Contact, first: Leg, parent: str, status: str) -> Case:
        """A case the agent logs during after-contact work (with its outcome when it is already known)."""
        customer = c.issue.customer
        linked = bool(c.crm) or self.rng.random() < 0.8
        assert first.agent is not None and first.acw_end is not None
        t = min(first.acw_end - 1, first.disconnect + between(self.rng, 5, 60))
        if status == "Escalated":
            status = "Working"
        return self.cases.create(
            t,
            channel=c.channel,
            reason=c.issue.reason,
            contact_id=customer.sf_id if linked else "",
            account_id=customer.account_id if linked else "",
            status=status,
            owner_id=first.agent.info.sf_user_id,
            parent_id=parent,
            connect_contact_id=first.leg_id,
        )

    def _on_bo_close(self, payload: tuple[Case, int, Issue, bool], t: int) -> None:
        case, token, issue, resolves = payload
        if token == case.bo_token and case.status != "Closed":
            self.cases.set_status(case, t, "Closed", owner_id=pick(self.rng, self.cases.back_office))
            if resolves and issue.resolved_at is None:
                self._resolve(issue, t)
        self._release(issue)

    def _start_case_contact(self, issue: Issue, channel: str, t: int) -> None:
        """An email or web-form contact: a Salesforce case (email-to-case / web-to-case) and nothing else."""
        rng = self.rng
        issue.n_contacts += 1
        customer = issue.customer
        v = customer.at(t)
        withheld = "none"
        if v.email and rng.random() >= cfg.EMAIL_UNKNOWN_ADDRESS:
            email = v.email
        else:
            email, withheld = self.customers.unknown_email(rng, customer), "unknown_email"
        phone_text = ""
        phone_on_file = False
        if channel == "web" and rng.random() < 0.7:
            phone_text = v.phone_text or v.mobile_text
            number = v.phone or v.mobile
            phone_on_file = number is not None and bool(self.customers.phone_matches(number, t))
        email_on_file = bool(self.customers.email_matches(email, t))
        matched = (email_on_file or phone_on_file) and rng.random() < (0.9 if channel == "email" else 0.85)
        case = self.cases.create(
            t,
            channel=channel,
            reason=issue.reason,
            contact_id=customer.sf_id if matched else "",
            account_id=customer.account_id if matched else "",
            status="New",
            owner_id=self.cases.queue_owner,
            parent_id=issue.case.sf_id if issue.case is not None else "",
            supplied_email=email,
            supplied_phone=phone_text,
        )
        issue.case = case
        identifier = (
            "crm_contact_id" if matched else ("email" if email_on_file else ("phone" if phone_on_file else "none"))
        )
        if case.delivered:
            self.truth.add_contact(
                ContactTruth(case.sf_id, channel, t, customer.sf_id, identifier, withheld, False), issue
            )
        issue.pending += 1
        self._push(t + between(rng, 1200, 10 * 3600), EV_CASE_WORK, (case, issue, channel, email))

    def _on_case_work(self, payload: tuple[Case, Issue, str, str], t: int) -> None:
        case, issue, channel, email = payload
        if case.status == "New":
            self.cases.set_status(case, t, "Working", owner_id=pick(self.rng, self.cases.back_office))
        self._push(t + between(self.rng, 1800, 36 * 3600), EV_CASE_CLOSE, payload)

    def _on_case_close(self, payload: tuple[Case, Issue, str, str], t: int) -> None:
        case, issue, channel, email = payload
        if case.status != "Closed" and issue.case is case:
            self._close_case(case, issue, channel, email, t)
        self._release(issue)

    def _close_case(self, case: Case, issue: Issue, channel: str, email: str, t: int) -> None:
        rng = self.rng
        resolved = rng.random() < min(0.9, 0.66 + 0.05 * (issue.n_contacts - 1))
        t = self.cases.set_status(case, t, "Closed")
        if resolved:
            self._resolve(issue, t)
        if rng.random() < cfg.SURVEY_RATE:
            self.surveys.respond(
                contact_id=case.sf_id,
                channel=channel,
                customer=issue.customer,
                identified=bool(case.contact_id),
                address=email,
                wait=0,
                resolved=resolved,
                sent=t,
            )
        if not resolved:
            self._maybe_return(issue, channel, "handled", t)

    def _resolve(self, issue: Issue, t: int) -> None:
        issue.resolved_at = t

    # --- repeat contacts ---------------------------------------------------------------------------

    def _maybe_return(self, issue: Issue, channel: str, outcome: str, t: int) -> None:
        planned = self.returns.plan(issue, channel, outcome, t)
        if planned is not None:
            when, new_channel, qi = planned
            issue.pending += 1
            self._push(when, EV_RETURN, (issue, new_channel, qi))
