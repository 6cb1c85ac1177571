"""Daily files: each source buffers its records per day and writes a day's file, sorted, once no later
record can fall in it. Counts what was written for the ground truth's delivery accounting."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

_CSV_BUFFER = io.StringIO()
_CSV_WRITER = csv.writer(_CSV_BUFFER, lineterminator="\n")


def csv_line(row: Sequence[object]) -> str:
    """One RFC 4180 record (quoted where needed), without the trailing newline."""
    _CSV_BUFFER.seek(0)
    _CSV_BUFFER.truncate()
    _CSV_WRITER.writerow(row)
    return _CSV_BUFFER.getvalue()[:-1]


def parse_csv_line(line: str) -> list[str]:
    return next(csv.reader(io.StringIO(line)))


@dataclass(slots=True)
class BadRecord:
    source: str
    file: str
    record_key: str
    reason: str
    line_number: int | None = None


@dataclass(slots=True)
class Entry:
    sort_key: tuple[object, ...]
    line: str
    bad: BadRecord | None = None


# An injector receives (sink, day, entries) and returns extra, deliberately bad entries.
Injector = Callable[["DailySink", date, list[Entry]], list[Entry]]


class DailySink:
    """One landing folder: ``<folder>/<entity>_YYYY-MM-DD.<ext>`` for every day of the window."""

    def __init__(
        self,
        root: Path,
        folder: str,
        entity: str,
        ext: str,
        days: Sequence[date],
        header: Sequence[str] = (),
    ) -> None:
        self.root = root
        self.folder = folder
        self.entity = entity
        self.ext = ext
        self.days = list(days)
        self._day_set = set(days)
        self.header = list(header)
        self._buffers: dict[date, list[Entry]] = {}
        self._flushed: set[date] = set()
        self.valid_records = 0
        self.keys: set[str] = set()
        self.bad: list[BadRecord] = []
        self.injector: Injector | None = None
        (root / folder).mkdir(parents=True, exist_ok=True)

    def relative_file(self, day: date) -> str:
        return f"{self.folder}/{self.entity}_{day.isoformat()}.{self.ext}"

    def accepts(self, day: date) -> bool:
        return day in self._day_set

    def add(self, day: date, sort_key: tuple[object, ...], line: str, key: str) -> bool:
        """Buffer a valid record for ``day``'s file; False (not written) when the day is outside the window."""
        if day not in self._day_set:
            return False
        if day in self._flushed:
            raise RuntimeError(f"{self.folder}: record for {day} after its file was written")
        self._buffers.setdefault(day, []).append(Entry(sort_key, line))
        self.valid_records += 1
        self.keys.add(key)
        return True

    def flush_before(self, day: date) -> None:
        """Write every file for days before ``day``."""
        for d in self.days:
            if d < day and d not in self._flushed:
                self._write(d)

    def close(self) -> None:
        for d in self.days:
            if d not in self._flushed:
                self._write(d)

    def _write(self, day: date) -> None:
        entries = self._buffers.pop(day, [])
        if self.injector is not None:
            entries.extend(self.injector(self, day, entries))
        entries.sort(key=lambda e: (e.sort_key, e.line))
        first_data_line = len(self.header) + 1
        for n, e in enumerate(entries):
            if e.bad is not None:
                e.bad.line_number = first_data_line + n if self.ext == "jsonl" else None
                self.bad.append(e.bad)
        text = "".join(h + "\n" for h in self.header) + "".join(e.line + "\n" for e in entries)
        with open(self.root / self.relative_file(day), "w", encoding="utf-8", newline="") as f:
            f.write(text)
        self._flushed.add(day)

    @property
    def raw_records(self) -> int:
        return self.valid_records + len(self.bad)

    @property
    def superseded(self) -> int:
        return self.valid_records - len(self.keys)
