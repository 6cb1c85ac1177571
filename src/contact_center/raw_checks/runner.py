"""run_raw_checks: read every landing folder, validate each daily file and each folder's per-day volume."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Collection, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from contact_center.raw_checks.readers import discover, read_file
from contact_center.raw_checks.report import FILES_BATCH, Failure, RawCheckReport, SuiteResult
from contact_center.raw_checks.spec import SOURCES, SourceSpec
from contact_center.raw_checks.volume import DayFile, baseline_day, date_range, files_frame

DEFAULT_MOSTLY = 0.99
DEFAULT_MIN_VOLUME_RATIO = 0.25
DEFAULT_SAMPLE_SIZE = 2_000
DEFAULT_MIN_BASELINE_ROWS = 20
DEFAULT_TOLERATED_BAD_RECORDS = 5
MOSTLY_FLOOR = 0.5
"""Whatever the tolerance, a file where half the records fail a check fails it."""


def file_mostly(records: int, mostly: float, tolerated: int) -> float:
    """The ``mostly`` a file's record-level checks get: ``mostly``, relaxed so that up to ``tolerated``
    bad records pass in a small file (2 bad answers among 150 survey responses are normal), but never
    below ``MOSTLY_FLOOR`` (a mostly broken file fails however small)."""
    if records <= 0:
        return mostly
    return max(MOSTLY_FLOOR, min(mostly, 1 - tolerated / records))


@dataclass(frozen=True)
class CheckOptions:
    mostly: float = DEFAULT_MOSTLY
    min_volume_ratio: float = DEFAULT_MIN_VOLUME_RATIO
    sample_size: int = DEFAULT_SAMPLE_SIZE
    min_baseline_rows: int = DEFAULT_MIN_BASELINE_ROWS
    tolerated_bad_records: int = DEFAULT_TOLERATED_BAD_RECORDS


def run_raw_checks(
    landing: Path,
    report_path: Path | None = None,
    *,
    mostly: float = DEFAULT_MOSTLY,
    min_volume_ratio: float = DEFAULT_MIN_VOLUME_RATIO,
    sample_size: int = DEFAULT_SAMPLE_SIZE,
    min_baseline_rows: int = DEFAULT_MIN_BASELINE_ROWS,
    tolerated_bad_records: int = DEFAULT_TOLERATED_BAD_RECORDS,
    sources: Sequence[SourceSpec] = SOURCES,
    workers: int = 1,
    only: Collection[Path] | None = None,
) -> RawCheckReport:
    """Run the Great Expectations raw checks over ``landing`` (one folder per source, one file per day).

    Per source folder, the suite ``<folder>`` runs on every daily file (shape, record validity, key
    fields non-null and enums in their sets for at least ``mostly`` of the records, or all but
    ``tolerated_bad_records`` in a small file, never less than half; at most ``sample_size`` records per
    file, spread evenly over the file, are checked field by field) and the suite ``<folder> files`` on a
    per-day frame (every day present and readable; each day's record count, all records counted, at
    least ``min_volume_ratio`` of its baseline day's -- the same weekday a week before, else the
    previous day -- when the baseline has ``min_baseline_rows`` records or more; no empty file after a
    day with records). ``workers`` > 1 checks that many source folders at a time in forked processes.
    ``only`` restricts the checks to those files (the new files of a scheduled run): each is checked, and
    its day's volume against its baseline day's file, which is counted but not checked again; the days
    checked for presence run from the day after the last earlier file to the last new one.
    Writes the report as JSON to ``report_path`` when given.
    """
    started = time.perf_counter()
    landing = Path(landing)
    if not landing.is_dir():
        raise FileNotFoundError(f"landing folder not found: {landing}")
    options = CheckOptions(mostly, min_volume_ratio, sample_size, min_baseline_rows, tolerated_bad_records)

    discovered = {spec.folder: discover(landing / spec.folder, spec) for spec in sources}
    all_days = [day for found in discovered.values() for _, day, _ in found if day is not None]
    selected: dict[str, set[Path]] | None = None
    if only is None:
        calendar = date_range(all_days)
    else:
        wanted = {Path(p).resolve() for p in only}
        selected = {
            folder: {path for path, _, _ in found if path.resolve() in wanted} for folder, found in discovered.items()
        }
        new_days = [day for folder, found in discovered.items() for path, day, _ in found if path in selected[folder]]
        earlier = [day for day in all_days if new_days and day < min(new_days)]
        calendar = date_range(new_days + ([max(earlier) + timedelta(days=1)] if earlier else []))
    jobs = [
        (spec, discovered[spec.folder], calendar, options, None if selected is None else selected[spec.folder])
        for spec in sources
    ]

    import contact_center.raw_checks.gx_checks  # noqa: F401  (import GE once, before any fork)

    fork = "fork" in multiprocessing.get_all_start_methods()
    if workers > 1 and len(jobs) > 1 and fork:
        pool = ProcessPoolExecutor(min(workers, len(jobs)), mp_context=multiprocessing.get_context("fork"))
        with pool:
            suites = list(pool.map(_check_source, *zip(*jobs, strict=True)))
    else:
        suites = [_check_source(*job) for job in jobs]

    report = RawCheckReport(
        landing=str(landing),
        success=all(s.success for s in suites),
        elapsed_seconds=round(time.perf_counter() - started, 3),
        suites=suites,
    )
    if report_path is not None:
        report.write_json(Path(report_path))
    return report


def _baselines(spec: SourceSpec, found: list[tuple[Path, date | None, str | None]], selected: set[Path]) -> set[Path]:
    """The earlier files the selected files' days are compared with (the same weekday a week before, else
    the latest earlier file; never a first file that is a full extract) that are not selected themselves."""
    by_day = {day: path for path, day, problem in found if day is not None and problem is None}
    usable = sorted(by_day)
    if spec.first_file_full_extract:
        usable = usable[1:]
    chosen = set()
    for path, day, _ in found:
        if path in selected and day is not None:
            base = baseline_day(day, usable)
            if base is not None and by_day[base] not in selected:
                chosen.add(by_day[base])
    return chosen


def _check_source(
    spec: SourceSpec,
    found: list[tuple[Path, date | None, str | None]],
    calendar: list[date],
    options: CheckOptions,
    selected: set[Path] | None = None,
) -> SuiteResult:
    """One source folder, in its own ephemeral GE context (so it can run in a worker process); only the
    ``selected`` files when given (and their baseline files, counted for the volume check)."""
    from contact_center.raw_checks.gx_checks import RunOutcome, SourceChecks, make_context

    min_ratio = options.min_volume_ratio if spec.min_volume_ratio is None else spec.min_volume_ratio
    checks = SourceChecks(make_context(), spec, min_volume_ratio=min_ratio)
    outcome = RunOutcome()
    day_files: list[DayFile] = []
    baselines = set() if selected is None else _baselines(spec, found, selected)
    for path, day, problem in found:
        checked = selected is None or path in selected
        if not checked and path not in baselines:
            continue
        if problem is not None:
            day_files.append(DayFile(name=path.name, day=None, rows=0, read_error=problem))
            continue
        data = read_file(path, day, spec, options.sample_size)
        if data.records is not None and checked:
            threshold = file_mostly(len(data.records), options.mostly, options.tolerated_bad_records)
            outcome.add(checks.check_file(data.records, data.name, mostly=threshold))
        day_files.append(DayFile(data.name, day, data.rows, read_error=data.read_error, header_row_3=data.header_row_3))
    first_day = min((day for _, day, problem in found if day is not None and problem is None), default=None)
    frame = files_frame(
        spec,
        day_files,
        calendar,
        min_baseline_rows=options.min_baseline_rows,
        full_extract_day=first_day if spec.first_file_full_extract else None,
    )
    outcome.add(checks.check_files(frame))
    return SuiteResult(
        source=spec.folder,
        success=outcome.failed == 0,
        evaluated=outcome.evaluated,
        failed=outcome.failed,
        files=sum(1 for f in day_files if f.day is not None),
        rows=sum(f.rows for f in day_files),
        failures=_ordered(outcome.failures),
    )


def _ordered(failures: list[Failure]) -> list[Failure]:
    """Files-level failures first (they explain the rest), then per file in date order."""
    return sorted(failures, key=lambda f: (f.batch != FILES_BATCH, f.batch))
