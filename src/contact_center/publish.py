"""Publish a complete build for readers without ever blocking a run, in proportion to what changed.

dbt builds into a private build file. Readers open ``warehouse/contact_center.duckdb``, a small catalog
file: every incrementally built table is a view over Parquet files, one per day partition, under
``warehouse/published/``; the small tables rebuilt every run are copied in; the staffing functions are
installed as SQL macros. A publish writes Parquet only for the partitions the runs since the last publish
changed (``landing.cc_changed_partitions`` in the build file), writes a new catalog beside the old one
and ``os.replace()``s it into place: a reader that has the old catalog open keeps its files (they are
kept for ``CC_PUBLISH_RETENTION_HOURS``, default 24, after they stop being current), a new reader gets
the new run, and no reader holds a lock dbt needs. Only a complete build is published: the build's
latest run must have run every model with every node passing, and every table the run is meant to
build must be there. The ``landing`` schema (raw files, personal data) never reaches readers.
DECISIONLOG D5, D22.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import duckdb

from contact_center.sql_functions import install as install_sql_functions

PUBLISHED_SCHEMAS = ("reference", "staging", "intermediate", "marts")
META_SCHEMA = "meta"
RETENTION_HOURS = float(os.environ.get("CC_PUBLISH_RETENTION_HOURS", "24"))


class BuildNotPublishable(RuntimeError):
    """The build file holds no complete build (a run failed, was killed, or ran only some models)."""


@dataclass(frozen=True)
class PublishedTable:
    schema: str
    name: str
    rows: int
    kind: str  # 'parquet' or 'table'
    partitions_written: int


@dataclass
class PublishReport:
    tables: list[PublishedTable] = field(default_factory=list)
    batch_id: int = 0
    files_written: int = 0
    files_retired: int = 0
    files_deleted: int = 0
    whole: bool = False


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(value: str | Path) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def files_root(published_path: Path) -> Path:
    return published_path.parent / "published"


def check_complete(con: duckdb.DuckDBPyConnection, catalog: str = "build") -> tuple[str, int]:
    """(build_id, batch_id) of the build's latest run when it is complete; else BuildNotPublishable."""
    try:
        (build_id,) = con.execute(f"select build_id from {catalog}.landing.cc_build").fetchone() or (None,)
        latest = con.execute(
            f"select batch_id, status, command from {catalog}.landing.cc_runs order by batch_id desc limit 1"
        ).fetchone()
    except duckdb.CatalogException as error:
        raise BuildNotPublishable(
            f"the build file has no run records ({error}): run `make run` or `dbt build`"
        ) from error
    if latest is None or build_id is None:
        raise BuildNotPublishable("the build file records no run: run `make run` or `dbt build`")
    batch_id, status, command = latest
    if status != "complete":
        hint = {"running": "was killed or is still running", "failed": "failed"}.get(status, status)
        raise BuildNotPublishable(
            f"the latest build (batch {batch_id}, dbt {command}) {hint}: the published file is left as it was; "
            "fix the cause and run again (the next run redoes what this one left undone)"
        )
    expected = con.execute(
        f"select table_schema, table_name from {catalog}.landing.cc_publish_layout order by all"
    ).fetchall()
    present = set(
        con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_catalog = ? and table_type = 'BASE TABLE'",
            [catalog],
        ).fetchall()
    )
    missing = [f"{s}.{t}" for s, t in expected if (s, t) not in present]
    if missing:
        raise BuildNotPublishable(f"the build is missing {len(missing)} tables it should have: {', '.join(missing)}")
    return str(build_id), int(batch_id)


def _previous_manifest(published_path: Path) -> tuple[str | None, int, dict[tuple[str, str], dict[str, list[str]]]]:
    """(build_id, batch_id, {(schema, table): {partition: [files]}}) of the published catalog, if any."""
    if not published_path.exists():
        return None, 0, {}
    try:
        con = duckdb.connect(str(published_path), read_only=True)
    except duckdb.Error:
        return None, 0, {}
    try:
        build_id, batch_id = con.execute(f"select build_id, batch_id from {META_SCHEMA}.publish_runs").fetchone() or (
            None,
            0,
        )
        files: dict[tuple[str, str], dict[str, list[str]]] = {}
        for schema, table, partition, path in con.execute(
            f"select table_schema, table_name, partition_value, file_path from {META_SCHEMA}.published_files"
        ).fetchall():
            files.setdefault((schema, table), {}).setdefault(partition, []).append(path)
        return build_id, int(batch_id), files
    except duckdb.Error:
        return None, 0, {}
    finally:
        con.close()


