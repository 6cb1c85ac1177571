"""Daily files: each source buffers its records per file day and writes a day's file, sorted, at the end of
that day. Counts what was written for the ground truth's delivery accounting.

The file day of a record is the later of the UTC day of its own stamp and the day the simulation is in
when the record is produced (``FileDays.today``): a record stamped 23:59:50 but produced by an event at
00:00:10 goes into the next day's file, the way real exports deliver late records. No record produced
after a day has ended can therefore fall in that day's file, so the file is complete and written then,
and the first N days' files do not depend on how many days follow. A record whose file day falls after
the window is not written.
"""

from __future__ import annotations

import csv
import io
import multiprocessing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path

_CSV_BUFFER = io.StringIO()
_CSV_WRITER = csv.writer(_CSV_BUFFER, lineterminator="\n")


def csv_line(row: Sequence[object]) -> str:
    """One RFC 4180 record (quoted where needed), without the trailing newline: what ``csv.writer`` writes.

    Most rows need no quoting (text fields without a comma, quote or line break), so they are joined
    directly; any other row goes through ``csv.writer``."""
    if len(row) > 1:
        try:
            line = ",".join(row)  # type: ignore[arg-type]
        except TypeError:  # a number: csv.writer formats it
            pass
        else:
            if line.count(",") == len(row) - 1 and '"' not in line and "\n" not in line and "\r" not in line:
                return line
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


# A valid record (sort key, line); a bad one (sort key, line, index into the day's bad records).
Entry = tuple[tuple[object, ...], str]
BadEntry = tuple[tuple[object, ...], str, BadRecord]
# An injector receives (sink, day, the day's valid entries) and returns extra, deliberately bad entries.
Injector = Callable[["DailySink", date, list[Entry]], list[BadEntry]]


@dataclass(slots=True)
class FileDays:
    """The window's file days, shared by every sink: ``[start, end)`` is the window, files of days before
    ``write_from`` are made (bad records and counts included) but not written, and ``today`` is the day
    the simulation is in."""

    start: date
    end: date
    write_from: date
    today: date


class DailySink:
    """One landing folder: ``<folder>/<entity>_YYYY-MM-DD.<ext>`` for every day of the window.

    A day's records are buffered here; its file is made (sorted, bad records injected) and written by
    ``write_file``, in this process or, through ``writer``, in the writer process."""

    def __init__(
        self,
        root: Path,
        folder: str,
        entity: str,
        ext: str,
        days: FileDays,
        header: Sequence[str] = (),
    ) -> None:
        self.root = root
        self.folder = folder
        self.entity = entity
        self.ext = ext
        self.days = days
        self.header = "".join(h + "\n" for h in header)
        self._header_rows = len(header)
        self._buffers: dict[date, list[Entry]] = {}
        self.valid_records = 0
        self.superseded = 0
        self.bad: list[BadRecord] = []
        self.injector: Injector | None = None
        self.writer: FileWriter | None = None
        (root / folder).mkdir(parents=True, exist_ok=True)

    def relative_file(self, day: date) -> str:
        return f"{self.folder}/{self.entity}_{day.isoformat()}.{self.ext}"

    def add(self, stamp_day: date, sort_key: tuple[object, ...], line: str, superseding: bool = False) -> bool:
        """Buffer a valid record stamped on ``stamp_day`` for its file day; False when that day is after the
        window (not written). ``superseding``: an earlier written record has the same key (a re-delivery,
        a later version or an exact duplicate)."""
        day = stamp_day if stamp_day > self.days.today else self.days.today
        if day >= self.days.end:
            return False
        buffer = self._buffers.get(day)
        if buffer is None:
            buffer = self._buffers[day] = []
        buffer.append((sort_key, line))
        self.valid_records += 1
        self.superseded += superseding
        return True

    def flush(self, day: date) -> None:
        """``day`` is over: no more records can fall in its file."""
        entries = self._buffers.pop(day, [])
        if self.writer is not None:
            self.writer.write(self.folder, day, entries)
        else:
            self.write_file(day, entries)

    def write_file(self, day: date, valid: list[Entry]) -> None:
        """Make ``day``'s file (sorted, with its bad records) and write it unless it is before ``write_from``."""
        entries: list[tuple[object, ...]] = list(valid)
        bad: list[BadRecord] = []
        if self.injector is not None:
            for sort_key, line, record in self.injector(self, day, valid):
                entries.append((sort_key, line, len(bad)))
                bad.append(record)
        entries.sort()
        if bad:
            first_data_line = self._header_rows + 1
            for n, e in enumerate(entries):
                if len(e) == 3:
                    record = bad[e[2]]  # type: ignore[index]
                    record.line_number = first_data_line + n if self.ext == "jsonl" else None
                    self.bad.append(record)
        if day >= self.days.write_from:
            text = self.header + "".join([e[1] + "\n" for e in entries])  # type: ignore[operator]
            with open(self.root / self.relative_file(day), "w", encoding="utf-8", newline="") as f:
                f.write(text)

    @property
    def raw_records(self) -> int:
        return self.valid_records + len(self.bad)


class FileWriter:
    """A second process that makes and writes the days' files while the simulation goes on.

    It is forked before the simulation builds its state, builds its own sinks with ``make_sinks`` (the
    same folders, headers and bad-record plan) and receives each day's records per folder, in order. What
    it writes depends only on those records, so the files are the same as written in one process. The
    queue holds a few days of records at most: the simulation waits when the writer falls behind."""

    def __init__(self, make_sinks: Callable[[], list[DailySink]]) -> None:
        context = multiprocessing.get_context("fork")
        self._inbox: multiprocessing.Queue[tuple[str, date, list[Entry]] | None] = context.Queue(maxsize=32)
        self._results, results = context.Pipe(duplex=False)
        self._process = context.Process(target=_serve, args=(make_sinks, self._inbox, results), daemon=True)
        self._process.start()

    def write(self, folder: str, day: date, entries: list[Entry]) -> None:
        if not self._process.is_alive():
            raise RuntimeError(f"the file writer process stopped (exit code {self._process.exitcode})")
        self._inbox.put((folder, day, entries))

    def stop(self) -> None:
        """The simulation failed: end the writer without waiting for its files."""
        self._process.terminate()
        self._process.join()
        self._inbox.cancel_join_thread()

    def close(self) -> dict[str, list[BadRecord]]:
        """Wait for every file; the bad records each folder's files hold."""
        self._inbox.put(None)
        result = self._results.recv()
        self._process.join()
        if isinstance(result, BaseException):
            raise RuntimeError("the file writer process failed") from result
        return result


def _serve(
    make_sinks: Callable[[], list[DailySink]],
    inbox: multiprocessing.Queue[tuple[str, date, list[Entry]] | None],
    results: Connection,
) -> None:
    try:
        sinks = {s.folder: s for s in make_sinks()}
        while (item := inbox.get()) is not None:
            folder, day, entries = item
            sinks[folder].write_file(day, entries)
        results.send({folder: s.bad for folder, s in sinks.items()})
    except BaseException as error:  # noqa: BLE001 - handed to the simulation, which raises it
        results.send(error)
