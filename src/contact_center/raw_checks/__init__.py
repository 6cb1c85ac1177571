"""Raw checks: Great Expectations on the landing files (shape, required fields, volume vs. yesterday).

    from contact_center.raw_checks import run_raw_checks
    report = run_raw_checks(Path("landing"), Path("target/raw_checks.json"))

or ``contact-center check-raw --landing landing [--report FILE]`` (``main_check_raw``).
"""

from contact_center.raw_checks.cli import main_check_raw
from contact_center.raw_checks.report import Failure, RawCheckReport, SuiteResult
from contact_center.raw_checks.runner import run_raw_checks
from contact_center.raw_checks.spec import SOURCES, SourceSpec

__all__ = [
    "SOURCES",
    "Failure",
    "RawCheckReport",
    "SourceSpec",
    "SuiteResult",
    "main_check_raw",
    "run_raw_checks",
]
