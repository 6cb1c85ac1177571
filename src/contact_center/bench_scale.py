"""`make bench-scale CONTACTS=10M`: the warehouse at production volume, measured, one table printed.

A center of scale 9 (about 27,000 contacts a day, a 1,500-seat center's 10 million a year) is simulated
once into `bench/cache/` (the simulator writes the first N days the same whatever the length, so one
cache serves every size; it is extended when a larger size needs more days). For CONTACTS contacts of
history it links the first days holding them into a landing folder and measures, in this order:

1. the parse-once floor: one DuckDB pass reading every raw file and parsing it (every JSON line
   parsed, every CSV field read), with the build's memory and thread settings;
2. the full build of the models (`dbt build --full-refresh`, data and unit tests excluded), its peak
   memory, then the data and unit tests on it (`dbt test`);
3. the publish of that build;
4. one more day on top of that history, the way the scheduled job meets it: the incremental build
   of the models, and its publish.

Figures go to `bench/results/<contacts>.json` (and, step by step as they are measured, to
`bench/run-<contacts>/figures.json`); the table also shows the other sizes measured so far, so
the growth of the daily run from 1M to 10M of history reads off it. Nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import duckdb

from contact_center.publish import publish, remove_published
from contact_center.raw_checks import SOURCES

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
START = date(2026, 1, 5)
SCALE = 9.0
SEED = 42
CONTACTS_PER_DAY_PER_SCALE = 3_050  # for choosing the days; the measured count is printed


def parse_contacts(text: str) -> int:
    text = text.strip().upper()
    factor = {"K": 1_000, "M": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if factor > 1 else text) * factor)


def _cache_days(cache: Path) -> int:
    marker = cache / "days.json"
    return json.loads(marker.read_text())["days"] if marker.exists() else 0


def ensure_cache(days: int, scale: float) -> tuple[Path, float | None]:
    """The simulated exports of at least `days` days; simulates them when missing (returns its seconds)."""
    cache = BENCH / ("cache" if scale == SCALE else f"cache-scale-{scale:g}")
    if _cache_days(cache) >= days:
        return cache, None
    started = time.perf_counter()
    landing, truth = cache / "landing", cache / "truth"
    for folder in (landing, truth):
        if folder.exists():
            shutil.rmtree(folder)
    command = [
        str(Path(sys.executable).with_name("contact-center")),
        "simulate",
        "--days",
        str(days),
        "--start",
        START.isoformat(),
        "--seed",
        str(SEED),
        "--scale",
        str(scale),
        "--out",
        str(landing),
        "--truth-out",
        str(truth),
    ]
    subprocess.run(command, check=True, cwd=ROOT)
    (cache / "days.json").write_text(json.dumps({"days": days, "start": START.isoformat(), "scale": scale}))
    return cache, time.perf_counter() - started


def link_days(cache_landing: Path, landing: Path, days: int) -> None:
    """`landing` holds links to the cache's files of the first `days` days."""
    if landing.exists():
        shutil.rmtree(landing)
    last = START + timedelta(days=days - 1)
    for spec in SOURCES:
        (landing / spec.folder).mkdir(parents=True, exist_ok=True)
        for path in sorted((cache_landing / spec.folder).glob(f"{spec.entity}_*.{spec.ext}")):
            day = date.fromisoformat(path.stem.rsplit("_", 1)[1])
            if day <= last:
                (landing / spec.folder / path.name).symlink_to(path.resolve())


def landing_bytes(landing: Path) -> int:
    return sum(p.stat().st_size for p in landing.rglob("*") if p.is_file())


