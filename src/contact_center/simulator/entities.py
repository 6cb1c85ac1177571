"""The simulation's entities: agents' live state, customer issues, contacts and their legs."""

from __future__ import annotations

from contact_center.simulator import config as cfg
from contact_center.simulator.agent_events import configuration_json
from contact_center.simulator.cases import Case
from contact_center.simulator.customers import Customer
from contact_center.simulator.roster import AgentInfo

# Leg states.
S_IVR = 0
S_WAITING = 1
S_ANSWERED = 2
S_ENDED = 3  # left the queue without an agent (abandoned, callback, expired) or IVR-only

LOGOUT = "LOGOUT"


class AgentState:
    __slots__ = (
        "info",
        "idx",
        "status",
        "status_start",
        "logged_in",
        "leg",
        "cstate",
        "cstate_start",
        "pending",
        "token",
        "last_event_ts",
        "next_heartbeat",
        "last_event_type",
        "last_snapshot",
        "config_json",
        "buffered",
        "snapshot_key",
        "snapshot",
    )

    def __init__(self, info: AgentInfo, start: int) -> None:
        self.info = info
        self.idx = info.idx
        self.status = "Offline"
        self.status_start = start
        self.logged_in = False
        self.leg: Leg | None = None
        self.cstate: str | None = None
        self.cstate_start = 0
        self.pending: str | None = None
        self.token = 0
        self.last_event_ts = 0
        self.next_heartbeat = 0
        self.last_event_type = ""
        self.last_snapshot = ""
        self.config_json = configuration_json(info.username, info.first, info.last, info.routing_profile)
        self.buffered: tuple[str, int, str, str, bool] | None = None
        self.snapshot_key: tuple[object, ...] = ()
        self.snapshot = ""

    @property
    def idle(self) -> bool:
        return self.logged_in and self.status == "Available" and self.leg is None


class Issue:
    __slots__ = (
        "number",
        "issue_id",
        "customer",
        "reason",
        "family",
        "site",
        "n_contacts",
        "resolved_at",
        "case",
        "pending",
        "delivered",
        "first_at",
    )

    def __init__(self, number: int, customer: Customer, reason: str, site: int) -> None:
        self.number = number
        self.issue_id = f"ISS{number:07d}"
        self.customer = customer
        self.reason = reason
        self.family = cfg.REASON_FAMILY[reason]
        self.site = site
        self.n_contacts = 0
        self.resolved_at: int | None = None
        self.case: Case | None = None
        self.pending = 0  # contacts in flight and events still to come about the issue
        self.delivered = 0  # contacts of it written to the landing files
        self.first_at = 0  # start of the first of them


class Contact:
    __slots__ = (
        "contact_id",
        "channel",
        "issue",
        "started",
        "legs",
        "open_parts",
        "ani",
        "email",
        "crm",
        "reason_attr",
        "identifier",
        "withheld",
        "ambiguous",
        "transfers",
        "entry_queue",
    )

    def __init__(self, channel: str, issue: Issue, started: int) -> None:
        self.contact_id = ""
        self.channel = channel
        self.issue = issue
        self.started = started
        self.legs: list[Leg] = []
        self.open_parts = 0
        self.ani = ""
        self.email = ""
        self.crm = ""
        self.reason_attr = ""
        self.identifier = "none"
        self.withheld = "none"
        self.ambiguous = False
        self.transfers = 0
        self.entry_queue = 0

    def attributes(self, leg: Leg) -> dict[str, str]:
        attrs: dict[str, str] = {}
        if self.crm:
            attrs["crm_contact_id"] = self.crm
        if self.email:
            attrs["customer_email"] = self.email
        if self.reason_attr:
            attrs["contact_reason"] = self.reason_attr
        if leg.case_id:
            attrs["case_id"] = leg.case_id
        return attrs


class Leg:
    __slots__ = (
        "leg_id",
        "contact",
        "queue",
        "method",
        "initiation",
        "enqueue",
        "dequeue",
        "connected",
        "disconnect",
        "reason",
        "agent",
        "talk",
        "hold",
        "n_holds",
        "longest_hold",
        "acw_end",
        "prev",
        "next",
        "state",
        "seq",
        "transfer_to",
        "case_id",
    )

    def __init__(self, leg_id: str, contact: Contact, queue: int, method: str, initiation: int, seq: int) -> None:
        self.leg_id = leg_id
        self.contact = contact
        self.queue = queue
        self.method = method
        self.initiation = initiation
        self.enqueue: int | None = None
        self.dequeue: int | None = None
        self.connected: int | None = None
        self.disconnect = initiation
        self.reason = ""
        self.agent: AgentState | None = None
        self.talk = 0
        self.hold = 0
        self.n_holds = 0
        self.longest_hold = 0
        self.acw_end: int | None = None
        self.prev: Leg | None = None
        self.next: Leg | None = None
        self.state = S_IVR
        self.seq = seq
        self.transfer_to: int | None = None
        self.case_id = ""
