"""Incremental scheduled runs give the same warehouse as a full rebuild of the same files, byte for byte.

A small window (five days across the UK clock change, scale 0.2) is built one day at a time, with what real
exports do to the past mixed in: a CTR re-delivered two days later with more after-contact work, a
schedule edited for a past day, a customer record updated with a number earlier callers used, and a
re-delivered agent-event file that has lost a record. Every table of every published schema must equal
a full refresh of the same files, row for row; and two full builds of the same files must be identical.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from contact_center.compare import TableDifference, compare_warehouses
from contact_center.equivalence import dbt_build, run_equivalence
from contact_center.simulator import simulate

START = date(2026, 10, 24)
DAYS = 5


def _day(index: int) -> str:
    return (START + timedelta(days=index)).isoformat()


def _iso(day: str, clock: str) -> str:
    return f"{day}T{clock}Z"


def _append_line(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(line + "\n")


def _redeliver_old_ctr(source: Path, landing: Path) -> str:
    """Day 0's first answered leg with after-contact work, delivered again in day 2's file with 120 s more ACW."""
    for line in (source / "telephony/ctr" / f"ctr_{_day(0)}.jsonl").read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        agent = record.get("Agent") or {}
        if agent.get("AfterContactWorkDuration") and agent.get("AfterContactWorkEndTimestamp"):
            ended = datetime.strptime(agent["AfterContactWorkEndTimestamp"], "%Y-%m-%dT%H:%M:%SZ")
            agent["AfterContactWorkDuration"] += 120
            agent["AfterContactWorkEndTimestamp"] = (ended + timedelta(seconds=120)).strftime("%Y-%m-%dT%H:%M:%SZ")
            record["LastUpdateTimestamp"] = _iso(_day(2), "12:00:00")
            _append_line(landing / "telephony/ctr" / f"ctr_{_day(2)}.jsonl", json.dumps(record))
            return record["ContactId"]
    raise AssertionError("no answered leg with after-contact work on day 0")


def _csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _csv_line(row: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(row)
    return buffer.getvalue()


def _edit_past_schedule(landing: Path) -> None:
    """Day 3 republishes an Open activity of day 1 as Training (Connect recomputes adherence for the past)."""
    path = landing / "wfm/schedules" / f"schedules_{_day(0)}.csv"
    header, *rows = _csv_rows(path)
    activity, start_local = header.index("activity"), header.index("start_local")
    published = header.index("published_at")
    row = next(r for r in rows if r[activity] == "Open" and r[start_local].startswith(_day(1)))
    edited = list(row)
    edited[activity] = "Training"
    edited[published] = _iso(_day(3), "10:00:00")
    _append_line(landing / "wfm/schedules" / f"schedules_{_day(3)}.csv", _csv_line(edited))


def _update_customer_with_a_callers_number(landing: Path) -> None:
    """Day 3 gives a customer, as a new mobile number, the number an earlier caller rang from."""
    caller = None
    for line in (landing / "telephony/ctr" / f"ctr_{_day(1)}.jsonl").read_text(encoding="utf-8").splitlines():
        try:
            endpoint = (json.loads(line).get("CustomerEndpoint") or {}).get("Address") or ""
        except json.JSONDecodeError:
            continue
        if endpoint.startswith("+1"):
            caller = endpoint
    assert caller, "no caller number on day 1"
    path = landing / "crm/customers" / f"customers_{_day(0)}.csv"
    header, *rows = _csv_rows(path)
    customer = list(rows[len(rows) // 2])
    customer[header.index("MobilePhone")] = caller
    customer[header.index("LastModifiedDate")] = f"{_day(3)}T09:00:00.000+0000"
    _append_line(landing / "crm/customers" / f"customers_{_day(3)}.csv", _csv_line(customer))


def _redeliver_file_without_a_record(landing: Path) -> None:
    """Day 1's agent-event file delivered again on day 4, one record shorter."""
    path = landing / "telephony/agent_events" / f"agent_events_{_day(1)}.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def window(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("window")
    simulate(days=DAYS, start=START, seed=3, scale=0.2, out=base / "source", truth_out=base / "truth")
    return base


