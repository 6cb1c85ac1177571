"""Every model and every column it outputs is documented in YAML (read from dbt's manifest after the build)."""

from __future__ import annotations

import json

import duckdb
import pytest

from helpers import ROOT

MANIFEST = ROOT / "target" / "manifest.json"
BUILD = ROOT / "warehouse" / "build" / "contact_center.duckdb"


@pytest.fixture(scope="module")
def models() -> list[dict]:
    if not MANIFEST.exists() or not BUILD.exists():
        pytest.fail("run `make demo` (make test does) before pytest: no dbt manifest or build file")
    nodes = json.loads(MANIFEST.read_text())["nodes"].values()
    found = [node for node in nodes if node["resource_type"] == "model" and node["package_name"] == "contact_center"]
    assert found, "the manifest lists no models"
    return found


def built_columns(schema: str, name: str) -> list[str]:
    con = duckdb.connect(str(BUILD), read_only=True)
    try:
        rows = con.execute(
            """
            select column_name from information_schema.columns
            where table_schema = ? and table_name = ?
            order by ordinal_position
            """,
            [schema, name],
        ).fetchall()
    finally:
        con.close()
    return [column.lower() for (column,) in rows]


def test_every_model_has_a_description_stating_its_grain(models):
    missing = [m["name"] for m in models if not m["description"].strip().lower().startswith("one row per")]
    assert missing == [], f"models without a 'One row per ...' description: {missing}"


def test_every_output_column_is_documented(models):
    problems = []
    for model in models:
        built = built_columns(model["schema"], model["alias"] or model["name"])
        assert built, f"{model['name']} was not built into {BUILD}"
        documented = {name.lower(): column for name, column in model["columns"].items()}
        undocumented = [c for c in built if c not in documented or not documented[c]["description"].strip()]
        stale = [c for c in documented if c not in built]
        if undocumented or stale:
            problems.append(f"{model['name']}: undocumented {undocumented}, documented but not output {stale}")
    assert problems == [], "\n".join(problems)