def _changed_partitions(con: duckdb.DuckDBPyConnection, since_batch: int) -> dict[tuple[str, str], set[str] | None]:
    """Partitions changed after `since_batch` per table; None when the table changed as a whole."""
    changed: dict[tuple[str, str], set[str] | None] = {}
    for schema, table, partition in con.execute(
        "select distinct table_schema, table_name, partition_value from build.landing.cc_changed_partitions "
        "where batch_id > ?",
        [since_batch],
    ).fetchall():
        key = (schema, table)
        if partition is None:
            changed[key] = None
        elif key not in changed or changed[key] is not None:
            changed.setdefault(key, set()).add(partition)  # type: ignore[union-attr]
    return changed


def _write_partitions(
    con: duckdb.DuckDBPyConnection,
    schema: str,
    table: str,
    expression: str,
    partitions: set[str] | None,
    directory: Path,
) -> dict[str, list[str]]:
    """Write the rows of `partitions` (all when None) as Parquet, one directory per partition."""
    source = f"build.{_quote(schema)}.{_quote(table)}"
    where = ""
    if partitions is not None:
        values = ", ".join(_literal(p) for p in sorted(partitions))
        where = f"where ({expression}) in ({values})"
    directory.mkdir(parents=True, exist_ok=True)
    con.execute(
        f"copy (select *, {expression} as cc_partition from {source} {where}) to {_literal(directory)} "
        "(format parquet, compression zstd, partition_by (cc_partition), overwrite_or_ignore, "
        "filename_pattern 'part_{i}')"
    )
    written: dict[str, list[str]] = {}
    for path in sorted(directory.glob("cc_partition=*/*.parquet")):
        partition = unquote(path.parent.name.split("=", 1)[1])
        written.setdefault(partition, []).append(str(path.resolve()))
    return written


def _write_whole(con: duckdb.DuckDBPyConnection, schema: str, table: str, directory: Path) -> dict[str, list[str]]:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "part_0.parquet"
    con.execute(
        f"copy (select * from build.{_quote(schema)}.{_quote(table)}) to {_literal(path)} "
        "(format parquet, compression zstd)"
    )
    return {"__all__": [str(path.resolve())]}


def _retired_log(root: Path) -> Path:
    return root / "retired.json"