def parse_floor(landing: Path, temp_dir: Path) -> float:
    """Seconds for DuckDB to read and parse every raw file once (JSON lines parsed, CSV fields read)."""
    con = duckdb.connect()
    con.execute(f"set memory_limit = '{os.environ.get('CC_DUCKDB_MEMORY_LIMIT', '4GB')}'")
    con.execute(f"set threads = {int(os.environ.get('CC_DUCKDB_THREADS', '2'))}")
    con.execute(f"set temp_directory = '{temp_dir}'")
    started = time.perf_counter()
    # One day's file per query: a pattern over a year of files makes read_text hold every file's text at
    # once, outside the memory limit (at 10M contacts the bench process was killed at 24 GB).
    for spec in SOURCES:
        for path in sorted(str(p) for p in (landing / spec.folder).glob(f"{spec.entity}_*.{spec.ext}")):
            _parse_file(con, spec.ext, path)
    con.close()
    return time.perf_counter() - started


def _parse_file(con: duckdb.DuckDBPyConnection, ext: str, path: str) -> None:
    """Read and parse one raw file (every JSON line parsed, every CSV field read)."""
    if ext == "jsonl":
        con.execute(
            f"""
            select count(*) filter (where json_valid(line)), count(*)
            from (select unnest(string_split(content, chr(10))) as line from read_text('{path}'))
            where line <> ''
            """
        ).fetchall()
    else:
        con.execute(
            f"select count(*), max(columns(*)) from read_csv('{path}', "
            "header = true, all_varchar = true, union_by_name = true)"
        ).fetchall()


def _dbt(arguments: list[str], landing: Path, build_path: Path, work: Path) -> tuple[float, float]:
    """(seconds, peak RSS in GB) of one dbt command on `landing` into `build_path`."""
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(ROOT),
        "CC_BUILD_PATH": str(build_path),
        "CC_PII_SALT": os.environ.get("CC_PII_SALT") or "bench-salt",
        "CC_DUCKDB_TEMP_DIR": str(work / "tmp"),
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
    }
    dbt = str(Path(sys.executable).with_name("dbt"))
    rss = work / "peak_rss_kb"
    command = ["/usr/bin/time", "-f", "%M", "-o", str(rss), dbt, *arguments, "--vars", f"{{landing_path: '{landing}'}}"]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"dbt {' '.join(arguments)} failed:\n{result.stdout[-5000:]}")
    return seconds, int(rss.read_text().split()[-1]) / 1024 / 1024


MODELS_ONLY = ["--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"]


def measure(contacts: int, scale: float = SCALE, reuse_floor: bool = False) -> dict[str, float | int | str]:
    days = max(2, round(contacts / (CONTACTS_PER_DAY_PER_SCALE * scale)))
    cache, simulated = ensure_cache(days + 1, scale)
    work = BENCH / f"run-{contacts}"
    partial = work / "figures.json"
    previous = json.loads(partial.read_text()) if partial.exists() else {}
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    landing = work / "landing"
    link_days(cache / "landing", landing, days)
    (work / "tmp").mkdir()
    build = work / "build" / "contact_center.duckdb"
    published = work / "published" / "contact_center.duckdb"
    build.parent.mkdir()
    figures: dict[str, float | int | str] = {"contacts_target": contacts, "days": days, "scale": scale}
    # Written after every step: a long run that fails late keeps what it measured (the table below reads
    # only the finished runs in bench/results).
    if simulated is not None:
        figures["simulate_seconds"] = round(simulated, 1)
    figures["raw_bytes"] = landing_bytes(landing)
    if reuse_floor and previous.get("raw_bytes") == figures["raw_bytes"] and "floor_seconds" in previous:
        # The same files' floor from the previous (failed) run of this size: a 10M floor is 15 minutes.
        figures["floor_seconds"], figures["floor_reused"] = previous["floor_seconds"], 1
        if "simulate_seconds" in previous:
            figures["simulate_seconds"] = previous["simulate_seconds"]
    else:
        figures["floor_seconds"] = round(parse_floor(landing, work / "tmp"), 1)
    partial.write_text(json.dumps(figures, indent=1))
    seconds, peak = _dbt(["build", "--full-refresh", *MODELS_ONLY], landing, build, work)
    figures["build_seconds"], figures["build_peak_gb"] = round(seconds, 1), round(peak, 2)
    partial.write_text(json.dumps(figures, indent=1))
    con = duckdb.connect(str(build), read_only=True)
    (figures["contacts"],) = con.execute("select count(*) from marts.fct_contacts").fetchone() or (0,)
    con.close()
    seconds, peak = _dbt(["test"], landing, build, work)
    figures["test_seconds"], figures["test_peak_gb"] = round(seconds, 1), round(peak, 2)
    partial.write_text(json.dumps(figures, indent=1))
    started = time.perf_counter()
    publish(build, published)
    figures["publish_seconds"] = round(time.perf_counter() - started, 1)
    figures["build_bytes"] = build.stat().st_size
    partial.write_text(json.dumps(figures, indent=1))
    link_days(cache / "landing", landing, days + 1)
    seconds, peak = _dbt(["build", *MODELS_ONLY], landing, build, work)
    figures["day_build_seconds"], figures["day_build_peak_gb"] = round(seconds, 1), round(peak, 2)
    partial.write_text(json.dumps(figures, indent=1))
    started = time.perf_counter()
    report = publish(build, published)
    figures["day_publish_seconds"] = round(time.perf_counter() - started, 1)
    figures["day_publish_files"] = report.files_written
    remove_published(published)
    results = BENCH / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / f"{contacts}-scale-{scale:g}.json").write_text(json.dumps(figures, indent=1))
    return figures


