"""Small helpers shared by the test modules."""

from __future__ import annotations

import csv
from pathlib import Path


def read_csv_dicts(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
