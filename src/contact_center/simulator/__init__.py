"""Contact-center simulator: a queueing simulation of a two-site center that writes the raw exports a
real center has (docs/raw_exports.md) into ``out`` and the ground truth into ``truth_out``.

It runs day by day and carries forward only what later days need (customers and their open issues,
agents, the planned schedules ahead, contacts in flight, records buffered for a later file), so memory
does not grow with the number of days; the ground truth is streamed to its files as it goes.

The same arguments write byte-identical files: every random draw comes from streams derived from
``seed``, identifiers included, and every file is sorted. What a day draws comes from streams of that day
(week, for the WFM plan; 28-day block, for hires, leavers and bad records) and the engine stops at the
window's end, so simulating N + 1 days writes the first N days' landing files byte for byte as
simulating N days does (``write_from`` writes only the files from a day on: "tomorrow's files").
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from contact_center.raw_exports import (
    CASE_COLUMNS,
    CASE_HISTORY_COLUMNS,
    CUSTOMER_COLUMNS,
    ROSTER_COLUMNS,
    SCHEDULE_COLUMNS,
)
from contact_center.simulator import config as cfg
from contact_center.simulator.arrivals import day_arrivals
from contact_center.simulator.badrecords import (
    BadRecordPlan,
    csv_bad_value,
    ctr_bad_enqueue,
    event_bad_timestamp,
    json_missing_key,
    schedule_ends_before_start,
    survey_bad,
    truncated_json,
)
from contact_center.simulator.cases import CaseBook
from contact_center.simulator.customers import CustomerBase
from contact_center.simulator.engine import Engine
from contact_center.simulator.ids import SalesforceIds, instance_arn
from contact_center.simulator.rand import new_uuid, stream
from contact_center.simulator.roster import Roster, roster_row
from contact_center.simulator.schedules import Planner, actual_transitions, schedule_rows
from contact_center.simulator.sinks import DailySink, FileDays, FileWriter, csv_line
from contact_center.simulator.surveys import HEADER as SURVEY_HEADER
from contact_center.simulator.timeutil import day_start, utc_date
from contact_center.simulator.truth import GroundTruth

__all__ = ["simulate", "SOURCES"]

# Landing folders in the order the ground truth lists them.
SOURCES = (
    "telephony/ctr",
    "telephony/agent_events",
    "crm/customers",
    "crm/cases",
    "crm/case_history",
    "survey/responses",
    "quality/evaluations",
    "wfm/schedules",
    "wfm/roster",
)


def _sinks(out: Path, days: FileDays) -> dict[str, DailySink]:
    return {
        "ctr": DailySink(out, "telephony/ctr", "ctr", "jsonl", days),
        "agent_events": DailySink(out, "telephony/agent_events", "agent_events", "jsonl", days),
        "customers": DailySink(out, "crm/customers", "customers", "csv", days, [csv_line(CUSTOMER_COLUMNS)]),
        "cases": DailySink(out, "crm/cases", "cases", "csv", days, [csv_line(CASE_COLUMNS)]),
        "case_history": DailySink(
            out, "crm/case_history", "case_history", "csv", days, [csv_line(CASE_HISTORY_COLUMNS)]
        ),
        "surveys": DailySink(out, "survey/responses", "survey_responses", "csv", days, SURVEY_HEADER),
        "evaluations": DailySink(out, "quality/evaluations", "evaluations", "jsonl", days),
        "schedules": DailySink(out, "wfm/schedules", "schedules", "csv", days, [csv_line(SCHEDULE_COLUMNS)]),
        "roster": DailySink(out, "wfm/roster", "roster", "csv", days, [csv_line(ROSTER_COLUMNS)]),
    }


def _plan_bad_records(seed: int, start: date, sinks: dict[str, DailySink]) -> None:
    plan = BadRecordPlan(seed, start)
    plan.add("telephony/ctr", truncated_json, 2)
    plan.add("telephony/ctr", json_missing_key("ContactId"), 2)
    plan.add("telephony/ctr", ctr_bad_enqueue, 2)
    plan.add("telephony/agent_events", truncated_json, 2)
    plan.add("telephony/agent_events", event_bad_timestamp, 1)
    plan.add(
        "crm/customers",
        csv_bad_value(9, lambda r, row: row[9][:8] + "32" + row[9][10:], "missing or unparseable LastModifiedDate"),
        2,
    )
    plan.add(
        "crm/cases",
        csv_bad_value(11, lambda r, row: row[11][:5] + "02-30" + row[11][10:], "missing or unparseable CreatedDate"),
        2,
    )
    plan.add(
        "crm/case_history",
        csv_bad_value(
            5, lambda r, row: row[5][:11] + "25:" + row[5][14:], "missing or unparseable CreatedDate", new_key=True
        ),
        1,
    )
    plan.add(
        "survey/responses",
        survey_bad(18, "NPS (Q2) not an integer 0-10: {value}", lambda r, row: str(r.choice((11, 12, 15)))),
        2,
    )
    plan.add(
        "survey/responses",
        survey_bad(7, "missing or unparseable RecordedDate", lambda r, row: row[7][:11] + "25" + row[7][13:]),
        1,
    )
    plan.add("quality/evaluations", truncated_json, 1)
    plan.add("quality/evaluations", json_missing_key("EvaluationId"), 1)
    plan.add("wfm/schedules", schedule_ends_before_start, 2)
    plan.add(
        "wfm/roster",
        csv_bad_value(
            10, lambda r, row: r.choice(("2021-02-30", "2019-13-01", "n/a")), "missing or unparseable hire_date"
        ),
        2,
    )
    for sink in sinks.values():
        sink.injector = plan.injector


@dataclass
class _Center:
    """The simulated center's parts, and what each day brings them before and after its events."""

    seed: int
    scale: float
    start: date
    window_start: int
    window_end: int
    customers: CustomerBase
    roster: Roster
    planner: Planner
    engine: Engine
    sinks: dict[str, DailySink]
    truth: GroundTruth
    listed: set[int] = field(default_factory=set)  # agents on an earlier roster file

    def feed(self, d: date) -> None:
        """Day ``d``'s inputs, drawn from its own streams, before its first event."""
        first = d == self.start
        tomorrow = d + timedelta(days=1)
        # Local dates whose arrivals can fall in the window from this day on (a site's local day overlaps
        # two UTC days), each drawn once, a day ahead of its first arrival.
        for local in [d - timedelta(days=1), d, tomorrow] if first else [tomorrow]:
            arrivals, surges = day_arrivals(self.seed, local, self.scale)
            self.engine.add_arrivals([a for a in arrivals if a[0] >= self.window_start])
            for s in surges:
                if s.end > self.window_start and s.start < self.window_end:
                    self.truth.add_surge(s.queue, s.start, s.end, s.factor)
        for stamp, row, superseding in self.customers.day(d):
            self.sinks["customers"].add(utc_date(stamp), (stamp, row[0]), csv_line(row), superseding)
        self.roster.ensure(d)
        for a in self.roster.listed(d):
            self.sinks["roster"].add(d, (a.agent_id,), csv_line(roster_row(a, d)), a.idx in self.listed)
            self.listed.add(a.idx)
        # A WFM system publishes tomorrow's schedule today (the first day's on its own morning).
        for local in [d, tomorrow] if first else [tomorrow]:
            for published, key, row, superseding in schedule_rows(self.planner.day(local)):
                self.sinks["schedules"].add(utc_date(published), (published, *key), csv_line(row), superseding)
        for a in self.roster.agents[len(self.engine.agents) :]:
            self.engine.add_agent(a)
        transitions = actual_transitions(stream(self.seed, f"adherence:{d.isoformat()}"), self.planner.day(d))
        self.engine.add_transitions(transitions)

    def finish(self, d: date) -> None:
        """Day ``d`` is over: its files are complete, and so are the truth rows of the contacts that ended."""
        day_end = day_start(d) + 86400
        for sink in self.sinks.values():
            sink.flush(d)
        self.truth.flush(self.engine.watermark(day_end))
        self.planner.forget_before(d)
        self.engine.returns.forget_before(d)