def _row(label: str, figures: dict) -> str:
    floor, build, day = figures["floor_seconds"], figures["build_seconds"], figures["day_build_seconds"]
    day_total = day + figures["day_publish_seconds"]
    return (
        f"{label:>9} {figures['contacts']:>11,} {figures['raw_bytes'] / 1e9:>7.1f} GB {floor:>8.0f} s "
        f"{build:>8.0f} s {build / floor:>6.2f}x {figures['build_peak_gb']:>6.2f} GB {figures['test_seconds']:>7.0f} s "
        f"{figures['publish_seconds']:>7.0f} s {day:>7.1f} s {100 * day / build:>6.1f}% "
        f"{figures['day_publish_seconds']:>6.1f} s {100 * figures['day_publish_seconds'] / day_total:>5.1f}%"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--contacts", default="1M", help="contacts of history: 1M, 3M, 10M (default 1M)")
    parser.add_argument("--scale", type=float, default=SCALE, help=f"center size (default {SCALE:g}: 1,500 seats)")
    parser.add_argument(
        "--reuse-floor",
        action="store_true",
        help="take the floor from the last run of this size on the same files (it is marked in the figures)",
    )
    args = parser.parse_args(argv)
    contacts = parse_contacts(args.contacts)
    figures = measure(contacts, args.scale, args.reuse_floor)
    print()
    print(
        "     size    contacts     raw     floor     build  /floor   peak     tests  publish  +1 day  /build "
        "publish /day run"
    )
    measured = sorted(
        (f for p in (BENCH / "results").glob("*.json") if (f := json.loads(p.read_text())).get("scale") == args.scale),
        key=lambda f: f["contacts"],
    )
    for other in measured:
        print(_row(f"{other['contacts_target'] / 1e6:g}M", other))
    if len(measured) > 1:
        smallest, largest = measured[0], measured[-1]
        growth = (largest["day_build_seconds"] + largest["day_publish_seconds"]) / (
            smallest["day_build_seconds"] + smallest["day_publish_seconds"]
        )
        print(
            f"\nthe daily run (build + publish) on {largest['contacts']:,} contacts of history takes {growth:.2f}x "
            f"as long as on {smallest['contacts']:,}"
        )
    if figures.get("floor_reused"):
        print(f"(the {figures['contacts_target'] / 1e6:g}M floor is the previous run's, on the same files)")
    if "simulate_seconds" in figures:
        print(f"(simulated {figures['days'] + 1} days into bench/cache in {figures['simulate_seconds']:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