@pytest.fixture(scope="module")
def equivalence(window: Path):
    source = window / "source"
    redelivered: list[str] = []

    def late_data(day: str, landing: Path) -> None:
        if day == _day(2):
            redelivered.append(_redeliver_old_ctr(source, landing))
        if day == _day(3):
            _edit_past_schedule(landing)
            _update_customer_with_a_callers_number(landing)
        if day == _day(4):
            _redeliver_file_without_a_record(landing)

    differences, timings = run_equivalence(source, window / "work", before_day=late_data)
    return differences, timings, redelivered


def test_incremental_runs_equal_a_full_refresh(equivalence):
    differences, timings, redelivered = equivalence
    print("\n" + "\n".join(f"  {step:<14} {seconds:6.1f} s" for step, seconds in timings.items()))
    assert len(timings) == DAYS + 1 and redelivered
    assert differences == [], "\n".join(str(d) for d in differences)


def test_the_late_data_reached_the_marts(window: Path, equivalence):
    """The comparison is not vacuous: the late re-delivery is what both builds now hold."""
    _, _, redelivered = equivalence
    con = duckdb.connect(str(window / "work" / "incremental.duckdb"), read_only=True)
    try:
        (updated,) = con.execute(
            "select last_updated_at from staging.stg_telephony__contact_trace_records where contact_leg_id = ?",
            redelivered,
        ).fetchone()
        (runs,) = con.execute("select count(*) from landing.cc_runs where status = 'complete'").fetchone()
        (training,) = con.execute(
            "select count(*) from staging.stg_wfm__schedule_activities where activity = 'training' "
            "and published_at = ?",
            [datetime.fromisoformat(f"{_day(3)} 10:00:00")],
        ).fetchone()
    finally:
        con.close()
    assert updated == datetime.fromisoformat(f"{_day(2)} 12:00:00")
    assert runs == DAYS and training == 1


def test_the_comparison_catches_a_double_count(window: Path, equivalence):
    """Plant one double-counted leg in a copy of the incremental build: the check must report it."""
    planted = window / "planted.duckdb"
    shutil.copy(window / "work" / "incremental.duckdb", planted)
    con = duckdb.connect(str(planted))
    con.execute("insert into marts.fct_contact_legs select * from marts.fct_contact_legs limit 1")
    con.close()
    differences = compare_warehouses(window / "work" / "full.duckdb", planted)
    assert [d.table for d in differences if isinstance(d, TableDifference)] == ["marts.fct_contact_legs"]
    assert differences[0].only_right == 1 and differences[0].rows_right == differences[0].rows_left + 1


def test_two_builds_of_the_same_files_are_identical(window: Path, equivalence):
    """Aggregates are exact to the bit: a second full build of the same files gives the same rows."""
    work = window / "work"
    dbt_build(work / "landing", work / "full_again.duckdb", work, full_refresh=True)
    assert compare_warehouses(work / "full.duckdb", work / "full_again.duckdb") == []


def test_a_build_loaded_in_slices_equals_one_loaded_at_once(window: Path, equivalence):
    """landing_slice_bytes: 1 puts every file in a slice of its own (the model's SQL reads the first, its
    post-hook inserts each further one, D25): the warehouse must equal the build that read each source in
    one statement."""
    work = window / "work"
    sliced_target = work / "sliced"
    dbt_build(
        work / "landing", work / "sliced.duckdb", sliced_target, full_refresh=True, extra_vars="landing_slice_bytes: 1"
    )
    compiled = next((sliced_target / "target" / "compiled").rglob("base_telephony__agent_event_lines.sql"))
    assert compiled.read_text(encoding="utf-8").count(".jsonl'") == 1
    con = duckdb.connect(str(work / "sliced.duckdb"), read_only=True)
    try:
        (files,) = con.execute(
            "select count(distinct file_name) from landing.base_telephony__agent_event_lines"
        ).fetchone()
    finally:
        con.close()
    assert files == DAYS
    assert compare_warehouses(work / "full.duckdb", work / "sliced.duckdb") == []
