"""Raw checks (Great Expectations) on small hand-built landing folders that follow docs/raw_exports.md."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from contact_center.raw_checks import SOURCES, main_check_raw, run_raw_checks
from contact_center.raw_checks.runner import file_mostly
from contact_center.raw_checks.spec import SourceSpec
from contact_center.raw_checks.volume import DayFile, baseline_day, files_frame

START = date(2026, 10, 12)  # a Monday
SPEC = {s.folder: s for s in SOURCES}

# --- a tiny landing, one writer per source ----------------------------------------------------------------


def _ts(day: date, i: int, fmt: str = "%Y-%m-%dT%H:%M:%SZ") -> str:
    return (datetime(day.year, day.month, day.day, 8) + timedelta(seconds=37 * i)).strftime(fmt)


def _sf_id(prefix: str, day: date, i: int) -> str:
    return f"{prefix}{day:%m%d}{i:011d}"  # 3 + 4 + 11 = 18 characters, like a Salesforce id


def ctr(day: date, i: int) -> dict:
    voice = i % 3 != 0
    return {
        "ContactId": f"c-{day:%m%d}-{i:05d}",
        "InitialContactId": None,
        "PreviousContactId": None,
        "NextContactId": None,
        "Channel": "VOICE" if voice else "CHAT",
        "InitiationMethod": "INBOUND",
        "InitiationTimestamp": _ts(day, i),
        "DisconnectTimestamp": _ts(day, i + 5),
        "LastUpdateTimestamp": _ts(day, i + 6),
        "DisconnectReason": "CUSTOMER_DISCONNECT",
        "CustomerEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": "+16175550142"} if voice else None,
        "SystemEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": "+18005550100"},
        "Queue": {"Name": "Billing", "EnqueueTimestamp": _ts(day, i + 1), "Duration": 20},
        "Agent": {"Username": "agent01", "ConnectedToAgentTimestamp": _ts(day, i + 2)},
        "Attributes": {"contact_reason": "billing"},
    }


def agent_event(day: date, i: int) -> dict:
    snapshot = {
        "AgentStatus": {"Name": "Available", "Type": "ROUTABLE", "StartTimestamp": _ts(day, i)},
        "Configuration": {"Username": "agent01", "FirstName": "A", "LastName": "B", "RoutingProfile": {"Name": "P"}},
        "Contacts": [],
    }
    return {
        "EventId": f"e-{day:%m%d}-{i:05d}",
        "EventType": "STATE_CHANGE",
        "EventTimestamp": _ts(day, i, "%Y-%m-%dT%H:%M:%S.000Z"),
        "AgentARN": "arn:aws:connect:agent/agent01",
        "InstanceARN": "arn:aws:connect:instance/1",
        "Version": "2017-10-01",
        "CurrentAgentSnapshot": snapshot,
        "PreviousAgentSnapshot": snapshot,
    }


def evaluation(day: date, i: int) -> dict:
    return {
        "EvaluationId": f"ev-{day:%m%d}-{i:05d}",
        "EvaluationFormTitle": "Voice QA",
        "ContactId": f"c-{day:%m%d}-{i:05d}",
        "AgentUsername": "agent01",
        "EvaluatorUsername": "qa01",
        "SubmittedTimestamp": _ts(day, i),
        "ScorePercentage": 90.0,
        "Answers": [{"QuestionRefId": "q1", "Weight": 100, "Score": 90, "NotApplicable": False, "IsAutoFail": False}],
    }


SF_TS = "%Y-%m-%dT%H:%M:%S.000+0000"


def customer(day: date, i: int) -> dict:
    return {
        "Id": _sf_id("003", day, i),
        "AccountId": _sf_id("001", day, i),
        "FirstName": "Ada",
        "LastName": "O'Neil, Jr.",  # a comma inside a quoted field
        "Email": f"ada{i}@example.com",
        "Phone": "(617) 555-0142",
        "MobilePhone": "+1 617 555 0142",
        "MailingCountry": "US" if i % 2 else "GB",
        "CreatedDate": _ts(day, i, SF_TS),
        "LastModifiedDate": _ts(day, i, SF_TS),
    }


def case(day: date, i: int) -> dict:
    return {
        "Id": _sf_id("500", day, i),
        "CaseNumber": f"{i:08d}",
        "ContactId": "" if i % 5 == 0 else _sf_id("003", day, i),
        "AccountId": _sf_id("001", day, i),
        "Origin": ("Phone", "Chat", "Email", "Web")[i % 4],
        "Reason": "Billing",
        "Type": "Question",
        "Status": "New",
        "Priority": "Medium",
        "IsClosed": "false",
        "IsEscalated": "false",
        "CreatedDate": _ts(day, i, SF_TS),
        "ClosedDate": "",
        "LastModifiedDate": _ts(day, i, SF_TS),
        "ParentId": "",
        "OwnerId": _sf_id("005", day, 1),
        "SuppliedEmail": "",
        "SuppliedPhone": "",
        "Subject": "Line one\nline two",  # a new line inside a quoted field
        "Connect_Contact_Id__c": f"c-{day:%m%d}-{i:05d}",
    }


def case_history(day: date, i: int) -> dict:
    return {
        "Id": _sf_id("017", day, i),
        "CaseId": _sf_id("500", day, i),
        "Field": "created" if i % 2 else "Status",
        "OldValue": "" if i % 2 else "New",
        "NewValue": "" if i % 2 else "Working",
        "CreatedDate": _ts(day, i, SF_TS),
    }


def survey_response(day: date, i: int) -> dict:
    row = {c: "" for c in SPEC["survey/responses"].required}
    row.update(
        StartDate=_ts(day, i, "%Y-%m-%d %H:%M:%S"),
        EndDate=_ts(day, i + 3, "%Y-%m-%d %H:%M:%S"),
        RecordedDate=_ts(day, i + 3, "%Y-%m-%d %H:%M:%S"),
        Status="0",
        Progress="100",
        Finished="1",
        ResponseId=f"R_{day:%m%d}{i:011d}",
        DistributionChannel="email",
        UserLanguage="EN",
        Q1=str(1 + i % 5),
        Q2=str(i % 11),
        Q3="" if i % 7 == 0 else str(1 + i % 7),  # blank answers are allowed
        Q4="Yes",
        Q5='Great, "fast" help',
        ContactId=f"c-{day:%m%d}-{i:05d}",
        Channel="VOICE",
    )
    return row


def schedule(day: date, i: int) -> dict:
    return {
        "agent_id": f"A{i % 40:03d}",
        "activity": ("Open", "Break", "Lunch", "Training", "Meeting")[i % 5],
        "start_local": f"{day} 08:00:00",
        "end_local": f"{day} 08:15:00",
        "time_zone": "America/New_York",
        "published_at": _ts(day - timedelta(days=7), i),
    }


def roster(day: date, i: int) -> dict:
    return {
        "agent_id": f"A{i:03d}",
        "username": f"agent{i:02d}",
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": f"agent{i}@example.com",
        "site": "Boston",
        "time_zone": "America/New_York",
        "team": "T1",
        "supervisor_id": "A000",
        "skills": "Billing|Sales",
        "hire_date": "2024-01-02",
        "termination_date": "",
        "snapshot_date": str(day),
    }


MAKERS: dict[str, Callable[[date, int], dict]] = {
    "telephony/ctr": ctr,
    "telephony/agent_events": agent_event,
    "crm/customers": customer,
    "crm/cases": case,
    "crm/case_history": case_history,
    "survey/responses": survey_response,
    "quality/evaluations": evaluation,
    "wfm/schedules": schedule,
    "wfm/roster": roster,
}


def write_file(landing: Path, folder: str, day: date, records: list[dict], *, import_id_row: bool = True) -> Path:
    spec = SPEC[folder]
    path = landing / folder / spec.file_name(day.isoformat())
    path.parent.mkdir(parents=True, exist_ok=True)
    if spec.kind == "jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        return path
    columns = list(records[0]) if records else list(spec.required)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        if spec.kind == "qualtrics":
            writer.writerow([f"Question text for {c}\n(as shown)" for c in columns])
            if import_id_row:
                writer.writerow(
                    [json.dumps({"ImportId": f"QID{n}"}, separators=(",", ":")) for n in range(len(columns))]
                )
        writer.writerows([r[c] for c in columns] for r in records)
    return path


def build_landing(landing: Path, days: int = 3, rows: int = 100, start: date = START) -> Path:
    for folder, make in MAKERS.items():
        for d in range(days):
            day = start + timedelta(days=d)
            write_file(landing, folder, day, [make(day, i) for i in range(rows)])
    return landing


def only(*folders: str) -> list[SourceSpec]:
    return [SPEC[f] for f in folders]


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    return build_landing(tmp_path / "landing")


# --- tests ------------------------------------------------------------------------------------------------


def test_clean_landing_passes(landing: Path, tmp_path: Path) -> None:
    report_path = tmp_path / "out" / "raw_checks.json"
    report = run_raw_checks(landing, report_path)

    assert report.success, [str(f) for s in report.suites for f in s.failures]
    assert [s.source for s in report.suites] == [s.folder for s in SOURCES]
    for suite in report.suites:
        assert suite.success and suite.failed == 0 and not suite.failures
        assert suite.files == 3 and suite.rows == 300
        assert suite.evaluated > 3 * 3  # every daily file runs the records suite, plus the files suite

    saved = json.loads(report_path.read_text())
    assert saved["success"] is True
    assert {s["source"] for s in saved["suites"]} == set(MAKERS)


def test_parallel_workers_give_the_same_report(landing: Path) -> None:
    (landing / "wfm/roster" / "roster_2026-10-13.csv").write_text("agent_id,username\nA001,x\n")
    sources = only("telephony/ctr", "crm/cases", "wfm/roster")
    serial = run_raw_checks(landing, sources=sources)
    parallel = run_raw_checks(landing, sources=sources, workers=2)
    assert [(s.source, s.success, s.evaluated, s.failed, s.rows) for s in parallel.suites] == [
        (s.source, s.success, s.evaluated, s.failed, s.rows) for s in serial.suites
    ]
    assert [s.source for s in parallel.failed_suites] == ["wfm/roster"]


def test_a_few_bad_records_are_tolerated(landing: Path) -> None:
    day = START + timedelta(days=1)
    records = [json.dumps(ctr(day, i)) for i in range(200)]
    records[7] = '{"ContactId": "c-broken", "Channel": '  # truncated line
    bad = ctr(day, 8)
    bad["ContactId"] = None
    records[8] = json.dumps(bad)
    (landing / "telephony/ctr" / "ctr_2026-10-13.jsonl").write_text("\n".join(records) + "\n")

    report = run_raw_checks(landing, sources=only("telephony/ctr"))
    assert report.success, [str(f) for f in report.suites[0].failures]


def test_small_file_tolerates_a_few_bad_records_but_not_a_mostly_broken_one(landing: Path) -> None:
    folder = landing / "quality/evaluations"
    day = START
    good = [json.dumps(evaluation(day, i)) for i in range(3)]
    (folder / "evaluations_2026-10-12.jsonl").write_text("\n".join([*good, '{"EvaluationId": "ev-x", '[:12]]) + "\n")
    report = run_raw_checks(landing, sources=only("quality/evaluations"), min_baseline_rows=1000)
    assert report.success, [str(f) for f in report.suites[0].failures]  # 1 bad line of 4

    broken = ['{"EvaluationId": "ev-' + str(i) for i in range(6)]
    (folder / "evaluations_2026-10-12.jsonl").write_text("\n".join([*good, *broken]) + "\n")
    report = run_raw_checks(landing, sources=only("quality/evaluations"), min_baseline_rows=1000)
    (failure, *_) = report.suite("quality/evaluations").failures
    assert failure.column == "is_valid_json" and "6 of 9" in failure.detail


def test_file_mostly_relaxes_small_files_only_down_to_half() -> None:
    assert file_mostly(10_000, 0.99, 5) == 0.99
    assert file_mostly(200, 0.99, 5) == pytest.approx(0.975)
    assert file_mostly(4, 0.99, 5) == 0.5
    assert file_mostly(0, 0.99, 5) == 0.99


def test_mostly_broken_ctr_json_fails_ctr_suite(landing: Path) -> None:
    day = START + timedelta(days=2)
    lines = [json.dumps(ctr(day, i)) if i % 4 == 0 else '{"ContactId": "c-' + str(i) for i in range(100)]
    (landing / "telephony/ctr" / "ctr_2026-10-14.jsonl").write_text("\n".join(lines) + "\n")

    report = run_raw_checks(landing)

    assert not report.success
    ctr_suite = report.suite("telephony/ctr")
    assert not ctr_suite.success
    assert {s.source for s in report.failed_suites} == {"telephony/ctr"}
    columns = {f.column for f in ctr_suite.failures}
    assert "is_valid_json" in columns and "ContactId" in columns
    assert all(f.batch == "ctr_2026-10-14.jsonl" for f in ctr_suite.failures)
    assert ctr_suite.rows == 300  # broken lines still count for volume


def test_csv_missing_required_column_fails(landing: Path) -> None:
    day = START + timedelta(days=1)
    records = [case(day, i) for i in range(100)]
    for r in records:
        del r["Status"]
    write_file(landing, "crm/cases", day, records)

    report = run_raw_checks(landing, sources=only("crm/cases", "crm/customers"))

    cases = report.suite("crm/cases")
    assert not cases.success and report.suite("crm/customers").success
    shape = [f for f in cases.failures if f.expectation == "expect_table_columns_to_match_set"]
    assert len(shape) == 1
    assert shape[0].batch == "cases_2026-10-13.csv" and "Status" in shape[0].detail


def test_volume_collapse_fails(tmp_path: Path) -> None:
    landing = build_landing(tmp_path / "landing", days=4)
    day = START + timedelta(days=4)
    write_file(landing, "crm/case_history", day, [case_history(day, i) for i in range(2)])
    for folder in ("crm/cases", "wfm/roster"):
        write_file(landing, folder, day, [MAKERS[folder](day, i) for i in range(100)])

    report = run_raw_checks(landing, sources=only("crm/case_history", "crm/cases", "wfm/roster"))

    assert [s.source for s in report.failed_suites] == ["crm/case_history"]
    (failure,) = report.suite("crm/case_history").failures
    assert failure.batch == "files" and failure.column == "volume_ratio"
    assert failure.detail == "case_history_2026-10-16.csv: 2 records vs 100 on 2026-10-15 (2%)"

    relaxed = replace(SPEC["crm/case_history"], min_volume_ratio=0.01)  # a per-source threshold
    assert run_raw_checks(landing, sources=[relaxed]).success


def test_empty_file_after_a_day_with_rows_fails(landing: Path) -> None:
    (landing / "quality/evaluations" / "evaluations_2026-10-14.jsonl").write_text("")

    report = run_raw_checks(landing, sources=only("quality/evaluations"))

    suite = report.suite("quality/evaluations")
    assert not suite.success
    assert {f.column for f in suite.failures} == {"volume_ratio", "empty_after_rows"}


def test_qualtrics_without_import_id_row_fails(landing: Path) -> None:
    day = START + timedelta(days=1)
    write_file(landing, "survey/responses", day, [survey_response(day, i) for i in range(100)], import_id_row=False)

    report = run_raw_checks(landing, sources=only("survey/responses"))

    suite = report.suite("survey/responses")
    assert not suite.success
    (failure,) = suite.failures
    assert failure.column == "header_row_3" and "survey_responses_2026-10-13.csv" in failure.detail


def test_missing_day_and_missing_folder_fail(landing: Path) -> None:
    (landing / "wfm/schedules" / "schedules_2026-10-13.csv").unlink()
    for path in (landing / "wfm/roster").iterdir():
        path.unlink()

    report = run_raw_checks(landing, sources=only("wfm/schedules", "wfm/roster", "crm/cases"))

    assert {s.source for s in report.failed_suites} == {"wfm/schedules", "wfm/roster"}
    assert any("schedules_2026-10-13.csv" in f.detail for f in report.suite("wfm/schedules").failures)
    assert report.suite("wfm/roster").files == 0


def test_enum_mostly_out_of_set_fails(landing: Path) -> None:
    day = START
    records = [schedule(day, i) for i in range(100)]
    for r in records[:30]:
        r["activity"] = "Nap"
    write_file(landing, "wfm/schedules", day, records)

    report = run_raw_checks(landing, sources=only("wfm/schedules"))

    (failure,) = report.suite("wfm/schedules").failures
    assert failure.column == "activity" and failure.batch == "schedules_2026-10-12.csv"
    assert "30 of 100" in failure.detail


# --- volume baseline (pure pandas; GE validates the frame in the tests above) ----------------------------


def test_baseline_is_same_weekday_a_week_before_else_previous_day() -> None:
    days = [START + timedelta(days=d) for d in range(10)]
    assert baseline_day(days[0], days) is None
    assert baseline_day(days[3], days) == days[2]
    assert baseline_day(days[9], days) == days[2]
    assert baseline_day(days[9], [d for d in days if d != days[2]]) == days[8]


def test_weekend_dip_passes_against_last_weekend() -> None:
    spec = SPEC["telephony/ctr"]
    days = [START + timedelta(days=d) for d in range(14)]
    counts = [40 if d.weekday() >= 5 else 400 for d in days]  # weekends are 10% of weekdays
    frame = files_frame(spec, [DayFile(spec.file_name(str(d)), d, n) for d, n in zip(days, counts, strict=True)], days)
    ratio = dict(zip(frame["date"], frame["volume_ratio"], strict=True))
    assert ratio["2026-10-17"] == pytest.approx(0.1)  # first Saturday: only Friday to compare with
    assert ratio["2026-10-24"] == pytest.approx(1.0)  # second Saturday: compared with the first
    assert ratio["2026-10-19"] == pytest.approx(1.0)  # Monday vs. the Monday before, not Sunday


def test_full_extract_first_file_is_not_a_baseline() -> None:
    spec = SPEC["crm/customers"]
    days = [START + timedelta(days=d) for d in range(9)]
    counts = [5000] + [100] * 8
    frame = files_frame(spec, [DayFile(spec.file_name(str(d)), d, n) for d, n in zip(days, counts, strict=True)], days)
    assert frame["volume_ratio"].isna().sum() == 2  # day 1 (no baseline) and day 2 (only the full extract)
    assert frame["volume_ratio"].dropna().eq(1.0).all()  # day 8 compares with day 7, not the full extract


# --- CLI ------------------------------------------------------------------------------------------------


def test_cli_prints_one_line_per_suite_and_returns_status(
    landing: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main_check_raw(["--landing", str(landing)]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.split() and line.split()[0] in MAKERS]
    assert len(lines) == len(SOURCES) and all(" OK " in line for line in lines)

    write_file(landing, "wfm/roster", START, [{**roster(START, i), "agent_id": ""} for i in range(100)])
    report_path = tmp_path / "report.json"
    assert main_check_raw(["--landing", str(landing), "--report", str(report_path)]) == 1
    out = capsys.readouterr().out
    assert "FAILED" in out and "roster_2026-10-12.csv: agent_id not null" in out
    assert json.loads(report_path.read_text())["success"] is False


def test_cli_missing_landing_returns_1(tmp_path: Path) -> None:
    assert main_check_raw(["--landing", str(tmp_path / "nope")]) == 1
