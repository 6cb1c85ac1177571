"""The raw-check report: per source folder, how many expectations ran and which ones failed."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

FILES_BATCH = "files"
"""Batch name of the per-day files frame (the other batches are named after their daily file)."""


@dataclass
class Failure:
    """One failed expectation on one batch (a daily file, or the source's per-day files frame)."""

    suite: str
    """Great Expectations suite name: ``<folder>`` (per file) or ``<folder> files`` (per day)."""
    batch: str
    """The daily file's name, or ``files`` for the per-day frame."""
    expectation: str
    column: str | None
    description: str
    """What was expected."""
    detail: str
    """What was found."""

    def __str__(self) -> str:
        return f"{self.batch}: {self.description} -- {self.detail}"


@dataclass
class SuiteResult:
    """One source folder: its records suite run on every daily file, plus its files (volume) suite."""

    source: str
    success: bool
    evaluated: int
    """Expectations evaluated (each per-file run counts its expectations again)."""
    failed: int
    files: int
    rows: int
    failures: list[Failure] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return self.evaluated - self.failed


@dataclass
class RawCheckReport:
    landing: str
    success: bool
    elapsed_seconds: float
    suites: list[SuiteResult]

    @property
    def failed_suites(self) -> list[SuiteResult]:
        return [s for s in self.suites if not s.success]

    def suite(self, source: str) -> SuiteResult:
        for s in self.suites:
            if s.source == source:
                return s
        raise KeyError(source)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def write_json(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_dict(), indent=2, default=str) + "\n", encoding="utf-8")