@contextmanager
def _daily_garbage_collection() -> Iterator[None]:
    """No automatic cyclic garbage collection during the run: a full collection walks every live object,
    and at scale 9 automatic ones had cost a third of the run. The long-lived customer base and roster are
    frozen out of it once they are built, and the loop collects once a week, then freezes what is left
    (contacts unlink their legs when they end, so the run makes almost no reference cycles)."""
    automatic = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if automatic:
            gc.enable()


def simulate(
    days: int = 28,
    start: date = cfg.DEFAULT_START,
    seed: int = 42,
    scale: float = 1.0,
    out: Path = Path("landing"),
    truth_out: Path = Path("ground_truth"),
    write_from: date | None = None,
) -> dict[str, int]:
    """Simulate ``days`` days from ``start`` and write the raw exports and the ground truth.

    With ``write_from``, every day is simulated but only the landing files of that day and later are
    written (into ``out`` as it is); the ground truth is always the whole window's.

    Returns counts: records written per source, contacts, legs, issues, agents, customers, ...
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    if scale <= 0:
        raise ValueError("scale must be positive")
    end = start + timedelta(days=days)
    if write_from is not None and not start <= write_from < end:
        raise ValueError(f"write_from must be a day of the window, {start} to {end - timedelta(days=1)}")
    out, truth_out = Path(out), Path(truth_out)
    window_start = day_start(start)
    window_end = day_start(end)
    file_days = FileDays(start, end, write_from or start, start)

    def make_sinks() -> dict[str, DailySink]:
        sinks = _sinks(out, file_days)
        _plan_bad_records(seed, start, sinks)
        return sinks

    # Forked before the simulation builds its state, the writer process gets a small copy of this one.
    writer = FileWriter(lambda: list(make_sinks().values()))
    with _daily_garbage_collection():
        ids = SalesforceIds(seed)
        instance_id = new_uuid(stream(seed, "instance"))
        customers = CustomerBase(seed, ids, start, scale)
        roster = Roster(seed, ids, instance_id, start, scale)
        planner = Planner(seed, roster, start, scale)
        sinks = make_sinks()
        for sink in sinks.values():
            sink.writer = writer
        ids_rng = stream(seed, "telephony-ids")
        queue_arns = [f"{instance_arn(instance_id)}/queue/{new_uuid(ids_rng)}" for _ in cfg.QUEUES]
        truth = GroundTruth(truth_out, window_end)
        cases = CaseBook(ids, stream(seed, "cases"), sinks["cases"], sinks["case_history"])
        engine = Engine(
            seed_rng=stream(seed, "engine"),
            customers=customers,
            sinks=sinks,
            cases=cases,
            truth=truth,
            instance_arn=instance_arn(instance_id),
            queue_arns=queue_arns,
            system_numbers=[cfg.dialled_number(i) for i in range(len(cfg.QUEUES))],
            window_start=window_start,
        )
        center = _Center(seed, scale, start, window_start, window_end, customers, roster, planner, engine, sinks, truth)
        gc.freeze()
        try:
            for k in range(days):
                d = start + timedelta(days=k)
                file_days.today = d
                center.feed(d)
                engine.run_until(day_start(d) + 86400)
                center.finish(d)
                if k % 7 == 6:
                    customers.prune(day_start(d) + 86400)
                    gc.collect()
                    gc.freeze()
        except BaseException:
            writer.stop()
            raise

    ordered = [
        sinks[k]
        for k in (
            "ctr",
            "agent_events",
            "customers",
            "cases",
            "case_history",
            "surveys",
            "evaluations",
            "schedules",
            "roster",
        )
    ]
    bad = writer.close()
    for sink in ordered:
        sink.bad = bad[sink.folder]
    truth.close(list(engine.live_issues.values()), ordered)
    totals = truth.totals()
    summary: dict[str, int] = {f"{s.folder} records": s.raw_records for s in ordered}
    summary.update(
        {
            "contacts": truth.counts["contacts"],
            "contact legs": truth.counts["legs"],
            "issues": truth.counts["issues"],
            "queued legs": totals["queued_legs"],
            "answered legs": totals["answered_legs"],
            "abandoned legs": totals["abandoned_legs"],
            "callback legs": totals["callback_legs"],
            "answered within 20 s": totals["answered_within_20s"],
            "agents": sum(1 for a in roster.agents if a.hire_date < end),
            "customers": sum(1 for c in customers.customers if c.created < window_end),
            "queues": len(cfg.QUEUES),
            "cases": cases.created,
            "bad records": sum(len(s.bad) for s in ordered),
        }
    )
    return summary
