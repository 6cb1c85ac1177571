"""No personal data reaches the published warehouse: no CRM customer's name, email or phone number, no card number."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from contact_center.pii_scan import KnownPersonalData, scan_database


@pytest.fixture(scope="module")
def known(landing: Path) -> KnownPersonalData:
    known = KnownPersonalData.from_customer_exports(landing / "crm" / "customers")
    assert len(known.full_names) > 100 and len(known.emails) > 100 and len(known.phone_digits) > 100
    return known


def test_published_file_holds_no_personal_data(published: Path, known: KnownPersonalData):
    findings = scan_database(published, known)
    assert findings == [], "\n".join(f"{f.table}.{f.column}: {f.kind} {f.excerpt!r}" for f in findings[:20])


def test_published_file_holds_only_published_schemas_and_reads_only_published_files(warehouse, published: Path):
    """Tables (small ones copied) and views over the published Parquet files, never a view of the raw files."""
    objects = warehouse.execute(
        "select table_schema, table_type, count(*) from information_schema.tables group by all order by all"
    ).fetchall()
    assert {schema for schema, _, _ in objects} <= {"reference", "staging", "intermediate", "marts", "meta"}
    assert {table_type for _, table_type, _ in objects} == {"BASE TABLE", "VIEW"}
    views = warehouse.execute("select view_name, sql from duckdb_views() where not internal").fetchall()
    assert len(views) > 20
    files_root = str((published.parent / "published").resolve())
    for name, sql in views:
        paths = [part.split("'")[0] for part in sql.split("'/")[1:]]
        assert paths and all(("/" + path).startswith(files_root + "/") for path in paths), name
        assert "landing" not in sql.lower(), name


def test_free_text_survived_redaction_with_markers(warehouse):
    """The raw comments do hold card and phone numbers: redaction must have replaced some of them."""
    (markers,) = warehouse.execute(
        """
        select count(*) from staging.stg_survey__responses
        where comment_redacted like '%[card number removed]%' or comment_redacted like '%[phone number removed]%'
        """
    ).fetchone()
    assert markers > 0


def test_scanner_finds_planted_personal_data(tmp_path: Path, known: KnownPersonalData):
    """The scan itself must be able to fail: plant one of each kind (and a UUID and a hash that are not)."""
    name = sorted(known.full_names)[0]
    email = sorted(known.emails)[0]
    phone = sorted(d for d in known.phone_digits if len(d) == 11 and d.startswith("1"))[0]
    database = tmp_path / "leaky.duckdb"
    con = duckdb.connect(str(database))
    con.execute("create schema marts")
    con.execute("create table marts.leaky (note varchar)")
    con.executemany(
        "insert into marts.leaky values (?)",
        [
            [f"spoke to {name.title()} today"],
            [f"reach me at {email.upper()}"],
            [f"call +{phone[0]} ({phone[1:4]}) {phone[4:7]}-{phone[7:]}"],
            ["card 4111 1111 1111 1111 please"],
            ["hash 8a61f0c5b1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8 is fine"],
            ["leg 93260403-8469-4950-8135-059197223842 is fine"],
        ],
    )
    con.close()
    findings = scan_database(database, known)
    assert {f.kind for f in findings} == {"card number", "customer email", "customer name", "customer phone number"}
    assert not [f for f in findings if "is fine" in f.excerpt or f.excerpt.startswith(("8a61", "9326"))]
    assert len({f.excerpt.lower() for f in findings if f.kind != "customer name"}) == 3
