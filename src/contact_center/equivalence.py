"""Build a window of landing files one day at a time, incrementally, and once as a full refresh of the same
files, then compare every published table row for row (the incremental-equals-full-rebuild check).

Used by tests/python/test_incremental_equivalence.py and, by hand, with
`python -m contact_center.equivalence --landing landing --days 5 --work /tmp/equivalence`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from contact_center.compare import TableDifference, compare_warehouses

ROOT = Path(__file__).resolve().parents[2]
_DAY = re.compile(r"_(\d{4}-\d{2}-\d{2})\.[a-z]+$")


def landing_days(landing: Path) -> list[str]:
    """The days of the landing files (from their `_YYYY-MM-DD` names), in order."""
    return sorted({m.group(1) for p in landing.rglob("*") if p.is_file() and (m := _DAY.search(p.name))})


def copy_day(source: Path, target: Path, day: str) -> list[Path]:
    """Copy every landing file of `day` from `source` into the same folders of `target`."""
    copied = []
    for path in sorted(source.rglob(f"*_{day}.*")):
        destination = target / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        copied.append(destination)
    return copied


def dbt_build(landing: Path, build_path: Path, work: Path, *, full_refresh: bool, extra_vars: str = "") -> float:
    """`dbt build` of the models and seeds (no tests) on `landing` into `build_path`; returns seconds."""
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(ROOT),
        "CC_BUILD_PATH": str(build_path),
        "CC_PII_SALT": os.environ.get("CC_PII_SALT") or "equivalence-salt",
        "CC_DUCKDB_TEMP_DIR": str(work / "tmp"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
    }
    dbt_vars = f"{{landing_path: '{landing}'{', ' + extra_vars if extra_vars else ''}}}"
    command = [
        str(Path(sys.executable).with_name("dbt")),
        "build",
        "--resource-type",
        "model",
        "--resource-type",
        "seed",
        "--vars",
        dbt_vars,
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
        "--quiet",
    ]
    if full_refresh:
        command.append("--full-refresh")
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"dbt build failed ({build_path.name}):\n{result.stdout}\n{result.stderr}")
    return time.perf_counter() - started


def run_equivalence(
    source: Path,
    work: Path,
    days: int | None = None,
    before_day: Callable[[str, Path], None] | None = None,
) -> tuple[list[TableDifference | str], dict[str, float]]:
    """Incremental day-by-day build vs a full refresh of the same files; returns differences and timings.

    `before_day(day, landing)` may change the incremental landing folder after a day's files are copied
    (late re-deliveries, edited schedules); the full refresh reads the folder as it is at the end.
    """
    shutil.rmtree(work, ignore_errors=True)
    landing = work / "landing"
    landing.mkdir(parents=True)
    selected: Sequence[str] = landing_days(source)[: days or None]
    timings: dict[str, float] = {}
    incremental = work / "incremental.duckdb"
    for day in selected:
        copy_day(source, landing, day)
        if before_day is not None:
            before_day(day, landing)
        timings[day] = dbt_build(landing, incremental, work, full_refresh=False)
    full = work / "full.duckdb"
    timings["full refresh"] = dbt_build(landing, full, work, full_refresh=True)
    return compare_warehouses(full, incremental), timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--landing", type=Path, default=Path("landing"))
    parser.add_argument("--days", type=int, default=None)
    parser.add_argument("--work", type=Path, default=Path("/tmp/equivalence"))
    args = parser.parse_args(argv)
    differences, timings = run_equivalence(args.landing.resolve(), args.work.resolve(), args.days)
    for step, seconds in timings.items():
        print(f"  {step:<14} {seconds:6.1f} s")
    for difference in differences:
        print(difference)
    print("equal" if not differences else f"{len(differences)} tables differ")
    return 0 if not differences else 1


if __name__ == "__main__":
    sys.exit(main())
