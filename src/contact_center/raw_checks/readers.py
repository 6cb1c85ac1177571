"""Read one daily landing file into what the checks need: its record count and a (sampled) record frame.

Reading is deliberately forgiving: a broken JSON line or a short CSV row becomes a record whose
validity flag is False (dbt quarantines such records later); only a file that cannot be read at all
gets a ``read_error``.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from contact_center.raw_checks.spec import IMPORT_ID_ROW, SourceSpec

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

_IMPORT_ID = re.compile(IMPORT_ID_ROW)


@dataclass
class FileData:
    """One daily file, read."""

    path: Path
    day: date | None
    rows: int = 0
    """Every record in the file (all JSON lines, all CSV data rows), not just the sample."""
    records: pd.DataFrame | None = None
    """The records the field-level checks see: the fields the checks read plus the validity flag."""
    read_error: str | None = None
    header_row_3: str | None = None
    """Qualtrics only: the first cell of the third header record ('' when the file has no third record)."""

    @property
    def name(self) -> str:
        return self.path.name


def discover(folder: Path, spec: SourceSpec) -> list[tuple[Path, date | None, str | None]]:
    """The folder's daily files as (path, day, problem); a name that does not carry a date is a problem."""
    pattern = re.compile(rf"^{re.escape(spec.entity)}_(\d{{4}}-\d{{2}}-\d{{2}})\.{spec.ext}$")
    found: list[tuple[Path, date | None, str | None]] = []
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob(f"{spec.entity}_*.{spec.ext}")):
        match = pattern.match(path.name)
        day: date | None = None
        if match:
            try:
                day = date.fromisoformat(match.group(1))
            except ValueError:
                day = None
        problem = None if day else f"file name is not {spec.entity}_YYYY-MM-DD.{spec.ext}"
        found.append((path, day, problem))
    return found


def sample_indices(n: int, k: int) -> Sequence[int]:
    """At most k indices spread evenly over range(n) (all of them when n <= k); deterministic."""
    if n <= k:
        return range(n)
    return [i * n // k for i in range(k)]


def read_file(path: Path, day: date | None, spec: SourceSpec, sample_size: int) -> FileData:
    try:
        if spec.kind == "jsonl":
            return _read_jsonl(path, day, spec, sample_size)
        return _read_csv(path, day, spec, sample_size)
    except (OSError, csv.Error) as exc:
        return FileData(path=path, day=day, read_error=f"{type(exc).__name__}: {exc}")


# --- JSON lines ------------------------------------------------------------------------------------------

_SCALARS = (str, int, float, bool)


def _flat(value: Any) -> Any:
    """Keep scalars; objects and arrays only need to be there, so they become a short marker."""
    if value is None or isinstance(value, _SCALARS):
        return value
    return "<object>" if isinstance(value, dict) else "<array>"


def _extract(obj: dict[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """The fields the checks read. A field is present when its top-level key is (dotted paths walk objects)."""
    out: dict[str, Any] = {}
    for name in fields:
        head, *rest = name.split(".")
        if head not in obj:
            continue
        value = obj[head]
        for key in rest:
            value = value.get(key) if isinstance(value, dict) else None
        out[name] = _flat(value)
    return out


def _read_jsonl(path: Path, day: date | None, spec: SourceSpec, sample_size: int) -> FileData:
    lines = [line for line in path.read_bytes().splitlines() if line and not line.isspace()]
    fields = spec.fields
    records: list[dict[str, Any]] = []
    valid: list[bool] = []
    for i in sample_indices(len(lines), sample_size):
        try:
            obj = json.loads(lines[i])  # bytes: invalid UTF-8 raises a ValueError too
        except ValueError:
            obj = None
        if isinstance(obj, dict):
            records.append(_extract(obj, fields))
            valid.append(True)
        else:
            records.append({})
            valid.append(False)
    columns = fields if not records else tuple(f for f in fields if any(f in r for r in records))
    frame = _frame(records, columns)
    frame[spec.record_flag] = pd.Series(valid, dtype=bool)
    return FileData(path=path, day=day, rows=len(lines), records=frame)


# --- CSV (RFC 4180; Qualtrics has three header rows) ------------------------------------------------------


def _read_csv(path: Path, day: date | None, spec: SourceSpec, sample_size: int) -> FileData:
    # utf-8-sig: exports (Qualtrics especially) often start with a byte-order mark.
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        rows = [row for row in csv.reader(handle) if row]
    header = rows[0] if rows else []
    data_start = 1
    header_row_3: str | None = None
    if spec.kind == "qualtrics":
        # Row 2 is question text; row 3 the ImportId JSON. An export without row 3 is flagged (the files
        # suite checks header_row_3); its data is then taken to start on row 3.
        third = rows[2] if len(rows) > 2 else []
        header_row_3 = third[0] if third else ""
        data_start = 3 if _IMPORT_ID.match(header_row_3) else 2
    data = rows[data_start:]

    positions = {name: i for i, name in reversed(list(enumerate(header)))}
    columns = tuple(f for f in spec.fields if f in positions)
    width = len(header)
    records: list[dict[str, Any]] = []
    complete: list[bool] = []
    for i in sample_indices(len(data), sample_size):
        row = data[i]
        records.append({c: (row[positions[c]] or None) if positions[c] < len(row) else None for c in columns})
        complete.append(len(row) == width)
    frame = _frame(records, columns)
    frame[spec.record_flag] = pd.Series(complete, dtype=bool)
    return FileData(path=path, day=day, rows=len(data), records=frame, header_row_3=header_row_3)


def _frame(records: list[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series([r.get(c) for r in records], dtype=object) for c in columns},
        index=pd.RangeIndex(len(records)),
    )
