"""The scheduled job (`contact-center run`, `make run`): raw checks on the new files, an incremental build,
a publish. One run at a time (a lock); every outcome has its own exit code (README, "Scheduling").

1. Take the run lock (`warehouse/.run.lock`): a second run waits `--wait` seconds for it, then exits
   with EXIT_LOCKED and says who holds it; it never touches the first run's files.
2. Clean up what a killed or failed run left: a killed publish's temporary catalog and Parquet files,
   DuckDB's spill files.
3. Find the landing files that are new or changed since the build loaded them. With none, and the last
   build complete and published, say so and stop (exit 0).
4. Great Expectations raw checks on the new files only (and the baseline day each is compared with).
5. `dbt build`: incremental, unless `--full-refresh` (or there is no build yet).
6. Publish, only when the build completed; the published file otherwise stays as it was.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from contact_center.publish import BuildNotPublishable, clean_leftovers, publish

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_RAW_CHECKS_FAILED = 3
EXIT_BUILD_FAILED = 4
EXIT_PUBLISH_FAILED = 5
EXIT_LOCKED = 6
EXIT_CONFIGURATION = 7
EXIT_STALE = 8

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class RunSettings:
    landing: Path
    build_path: Path
    published_path: Path
    full_refresh: bool = False
    wait_seconds: float = 0.0
    raw_checks: bool = True
    fail_on_stale: bool = False
    data_tests: bool = True


class RunLocked(RuntimeError):
    pass


@contextmanager
def run_lock(lock_path: Path, wait_seconds: float) -> Iterator[None]:
    """An exclusive lock on `lock_path` for the whole run; waits up to `wait_seconds` for it."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115  (held for the whole run)
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise RunLocked(
                        f"another run holds {lock_path} ({holder}); this run did nothing. "
                        "Wait for it to finish, or pass --wait SECONDS to queue behind it."
                    ) from None
                time.sleep(min(1.0, max(0.05, deadline - time.monotonic())))
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, started {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC")
        handle.flush()
        yield
    finally:
        handle.close()


def landing_files(landing: Path) -> dict[str, tuple[int, float]]:
    """Every raw export file in `landing` (the sources' folders and patterns): path -> (size, mtime)."""
    from contact_center.raw_checks import SOURCES

    found: dict[str, tuple[int, float]] = {}
    for spec in SOURCES:
        for path in sorted((landing / spec.folder).glob(f"{spec.entity}_*.{spec.ext}")):
            stat = path.stat()
            found[str(path.resolve())] = (stat.st_size, stat.st_mtime)
    return found


@dataclass(frozen=True)
class BuildState:
    exists: bool
    latest_status: str | None
    latest_batch: int
    build_id: str | None
    loaded: dict[str, tuple[int, float]]


def read_build_state(build_path: Path) -> BuildState:
    """What the build file has: its runs and the files its base_ models loaded (read-only)."""
    if not build_path.exists():
        return BuildState(False, None, 0, None, {})
    con = duckdb.connect(str(build_path), read_only=True)
    try:
        tables = [
            name
            for (name,) in con.execute(
                "select table_name from information_schema.tables where table_schema = 'landing'"
            ).fetchall()
        ]
        latest = (
            con.execute("select status, batch_id from landing.cc_runs order by batch_id desc limit 1").fetchone()
            if "cc_runs" in tables
            else None
        )
        build_id = (
            (con.execute("select build_id from landing.cc_build").fetchone() or (None,))[0]
            if "cc_build" in tables
            else None
        )
        loaded: dict[str, tuple[int, float]] = {}
        for name in (t for t in tables if t.endswith("__files")):
            for path, size, modified in con.execute(
                f"select file_name, file_size, file_modified_at from landing.\"{name}\" where status = 'loaded'"
            ).fetchall():
                loaded[str((ROOT / path).resolve())] = (int(size), modified.replace(tzinfo=UTC).timestamp())
        return BuildState(True, latest[0] if latest else None, int(latest[1]) if latest else 0, build_id, loaded)
    finally:
        con.close()


def new_files(landing: Path, state: BuildState) -> list[str]:
    """Landing files not loaded yet, or changed (size, or modification time to the second) since."""
    out = []
    for path, (size, mtime) in landing_files(landing).items():
        known = state.loaded.get(path)
        if known is None or known[0] != size or int(known[1]) != int(mtime):
            out.append(path)
    return out


def published_batch(published_path: Path) -> tuple[str | None, int]:
    if not published_path.exists():
        return None, 0
    try:
        con = duckdb.connect(str(published_path), read_only=True)
        try:
            row = con.execute("select build_id, batch_id from meta.publish_runs").fetchone()
        finally:
            con.close()
    except duckdb.Error:
        return None, 0
    return (row[0], int(row[1])) if row else (None, 0)


def _dbt(arguments: list[str], settings: RunSettings) -> int:
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": os.environ.get("DBT_PROFILES_DIR", str(ROOT)),
        "CC_BUILD_PATH": str(settings.build_path),
    }
    dbt = Path(sys.executable).with_name("dbt")
    command = [str(dbt), *arguments, "--vars", f"{{landing_path: '{settings.landing}'}}"]
    return subprocess.run(command, cwd=ROOT, env=env).returncode


