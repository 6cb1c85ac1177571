"""Ground truth: what the warehouse's numbers must come out as, computed from exactly the values written
to the landing files (final versions only), plus what only the simulator knows (customer, issue)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contact_center.simulator.sinks import BadRecord, DailySink
from contact_center.simulator.timeutil import plain_utc

INTERVAL_SECONDS = 900


@dataclass(slots=True)
class ContactTruth:
    contact_id: str
    channel: str
    started_at: int
    customer_id: str
    issue_id: str
    identifier: str
    withheld: str
    ambiguous: bool


@dataclass(slots=True)
class IssueTruth:
    issue_id: str
    customer_id: str
    reason: str
    family: str
    resolved_at: int | None = None


class GroundTruth:
    def __init__(self, window_end: int) -> None:
        self.window_end = window_end
        # (queue, interval start) -> offered, answered, abandoned, callbacks, answered<=20s, abandoned<=5s, wait
        self.intervals: dict[tuple[str, int], list[int]] = {}
        self.contacts: list[ContactTruth] = []
        self.legs: list[tuple[str, int, str, int]] = []  # contact_id, initiation, leg id, handle seconds
        self.issues: dict[str, IssueTruth] = {}

    def add_leg(
        self,
        *,
        leg_id: str,
        contact_id: str,
        initiation: int,
        handle_seconds: int,
        queue_name: str | None,
        enqueue: int | None,
        dequeue: int | None,
        answered: bool,
        disconnect_reason: str,
    ) -> None:
        self.legs.append((contact_id, initiation, leg_id, handle_seconds))
        if queue_name is None or enqueue is None or dequeue is None:
            return
        key = (queue_name, enqueue - enqueue % INTERVAL_SECONDS)
        row = self.intervals.get(key)
        if row is None:
            row = self.intervals[key] = [0, 0, 0, 0, 0, 0, 0]
        wait = dequeue - enqueue
        row[0] += 1
        if answered:
            row[1] += 1
            row[4] += wait <= 20
            row[6] += wait
        elif disconnect_reason == "CUSTOMER_DISCONNECT":
            row[2] += 1
            row[5] += wait <= 5
        elif disconnect_reason == "CALLBACK":
            row[3] += 1

    def add_contact(self, contact: ContactTruth, issue: IssueTruth) -> None:
        self.contacts.append(contact)
        self.issues.setdefault(issue.issue_id, issue)

    # --- output -----------------------------------------------------------------------------------

    def totals(self) -> dict[str, int]:
        sums = [0] * 7
        for row in self.intervals.values():
            for i, v in enumerate(row):
                sums[i] += v
        return {
            "queued_legs": sums[0],
            "answered_legs": sums[1],
            "abandoned_legs": sums[2],
            "callback_legs": sums[3],
            "answered_within_20s": sums[4],
        }

    def write(self, out: Path, sinks: list[DailySink], surges: list[tuple[str, int, int, float]]) -> dict[str, int]:
        out.mkdir(parents=True, exist_ok=True)
        with _writer(out / "queue_intervals.csv") as w:
            w.writerow(
                [
                    "queue_name",
                    "interval_start_at",
                    "offered",
                    "answered",
                    "abandoned",
                    "callbacks",
                    "answered_within_20s",
                    "abandoned_within_5s",
                    "answered_wait_seconds",
                ]
            )
            for (queue, start), row in sorted(self.intervals.items()):
                w.writerow([queue, plain_utc(start), *row])

        by_issue: dict[str, list[ContactTruth]] = {}
        for c in self.contacts:
            by_issue.setdefault(c.issue_id, []).append(c)
        repeat: set[str] = set()
        for contacts in by_issue.values():
            contacts.sort(key=lambda c: (c.started_at, c.contact_id))
            repeat.update(c.contact_id for c in contacts[1:])
        with _writer(out / "contacts.csv") as w:
            w.writerow(
                [
                    "contact_id",
                    "channel",
                    "started_at",
                    "customer_id",
                    "issue_id",
                    "is_repeat",
                    "identifier_in_data",
                    "withheld",
                    "identifier_ambiguous",
                ]
            )
            for c in sorted(self.contacts, key=lambda c: (c.started_at, c.contact_id)):
                w.writerow(
                    [
                        c.contact_id,
                        c.channel,
                        plain_utc(c.started_at),
                        c.customer_id,
                        c.issue_id,
                        _bool(c.contact_id in repeat),
                        c.identifier,
                        c.withheld,
                        _bool(c.ambiguous),
                    ]
                )
        with _writer(out / "legs.csv") as w:
            w.writerow(["contact_leg_id", "contact_id", "handle_seconds"])
            for contact_id, _, leg_id, handle in sorted(self.legs):
                w.writerow([leg_id, contact_id, handle])
        with _writer(out / "issues.csv") as w:
            w.writerow(
                [
                    "issue_id",
                    "customer_id",
                    "reason",
                    "queue_family",
                    "first_contact_at",
                    "contacts",
                    "resolved_on_first_contact",
                    "resolved",
                ]
            )
            for issue_id in sorted(by_issue):
                issue = self.issues[issue_id]
                contacts = by_issue[issue_id]
                resolved = issue.resolved_at is not None and issue.resolved_at < self.window_end
                w.writerow(
                    [
                        issue_id,
                        issue.customer_id,
                        issue.reason,
                        issue.family,
                        plain_utc(contacts[0].started_at),
                        len(contacts),
                        _bool(len(contacts) == 1),
                        _bool(resolved),
                    ]
                )
        with _writer(out / "deliveries.csv") as w:
            w.writerow(["source", "raw_records", "superseded", "bad_records"])
            for s in sinks:
                w.writerow([s.folder, s.raw_records, s.superseded, len(s.bad)])
        bad: list[BadRecord] = sorted(
            (b for s in sinks for b in s.bad),
            key=lambda b: (b.source, b.file, b.line_number or 0, b.record_key, b.reason),
        )
        with _writer(out / "bad_records.csv") as w:
            w.writerow(["source", "file", "record_key", "reason", "line_number"])
            for b in bad:
                w.writerow([b.source, b.file, b.record_key, b.reason, "" if b.line_number is None else b.line_number])
        with _writer(out / "surges.csv") as w:
            w.writerow(["queue_name", "start_at", "end_at", "demand_factor"])
            for queue, start, end, factor in surges:
                w.writerow([queue, plain_utc(start), plain_utc(end), factor])
        (out / "README.md").write_text(README, encoding="utf-8")
        return {"contacts": len(self.contacts), "legs": len(self.legs), "issues": len(by_issue)}


def _bool(v: bool) -> str:
    return "true" if v else "false"


@contextmanager
def _writer(path: Path) -> Iterator[Any]:
    """A csv.writer on a UTF-8 file with ``\\n`` line ends."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        yield csv.writer(f, lineterminator="\n")


