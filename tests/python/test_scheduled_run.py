"""The scheduled run the way a scheduler meets it: failed and killed builds, a killed publish, an overlapping
run, a missing salt, and a run with nothing new. Readers' published file must never change but by a
complete build.

One small warehouse (three days at scale 0.2) goes through the scenarios in order, with real
`contact-center run`, `dbt` and `contact-center publish` processes (dbt's data tests left out to keep it
quick: the demo build runs them).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest

from contact_center.equivalence import copy_day, landing_days
from contact_center.scheduled_run import EXIT_BUILD_FAILED, EXIT_CONFIGURATION, EXIT_LOCKED, EXIT_OK
from contact_center.simulator import simulate

CLI = str(Path(sys.executable).with_name("contact-center"))
DBT = str(Path(sys.executable).with_name("dbt"))
ROOT = Path(__file__).resolve().parents[2]


class Warehouse:
    def __init__(self, base: Path) -> None:
        self.base = base
        self.source = base / "source"
        self.landing = base / "landing"
        self.build = base / "warehouse" / "build" / "contact_center.duckdb"
        self.published = base / "warehouse" / "contact_center.duckdb"
        self.lock = base / "warehouse" / ".run.lock"
        self.env = {
            **os.environ,
            "DBT_PROFILES_DIR": str(ROOT),
            "CC_PII_SALT": "scheduled-run-test-salt",
            "CC_DUCKDB_TEMP_DIR": str(base / "warehouse" / "build" / "tmp"),
            "DBT_TARGET_PATH": str(base / "target"),
            "DBT_LOG_PATH": str(base / "logs"),
        }

    def run(self, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.run_command(*extra), cwd=ROOT, env=env or self.env, capture_output=True, text=True)

    def run_command(self, *extra: str) -> list[str]:
        return [
            CLI,
            "run",
            "--landing",
            str(self.landing),
            "--build",
            str(self.build),
            "--published",
            str(self.published),
            "--no-tests",
            *extra,
        ]

    def publish(self) -> subprocess.CompletedProcess[str]:
        command = [CLI, "publish", "--build", str(self.build), "--published", str(self.published)]
        return subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True)

    def fingerprint(self) -> tuple[str, int, str]:
        """What readers see: the catalog's bytes, its batch, and a digest of every published mart's rows."""
        digest = hashlib.sha256(self.published.read_bytes()).hexdigest()
        con = duckdb.connect(str(self.published), read_only=True)
        try:
            (batch,) = con.execute("select batch_id from meta.publish_runs").fetchone()
            marts = [
                t
                for (t,) in con.execute(
                    "select table_name from duckdb_tables() where schema_name = 'marts' "
                    "union select view_name from duckdb_views() where schema_name = 'marts'"
                    " order by 1"
                ).fetchall()
            ]
            rows = hashlib.sha256()
            for table in marts:
                (count, checksum) = con.execute(
                    f"select count(*), coalesce(sum(hash(t)), 0) from marts.{table} as t"
                ).fetchone()
                rows.update(f"{table}:{count}:{checksum}".encode())
        finally:
            con.close()
        return digest, int(batch), rows.hexdigest()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Warehouse:
    wh = Warehouse(tmp_path_factory.mktemp("scheduled"))
    simulate(days=3, start=date(2026, 10, 12), seed=11, scale=0.2, out=wh.source, truth_out=wh.base / "truth")
    for day in landing_days(wh.source)[:2]:
        copy_day(wh.source, wh.landing, day)
    first = wh.run()
    assert first.returncode == EXIT_OK, first.stdout + first.stderr
    assert "published batch 1" in first.stdout
    return wh


def test_an_empty_salt_is_refused_like_a_missing_one(warehouse: Warehouse):
    before = warehouse.fingerprint()
    refused = warehouse.run(env={**warehouse.env, "CC_PII_SALT": "  "})
    assert refused.returncode == EXIT_CONFIGURATION and "CC_PII_SALT is missing or empty" in refused.stdout
    env = {**warehouse.env, "CC_PII_SALT": ""}
    parse = subprocess.run([DBT, "parse"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert parse.returncode != 0 and "CC_PII_SALT is empty" in parse.stdout
    assert warehouse.fingerprint() == before


def test_an_overlapping_run_exits_with_its_own_message_or_waits(warehouse: Warehouse):
    with open(warehouse.lock, "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        held.write("pid 1, a run in the test")
        held.flush()
        locked = warehouse.run()
        assert locked.returncode == EXIT_LOCKED
        assert "another run holds" in locked.stdout and "this run did nothing" in locked.stdout
        threading.Timer(2.0, lambda: fcntl.flock(held, fcntl.LOCK_UN)).start()
        waited = warehouse.run("--wait", "60")
    assert waited.returncode == EXIT_OK and "nothing new" in waited.stdout


def test_a_failed_build_is_not_published(warehouse: Warehouse):
    before = warehouse.fingerprint()
    broken = warehouse.landing / "crm" / "cases" / "cases_2026-10-14.csv"
    broken.write_text('Id,CaseNumber\n"500unterminated,1\n', encoding="utf-8")
    failed = warehouse.run("--skip-raw-checks")
    assert failed.returncode == EXIT_BUILD_FAILED and "nothing published" in failed.stdout
    refused = warehouse.publish()
    assert refused.returncode == 4 and "failed" in refused.stderr
    assert warehouse.fingerprint() == before
    broken.unlink()


def test_a_killed_build_is_not_published_and_the_next_run_completes_it(warehouse: Warehouse):
    before = warehouse.fingerprint()
    copy_day(warehouse.source, warehouse.landing, landing_days(warehouse.source)[2])
    process = subprocess.Popen(
        warehouse.run_command("--skip-raw-checks"),
        cwd=ROOT,
        env=warehouse.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wal = warehouse.build.with_name(warehouse.build.name + ".wal")
    deadline = time.monotonic() + 120
    while not wal.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(3)  # into the models
    assert process.poll() is None, "the build finished before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    refused = warehouse.publish()
    assert refused.returncode == 4 and "was killed or is still running" in refused.stderr
    assert warehouse.fingerprint() == before
    resumed = warehouse.run("--skip-raw-checks")
    assert resumed.returncode == EXIT_OK, resumed.stdout + resumed.stderr
    after = warehouse.fingerprint()
    assert after[1] > before[1] and after[2] != before[2]


def test_a_killed_publish_is_cleaned_up_by_the_next_run(warehouse: Warehouse):
    # a complete build that is not published yet: a re-delivered file, built by dbt directly
    touched = sorted((warehouse.landing / "telephony" / "ctr").glob("*.jsonl"))[-1]
    touched.write_text(touched.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    dbt_vars = f"{{landing_path: '{warehouse.landing}'}}"
    build = subprocess.run(
        [DBT, "build", "--exclude-resource-type", "test", "--exclude-resource-type", "unit_test", "--vars", dbt_vars],
        cwd=ROOT,
        env={**warehouse.env, "CC_BUILD_PATH": str(warehouse.build)},
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stdout
    before = warehouse.fingerprint()
    publishing = subprocess.Popen(
        [CLI, "publish", "--build", str(warehouse.build), "--published", str(warehouse.published)],
        cwd=ROOT,
        env=warehouse.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    temporary = list(warehouse.published.parent.glob(f".{warehouse.published.name}.*.tmp"))
    deadline = time.monotonic() + 60
    while not temporary and publishing.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
        temporary = list(warehouse.published.parent.glob(f".{warehouse.published.name}.*.tmp"))
    os.killpg(publishing.pid, signal.SIGKILL)
    publishing.wait()
    assert temporary, "the publish finished before it could be killed"
    assert warehouse.fingerprint() == before
    resumed = warehouse.run()
    assert resumed.returncode == EXIT_OK, resumed.stdout + resumed.stderr
    assert "publishing the last complete build" in resumed.stdout
    assert not list(warehouse.published.parent.glob(f".{warehouse.published.name}.*.tmp*"))
    con = duckdb.connect(str(warehouse.published), read_only=True)
    try:
        current = {p for (p,) in con.execute("select file_path from meta.published_files").fetchall()}
    finally:
        con.close()
    retired = set(__import__("json").loads((warehouse.base / "warehouse" / "published" / "retired.json").read_text()))
    on_disk = {str(p.resolve()) for p in (warehouse.base / "warehouse" / "published").rglob("*.parquet")}
    assert on_disk == current | (retired & on_disk), "a file no catalog names was left behind"


def test_a_run_with_nothing_new_says_so_and_changes_nothing(warehouse: Warehouse):
    before = warehouse.fingerprint()
    again = warehouse.run()
    assert again.returncode == EXIT_OK and "nothing new" in again.stdout
    assert warehouse.fingerprint() == before


@pytest.fixture(scope="module", autouse=True)
def _cleanup(warehouse: Warehouse):
    yield
    shutil.rmtree(warehouse.base, ignore_errors=True)
