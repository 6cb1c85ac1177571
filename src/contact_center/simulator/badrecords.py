"""Deliberately bad records, a few per source, the way real exports carry them: a truncated JSON line,
a record missing its key, an unparseable timestamp, an out-of-range score, an activity ending before
it starts, an impossible hire date. They are extra records (every real record is also delivered
intact), and each is listed with its reason in the ground truth.

They are planned per 28-day block of the window (a fixed number of each kind in every block, on days
drawn from the block's own stream), so a window holds about the same number per day however long it is,
and a shorter window's days get the same bad records as a longer one's."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import date, timedelta

from contact_center.simulator.rand import new_uuid, stream
from contact_center.simulator.sinks import BadEntry, BadRecord, DailySink, Entry, csv_line, parse_csv_line

Maker = Callable[[random.Random, DailySink, date, list[Entry]], BadEntry | None]
BLOCK_DAYS = 28


class _Source:
    """A valid entry as the makers read it."""

    __slots__ = ("sort_key", "line")

    def __init__(self, entry: Entry) -> None:
        self.sort_key, self.line = entry


def _pick(rng: random.Random, entries: list[Entry], predicate: Callable[[str], bool] | None = None) -> _Source | None:
    pool = entries if predicate is None else [e for e in entries if predicate(e[1])]
    return _Source(pool[rng.randrange(len(pool))]) if pool else None


def _bad(sink: DailySink, day: date, sort_key: tuple[object, ...], line: str, key: str, reason: str) -> BadEntry:
    return (sort_key, line, BadRecord(sink.folder, sink.relative_file(day), key, reason))


def truncated_json(rng: random.Random, sink: DailySink, day: date, entries: list[Entry]) -> BadEntry | None:
    src = _pick(rng, entries)
    if src is None:
        return None
    cut = int(len(src.line) * rng.uniform(0.35, 0.7))
    return _bad(sink, day, src.sort_key, src.line[:cut], "", "line is not a JSON object")


def json_missing_key(field: str) -> Maker:
    def make(rng: random.Random, sink: DailySink, day: date, entries: list[Entry]) -> BadEntry | None:
        src = _pick(rng, entries)
        if src is None:
            return None
        obj = json.loads(src.line)
        obj.pop(field, None)
        return _bad(sink, day, src.sort_key, json.dumps(obj, separators=(",", ":")), "", f"missing {field}")

    return make


def ctr_bad_enqueue(rng: random.Random, sink: DailySink, day: date, entries: list[Entry]) -> BadEntry | None:
    src = _pick(rng, entries, lambda line: '"EnqueueTimestamp"' in line)
    if src is None:
        return None
    obj = json.loads(src.line)
    obj["ContactId"] = new_uuid(rng)
    stamp = obj["Queue"]["EnqueueTimestamp"]
    obj["Queue"]["EnqueueTimestamp"] = stamp[:11] + "25:" + stamp[14:]  # hour 25
    line = json.dumps(obj, separators=(",", ":"))
    return _bad(sink, day, src.sort_key, line, obj["ContactId"], "unparseable Queue.EnqueueTimestamp")


def event_bad_timestamp(rng: random.Random, sink: DailySink, day: date, entries: list[Entry]) -> BadEntry | None:
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

    def make(rng: random.Random, sink: DailySink, day: date, entries: list[Entry]) -> BadEntry | None:
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

    def make(rng: random.Random, sink: DailySink, day: date, entries: list[Entry]) -> BadEntry | None:
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


def schedule_ends_before_start(rng: random.Random, sink: DailySink, day: date, entries: list[Entry]) -> BadEntry | None:
    src = _pick(rng, entries)
    if src is None:
        return None
    row = parse_csv_line(src.line)
    start = row[2][:11] + f"06:{rng.randrange(60):02d}:17"  # a start no real activity has
    end = row[2][:11] + "05:45:00"
    row = [row[0], "Open", start, end, row[4], row[5]]
    return _bad(sink, day, src.sort_key, csv_line(row), row[0], "activity ends before it starts")


class BadRecordPlan:
    """Which bad records go into which day's file: ``count`` of a kind in every 28-day block from the window's
    start, on days drawn from the block's stream; each day's copies come from that day's own stream."""

    def __init__(self, seed: int, window_start: date) -> None:
        self.seed = seed
        self.window_start = window_start
        self._kinds: list[tuple[str, Maker, int]] = []
        self._blocks: dict[date, dict[tuple[str, date], list[Maker]]] = {}

    def add(self, folder: str, maker: Maker, count: int) -> None:
        self._kinds.append((folder, maker, count))

    def _block(self, day: date) -> dict[tuple[str, date], list[Maker]]:
        start = self.window_start + timedelta(days=(day - self.window_start).days // BLOCK_DAYS * BLOCK_DAYS)
        plan = self._blocks.get(start)
        if plan is None:
            self._blocks = {}  # days are flushed in order: earlier blocks are done
            rng = stream(self.seed, f"bad-records:{start.isoformat()}")
            plan = self._blocks[start] = {}
            for folder, maker, count in self._kinds:
                for _ in range(count):
                    when = start + timedelta(days=rng.randrange(BLOCK_DAYS))
                    plan.setdefault((folder, when), []).append(maker)
        return plan

    def injector(self, sink: DailySink, day: date, entries: list[Entry]) -> list[BadEntry]:
        makers = self._block(day).get((sink.folder, day), [])
        if not makers:
            return []
        rng = stream(self.seed, f"bad-records:{sink.folder}:{day.isoformat()}")
        out = []
        for maker in makers:
            entry = maker(rng, sink, day, entries)
            if entry is not None:
                out.append(entry)
        return out
