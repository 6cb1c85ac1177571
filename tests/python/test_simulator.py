"""The contact-center simulator: determinism, the ground truth against an independent recount of the
raw files, the raw-export shapes, and site-local schedules across the daylight-saving change.

The shared runs are small (28 days at scale 0.3: one 28-day block, which holds every kind of deliberately
bad record) and start on 2026-10-24, so the window holds the UK clock change (Sunday 2026-10-25) and the
US one (Sunday 2026-11-01). Runs of a few days check that a longer window writes the shorter one's files
byte for byte.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from contact_center.luhn import is_luhn_valid
from contact_center.simulator import SOURCES, simulate
from contact_center.simulator.config import (
    QUEUE_SEED_COLUMNS,
    REASON_SEED_COLUMNS,
    queue_seed_rows,
    reason_seed_rows,
)
from contact_center.simulator.people import card_number
from contact_center.simulator.quality import score_percentage

START = date(2026, 10, 24)
DAYS = 28
SCALE = 0.3
REPO = Path(__file__).resolve().parents[2]


def _run(base: Path, seed: int, days: int = DAYS) -> tuple[Path, Path, dict[str, int]]:
    landing, truth = base / "landing", base / "truth"
    summary = simulate(days=days, start=START, seed=seed, scale=SCALE, out=landing, truth_out=truth)
    return landing, truth, summary


@pytest.fixture(scope="module")
def run_a(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, int]]:
    return _run(tmp_path_factory.mktemp("seed7a"), 7)


@pytest.fixture(scope="module")
def run_a_again(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, int]]:
    return _run(tmp_path_factory.mktemp("seed7b"), 7)


@pytest.fixture(scope="module")
def run_b(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, int]]:
    return _run(tmp_path_factory.mktemp("seed8"), 8)


def _digests(*roots: Path) -> dict[str, str]:
    out = {}
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            out[f"{root.name}/{path.relative_to(root)}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def _utc(text: str) -> datetime:
    """Parse the CTR / Salesforce / agent-event timestamp shapes; raises ValueError when unparseable."""
    for fmt in ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S.%fZ", "%Y-%m-%dT%H:%M:%S.%f%z"):
        try:
            dt = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
    raise ValueError(text)


CTR_TIMESTAMPS = (
    ("InitiationTimestamp",),
    ("DisconnectTimestamp",),
    ("LastUpdateTimestamp",),
    ("Queue", "EnqueueTimestamp"),
    ("Queue", "DequeueTimestamp"),
    ("Agent", "ConnectedToAgentTimestamp"),
    ("Agent", "AfterContactWorkStartTimestamp"),
    ("Agent", "AfterContactWorkEndTimestamp"),
)


def _readable_ctr(line: str) -> dict | None:
    """A CTR a careful reader keeps: a JSON object with a ContactId whose timestamps all parse."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError:
        return None
    if not isinstance(rec, dict) or not rec.get("ContactId"):
        return None
    for path in CTR_TIMESTAMPS:
        value = rec
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None:
            try:
                _utc(value)
            except ValueError:
                return None
    return rec


