"""Contact-center simulator: a queueing simulation of a two-site center that writes the raw exports a
real center has (docs/raw_exports.md) into ``out`` and the ground truth into ``truth_out``.

The same arguments write byte-identical files: every random draw comes from streams derived from
``seed``, identifiers included, and every file is sorted.
"""

from __future__ import annotations

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
from contact_center.simulator.arrivals import new_issue_arrivals
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
from contact_center.simulator.rand import new_uuid, np_stream, stream
from contact_center.simulator.roster import build_roster, on_roster, roster_row
from contact_center.simulator.schedules import actual_transitions, plan_schedules, schedule_rows
from contact_center.simulator.sinks import DailySink, csv_line
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


def _sinks(out: Path, days: list[date]) -> dict[str, DailySink]:
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


def _plan_bad_records(seed: int, days: list[date], sinks: dict[str, DailySink]) -> None:
    plan = BadRecordPlan(stream(seed, "bad-records"), days)
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


def simulate(
    days: int = 28,
    start: date = cfg.DEFAULT_START,
    seed: int = 42,
    scale: float = 1.0,
    out: Path = Path("landing"),
    truth_out: Path = Path("ground_truth"),
) -> dict[str, int]:
    """Simulate ``days`` days from ``start`` and write the raw exports and the ground truth.

    Returns counts: records written per source, contacts, legs, issues, agents, customers, ...
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    if scale <= 0:
        raise ValueError("scale must be positive")
    out, truth_out = Path(out), Path(truth_out)
    window_start = day_start(start)
    window_end = window_start + days * 86400
    day_list = [start + timedelta(days=i) for i in range(days)]

    ids = SalesforceIds(stream(seed, "salesforce-ids"))
    instance_id = new_uuid(stream(seed, "instance"))
    customers = CustomerBase(stream(seed, "customers"), ids, start, days, scale)
    agents = build_roster(stream(seed, "roster"), ids, instance_id, start, days, scale)
    # A WFM system publishes tomorrow's schedule today, so the last day's file carries the schedule for
    # the day after the window; only the days inside the window are worked.
    planned_days = plan_schedules(stream(seed, "schedules"), agents, start, days + 1, scale)
    agent_days = [day for day in planned_days if day.local_date < start + timedelta(days=days)]
    transitions = actual_transitions(stream(seed, "adherence"), agent_days)
    arrivals, surges = new_issue_arrivals(start, days, scale, np_stream(seed, "arrivals"))

    sinks = _sinks(out, day_list)
    _plan_bad_records(seed, day_list, sinks)
    for stamp, row in customers.crm_rows():
        sinks["customers"].add(utc_date(stamp), (stamp, row[0]), csv_line(row), row[0])
    for published, key, row in schedule_rows(planned_days):
        sinks["schedules"].add(utc_date(published), (published, *key), csv_line(row), "|".join(key))
    for d in day_list:
        for a in agents:
            if on_roster(a, d):
                sinks["roster"].add(d, (a.agent_id,), csv_line(roster_row(a, d)), a.agent_id)

    ids_rng = stream(seed, "telephony-ids")
    queue_arns = [f"{instance_arn(instance_id)}/queue/{new_uuid(ids_rng)}" for _ in cfg.QUEUES]
    system_numbers = [cfg.dialled_number(i) for i in range(len(cfg.QUEUES))]
    truth = GroundTruth(window_end)
    cases = CaseBook(ids, stream(seed, "cases"), sinks["cases"], sinks["case_history"])
    engine = Engine(
        seed_rng=stream(seed, "engine"),
        agents=agents,
        customers=customers,
        transitions=transitions,
        arrivals=arrivals,
        sinks=sinks,
        cases=cases,
        truth=truth,
        instance_arn=instance_arn(instance_id),
        queue_arns=queue_arns,
        system_numbers=system_numbers,
        window_start=window_start,
        window_end=window_end,
    )
    engine.run()
    for sink in sinks.values():
        sink.close()

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
    counts = truth.write(truth_out, ordered, [(s.queue, s.start, s.end, s.factor) for s in surges])
    totals = truth.totals()
    summary: dict[str, int] = {f"{s.folder} records": s.raw_records for s in ordered}
    summary.update(
        {
            "contacts": counts["contacts"],
            "contact legs": counts["legs"],
            "issues": counts["issues"],
            "queued legs": totals["queued_legs"],
            "answered legs": totals["answered_legs"],
            "abandoned legs": totals["abandoned_legs"],
            "callback legs": totals["callback_legs"],
            "answered within 20 s": totals["answered_within_20s"],
            "agents": len(agents),
            "customers": len(customers.customers),
            "queues": len(cfg.QUEUES),
            "cases": cases.created,
            "bad records": sum(len(s.bad) for s in ordered),
        }
    )
    return summary