def _say(message: str) -> None:
    print(f"[contact-center run] {message}", flush=True)


def scheduled_run(settings: RunSettings) -> int:
    """One scheduled run; returns its exit code."""
    if not os.environ.get("CC_PII_SALT", "").strip():
        _say("CC_PII_SALT is missing or empty: set it to your deployment's secret salt (the same every run)")
        return EXIT_CONFIGURATION
    try:
        with run_lock(settings.build_path.parent.parent / ".run.lock", settings.wait_seconds):
            return _locked_run(settings)
    except RunLocked as locked:
        _say(str(locked))
        return EXIT_LOCKED


def _locked_run(settings: RunSettings) -> int:
    started = time.perf_counter()
    settings.build_path.parent.mkdir(parents=True, exist_ok=True)
    removed = clean_leftovers(settings.published_path)
    spill = settings.build_path.parent / "tmp"
    for leftover in spill.glob("*") if spill.exists() else []:
        if leftover.is_file():
            leftover.unlink()
    if removed:
        _say(f"removed {len(removed)} files a killed publish left behind")
    try:
        state = read_build_state(settings.build_path)
    except duckdb.IOException as error:
        _say(f"cannot open the build file (is a dbt command running outside `make run`?): {error}")
        return EXIT_LOCKED
    arriving = new_files(settings.landing, state)
    published_build, published = published_batch(settings.published_path)
    full_refresh = settings.full_refresh or not state.exists
    if not arriving and not full_refresh:
        if state.latest_status == "complete":
            if published_build == state.build_id and published == state.latest_batch:
                _say(
                    f"nothing new in {settings.landing} since the last run (batch {state.latest_batch}, "
                    f"{len(state.loaded)} files loaded); the published file is current"
                )
                return _freshness(settings)
            _say("no new files; publishing the last complete build, which was not published")
            return _publish(settings, started)
        _say(f"no new files, but the last run (batch {state.latest_batch}) did not complete: running again")
    else:
        _say(f"{len(arriving)} new or changed files in {settings.landing}")
    if settings.raw_checks and arriving:
        from contact_center.raw_checks import run_raw_checks

        report = run_raw_checks(settings.landing, only=[Path(p) for p in arriving])
        for suite in report.suites:
            _say(f"raw checks {suite.source}: {'OK' if suite.success else 'FAILED'} ({suite.files} files)")
        if not report.success:
            for suite in report.failed_suites:
                for failure in suite.failures[:10]:
                    _say(f"  {suite.source}: {failure}")
            _say("raw checks failed: nothing built, nothing published; fix or remove the files, then run again")
            return EXIT_RAW_CHECKS_FAILED
    build = ["build", *(["--full-refresh"] if full_refresh else [])]
    if not settings.data_tests:
        build += ["--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"]
    code = _dbt(build, settings)
    if code != 0:
        _say(
            f"dbt build failed (exit {code}): nothing published, the published file is as it was. Fix the cause "
            "(target/run_results.json, logs/dbt.log) and run again: the next run redoes what this one left undone"
        )
        return EXIT_BUILD_FAILED
    result = _publish(settings, started)
    return result if result != EXIT_OK else _freshness(settings)


def _publish(settings: RunSettings, started: float) -> int:
    try:
        report = publish(settings.build_path, settings.published_path)
    except BuildNotPublishable as refusal:
        _say(f"not published: {refusal}")
        return EXIT_BUILD_FAILED
    except Exception as error:  # noqa: BLE001  (a disk full, a permission: say it, keep the old file)
        _say(f"publish failed, the published file is as it was: {error}")
        return EXIT_PUBLISH_FAILED
    _say(
        f"published batch {report.batch_id}: {report.files_written} Parquet files written, "
        f"{report.files_retired} retired, {report.files_deleted} deleted; run took "
        f"{time.perf_counter() - started:.1f} s"
    )
    return EXIT_OK


def _freshness(settings: RunSettings) -> int:
    """`dbt source freshness`: printed; exit EXIT_STALE on a stale source only with --fail-on-stale."""
    code = _dbt(["source", "freshness"], settings)
    if code != 0:
        _say("a source is stale (its latest file is older than its error_after): see above")
        return EXIT_STALE if settings.fail_on_stale else EXIT_OK
    return EXIT_OK