def _collect_garbage(root: Path, current: set[str], previously_current: set[str], now: float) -> tuple[int, int]:
    """Retire files no longer current; delete retired files past retention and files no catalog names."""
    log_path = _retired_log(root)
    retired: dict[str, float] = json.loads(log_path.read_text()) if log_path.exists() else {}
    newly = 0
    for path in previously_current - current:
        if path not in retired:
            retired[path] = now
            newly += 1
    deleted = 0
    keep_until = now - RETENTION_HOURS * 3600
    for path, since in list(retired.items()):
        if path in current:
            del retired[path]
        elif since < keep_until:
            Path(path).unlink(missing_ok=True)
            del retired[path]
            deleted += 1
    # files neither current nor retired were left by a publish that did not finish
    for path in root.rglob("*.parquet"):
        name = str(path.resolve())
        if name not in current and name not in retired:
            path.unlink(missing_ok=True)
            deleted += 1
    for directory in sorted((p for p in root.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(directory.iterdir()):
            directory.rmdir()
    root.mkdir(parents=True, exist_ok=True)
    temporary = log_path.with_suffix(".tmp")
    temporary.write_text(json.dumps(retired, indent=0, sort_keys=True))
    os.replace(temporary, log_path)
    return newly, deleted


def clean_leftovers(published_path: Path) -> list[Path]:
    """Remove what a killed publish left: its temporary catalog and the Parquet files no catalog names."""
    removed = []
    for leftover in published_path.parent.glob(f".{published_path.name}.*.tmp*"):
        leftover.unlink(missing_ok=True)
        removed.append(leftover)
    root = files_root(published_path)
    if root.exists():
        _, _, previous = _previous_manifest(published_path)
        current = {f for parts in previous.values() for files in parts.values() for f in files}
        log_path = _retired_log(root)
        retired = set(json.loads(log_path.read_text())) if log_path.exists() else set()
        for path in root.rglob("*.parquet"):
            name = str(path.resolve())
            if name not in current and name not in retired:
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def publish(build_path: Path, published_path: Path) -> PublishReport:
    """Publish the build's latest complete run into `published_path`, rewriting only what changed."""
    if not build_path.exists():
        raise FileNotFoundError(f"no built warehouse at {build_path}: run `dbt build` first")
    published_path = published_path.resolve()
    published_path.parent.mkdir(parents=True, exist_ok=True)
    root = files_root(published_path)
    clean_leftovers(published_path)
    previous_build, previous_batch, previous_files = _previous_manifest(published_path)
    staging_path = published_path.with_name(f".{published_path.name}.{os.getpid()}.tmp")
    report = PublishReport()
    con = duckdb.connect(str(staging_path))
    try:
        con.execute(f"attach {_literal(build_path.resolve())} as build (read_only)")
        build_id, batch_id = check_complete(con)
        report.batch_id = batch_id
        report.whole = previous_build != build_id
        changed = _changed_partitions(con, 0 if report.whole else previous_batch)
        layout = con.execute(
            "select table_schema, table_name, is_incremental, partition_expression "
            "from build.landing.cc_publish_layout order by table_schema, table_name"
        ).fetchall()
        publish_dir = root / f"b{batch_id}-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
        manifest: dict[tuple[str, str], dict[str, list[str]]] = {}
        for schema, table, incremental, expression in layout:
            con.execute(f"create schema if not exists {_quote(schema)}")
            target = f"{_quote(schema)}.{_quote(table)}"
            if not incremental:
                con.execute(f"create table {target} as select * from build.{target}")
                (rows,) = con.execute(f"select count(*) from {target}").fetchone() or (0,)
                report.tables.append(PublishedTable(schema, table, int(rows), "table", 0))
                continue
            files = {} if report.whole else dict(previous_files.get((schema, table), {}))
            key = (schema, table)
            written: dict[str, list[str]] = {}
            if report.whole or key not in previous_files or (key in changed and changed[key] is None):
                files = {}
                if expression:
                    written = _write_partitions(con, schema, table, expression, None, publish_dir / schema / table)
                else:
                    written = _write_whole(con, schema, table, publish_dir / schema / table)
            elif key in changed:
                partitions = changed[key]
                assert partitions is not None
                if expression:
                    for partition in partitions:
                        files.pop(partition, None)
                    written = _write_partitions(
                        con, schema, table, expression, partitions, publish_dir / schema / table
                    )
                else:
                    written = _write_whole(con, schema, table, publish_dir / schema / table)
            files.update(written)
            manifest[key] = files
            report.files_written += sum(len(f) for f in written.values())
            _create_view(con, schema, table, files)
            (rows,) = con.execute(f"select count(*) from {target}").fetchone() or (0,)
            report.tables.append(PublishedTable(schema, table, int(rows), "parquet", len(written)))
        _write_meta(con, build_id, batch_id, manifest)
        con.execute("detach build")
        install_sql_functions(con)
        con.execute("checkpoint")
    except BaseException:
        con.close()
        staging_path.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(staging_path, published_path)
    current = {f for parts in manifest.values() for files in parts.values() for f in files}
    previously = {f for parts in previous_files.values() for files in parts.values() for f in files}
    report.files_retired, report.files_deleted = _collect_garbage(root, current, previously, time.time())
    return report


def _create_view(con: duckdb.DuckDBPyConnection, schema: str, table: str, files: dict[str, list[str]]) -> None:
    """A view over the table's Parquet files with the build's own column types (Parquet has no HUGEINT)."""
    target = f"{_quote(schema)}.{_quote(table)}"
    columns = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_catalog = 'build' and table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    paths = sorted(f for part in files.values() for f in part)
    if not paths:
        con.execute(f"create table {target} as select * from build.{target} limit 0")
        return
    select = ", ".join(f"cast({_quote(name)} as {kind}) as {_quote(name)}" for name, kind in columns)
    listed = "[" + ", ".join(_literal(p) for p in paths) + "]"
    con.execute(f"create view {target} as select {select} from read_parquet({listed}, union_by_name = true)")


def _write_meta(
    con: duckdb.DuckDBPyConnection, build_id: str, batch_id: int, manifest: dict[tuple[str, str], dict[str, list[str]]]
) -> None:
    con.execute(f"create schema {META_SCHEMA}")
    con.execute(
        f"create table {META_SCHEMA}.publish_runs as select ? as build_id, ? as batch_id, now() as published_at",
        [build_id, batch_id],
    )
    con.execute(
        f"create table {META_SCHEMA}.published_files "
        "(table_schema varchar, table_name varchar, partition_value varchar, file_path varchar)"
    )
    rows = [
        (schema, table, partition, path)
        for (schema, table), parts in manifest.items()
        for partition, paths in parts.items()
        for path in paths
    ]
    if rows:
        con.executemany(f"insert into {META_SCHEMA}.published_files values (?, ?, ?, ?)", rows)


def remove_published(published_path: Path) -> None:
    """Remove a published catalog and its Parquet files (make clean)."""
    published_path.unlink(missing_ok=True)
    shutil.rmtree(files_root(published_path), ignore_errors=True)