README = """# Ground truth

Written by the simulator next to (never inside) the landing folder. Every number here is computed from
exactly the values written to the landing files: for a record delivered more than once, from its final
version (the latest `LastUpdateTimestamp`); bad records (listed in `bad_records.csv`) are never part of
it, and every bad record is an *extra* record (a real record is always also delivered intact). What the
landing files cannot tell (the true customer, the issue) comes from the simulation itself. Timestamps
are UTC, written `YYYY-MM-DD HH:MM:SS`. Booleans are `true`/`false`.

## queue_intervals.csv — one row per queue and 15-minute interval with offered > 0
| column | meaning |
|---|---|
| `queue_name` | `Queue.Name` (see `seeds/queues.csv`) |
| `interval_start_at` | UTC start of the 15-minute bucket holding `Queue.EnqueueTimestamp` |
| `offered` | legs that entered the queue (each `ContactId` once) — transfers and callback legs included |
| `answered` | of those, connected to an agent (`Agent.ConnectedToAgentTimestamp` present) |
| `abandoned` | queued, never connected, `DisconnectReason = CUSTOMER_DISCONNECT` |
| `callbacks` | moved to a callback (`DisconnectReason = CALLBACK`); neither answered nor abandoned |
| `answered_within_20s` | answered with `DequeueTimestamp − EnqueueTimestamp <= 20` s (chat queues too) |
| `abandoned_within_5s` | abandoned with `DequeueTimestamp − EnqueueTimestamp <= 5` s |
| `answered_wait_seconds` | sum of `DequeueTimestamp − EnqueueTimestamp` over answered legs |

Offered legs that are none of answered, abandoned or callbacks are callback legs that expired
(`EXPIRED`): offered = answered + abandoned + callbacks + expired.

## contacts.csv — one row per customer contact
A voice or chat contact is all legs sharing one `InitialContactId` (the first leg has none: its own
`ContactId`); transfers (`TRANSFER`) and queued callbacks (`CALLBACK`) are legs of the contact they came
from, so `coalesce(InitialContactId, ContactId)` is the contact. An email or web-form case is one contact.

- `contact_id`: `ContactId` of the first leg, or the Salesforce case `Id` (email, web).
- `channel`: `voice`, `chat`, `email`, `web`.
- `started_at`: `InitiationTimestamp` of the first leg, or the case's `CreatedDate`.
- `customer_id`: the true customer (Salesforce Contact `Id`), whether or not the data identifies them.
- `issue_id`: the issue the contact is about (the simulator's id).
- `is_repeat`: true when the contact is not the issue's first (by `started_at`, then `contact_id`).
- `identifier_in_data`: the strongest identifier the contact's own record carries: `crm_contact_id`
  (CTR `Attributes.crm_contact_id`, or the case's `ContactId` for email/web), else `phone` (the caller's
  number, or the web form's `SuppliedPhone`, is on file, possibly for several customers), else `email`
  (chat `Attributes.customer_email` or the case's `SuppliedEmail` is on file), else `none`.
- `withheld`: why identification is hard: `anonymous_number` (caller id withheld: `anonymous`),
  `unknown_number` (a number not on file), `unknown_email` (an address not on file), else `none`.
- `identifier_ambiguous`: the caller's number is on file for more than one customer (a household
  sharing a landline).

Identity is as of the contact's time: customers change details during the window (re-delivered rows).

## legs.csv — one row per CTR leg (final version)
`contact_leg_id` (`ContactId`), `contact_id` (its contact, as above), `handle_seconds`:
`AgentInteractionDuration + CustomerHoldDuration + AfterContactWorkDuration` of the final version (0 when
no agent connected).

## issues.csv — one row per issue with at least one contact in the data
`issue_id`, `customer_id`, `reason` (the CRM case reason / IVR `contact_reason` values), `queue_family`
(`billing`, `tech_support`, `sales`, `retention`: the family of the reason, matching `seeds/queues.csv`),
`first_contact_at`, `contacts` (contacts in contacts.csv), `resolved_on_first_contact` (true iff the issue
had exactly one contact), `resolved` (the issue was truly resolved — by a contact or the back office —
before the end of the window). Unresolved issues come back 0–10 days later, often on another channel.
An issue's contacts can carry different reasons only in that a `contact_reason` may be missing (callers
who skip the IVR menu): then match on the queue's family.

## deliveries.csv — per landing folder
`raw_records`: data records written (JSON lines, or CSV records excluding header rows: one for every
CSV, three for the Qualtrics export). `superseded`: readable records replaced by a later version of the
same key (CTR `ContactId` by `LastUpdateTimestamp`, Contact/Case `Id` by `LastModifiedDate`, schedule
`agent_id`+`start_local` by `published_at`, roster `agent_id` by `snapshot_date`: every snapshot row but
each agent's latest) or exact duplicates (CTR lines, agent events). `bad_records`: records that cannot be
read. `raw_records = distinct current records + superseded + bad_records`.

## bad_records.csv
`source` (folder), `file` (path under the landing folder), `record_key` (the key the bad record
carries, empty when it has none or is not readable), `reason`, `line_number` (1-based line in a JSON-lines
file; empty for CSV). Kinds: a truncated JSON line, a CTR or evaluation missing its key, an unparseable
CTR `Queue.EnqueueTimestamp` or agent `EventTimestamp` (under a fresh key), a Contact row with an
unparseable `LastModifiedDate`, a Case row with an unparseable `CreatedDate`, a CaseHistory row with an
unparseable `CreatedDate`, survey responses with an out-of-range NPS or unparseable `RecordedDate`
(fresh `ResponseId`), a schedule activity ending before it starts, a roster row with an impossible
`hire_date`.

## surges.csv
Demand surges the arrival process injected (an outage drives tech-support volume up), for explaining
bad intervals: `queue_name`, `start_at`, `end_at`, `demand_factor`.
"""
