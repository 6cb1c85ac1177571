"""Ground truth: what the warehouse's numbers must come out as, computed from exactly the values written
to the landing files (for a record delivered more than once, its last written version), plus what only
the simulator knows (customer, issue).

It is streamed to its files as the simulation goes: contacts and legs in chunks per UTC day of the
contact's start, once every contact that started that day has been delivered or has ended undelivered;
queue intervals per queue, in the same rhythm; an issue once nothing can change it any more (no contact
in flight, no return or case event pending), in issue order. Only those not-yet-final rows are held.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from contact_center.simulator.sinks import BadRecord, DailySink, csv_line
from contact_center.simulator.timeutil import plain_utc

if TYPE_CHECKING:
    from contact_center.simulator.entities import Issue

INTERVAL_SECONDS = 900
INTERVAL_FIELDS = 7  # offered, answered, abandoned, callbacks, answered<=20s, abandoned<=5s, answered wait


@dataclass(slots=True)
class ContactTruth:
    contact_id: str
    channel: str
    started_at: int
    customer_id: str
    identifier: str
    withheld: str
    ambiguous: bool


class GroundTruth:
    def __init__(self, out: Path, window_end: int) -> None:
        self.out = out
        self.window_end = window_end
        out.mkdir(parents=True, exist_ok=True)
        self._parts = out / ".queue_intervals"
        self._parts.mkdir(exist_ok=True)
        self._contacts_file = _open(out / "contacts.csv", CONTACT_COLUMNS)
        self._legs_file = _open(out / "legs.csv", ["contact_leg_id", "contact_id", "handle_seconds"])
        self._issues_file = _open(out / "issues.csv", ISSUE_COLUMNS)
        self._surges_file = _open(out / "surges.csv", ["queue_name", "start_at", "end_at", "demand_factor"])
        self._interval_files: dict[str, TextIO] = {}
        # Rows not yet final: per UTC day number of the contact's start.
        self._contacts: dict[int, list[tuple[int, str, str]]] = {}
        self._legs: dict[int, list[tuple[int, str, int, str, int]]] = {}
        self._intervals: dict[tuple[str, int], list[int]] = {}
        self._issues: dict[int, str | None] = {}  # issue number -> its row (None: no contact delivered)
        self._next_issue = 1
        self.sums = [0] * INTERVAL_FIELDS
        self.counts = {"contacts": 0, "legs": 0, "issues": 0}

    # --- what was delivered -------------------------------------------------------------------------

    def add_contact(self, c: ContactTruth, issue: Issue) -> None:
        """A delivered contact (a written CTR leg, or its case): the issue's first such one is not a repeat."""
        repeat = issue.delivered > 0
        if not repeat:
            issue.first_at = c.started_at
        issue.delivered += 1
        line = csv_line(
            [
                c.contact_id,
                c.channel,
                plain_utc(c.started_at),
                c.customer_id,
                issue.issue_id,
                _bool(repeat),
                c.identifier,
                c.withheld,
                _bool(c.ambiguous),
            ]
        )
        self._contacts.setdefault(c.started_at // 86400, []).append((c.started_at, c.contact_id, line))
        self.counts["contacts"] += 1

    def add_leg(
        self,
        *,
        leg_id: str,
        contact_id: str,
        contact_started: int,
        initiation: int,
        handle_seconds: int,
        queue_name: str | None,
        enqueue: int | None,
        dequeue: int | None,
        answered: bool,
        disconnect_reason: str,
    ) -> None:
        """A leg of which some version was written, with the values of its last written version."""
        self._legs.setdefault(contact_started // 86400, []).append(
            (contact_started, contact_id, initiation, leg_id, handle_seconds)
        )
        self.counts["legs"] += 1
        if queue_name is None or enqueue is None or dequeue is None:
            return
        key = (queue_name, enqueue - enqueue % INTERVAL_SECONDS)
        row = self._intervals.get(key)
        if row is None:
            row = self._intervals[key] = [0] * INTERVAL_FIELDS
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

    def issue_done(self, issue: Issue) -> None:
        """Nothing can change ``issue`` any more: its row (when a contact of it was delivered) is final."""
        row = None
        if issue.delivered:
            resolved = issue.resolved_at is not None and issue.resolved_at < self.window_end
            row = csv_line(
                [
                    issue.issue_id,
                    issue.customer.sf_id,
                    issue.reason,
                    issue.family,
                    plain_utc(issue.first_at),
                    issue.delivered,
                    _bool(issue.delivered == 1),
                    _bool(resolved),
                ]
            )
        self._issues[issue.number] = row
        while self._next_issue in self._issues:
            done = self._issues.pop(self._next_issue)
            if done is not None:
                self._issues_file.write(done + "\n")
                self.counts["issues"] += 1
            self._next_issue += 1

    def add_surge(self, queue: str, start: int, end: int, factor: float) -> None:
        self._surges_file.write(csv_line([queue, plain_utc(start), plain_utc(end), factor]) + "\n")

    # --- output -----------------------------------------------------------------------------------

    def flush(self, before: int) -> None:
        """Write the rows of contacts that started before ``before`` (a UTC midnight): all of them are final."""
        day = before // 86400
        for d in sorted(k for k in self._contacts if k < day):
            for _, _, line in sorted(self._contacts.pop(d)):
                self._contacts_file.write(line + "\n")
        for d in sorted(k for k in self._legs if k < day):
            for _, contact_id, _, leg_id, handle in sorted(self._legs.pop(d)):
                self._legs_file.write(f"{leg_id},{contact_id},{handle}\n")
        final = sorted(k for k in self._intervals if k[1] < before)
        for key in final:
            row = self._intervals.pop(key)
            queue, start = key
            f = self._interval_files.get(queue)
            if f is None:
                f = self._interval_files[queue] = open(self._parts / queue, "w", encoding="utf-8", newline="")  # noqa: SIM115
            f.write(csv_line([queue, plain_utc(start), *row]) + "\n")
            for i, v in enumerate(row):
                self.sums[i] += v

    def close(self, open_issues: list[Issue], sinks: list[DailySink]) -> None:
        """At the window's end: every row is final."""
        self.flush(self.window_end + 86400)
        for issue in sorted(open_issues, key=lambda i: i.number):
            self.issue_done(issue)
        for f in (self._contacts_file, self._legs_file, self._issues_file, self._surges_file):
            f.close()
        for f in self._interval_files.values():
            f.close()
        with open(self.out / "queue_intervals.csv", "w", encoding="utf-8", newline="") as out:
            out.write(csv_line(INTERVAL_COLUMNS) + "\n")
            for queue in sorted(self._interval_files):
                with open(self._parts / queue, encoding="utf-8", newline="") as part:
                    shutil.copyfileobj(part, out)
        shutil.rmtree(self._parts)
        with _writer(self.out / "deliveries.csv") as w:
            w.writerow(["source", "raw_records", "superseded", "bad_records"])
            for s in sinks:
                w.writerow([s.folder, s.raw_records, s.superseded, len(s.bad)])
        bad: list[BadRecord] = sorted(
            (b for s in sinks for b in s.bad),
            key=lambda b: (b.source, b.file, b.line_number or 0, b.record_key, b.reason),
        )
        with _writer(self.out / "bad_records.csv") as w:
            w.writerow(["source", "file", "record_key", "reason", "line_number"])
            for b in bad:
                w.writerow([b.source, b.file, b.record_key, b.reason, "" if b.line_number is None else b.line_number])
        (self.out / "README.md").write_text(README, encoding="utf-8")

    def totals(self) -> dict[str, int]:
        return {
            "queued_legs": self.sums[0],
            "answered_legs": self.sums[1],
            "abandoned_legs": self.sums[2],
            "callback_legs": self.sums[3],
            "answered_within_20s": self.sums[4],
        }


CONTACT_COLUMNS = [
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
ISSUE_COLUMNS = [
    "issue_id",
    "customer_id",
    "reason",
    "queue_family",
    "first_contact_at",
    "contacts",
    "resolved_on_first_contact",
    "resolved",
]
INTERVAL_COLUMNS = [
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


def _bool(v: bool) -> str:
    return "true" if v else "false"


def _open(path: Path, header: list[str]) -> TextIO:
    f = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by GroundTruth.close
    f.write(csv_line(header) + "\n")
    return f


@contextmanager
def _writer(path: Path) -> Iterator[Any]:
    """A csv.writer on a UTF-8 file with ``\\n`` line ends."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        yield csv.writer(f, lineterminator="\n")


README = """# Ground truth

Written by the simulator next to (never inside) the landing folder. Every number here is computed from
exactly the values written to the landing files: for a record delivered more than once, from its last
written version (the latest `LastUpdateTimestamp`); bad records (listed in `bad_records.csv`) are never
part of it, and every bad record is an *extra* record (a real record is always also delivered intact).
What the landing files cannot tell (the true customer, the issue) comes from the simulation itself.
Timestamps are UTC, written `YYYY-MM-DD HH:MM:SS`. Booleans are `true`/`false`.

A record is in the file of the later of its own stamp's UTC day and the day the simulation produced it
(a contact's CTRs are produced when the contact is over), so a record stamped just before midnight can
be in the next day's file. Records whose file day falls after the window are not written, so at the
window's end some contacts are delivered only in part: a re-delivered CTR only in its first version
(without the after-contact-work fields), or some legs of a transferred or called-back contact and not
the others. This truth describes what was delivered: a leg is here if some version of it was written,
with the values of its last written version; a contact if any of its legs (or its case) was written.

The files are sorted: `contacts.csv` by `started_at`, then `contact_id`; `legs.csv` in the same order
of their contacts, then by the leg's start and id; `issues.csv` by `issue_id`; `queue_intervals.csv` by
queue, then interval.

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

## contacts.csv — one row per delivered customer contact
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

## legs.csv — one row per written CTR leg (its last written version)
`contact_leg_id` (`ContactId`), `contact_id` (its contact, as above), `handle_seconds`:
`AgentInteractionDuration + CustomerHoldDuration + AfterContactWorkDuration` of the last written version
(0 when no agent connected; without `AfterContactWorkDuration` when that version has none, which only
happens for a re-delivered leg whose final version falls after the window).

## issues.csv — one row per issue with at least one delivered contact
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
