"""A build that spills to disk goes on to its next model (profiles.yml's memory settings, D24).

dbt-duckdb re-applies the profile's `settings` as SETs on every new cursor, and DuckDB refuses to SET
`temp_directory` once a query has spilled there. With the memory settings in `settings`, the first build
large enough to spill (a year of a 1,500-seat center) died at the model after the spill. This runs the
project's own profile on a two-model project whose first model must spill under a small memory limit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

from helpers import ROOT

SPILLING_MODEL = """
select range as row_number, hash(range) as sort_key
from range(30000000)
order by sort_key
"""

NEXT_MODEL = """
select
    count(*) as row_count,
    current_setting('memory_limit') as memory_limit,
    current_setting('temp_directory') as temp_directory,
from {{ ref('spills') }}
"""


def test_a_build_that_spills_builds_its_next_model(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "models").mkdir(parents=True)
    (project / "dbt_project.yml").write_text(
        "name: spill_check\nversion: '1.0'\nprofile: contact_center\nmodels:\n  +materialized: table\n"
    )
    (project / "models" / "spills.sql").write_text(SPILLING_MODEL)
    (project / "models" / "after_the_spill.sql").write_text(NEXT_MODEL)
    temp_dir = tmp_path / "spill"
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(ROOT),
        "CC_BUILD_PATH": str(tmp_path / "build.duckdb"),
        "CC_DUCKDB_MEMORY_LIMIT": "120MB",
        "CC_DUCKDB_TEMP_DIR": str(temp_dir),
        "CC_DBT_THREADS": "1",
    }
    dbt = Path(sys.executable).with_name("dbt")
    result = subprocess.run(
        [str(dbt), "run", "--project-dir", str(project), "--target-path", str(tmp_path / "target")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Completed successfully" in result.stdout
    con = duckdb.connect(str(tmp_path / "build.duckdb"), read_only=True)
    row = con.execute("select row_count, memory_limit, temp_directory from main.after_the_spill").fetchone()
    con.close()
    # The profile's limits are the ones the build ran under (114.4 MiB is DuckDB's spelling of 120MB).
    assert row == (30_000_000, "114.4 MiB", str(temp_dir))
