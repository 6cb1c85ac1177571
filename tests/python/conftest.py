"""Shared fixtures: the demo build that `make test` produces before pytest runs (simulate, check, build, publish)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from helpers import ROOT

LANDING = ROOT / "landing"
GROUND_TRUTH = ROOT / "ground_truth"
PUBLISHED = ROOT / "warehouse" / "contact_center.duckdb"


def _require(path: Path) -> Path:
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make demo` (make test does) before pytest")
    return path


@pytest.fixture(scope="session")
def landing() -> Path:
    return _require(LANDING)


@pytest.fixture(scope="session")
def ground_truth() -> Path:
    return _require(GROUND_TRUTH)


@pytest.fixture(scope="session")
def published() -> Path:
    return _require(PUBLISHED)


@pytest.fixture(scope="session")
def warehouse(published: Path):
    con = duckdb.connect(str(published), read_only=True)
    yield con
    con.close()
