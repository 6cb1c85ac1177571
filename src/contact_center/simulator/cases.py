"""Salesforce cases and their status history. Every change writes a new version of the case row
(re-delivery with a later LastModifiedDate) and, for a status change, a CaseHistory row."""

from __future__ import annotations

import random
from dataclasses import dataclass

from contact_center.simulator import config as cfg
from contact_center.simulator.ids import SalesforceIds
from contact_center.simulator.rand import pick
from contact_center.simulator.sinks import DailySink, csv_line
from contact_center.simulator.timeutil import sf_ts, utc_date

SUBJECTS = {
    "Billing dispute": ("Charged twice this month", "Bill higher than expected", "Dispute late fee"),
    "Payment arrangement": ("Request to split payment", "Payment plan request", "Need more time to pay"),
    "Refund request": ("Refund for cancelled add-on", "Refund not received", "Credit for outage"),
    "Update payment details": ("New card on account", "Change direct debit", "Update billing address"),
    "No service": ("No service since this morning", "Line dead", "No signal at home"),
    "Slow connection": ("Internet very slow", "Speed drops in evening", "Intermittent connection"),
    "Device setup": ("Router setup help", "New phone activation", "Cannot connect device"),
    "Outage report": ("Outage in my area", "Service down", "Area outage follow-up"),
    "New service": ("New customer enquiry", "Order new service", "Availability check"),
    "Upgrade plan": ("Upgrade to faster plan", "Plan upgrade question", "Upgrade offer"),
    "Add a line": ("Add a line to account", "Second line request", "Family plan line"),
    "Cancel service": ("Cancel my service", "Cancellation request", "Close account"),
    "Price complaint": ("Price increase complaint", "Price too high", "Competitor offer"),
}
ORIGIN = {"voice": "Phone", "chat": "Chat", "email": "Email", "web": "Web"}


@dataclass(slots=True)
class Case:
    sf_id: str
    number: str
    contact_id: str
    account_id: str
    origin: str
    reason: str
    family: str
    status: str
    priority: str
    escalated: bool
    created: int
    closed: int | None
    last_modified: int
    parent_id: str
    owner_id: str
    supplied_email: str
    supplied_phone: str
    subject: str
    connect_contact_id: str
    bo_token: int = 0
    delivered: bool = False  # a version of the row was written

    def row(self) -> list[str]:
        return [
            self.sf_id,
            self.number,
            self.contact_id,
            self.account_id,
            self.origin,
            self.reason,
            cfg.CASE_TYPE[self.family],
            self.status,
            self.priority,
            "true" if self.status == "Closed" else "false",
            "true" if self.escalated else "false",
            sf_ts(self.created),
            sf_ts(self.closed) if self.closed is not None else "",
            sf_ts(self.last_modified),
            self.parent_id,
            self.owner_id,
            self.supplied_email,
            self.supplied_phone,
            self.subject,
            self.connect_contact_id,
        ]


class CaseBook:
    def __init__(self, ids: SalesforceIds, rng: random.Random, cases: DailySink, history: DailySink) -> None:
        self.ids = ids
        self.rng = rng
        self.cases_sink = cases
        self.history_sink = history
        self._number = 100000 + rng.randrange(0, 50000)
        self.queue_owner = ids.new("00G")
        self.back_office = [ids.new("005") for _ in range(8)]
        self.created = 0

    def create(
        self,
        t: int,
        *,
        channel: str,
        reason: str,
        contact_id: str,
        account_id: str,
        status: str,
        owner_id: str,
        parent_id: str = "",
        supplied_email: str = "",
        supplied_phone: str = "",
        connect_contact_id: str = "",
    ) -> Case:
        family = cfg.REASON_FAMILY[reason]
        self._number += 1
        priority = "High" if reason in ("No service", "Outage report", "Cancel service") else "Medium"
        if family == "sales" or (priority == "Medium" and self.rng.random() < 0.2):
            priority = "Low"
        case = Case(
            sf_id=self.ids.new("500"),
            number=f"{self._number:08d}",
            contact_id=contact_id,
            account_id=account_id,
            origin=ORIGIN[channel],
            reason=reason,
            family=family,
            status=status,
            priority=priority,
            escalated=False,
            created=t,
            closed=t if status == "Closed" else None,
            last_modified=t,
            parent_id=parent_id,
            owner_id=owner_id,
            supplied_email=supplied_email,
            supplied_phone=supplied_phone,
            subject=pick(self.rng, SUBJECTS[reason]),
            connect_contact_id=connect_contact_id,
        )
        self.created += 1
        self._version(case)
        self._history(case, t, "created", "", "")
        return case

    def set_status(self, case: Case, t: int, status: str, owner_id: str | None = None) -> int:
        """Change the case's status at ``t`` (or just after its last change); returns the time used."""
        if status == case.status and owner_id is None:
            return case.last_modified
        t = max(t, case.last_modified + 1)
        old = case.status
        case.status = status
        case.last_modified = t
        if owner_id is not None:
            case.owner_id = owner_id
        if status == "Closed":
            case.closed = t
        elif old == "Closed":
            case.closed = None
        if status == "Escalated":
            case.escalated = True
        self._version(case)
        if old != status:
            self._history(case, t, "Status", old, status)
        return t

    def _version(self, case: Case) -> None:
        key = (case.last_modified, case.sf_id)
        written = self.cases_sink.add(utc_date(case.last_modified), key, csv_line(case.row()), case.delivered)
        case.delivered = case.delivered or written

    def _history(self, case: Case, t: int, field: str, old: str, new: str) -> None:
        hid = self.ids.new("017")
        row = [hid, case.sf_id, field, old, new, sf_ts(t)]
        self.history_sink.add(utc_date(t), (t, case.sf_id, hid), csv_line(row))
