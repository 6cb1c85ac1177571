"""`contact-center` command line: simulate, check-raw, publish."""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from datetime import date
from pathlib import Path

DEFAULT_BUILD = Path("warehouse/build/contact_center.duckdb")
DEFAULT_PUBLISHED = Path("warehouse/contact_center.duckdb")


SIMULATED_MARKER = ".simulated"

# Exit codes of `contact-center publish` and `contact-center run` (README, "Scheduling").
EXIT_NOT_PUBLISHABLE = 4


def _prepare_output(folder: Path, clear: bool = True) -> None:
    """Empty a folder the simulator wrote before (or, with ``clear`` False, keep its files to add to them);
    refuse to touch one holding anybody else's files."""
    if folder.exists() and any(folder.iterdir()):
        if not (folder / SIMULATED_MARKER).exists():
            raise SystemExit(
                f"{folder}/ holds files the simulator did not write (your own exports?): "
                "move them away or pass another --out/--truth-out"
            )
        if clear:
            shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / SIMULATED_MARKER
    if not marker.exists():
        marker.write_text("written by `contact-center simulate`; rerunning it replaces this folder\n")


def _cmd_simulate(args: argparse.Namespace) -> int:
    from contact_center.simulator import simulate

    _prepare_output(args.out, clear=args.write_from is None)
    _prepare_output(args.truth_out)
    started = time.perf_counter()
    summary = simulate(
        days=args.days,
        start=args.start,
        seed=args.seed,
        scale=args.scale,
        out=args.out,
        truth_out=args.truth_out,
        write_from=args.write_from,
    )
    elapsed = time.perf_counter() - started
    run = f"{args.days} days from {args.start} (seed {args.seed}, scale {args.scale})"
    if args.write_from is not None:
        run += f", landing files from {args.write_from} on"
    print(f"simulated {run} in {elapsed:.1f} s")
    for key, value in summary.items():
        print(f"  {key:<32} {value:>12,}")
    print(f"raw exports in {args.out}/, ground truth in {args.truth_out}/")
    return 0


def _cmd_check_raw(args: argparse.Namespace) -> int:
    from contact_center.raw_checks import main_check_raw

    argv = ["--landing", str(args.landing)]
    if args.report:
        argv += ["--report", str(args.report)]
    return main_check_raw(argv)


def _cmd_publish(args: argparse.Namespace) -> int:
    from contact_center.publish import BuildNotPublishable, publish
    from contact_center.sql_functions import PUBLIC_FUNCTION_NAMES

    started = time.perf_counter()
    try:
        report = publish(args.build, args.published)
    except BuildNotPublishable as refusal:
        print(f"not published: {refusal}", file=sys.stderr)
        return EXIT_NOT_PUBLISHABLE
    elapsed = time.perf_counter() - started
    print(
        f"published {args.published}: batch {report.batch_id}, {len(report.tables)} tables, "
        f"{report.files_written} Parquet files written{' (whole build)' if report.whole else ''}, "
        f"{report.files_retired} retired, {report.files_deleted} deleted, {elapsed:.1f} s"
    )
    if args.verbose:
        for table in report.tables:
            print(
                f"  {table.schema + '.' + table.name:<56} {table.rows:>12,} rows  "
                f"{table.kind:<7} {table.partitions_written:>5} partitions written"
            )
    print(f"SQL functions for analysts: {', '.join(PUBLIC_FUNCTION_NAMES)}")
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from contact_center.scheduled_run import RunSettings, scheduled_run

    return scheduled_run(
        RunSettings(
            landing=args.landing,
            build_path=args.build,
            published_path=args.published,
            full_refresh=args.full_refresh,
            wait_seconds=args.wait,
            raw_checks=not args.skip_raw_checks,
            fail_on_stale=args.fail_on_stale,
            data_tests=not args.no_tests,
        )
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="contact-center", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    sim = commands.add_parser("simulate", help="simulate a contact center and write its raw exports")
    sim.add_argument("--days", type=int, default=28)
    sim.add_argument("--start", type=date.fromisoformat, default=date(2026, 10, 12))
    sim.add_argument("--seed", type=int, default=42)
    sim.add_argument("--scale", type=float, default=1.0, help="multiplies arrivals and agents")
    sim.add_argument("--out", type=Path, default=Path("landing"))
    sim.add_argument("--truth-out", type=Path, default=Path("ground_truth"))
    sim.add_argument(
        "--write-from",
        type=date.fromisoformat,
        default=None,
        help="simulate the whole window but write only the landing files of this day and later, into --out "
        "as it is (a folder the simulator wrote): adds the next days' files; the ground truth is rewritten",
    )
    sim.set_defaults(func=_cmd_simulate)

    check = commands.add_parser("check-raw", help="Great Expectations checks on the raw exports")
    check.add_argument("--landing", type=Path, default=Path("landing"))
    check.add_argument("--report", type=Path, default=None)
    check.set_defaults(func=_cmd_check_raw)

    pub = commands.add_parser("publish", help="publish the built warehouse for readers, atomically")
    pub.add_argument("--build", type=Path, default=DEFAULT_BUILD)
    pub.add_argument("--published", type=Path, default=DEFAULT_PUBLISHED)
    pub.add_argument("--verbose", action="store_true", help="list every table published")
    pub.set_defaults(func=_cmd_publish)

    run = commands.add_parser(
        "run",
        help="the scheduled job: raw checks on the new files, incremental dbt build, publish",
        description="The scheduled job. Exit codes: 0 done (or nothing new), 1 unexpected error, 3 raw checks "
        "failed, 4 build failed or incomplete (nothing published), 5 publish failed, 6 another run holds "
        "the lock, 7 configuration (CC_PII_SALT), 8 a source is stale (with --fail-on-stale).",
    )
    run.add_argument("--landing", type=Path, default=Path("landing"))
    run.add_argument("--build", type=Path, default=DEFAULT_BUILD)
    run.add_argument("--published", type=Path, default=DEFAULT_PUBLISHED)
    run.add_argument("--full-refresh", action="store_true", help="rebuild everything from all landing files")
    run.add_argument("--wait", type=float, default=0.0, help="seconds to wait for a run in progress (default 0)")
    run.add_argument("--skip-raw-checks", action="store_true", help="build without the Great Expectations checks")
    run.add_argument("--fail-on-stale", action="store_true", help="exit 8 when `dbt source freshness` errors")
    run.add_argument(
        "--no-tests", action="store_true", help="build the models without dbt's data and unit tests (a trial run)"
    )
    run.set_defaults(func=_cmd_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
