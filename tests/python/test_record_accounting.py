"""Every raw record delivered is accounted for: staged, rejected with a reason, or superseded by a later delivery.

Raw records are counted here straight from the files in landing/, independently of dbt. Superseded
re-deliveries and deliberately bad records come from the simulator's ground truth.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from helpers import read_csv_dicts

# source folder -> (staging table that holds its records, file pattern, header rows after the first)
SOURCES: dict[str, tuple[str, str, int]] = {
    "telephony/ctr": ("staging.stg_telephony__contact_trace_records", "*.jsonl", 0),
    "telephony/agent_events": ("staging.stg_telephony__agent_events", "*.jsonl", 0),
    "crm/customers": ("staging.stg_crm__customers", "*.csv", 0),
    "crm/cases": ("staging.stg_crm__cases", "*.csv", 0),
    "crm/case_history": ("staging.stg_crm__case_history_entries", "*.csv", 0),
    "survey/responses": ("staging.stg_survey__responses", "*.csv", 2),
    "quality/evaluations": ("staging.stg_quality__evaluations", "*.jsonl", 0),
    "wfm/schedules": ("staging.stg_wfm__schedule_activities", "*.csv", 0),
    "wfm/roster": ("staging.stg_wfm__agents", "*.csv", 0),
}


def count_raw_records(folder: Path, pattern: str, extra_header_rows: int) -> int:
    files = sorted(folder.glob(pattern))
    assert files, f"no {pattern} files in {folder}"
    total = 0
    for path in files:
        if pattern.endswith(".jsonl"):
            with path.open(encoding="utf-8") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            with path.open(newline="", encoding="utf-8") as handle:
                rows = sum(1 for _ in csv.reader(handle))
            total += rows - 1 - extra_header_rows
    return total


@pytest.fixture(scope="module")
def deliveries(ground_truth: Path) -> dict[str, dict[str, int]]:
    rows = read_csv_dicts(ground_truth / "deliveries.csv")
    return {row["source"]: {key: int(value) for key, value in row.items() if key != "source"} for row in rows}


@pytest.fixture(scope="module")
def rejected_by_source(warehouse) -> dict[str, int]:
    rows = warehouse.execute("select source_name, count(*) from staging.stg_rejected_records group by all").fetchall()
    return dict(rows)


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_raw_equals_staged_plus_rejected_plus_superseded(source, landing, warehouse, deliveries, rejected_by_source):
    table, pattern, extra_header_rows = SOURCES[source]
    raw = count_raw_records(landing / source, pattern, extra_header_rows)
    (staged,) = warehouse.execute(f"select count(*) from {table}").fetchone()
    rejected = rejected_by_source.get(source, 0)
    superseded = deliveries[source]["superseded"]
    assert raw == deliveries[source]["raw_records"], "the files hold what the simulator says it wrote"
    assert rejected == deliveries[source]["bad_records"], "exactly the deliberately bad records are rejected"
    assert raw == staged + rejected + superseded, (
        f"{source}: raw {raw} != staged {staged} + rejected {rejected} + superseded {superseded}"
    )


def test_every_reject_says_why(warehouse):
    (unexplained,) = warehouse.execute(
        "select count(*) from staging.stg_rejected_records where coalesce(trim(reject_reason), '') = ''"
    ).fetchone()
    assert unexplained == 0
