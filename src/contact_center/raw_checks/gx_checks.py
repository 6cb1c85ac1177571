"""The Great Expectations side: suites, validation definitions and checkpoints over pandas DataFrames.

GE 1.24 on this machine: the pandas route works; its SQL route on DuckDB is broken (stack notes), so the
readers hand GE DataFrames. Importing this module imports GE (~3 s); the CLI imports it lazily.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import great_expectations as gx
import great_expectations.expectations as gxe
import pandas as pd
from great_expectations.core.expectation_validation_result import (
    ExpectationSuiteValidationResult,
    ExpectationValidationResult,
)
from great_expectations.data_context import EphemeralDataContext
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.datasource.fluent import PandasDatasource
from great_expectations.expectations.expectation import Expectation

from contact_center.raw_checks.report import FILES_BATCH, Failure
from contact_center.raw_checks.spec import IMPORT_ID_ROW, SourceSpec

FILES_INDEX_COLUMNS = ("file", "rows", "baseline_date", "baseline_rows")
"""Returned with each failing row of the files frame, to name the file and its volume comparison."""


def make_context() -> EphemeralDataContext:
    """An in-memory GE context with progress bars off and one pandas data source."""
    context = gx.get_context(mode="ephemeral")
    # GE draws a tqdm "Calculating Metrics" bar on stderr for every validation unless told not to.
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    context.data_sources.add_pandas(name="landing")
    return context


def _pct(mostly: float) -> str:
    return f"{mostly:.0%}".replace(".0%", "%")


MOSTLY = {"$PARAMETER": "mostly"}
"""Every record-level expectation takes its ``mostly`` from the run: see runner.file_mostly."""


def records_expectations(spec: SourceSpec) -> list[Expectation]:
    """Checked on every daily file: shape, record validity, key fields, enums, formats.

    The record-level ones use GE's ``mostly`` as a suite parameter, set per file when it is run.
    """
    what = "JSON fields" if spec.kind == "jsonl" else "header columns"
    out: list[Expectation] = [
        gxe.ExpectTableColumnsToMatchSet(
            column_set=list(spec.required),
            exact_match=False,
            description=f"the {len(spec.required)} {what} the contract requires are present",
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column=spec.record_flag,
            value_set=[True],
            mostly=MOSTLY,
            description=(
                "nearly all lines are valid JSON objects"
                if spec.kind == "jsonl"
                else "nearly all rows have as many fields as the header"
            ),
        ),
    ]
    out += [
        gxe.ExpectColumnValuesToNotBeNull(column=c, mostly=MOSTLY, description=f"{c} not null in nearly all records")
        for c in spec.not_null
    ]
    out += [
        gxe.ExpectColumnValuesToBeInSet(
            column=c,
            value_set=list(values),
            mostly=MOSTLY,
            description=f"{c} in {{{', '.join(values)}}} for nearly all non-null values",
        )
        for c, values in spec.enums.items()
    ]
    out += [
        gxe.ExpectColumnValuesToMatchRegex(
            column=c,
            regex=regex,
            mostly=MOSTLY,
            description=f"{c} is an ISO-8601 timestamp for nearly all non-null values",
        )
        for c, regex in spec.patterns.items()
    ]
    return out


def files_expectations(spec: SourceSpec, min_volume_ratio: float) -> list[Expectation]:
    """Checked once per source on the per-day files frame (see volume.files_frame)."""
    out: list[Expectation] = [
        gxe.ExpectTableRowCountToBeBetween(min_value=1, description="the folder holds at least one daily file"),
        gxe.ExpectColumnValuesToBeInSet(
            column="present", value_set=[True], description="a file for every day of the landing's date range"
        ),
        gxe.ExpectColumnValuesToBeNull(column="read_error", description="every file can be read"),
        gxe.ExpectColumnValuesToBeBetween(
            column="volume_ratio",
            min_value=min_volume_ratio,
            description=(
                f"each day has at least {_pct(min_volume_ratio)} of its baseline day's records "
                "(same weekday a week before, else the previous day)"
            ),
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="empty_after_rows",
            value_set=[False],
            description="no empty file after a day with records",
        ),
    ]
    if spec.kind == "qualtrics":
        out.append(
            gxe.ExpectColumnValuesToMatchRegex(
                column="header_row_3",
                regex=IMPORT_ID_ROW,
                description='three header rows: row 3 holds the ImportId JSON ({"ImportId":"QID1"})',
            )
        )
    return out


@dataclass
class RunOutcome:
    evaluated: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)

    def add(self, other: RunOutcome) -> None:
        self.evaluated += other.evaluated
        self.failed += other.failed
        self.failures += other.failures


class SourceChecks:
    """One source folder's GE objects: two suites, their validation definitions and checkpoints.

    ``<folder>`` runs on each daily file's record frame; ``<folder> files`` on the per-day files frame.
    Every batch first goes through a ``BOOLEAN_ONLY`` checkpoint (GE's per-expectation overhead is what
    costs here, and result details roughly double it); a batch that fails is run again through a
    ``SUMMARY`` (records) / ``COMPLETE`` (files) checkpoint on the same validation definition, to say why.
    """

    def __init__(self, context: EphemeralDataContext, spec: SourceSpec, *, min_volume_ratio: float) -> None:
        self.spec = spec
        datasource = context.data_sources.get("landing")
        assert isinstance(datasource, PandasDatasource)
        self.records = _Checks(
            context,
            datasource,
            name=spec.folder,
            expectations=records_expectations(spec),
            detail_format={"result_format": "SUMMARY", "partial_unexpected_count": 5},
        )
        self.files = _Checks(
            context,
            datasource,
            name=f"{spec.folder} {FILES_BATCH}",
            expectations=files_expectations(spec, min_volume_ratio),
            detail_format={"result_format": "COMPLETE", "unexpected_index_column_names": list(FILES_INDEX_COLUMNS)},
        )

    def check_file(self, records: pd.DataFrame, file_name: str, *, mostly: float) -> RunOutcome:
        return self.records.run(records, batch=file_name, parameters={"mostly": mostly})

    def check_files(self, files: pd.DataFrame) -> RunOutcome:
        return self.files.run(files, batch=FILES_BATCH)


class _Checks:
    """A suite on a whole-DataFrame batch, its validation definition, and a fast and a detailed checkpoint."""

    def __init__(
        self,
        context: EphemeralDataContext,
        datasource: PandasDatasource,
        *,
        name: str,
        expectations: list[Expectation],
        detail_format: dict[str, Any],
    ) -> None:
        asset = datasource.add_dataframe_asset(name=name)
        batch_definition = asset.add_batch_definition_whole_dataframe(name=name)
        self.suite = context.suites.add(gx.ExpectationSuite(name=name, expectations=expectations))
        validation = context.validation_definitions.add(
            gx.ValidationDefinition(name=name, data=batch_definition, suite=self.suite)
        )
        self.fast = context.checkpoints.add(
            gx.Checkpoint(
                name=name,
                validation_definitions=[validation],
                actions=[],
                result_format={"result_format": "BOOLEAN_ONLY"},
            )
        )
        self.detailed = context.checkpoints.add(
            gx.Checkpoint(
                name=f"{name} (details)", validation_definitions=[validation], actions=[], result_format=detail_format
            )
        )

    def run(self, frame: pd.DataFrame, *, batch: str, parameters: dict[str, Any] | None = None) -> RunOutcome:
        try:
            outcome = _run(self.fast, frame, self.suite, batch, parameters)
            if outcome.failed:
                outcome.failures = _run(self.detailed, frame, self.suite, batch, parameters).failures
        except Exception as exc:  # GE failing on one batch is that batch's failure, not the whole run's
            failure = Failure(
                suite=self.suite.name,
                batch=batch,
                expectation="checkpoint",
                column=None,
                description="the checkpoint runs",
                detail=f"{type(exc).__name__}: {exc}",
            )
            return RunOutcome(evaluated=1, failed=1, failures=[failure])
        return outcome


def _run(
    checkpoint: gx.Checkpoint,
    frame: pd.DataFrame,
    suite: gx.ExpectationSuite,
    batch: str,
    parameters: dict[str, Any] | None,
) -> RunOutcome:
    result = checkpoint.run(batch_parameters={"dataframe": frame}, expectation_parameters=parameters)
    outcome = RunOutcome()
    for suite_result in result.run_results.values():
        outcome.add(_outcome(suite_result, suite, batch))
    return outcome


def _outcome(result: ExpectationSuiteValidationResult, suite: gx.ExpectationSuite, batch: str) -> RunOutcome:
    stats = result.statistics
    order = {e.id: i for i, e in enumerate(suite.expectations)}  # GE returns results in its own order
    failed = sorted(
        (r for r in result.results if not r.success),
        key=lambda r: order.get(r.expectation_config.id if r.expectation_config else None, len(order)),
    )
    failures = [
        Failure(
            suite=suite.name,
            batch=batch,
            expectation=r.expectation_config.type if r.expectation_config else "?",
            column=(r.expectation_config.kwargs.get("column") if r.expectation_config else None),
            description=(r.expectation_config.description or "") if r.expectation_config else "",
            detail=describe(r),
        )
        for r in failed
    ]
    return RunOutcome(
        evaluated=int(stats.get("evaluated_expectations") or 0),
        failed=int(stats.get("unsuccessful_expectations") or 0),
        failures=failures,
    )


def _exception_message(info: dict[str, Any]) -> str | None:
    """GE 1.24 nests exception info per metric: {metric_id: {"raised_exception": ..., ...}}."""
    if info.get("raised_exception"):
        return str(info.get("exception_message"))
    for value in info.values():
        if isinstance(value, dict) and value.get("raised_exception"):
            return str(value.get("exception_message"))
    return None


def _examples(values: Sequence[Any]) -> str:
    shown = ", ".join("null" if _is_null(v) else repr(v) for v in list(values)[:3])
    return f"; e.g. {shown}" if shown else ""


def _is_null(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def describe(r: ExpectationValidationResult) -> str:
    """What was found, in one line."""
    message = _exception_message(r.exception_info or {})
    if message:
        return f"could not evaluate: {message.strip().removeprefix('Error: ')}"
    res = r.result or {}
    if "details" in res and "mismatched" in (res.get("details") or {}):
        missing = res["details"]["mismatched"].get("missing") or []
        return f"missing: {', '.join(map(str, missing))}"
    if res.get("unexpected_index_list"):
        column = r.expectation_config.kwargs.get("column") if r.expectation_config else None
        rows = res["unexpected_index_list"]
        shown = [_file_problem(row, column) if isinstance(row, dict) else str(row) for row in rows[:10]]
        more = len(rows) - len(shown)
        return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")
    if "unexpected_count" in res:
        count, total = res.get("unexpected_count") or 0, res.get("element_count") or 0
        share = f"{count / total:.1%}" if total else "n/a"
        mostly = r.expectation_config.kwargs.get("mostly") if r.expectation_config else None
        needed = f", at most {1 - float(mostly):.1%} allowed" if isinstance(mostly, int | float) else ""
        examples = _examples(res.get("partial_unexpected_list") or [])
        return f"{count} of {total} records unexpected ({share}{needed}){examples}"
    if "observed_value" in res:
        return f"observed {res['observed_value']!r}"
    return "failed"


def _file_problem(row: dict[str, Any], column: str | None) -> str:
    """One failing row of the files frame, in words."""
    name, value = row.get("file"), row.get(column) if column else None
    if column == "volume_ratio":
        return (
            f"{name}: {_int(row.get('rows'))} records vs {_int(row.get('baseline_rows'))} "
            f"on {row.get('baseline_date')} ({float(value):.0%})"
        )
    if column == "present":
        return f"{name}: missing"
    if column == "empty_after_rows":
        return f"{name}: empty"
    if column == "read_error":
        return f"{name}: {value}"
    if column == "header_row_3":
        return f"{name}: row 3 starts {value!r}"
    return f"{name}: {value!r}"


def _int(value: Any) -> str:
    return "?" if _is_null(value) else f"{int(value):,}"
