"""Scan a DuckDB file for personal data: known customers' names, emails and phone numbers, and card numbers.

Used by the test suite on the published warehouse, and usable on any DuckDB file:
`python -m contact_center.pii_scan warehouse/contact_center.duckdb landing/crm/customers`.
Matching is linear in the data: every text value is tokenised once and looked up in sets.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from contact_center.luhn import is_luhn_valid

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# A run of digits with the separators people type, not glued to letters or digits (so hex hashes don't match).
DIGIT_RUN = re.compile(r"(?<![0-9A-Za-z])\+?\(?\d(?:[ ().-]*\d){6,18}(?![0-9A-Za-z])")
WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
# Identifiers such as UUIDs hold digit groups that look like card or phone numbers: they are not scanned.
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def digits_of(text: str) -> str:
    return re.sub(r"[^0-9]", "", text.replace("(0)", ""))


def phone_variants(typed: str) -> set[str]:
    """The digit strings a typed phone number may appear as: international, national, last ten digits."""
    digits = digits_of(typed)
    if len(digits) < 7:
        return set()
    variants = {digits, digits[-10:]}
    if len(digits) == 10:
        variants.add("1" + digits)
    return variants


@dataclass
class KnownPersonalData:
    full_names: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    phone_digits: set[str] = field(default_factory=set)

    @classmethod
    def from_customer_exports(cls, folder: Path) -> KnownPersonalData:
        known = cls()
        for path in sorted(folder.glob("*.csv")):
            with path.open(newline="", encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    first, last = (row.get("FirstName") or "").strip(), (row.get("LastName") or "").strip()
                    if first and last:
                        known.full_names.add(f"{first} {last}".lower())
                    if row.get("Email"):
                        known.emails.add(row["Email"].strip().lower())
                    for column in ("Phone", "MobilePhone"):
                        known.phone_digits |= phone_variants(row.get(column) or "")
        return known


@dataclass(frozen=True)
class Finding:
    table: str
    column: str
    kind: str
    excerpt: str


def findings_in_text(text: str, known: KnownPersonalData) -> Iterator[tuple[str, str]]:
    text = UUID.sub(" ", text)
    for email in EMAIL.findall(text):
        if email.lower() in known.emails:
            yield "customer email", email
    for run in DIGIT_RUN.findall(text):
        digits = digits_of(run)
        if 13 <= len(digits) <= 19 and is_luhn_valid(digits):
            yield "card number", run
        if digits in known.phone_digits or (len(digits) >= 10 and digits[-10:] in known.phone_digits):
            yield "customer phone number", run
    words = [word.lower() for word in WORD.findall(text)]
    for first, last in zip(words, words[1:], strict=False):
        if f"{first} {last}" in known.full_names:
            yield "customer name", f"{first} {last}"


def _text_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    return con.execute(
        """
        select table_schema, table_name, column_name
        from information_schema.columns
        where data_type = 'VARCHAR'
        order by all
        """
    ).fetchall()


def scan_database(path: Path, known: KnownPersonalData) -> list[Finding]:
    """Every personal-data finding in every text column of every table and view in the file."""
    found: list[Finding] = []
    con = duckdb.connect(str(path), read_only=True)
    try:
        for schema, table, column in _text_columns(con):
            qualified = f'"{schema}"."{table}"'
            values: Iterable[tuple[str]] = con.execute(
                f'select distinct "{column}" from {qualified} where "{column}" is not null'
            ).fetchall()
            for (value,) in values:
                for kind, excerpt in findings_in_text(value, known):
                    found.append(Finding(f"{schema}.{table}", column, kind, excerpt[:40]))
    finally:
        con.close()
    return found


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 2:
        print("usage: python -m contact_center.pii_scan DATABASE CUSTOMER_EXPORT_FOLDER", file=sys.stderr)
        return 2
    findings = scan_database(Path(args[0]), KnownPersonalData.from_customer_exports(Path(args[1])))
    for finding in findings:
        print(f"{finding.table}.{finding.column}: {finding.kind}: {finding.excerpt}")
    print(f"{len(findings)} personal-data findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
