"""The per-source files frame: one row per day in the landing's date range, with the day's record count
compared to a baseline day. Great Expectations validates this frame (the source's ``files`` suite).

Baseline: the same weekday a week before when that file is there (weekends are normally lower than
weekdays), else the latest earlier file (normally yesterday's).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from contact_center.raw_checks.spec import SourceSpec

FILES_FRAME_COLUMNS = (
    "file",
    "date",
    "present",
    "rows",
    "read_error",
    "baseline_date",
    "baseline_rows",
    "volume_ratio",
    "empty_after_rows",
)


@dataclass(frozen=True)
class DayFile:
    """What the volume check needs to know about one daily file."""

    name: str
    day: date | None
    rows: int
    read_error: str | None = None
    header_row_3: str | None = None


def date_range(days: Sequence[date]) -> list[date]:
    """Every calendar day from the first to the last of ``days``."""
    if not days:
        return []
    first, last = min(days), max(days)
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def baseline_day(day: date, usable: Sequence[date]) -> date | None:
    """Same weekday a week before when usable, else the latest usable day before ``day``."""
    week_before = day - timedelta(days=7)
    if week_before in usable:
        return week_before
    earlier = [d for d in usable if d < day]
    return max(earlier) if earlier else None


def files_frame(
    spec: SourceSpec,
    files: Sequence[DayFile],
    calendar: Sequence[date],
    *,
    min_baseline_rows: int = 20,
    full_extract_day: date | None = None,
) -> pd.DataFrame:
    """One row per calendar day (a missing file is a row with present=False) plus files without a date.

    ``volume_ratio`` is rows / baseline rows; null when there is no baseline or the baseline has fewer
    than ``min_baseline_rows`` records (too small to compare). ``empty_after_rows`` is True for an empty
    file when the previous file had records. The file of ``full_extract_day`` (a first file holding every
    record, not a day's: by default the earliest file, for a source that starts with a full extract) is
    never a baseline.
    """
    by_day = {f.day: f for f in files if f.day is not None and f.read_error is None}
    readable_days = sorted(by_day)
    if full_extract_day is None and spec.first_file_full_extract and readable_days:
        full_extract_day = readable_days[0]
    usable = [day for day in readable_days if day != full_extract_day]

    rows: list[dict[str, object]] = []
    for day in calendar:
        found = next((f for f in files if f.day == day), None)
        row: dict[str, object] = {
            "file": found.name if found else spec.file_name(day.isoformat()),
            "date": day.isoformat(),
            "present": found is not None,
            "rows": found.rows if found and found.read_error is None else None,
            "read_error": found.read_error if found else None,
            "baseline_date": None,
            "baseline_rows": None,
            "volume_ratio": None,
            "empty_after_rows": False,
        }
        if spec.kind == "qualtrics":
            row["header_row_3"] = found.header_row_3 if found else None
        if day in by_day:
            count = by_day[day].rows
            base = baseline_day(day, usable)
            if base is not None:
                base_rows = by_day[base].rows
                row["baseline_date"] = base.isoformat()
                row["baseline_rows"] = base_rows
                if base_rows >= max(min_baseline_rows, 1):
                    row["volume_ratio"] = count / base_rows
            previous = [d for d in readable_days if d < day]
            row["empty_after_rows"] = count == 0 and bool(previous) and by_day[max(previous)].rows > 0
        rows.append(row)

    for f in files:
        if f.day is None:  # a file whose name carries no date: only its read problem is reported
            rows.append(
                {
                    "file": f.name,
                    "date": None,
                    "present": True,
                    "rows": f.rows,
                    "read_error": f.read_error or "file name carries no valid date",
                    "baseline_date": None,
                    "baseline_rows": None,
                    "volume_ratio": None,
                    "empty_after_rows": False,
                }
            )

    columns = list(FILES_FRAME_COLUMNS) + (["header_row_3"] if spec.kind == "qualtrics" else [])
    frame = pd.DataFrame(rows, columns=columns)
    frame["present"] = frame["present"].astype(bool)
    frame["empty_after_rows"] = frame["empty_after_rows"].astype(bool)
    frame["volume_ratio"] = pd.to_numeric(frame["volume_ratio"], errors="coerce").astype(float)
    frame["read_error"] = frame["read_error"].astype(object)
    return frame
