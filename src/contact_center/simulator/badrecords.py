"""Deliberately bad records, a few per source, the way real exports carry them: a truncated JSON line,
a record missing its key, an unparseable timestamp, an out-of-range score, an activity ending before
it starts, an impossible hire date. They are extra records (every real record is also delivered
intact), and each is listed with its reason in the ground truth."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import date

from contact_center.simulator.rand import new_uuid
from contact_center.simulator.sinks import BadRecord, DailySink, Entry, csv_line, parse_csv_line

Maker = Callable[[random.Random, DailySink, date, list[Entry]], Entry | None]


def _pick(rng: random.Random, entries: list[Entry], predicate: Callable[[str], bool] | None = None) -> Entry | None:
    pool = [e for e in entries if e.bad is None and (predicate is None or predicate(e.line))]
    return pool[rng.randrange(len(pool))] if pool else None


def _bad(sink: DailySink, day: date, sort_key: tuple[object, ...], line: str, key: str, reason: str) -> Entry:
    return Entry(sort_key, line, BadRecord(sink.folder, sink.relative_file(day), key, reason))


def truncated_json(rng: random.Random, sink: DailySink, day: date, entries: list[Entry]) -> Entry | None:
    src = _pick(rng, entries)
    if src is None:
        return None
    cut = int(len(src.line) * rng.uniform(0.35, 0.7))
    return _bad(sink, day, src.sort_key, src.line[:cut], "", "line is not a JSON object")


def json_missing_key(field: str) -> Maker:
    def make(rng: random.Random, sink: DailySink, day: date, entries: list[Entry]) -> Entry | None:
        src = _pick(rng, entries)
        if src is None:
            return None
        obj = json.loads(src.line)
        obj.pop(field, None)
        return _bad(sink, day, src.sort_key, json.dumps(obj, separators=(",", ":")), "", f"missing {field}")

    return make


def ctr_bad_enqueue(rng: random.Random, sink: DailySink, day: date, entries: list[Entry]) -> Entry | None:
    src = _pick(rng, entries, lambda line: '"EnqueueTimestamp"' in line)
    if src is None:
        return None
    obj = json.loads(src.line)
    obj["ContactId"] = new_uuid(rng)
    stamp = obj["Queue"]["EnqueueTimestamp"]
    obj["Queue"]["EnqueueTimestamp"] = stamp[:11] + "25:" + stamp[14:]  # hour 25
    line = json.dumps(obj, separators=(",", ":"))
    return _bad(sink, day, src.sort_key, line, obj["ContactId"], "unparseable Queue.EnqueueTimestamp")


def event_bad_timestamp(rng: random.Random, sink: DailySink, day: date, entries: list[Entry]) -> Entry | None:
    src = _pick(rng, entries)
    if src is None:
        return None
    obj = json.loads(src.line)
    obj["EventId"] = new_uuid(rng)
    stamp = obj["EventTimestamp"]
    obj["EventTimestamp"] = stamp[:14] + "75" + stamp[16:]  # minute 75
    line = json.dumps(obj, separators=(",", ":"))
    return _bad(sink, day, src.sort_key, line, obj["EventId"], "missing or unparseable EventTimestamp")


def csv_bad_value(
    column: int, value: Callable[[random.Random, list[str]], str], reason: str, new_key: bool = False
) -> Maker:
    """Copy a row and spoil one column; ``new_key`` gives the copy a fresh key (column 0)."""

    def make(rng: random.Random, sink: DailySink, day: date, entries: list[Entry]) -> Entry | None:
        src = _pick(rng, entries)
        if src is None:
            return None
        row = parse_csv_line(src.line)
        if new_key:
            row[0] = row[0][:-6] + "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(6))
        bad_value = value(rng, row)
        row[column] = bad_value
        return _bad(sink, day, src.sort_key, csv_line(row), row[0], reason.format(value=bad_value))

    return make


def survey_bad(column: int, reason: str, value: Callable[[random.Random, list[str]], str]) -> Maker:
    """Copy a response under a new ResponseId (column 8) and spoil one answer or date."""

    def make(rng: random.Random, sink: DailySink, day: date, entries: list[Entry]) -> Entry | None:
        src = _pick(rng, entries)
        if src is None:
            return None
        row = parse_csv_line(src.line)
        row[8] = "R_" + "".join(
            rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789") for _ in range(15)
        )
        bad_value = value(rng, row)
        row[column] = bad_value
        return _bad(sink, day, src.sort_key, csv_line(row), row[8], reason.format(value=bad_value))

    return make


def schedule_ends_before_start(rng: random.Random, sink: DailySink, day: date, entries: list[Entry]) -> Entry | None:
    src = _pick(rng, entries)
    if src is None:
        return None
    row = parse_csv_line(src.line)
    start = row[2][:11] + f"06:{rng.randrange(60):02d}:17"  # a start no real activity has
    end = row[2][:11] + "05:45:00"
    row = [row[0], "Open", start, end, row[4], row[5]]
    return _bad(sink, day, src.sort_key, csv_line(row), row[0], "activity ends before it starts")


class BadRecordPlan:
    """Which bad records go into which day's file, decided up front from the run's seed."""

    def __init__(self, rng: random.Random, days: list[date]) -> None:
        self.rng = rng
        self.days = days
        self._plan: dict[tuple[str, date], list[Maker]] = {}

    def add(self, folder: str, maker: Maker, count: int) -> None:
        for _ in range(count):
            day = self.days[self.rng.randrange(len(self.days))]
            self._plan.setdefault((folder, day), []).append(maker)

    def injector(self, sink: DailySink, day: date, entries: list[Entry]) -> list[Entry]:
        out = []
        for maker in self._plan.get((sink.folder, day), []):
            entry = maker(self.rng, sink, day, entries)
            if entry is not None:
                out.append(entry)
        return out