def _latest_ctrs(landing: Path) -> tuple[dict[str, dict], int]:
    latest: dict[str, dict] = {}
    unreadable = 0
    for path in sorted((landing / "telephony/ctr").glob("ctr_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = _readable_ctr(line)
            if rec is None:
                unreadable += 1
                continue
            cid = rec["ContactId"]
            if cid not in latest or _utc(rec["LastUpdateTimestamp"]) >= _utc(latest[cid]["LastUpdateTimestamp"]):
                latest[cid] = rec
    return latest, unreadable


def _csv_records(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _truth(truth: Path, name: str) -> list[dict[str, str]]:
    with open(truth / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --- determinism ---------------------------------------------------------------------------------------


def test_same_seed_writes_identical_files(run_a, run_a_again):
    first = _digests(run_a[0], run_a[1])
    second = _digests(run_a_again[0], run_a_again[1])
    assert len(first) > 9 * DAYS
    assert first == second
    assert run_a[2] == run_a_again[2]


def test_different_seed_writes_different_files(run_a, run_b):
    a = _digests(run_a[0], run_a[1])
    b = _digests(run_b[0], run_b[1])
    assert a.keys() == b.keys()
    for source in ("telephony/ctr", "telephony/agent_events", "crm/cases", "survey/responses"):
        files = [k for k in a if k.startswith(f"landing/{source}/")]
        assert files and all(a[k] != b[k] for k in files), source
    assert a["truth/queue_intervals.csv"] != b["truth/queue_intervals.csv"]


def test_every_source_has_a_file_per_day(run_a):
    landing = run_a[0]
    days = [(START + timedelta(days=i)).isoformat() for i in range(DAYS)]
    entities = {
        "telephony/ctr": "ctr_{}.jsonl",
        "telephony/agent_events": "agent_events_{}.jsonl",
        "crm/customers": "customers_{}.csv",
        "crm/cases": "cases_{}.csv",
        "crm/case_history": "case_history_{}.csv",
        "survey/responses": "survey_responses_{}.csv",
        "quality/evaluations": "evaluations_{}.jsonl",
        "wfm/schedules": "schedules_{}.csv",
        "wfm/roster": "roster_{}.csv",
    }
    assert set(entities) == set(SOURCES)
    for folder, pattern in entities.items():
        names = sorted(p.name for p in (landing / folder).iterdir())
        assert names == [pattern.format(d) for d in days], folder


# --- ground truth against the raw files ------------------------------------------------------------------


def test_queue_intervals_match_an_independent_recount_of_the_ctrs(run_a):
    landing, truth, _ = run_a
    latest, unreadable = _latest_ctrs(landing)
    assert unreadable >= 1  # the deliberately bad lines were skipped
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for rec in latest.values():
        queue = rec.get("Queue")
        if not queue:
            continue
        enq, deq = _utc(queue["EnqueueTimestamp"]), _utc(queue["DequeueTimestamp"])
        bucket = enq.replace(minute=enq.minute - enq.minute % 15, second=0)
        c = counts[(queue["Name"], bucket.strftime("%Y-%m-%d %H:%M:%S"))]
        wait = (deq - enq).total_seconds()
        c["offered"] += 1
        agent = rec.get("Agent") or {}
        if agent.get("ConnectedToAgentTimestamp"):
            c["answered"] += 1
            c["answered_within_20s"] += wait <= 20
            c["answered_wait_seconds"] += int(wait)
        elif rec["DisconnectReason"] == "CUSTOMER_DISCONNECT":
            c["abandoned"] += 1
            c["abandoned_within_5s"] += wait <= 5
        elif rec["DisconnectReason"] == "CALLBACK":
            c["callbacks"] += 1
    fields = [
        "offered",
        "answered",
        "abandoned",
        "callbacks",
        "answered_within_20s",
        "abandoned_within_5s",
        "answered_wait_seconds",
    ]
    expected = {key: [c[f] for f in fields] for key, c in counts.items()}
    actual = {
        (r["queue_name"], r["interval_start_at"]): [int(r[f]) for f in fields]
        for r in _truth(truth, "queue_intervals.csv")
    }
    assert actual == expected
    assert sum(v[1] for v in actual.values()) > 500
    assert sum(v[2] for v in actual.values()) > 0


def test_legs_and_contacts_match_the_ctrs(run_a):
    landing, truth, _ = run_a
    latest, _ = _latest_ctrs(landing)
    legs = {r["contact_leg_id"]: r for r in _truth(truth, "legs.csv")}
    assert legs.keys() == latest.keys()
    for cid, rec in latest.items():
        agent = rec.get("Agent") or {}
        handle = 0
        if agent:
            # The first delivery of a re-delivered CTR has no after-contact work; at the window's end it
            # can be the latest one written.
            handle = agent["AgentInteractionDuration"] + agent["CustomerHoldDuration"]
            handle += agent.get("AfterContactWorkDuration", 0)
        assert int(legs[cid]["handle_seconds"]) == handle
        assert legs[cid]["contact_id"] == (rec["InitialContactId"] or cid)
    contacts = _truth(truth, "contacts.csv")
    voice_chat = {c["contact_id"] for c in contacts if c["channel"] in ("voice", "chat")}
    assert voice_chat == {rec["InitialContactId"] or cid for cid, rec in latest.items()}
    case_ids = {row[0] for p in (landing / "crm/cases").glob("*.csv") for row in _csv_records(p)[1:]}
    assert {c["contact_id"] for c in contacts if c["channel"] in ("email", "web")} <= case_ids
    # Repeats: every issue has exactly one non-repeat contact, and issues.csv counts its contacts.
    by_issue = Counter(c["issue_id"] for c in contacts)
    firsts = Counter(c["issue_id"] for c in contacts if c["is_repeat"] == "false")
    issues = {r["issue_id"]: r for r in _truth(truth, "issues.csv")}
    assert issues.keys() == by_issue.keys() == firsts.keys() and set(firsts.values()) == {1}
    for issue_id, row in issues.items():
        assert int(row["contacts"]) == by_issue[issue_id]
        assert (row["resolved_on_first_contact"] == "true") == (by_issue[issue_id] == 1)
    assert any(n > 1 for n in by_issue.values())
    assert {c["withheld"] for c in contacts} >= {"none", "anonymous_number", "unknown_number", "unknown_email"}
    assert {c["identifier_in_data"] for c in contacts} == {"crm_contact_id", "phone", "email", "none"}


def test_every_ctr_leg_chain_is_consistent(run_a):
    latest, _ = _latest_ctrs(run_a[0])
    last_file = sorted((run_a[0] / "telephony/ctr").glob("ctr_*.jsonl"))[-1]
    last_lines = last_file.read_text(encoding="utf-8").splitlines()
    last_day = {rec["ContactId"] for rec in map(_readable_ctr, last_lines) if rec}
    methods = Counter()
    for cid, rec in latest.items():
        methods[rec["InitiationMethod"]] += 1
        initial, prev, nxt = rec["InitialContactId"], rec["PreviousContactId"], rec["NextContactId"]
        if rec["InitiationMethod"] == "INBOUND":
            assert initial is None and prev is None
        else:
            assert rec["InitiationMethod"] in ("TRANSFER", "CALLBACK")
            if prev not in latest:
                # Delivered in part at the window's end: the leg before it falls in the next day's file.
                assert cid in last_day
                continue
            assert initial in latest and latest[initial]["InitialContactId"] is None
            assert latest[prev]["NextContactId"] == cid
            assert (latest[prev]["InitialContactId"] or prev) == initial
            assert _utc(rec["InitiationTimestamp"]) == _utc(latest[prev]["DisconnectTimestamp"])
            expected = "TRANSFERRED" if rec["InitiationMethod"] == "TRANSFER" else "CALLBACK"
            assert latest[prev]["DisconnectReason"] == expected
        if nxt is not None and nxt in latest:
            assert latest[nxt]["PreviousContactId"] == cid
        elif nxt is not None:
            assert cid in last_day  # the next leg falls after the window
        if rec["Channel"] == "CHAT":
            assert rec["CustomerEndpoint"] is None and "customer_email" in rec["Attributes"]
    assert methods["TRANSFER"] > 0 and methods["INBOUND"] > 0


def test_deliveries_account_for_every_record(run_a):
    landing, truth, summary = run_a
    deliveries = {r["source"]: r for r in _truth(truth, "deliveries.csv")}
    bad = _truth(truth, "bad_records.csv")
    assert list(deliveries) == list(SOURCES)
    for source in SOURCES:
        files = sorted((landing / source).iterdir())
        if files[0].suffix == ".jsonl":
            records = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in files)
        else:
            header_rows = 3 if source == "survey/responses" else 1
            records = sum(len(_csv_records(p)) - header_rows for p in files)
        row = deliveries[source]
        assert int(row["raw_records"]) == records, source
        assert int(row["bad_records"]) == sum(1 for b in bad if b["source"] == source) >= 1, source
        assert summary[f"{source} records"] == records
    latest, unreadable = _latest_ctrs(landing)
    ctr = deliveries["telephony/ctr"]
    assert unreadable == int(ctr["bad_records"])
    assert int(ctr["raw_records"]) - unreadable - int(ctr["superseded"]) == len(latest)
    for b in bad:
        if b["file"].endswith(".jsonl"):
            line = (landing / b["file"]).read_text(encoding="utf-8").splitlines()[int(b["line_number"]) - 1]
            if b["source"] == "telephony/ctr":
                assert _readable_ctr(line) is None
            else:
                with pytest.raises((json.JSONDecodeError, KeyError, ValueError)):
                    obj = json.loads(line)
                    _utc(obj["EventTimestamp"] if "EventTimestamp" in obj else obj["SubmittedTimestamp"])
                    obj["EvaluationId"]


def test_ctr_redeliveries_come_without_then_with_after_contact_work(tmp_path):
    landing, _, _ = _run(tmp_path, 11, days=3)
    versions: dict[str, list[dict]] = defaultdict(list)
    for path in sorted((landing / "telephony/ctr").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = _readable_ctr(line)
            if rec is not None:
                versions[rec["ContactId"]].append(rec)
    redelivered = [v for v in versions.values() if len({r["LastUpdateTimestamp"] for r in v}) > 1]
    assert redelivered
    for v in redelivered:
        v.sort(key=lambda r: r["LastUpdateTimestamp"])
        assert "AfterContactWorkDuration" not in v[0]["Agent"]
        assert "AfterContactWorkDuration" in v[-1]["Agent"]


# --- shapes ----------------------------------------------------------------------------------------------


def test_qualtrics_export_has_three_header_rows(run_a):
    files = sorted((run_a[0] / "survey/responses").glob("*.csv"))
    responses = 0
    for path in files:
        rows = _csv_records(path)
        names, texts, import_ids = rows[0], rows[1], rows[2]
        assert names[:3] == ["StartDate", "EndDate", "Status"] and names[-2:] == ["ContactId", "Channel"]
        assert texts[names.index("ResponseId")] == "Response ID"
        assert all(json.loads(cell)["ImportId"] for cell in import_ids)
        assert json.loads(import_ids[names.index("Q1")]) == {"ImportId": "QID1"}
        for row in rows[3:]:
            assert len(row) == len(names)
            datetime.strptime(row[names.index("StartDate")], "%Y-%m-%d %H:%M:%S")
            assert row[names.index("ResponseId")].startswith("R_")
            responses += 1
    assert responses > 10


def test_timestamps_are_whole_seconds(run_a):
    landing = run_a[0]
    latest, _ = _latest_ctrs(landing)
    for rec in latest.values():
        for key in ("InitiationTimestamp", "DisconnectTimestamp", "LastUpdateTimestamp"):
            assert rec[key].endswith("Z") and len(rec[key]) == 20
    for path in (landing / "telephony/agent_events").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines()[:200]:
            try:
                stamp = json.loads(line)["EventTimestamp"]
            except (json.JSONDecodeError, KeyError):
                continue
            assert stamp.endswith(".000Z")


def test_qa_scores_follow_the_connect_rules(run_a):
    evaluations = []
    for path in (run_a[0] / "quality/evaluations").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue
            if "EvaluationId" in rec:
                evaluations.append(rec)
    assert evaluations
    for rec in evaluations:
        answers = rec["Answers"]
        assert sum(a["Weight"] for a in answers) == 100
        assert sum(a["IsAutoFail"] for a in answers) == 1
        applicable = [a for a in answers if not a["NotApplicable"]]
        expected = round(sum(a["Weight"] * a["Score"] for a in applicable) / sum(a["Weight"] for a in applicable), 2)
        if any(a["AutoFailTriggered"] for a in answers):
            expected = 0.0
        assert rec["ScorePercentage"] == expected
    # the helper itself: an N/A question's weight is shared out; an auto-fail zeroes the form
    form = [
        {"Weight": 50, "Score": 100, "NotApplicable": False, "AutoFailTriggered": False},
        {"Weight": 25, "Score": 0, "NotApplicable": False, "AutoFailTriggered": False},
        {"Weight": 25, "Score": None, "NotApplicable": True, "AutoFailTriggered": False},
    ]
    assert score_percentage(form) == 66.67
    assert score_percentage([*form, {"Weight": 0, "Score": 0, "NotApplicable": False, "AutoFailTriggered": True}]) == 0


def test_card_numbers_in_comments_are_is_luhn_valid():
    import random

    rng = random.Random(3)
    for _ in range(50):
        assert is_luhn_valid(card_number(rng))
    assert not is_luhn_valid("4111 1111 1111 1112")


def test_seed_file_matches_the_simulator_config():
    rows = _csv_records(REPO / "seeds" / "queues.csv")
    assert rows[0] == QUEUE_SEED_COLUMNS
    assert rows[1:] == queue_seed_rows()
    reasons = _csv_records(REPO / "seeds" / "contact_reasons.csv")
    assert reasons[0] == REASON_SEED_COLUMNS
    assert reasons[1:] == reason_seed_rows()


def test_survey_comments_hold_no_customer_names(run_a):
    landing = run_a[0]
    names = set()
    for path in (landing / "crm/customers").glob("*.csv"):
        for row in _csv_records(path)[1:]:
            names.update({row[2], row[3]})
    for path in (landing / "survey/responses").glob("*.csv"):
        rows = _csv_records(path)
        q5 = rows[0].index("Q5")
        for row in rows[3:]:
            words = set(row[q5].replace(",", " ").replace(".", " ").split())
            assert not (words & names), row[q5]


# --- time zones and daylight saving ------------------------------------------------------------------------


def _agent_sites(landing: Path) -> dict[str, tuple[str, str]]:
    last = sorted((landing / "wfm/roster").glob("*.csv"))[-1]
    rows = _csv_records(last)
    header = rows[0]
    return {r[header.index("username")]: (r[header.index("agent_id")], r[header.index("time_zone")]) for r in rows[1:]}


def test_schedules_follow_local_time_across_the_uk_clock_change(run_a):
    landing = run_a[0]
    london = ZoneInfo("Europe/London")
    # Latest publication per agent and local start (a few are republished).
    schedule: dict[tuple[str, str], list[str]] = {}
    for path in sorted((landing / "wfm/schedules").glob("*.csv")):
        for row in _csv_records(path)[1:]:
            agent_id, activity, start_local, end_local, tz, published = row
            if end_local <= start_local:
                continue  # the deliberately bad row
            key = (agent_id, start_local)
            if key not in schedule or published > schedule[key][-1]:
                schedule[key] = row
    first_start: dict[tuple[str, str], str] = {}
    for (agent_id, start_local), row in schedule.items():
        if row[4] == "Europe/London":
            day = start_local[:10]
            if (agent_id, day) not in first_start or start_local < first_start[(agent_id, day)]:
                first_start[(agent_id, day)] = start_local
    # Glasgow opens 09:00 on Saturday (BST, UTC+1) and 10:00 on Sunday (GMT after 01:00 UTC).
    starts = defaultdict(set)
    for (_, day), start_local in first_start.items():
        starts[day].add(start_local[11:16])
    assert starts["2026-10-24"] and min(starts["2026-10-24"]) >= "08:30"
    assert starts["2026-10-25"] and min(starts["2026-10-25"]) >= "09:30"
    # Logins happen at the scheduled local time, converted with the offset valid that day.
    sites = _agent_sites(landing)
    logins: dict[tuple[str, str], datetime] = {}
    for path in sorted((landing / "telephony/agent_events").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                ev = json.loads(line)
                when = _utc(ev["EventTimestamp"])
            except (json.JSONDecodeError, KeyError, ValueError):
                continue
            if ev["EventType"] != "LOGIN":
                continue
            agent_id, tz = sites[ev["CurrentAgentSnapshot"]["Configuration"]["Username"]]
            if tz == "Europe/London":
                logins.setdefault((agent_id, when.astimezone(london).date().isoformat()), when)
    gaps = defaultdict(list)
    for (agent_id, day), start_local in first_start.items():
        if (agent_id, day) in logins:
            scheduled = datetime.fromisoformat(start_local).replace(tzinfo=london)
            gaps[day].append((logins[(agent_id, day)] - scheduled).total_seconds() / 60)
    for day in ("2026-10-24", "2026-10-25", "2026-10-26"):
        g = sorted(gaps[day])
        assert len(g) >= 3, day
        assert abs(g[len(g) // 2]) < 10, (day, g)  # the median login is within minutes of the schedule
        assert sum(abs(x) < 30 for x in g) / len(g) > 0.8, (day, g)
    # The same local opening hour is an hour later in UTC once the clocks have gone back.
    first_interval = {}
    for r in _truth(run_a[1], "queue_intervals.csv"):
        if r["queue_name"].startswith("GLA_"):
            day = r["interval_start_at"][:10]
            first_interval[day] = min(first_interval.get(day, "~"), r["interval_start_at"][11:16])
    assert first_interval["2026-10-24"] == "08:00"  # 09:00 BST
    assert first_interval["2026-10-25"] == "10:00"  # 10:00 GMT
    assert first_interval["2026-10-26"] == "08:00"  # 08:00 GMT


def test_us_clock_change_moves_boston_in_utc(tmp_path):
    landing, truth, _ = _run(tmp_path, 5, days=3)  # 2026-10-24 .. 26: Boston still on EDT
    later = simulate(
        days=2, start=date(2026, 11, 1), seed=5, scale=SCALE, out=tmp_path / "l2", truth_out=tmp_path / "t2"
    )
    assert later["agents"] > 0
    first = {}
    for folder in (truth, tmp_path / "t2"):
        for r in _truth(folder, "queue_intervals.csv"):
            if r["queue_name"].startswith("BOS_"):
                day = r["interval_start_at"][:10]
                first[day] = min(first.get(day, "~"), r["interval_start_at"][11:16])
    assert first["2026-10-26"] == "12:00"  # Monday 08:00 EDT
    assert first["2026-11-02"] == "13:00"  # Monday 08:00 EST


def test_agents_take_contacts_only_when_available(run_a):
    landing = run_a[0]
    on_contact: dict[str, str | None] = {}
    events = []
    seen: set[str] = set()
    for path in sorted((landing / "telephony/agent_events").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                ev = json.loads(line)
                when = _utc(ev["EventTimestamp"])
            except (json.JSONDecodeError, KeyError, ValueError):
                continue
            if ev["EventId"] not in seen:  # exact re-deliveries of an event count once
                seen.add(ev["EventId"])
                events.append((when, ev))
    events.sort(key=lambda e: e[0])
    connected = 0
    for _, ev in events:
        cur, prev = ev["CurrentAgentSnapshot"], ev["PreviousAgentSnapshot"]
        user = cur["Configuration"]["Username"]
        assert len(cur["Contacts"]) <= 1
        new = [c for c in cur["Contacts"] if c["State"] == "CONNECTED" and c not in prev["Contacts"]]
        if new:
            connected += 1
            assert cur["AgentStatus"]["Name"] == "Available"
            assert on_contact.get(user) in (None, prev["Contacts"][0]["ContactId"] if prev["Contacts"] else None)
        on_contact[user] = cur["Contacts"][0]["ContactId"] if cur["Contacts"] else None
    assert connected > 100


def test_scale_multiplies_agents_and_contacts(tmp_path):
    small = simulate(days=1, start=date(2026, 10, 13), seed=1, scale=0.2, out=tmp_path / "s", truth_out=tmp_path / "st")
    large = simulate(days=1, start=date(2026, 10, 13), seed=1, scale=0.6, out=tmp_path / "l", truth_out=tmp_path / "lt")
    # Agents grow a little slower than demand (pooling: bigger queues need fewer agents per contact).
    assert large["agents"] > 1.6 * small["agents"]
    assert large["contact legs"] > 2.4 * small["contact legs"]


def test_csv_files_are_structurally_valid(run_a):
    for source in SOURCES:
        for path in (run_a[0] / source).glob("*.csv"):
            rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
            assert len({len(r) for r in rows}) == 1, path


# --- day by day: a longer window writes the shorter one's files, and --write-from adds the next day's --------

PREFIX_START = date(2026, 10, 24)  # a Saturday: day 2 is the UK clock change, day 3 the next week's Monday
PREFIX_SCALE = 0.2


def _landing_digests(landing: Path) -> dict[str, str]:
    return {
        str(p.relative_to(landing)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(landing.rglob("*"))
        if p.is_file()
    }


def _file_day(name: str) -> date:
    return date.fromisoformat(Path(name).stem[-10:])


@pytest.fixture(scope="module")
def prefix_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The same seed, start and scale over 1, 2 and 3 days: landing folder per window length."""
    runs = {}
    for days in (1, 2, 3):
        base = tmp_path_factory.mktemp(f"prefix{days}")
        simulate(days=days, start=PREFIX_START, seed=3, scale=PREFIX_SCALE, out=base / "landing", truth_out=base / "t")
        runs[days] = base / "landing"
    return runs


@pytest.mark.parametrize(
    "days",
    [
        pytest.param(1, id="across-the-uk-clock-change"),
        pytest.param(2, id="across-a-week-boundary"),
    ],
)
def test_one_more_day_leaves_the_earlier_days_files_byte_identical(prefix_runs, days):
    shorter = _landing_digests(prefix_runs[days])
    longer = _landing_digests(prefix_runs[days + 1])
    assert len(shorter) == 9 * days
    assert all(_file_day(name) < PREFIX_START + timedelta(days=days) for name in shorter)
    assert {name: longer[name] for name in shorter} == shorter
    new_day = [name for name in longer if name not in shorter]
    assert len(new_day) == 9 and all(_file_day(name) == PREFIX_START + timedelta(days=days) for name in new_day)


def test_one_more_day_across_a_28_day_block(tmp_path):
    """Hires, leavers and bad records are planned per 28-day block: day 29 opens the second block."""
    start = date(2026, 10, 12)
    digests = {}
    for days in (28, 29):
        landing = tmp_path / f"l{days}"
        simulate(days=days, start=start, seed=4, scale=0.05, out=landing, truth_out=tmp_path / f"t{days}")
        digests[days] = _landing_digests(landing)
    assert len(digests[28]) == 9 * 28
    assert {name: digests[29][name] for name in digests[28]} == digests[28]


def test_write_from_adds_the_later_days_files_and_leaves_the_earlier_ones(prefix_runs, tmp_path):
    from contact_center.cli import main

    landing = tmp_path / "landing"
    shutil.copytree(prefix_runs[2], landing)
    (landing / ".simulated").write_text("written by `contact-center simulate`\n")
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in landing.rglob("*") if p.is_file()}
    args = ["simulate", "--days", "3", "--start", PREFIX_START.isoformat(), "--seed", "3"]
    args += ["--scale", str(PREFIX_SCALE), "--out", str(landing), "--truth-out", str(tmp_path / "truth")]
    assert main([*args, "--write-from", (PREFIX_START + timedelta(days=2)).isoformat()]) == 0
    for path, (mtime, content) in before.items():
        assert path.stat().st_mtime_ns == mtime and path.read_bytes() == content, path
    written = _landing_digests(landing)
    assert written == _landing_digests(prefix_runs[3]) | {".simulated": written[".simulated"]}
    assert (tmp_path / "truth" / "contacts.csv").exists()
    # Someone else's folder is never written into.
    foreign = tmp_path / "exports"
    foreign.mkdir()
    (foreign / "mine.csv").write_text("a\n")
    with pytest.raises(SystemExit):
        main([*args[:-4], "--out", str(foreign), "--truth-out", str(tmp_path / "t2"), "--write-from", "2026-10-26"])


def test_json_lines_are_written_as_json_dumps_writes_them(run_a):
    """CTRs and agent events are formatted as text; each line is what json.dumps makes of its object."""
    bad_lines = {(b["file"], int(b["line_number"])) for b in _truth(run_a[1], "bad_records.csv") if b["line_number"]}
    checked = 0
    for source in ("telephony/ctr", "telephony/agent_events"):
        for path in sorted((run_a[0] / source).glob("*.jsonl")):
            name = f"{source}/{path.name}"
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if (name, n) not in bad_lines:
                    assert json.dumps(json.loads(line), separators=(",", ":")) == line
                    checked += 1
    assert checked > 10_000
