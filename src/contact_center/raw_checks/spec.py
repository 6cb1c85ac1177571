"""What each landing folder must look like, taken from docs/raw_exports.md (the file-format contract)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from contact_center.raw_exports import (
    CASE_COLUMNS,
    CASE_HISTORY_COLUMNS,
    CUSTOMER_COLUMNS,
    ROSTER_COLUMNS,
    SCHEDULE_COLUMNS,
)

Kind = Literal["jsonl", "csv", "qualtrics"]

# ISO-8601 (`2026-10-12T13:02:11Z`, Salesforce `2026-10-12T14:03:22.000+0000`). Loose on purpose: the
# raw check asks "is this a timestamp at all"; staging parses it for real. Non-capturing groups only:
# GE's pandas regex metric uses str.contains, which warns about capture groups.
ISO_TIMESTAMP = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$"
# Qualtrics' third header row: every cell is a JSON object that starts with its ImportId.
IMPORT_ID_ROW = r'^\{\s*"ImportId"\s*:'

VALID_JSON_FLAG = "is_valid_json"
ALL_FIELDS_FLAG = "has_all_fields"


@dataclass(frozen=True)
class SourceSpec:
    """One landing folder: ``<folder>/<entity>_YYYY-MM-DD.<ext>``, one file per day."""

    folder: str
    entity: str
    kind: Kind
    required: tuple[str, ...]
    """Columns (CSV header) or top-level JSON fields the contract names; all must be present in a file."""
    not_null: tuple[str, ...]
    """Key fields: non-null for nearly all records (``mostly``)."""
    enums: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Field -> allowed values (nulls are allowed; JSON fields may be dotted paths into objects)."""
    patterns: Mapping[str, str] = field(default_factory=dict)
    """Field -> regex that nearly all non-null values match."""
    first_file_full_extract: bool = False
    """The first file is a full extract and later files are deltas: never use it as a volume baseline."""
    min_volume_ratio: float | None = None
    """This source's volume threshold when it differs from the run's (``run_raw_checks(min_volume_ratio)``)."""

    @property
    def ext(self) -> str:
        return "jsonl" if self.kind == "jsonl" else "csv"

    @property
    def record_flag(self) -> str:
        """Per-record boolean column: the line parsed as a JSON object / the CSV row has every field."""
        return VALID_JSON_FLAG if self.kind == "jsonl" else ALL_FIELDS_FLAG

    @property
    def fields(self) -> tuple[str, ...]:
        """Every field the checks read, in a stable order."""
        seen: dict[str, None] = {}
        for name in (*self.required, *self.not_null, *self.enums, *self.patterns):
            seen.setdefault(name, None)
        return tuple(seen)

    def file_name(self, day_iso: str) -> str:
        return f"{self.entity}_{day_iso}.{self.ext}"


SOURCES: tuple[SourceSpec, ...] = (
    SourceSpec(
        folder="telephony/ctr",
        entity="ctr",
        kind="jsonl",
        required=(
            "ContactId",
            "Channel",
            "InitiationMethod",
            "InitiationTimestamp",
            "DisconnectTimestamp",
            "LastUpdateTimestamp",
        ),
        not_null=("ContactId", "InitiationTimestamp", "LastUpdateTimestamp"),
        enums={
            "Channel": ("VOICE", "CHAT"),
            "InitiationMethod": ("INBOUND", "TRANSFER", "QUEUE_TRANSFER", "CALLBACK", "OUTBOUND", "API"),
            "DisconnectReason": (
                "CUSTOMER_DISCONNECT",
                "AGENT_DISCONNECT",
                "CONTACT_FLOW_DISCONNECT",
                "TRANSFERRED",
                "CALLBACK",
                "EXPIRED",
                "TELECOM_PROBLEM",
            ),
        },
        patterns={"InitiationTimestamp": ISO_TIMESTAMP, "LastUpdateTimestamp": ISO_TIMESTAMP},
    ),
    SourceSpec(
        folder="telephony/agent_events",
        entity="agent_events",
        kind="jsonl",
        required=("EventId", "EventType", "EventTimestamp", "AgentARN", "CurrentAgentSnapshot"),
        not_null=("EventId", "EventType", "EventTimestamp"),
        enums={
            "EventType": ("LOGIN", "LOGOUT", "STATE_CHANGE", "HEART_BEAT"),
            "CurrentAgentSnapshot.AgentStatus.Name": (
                "Available",
                "Break",
                "Lunch",
                "Training",
                "Meeting",
                "Offline",
            ),
        },
        patterns={"EventTimestamp": ISO_TIMESTAMP},
    ),
    SourceSpec(
        folder="crm/customers",
        entity="customers",
        kind="csv",
        required=CUSTOMER_COLUMNS,
        not_null=("Id",),
        enums={"MailingCountry": ("US", "GB")},
        patterns={"LastModifiedDate": ISO_TIMESTAMP},
        first_file_full_extract=True,
    ),
    SourceSpec(
        folder="crm/cases",
        entity="cases",
        kind="csv",
        required=CASE_COLUMNS,
        not_null=("Id",),
        enums={
            "Origin": ("Phone", "Chat", "Email", "Web"),
            "Status": ("New", "Working", "Escalated", "Closed"),
            "Priority": ("Low", "Medium", "High"),
            "IsClosed": ("true", "false"),
            "IsEscalated": ("true", "false"),
        },
        patterns={"LastModifiedDate": ISO_TIMESTAMP},
    ),
    SourceSpec(
        folder="crm/case_history",
        entity="case_history",
        kind="csv",
        required=CASE_HISTORY_COLUMNS,
        not_null=("Id", "CaseId"),
        enums={"Field": ("created", "Status")},
    ),
    SourceSpec(
        folder="survey/responses",
        entity="survey_responses",
        kind="qualtrics",
        required=(
            "StartDate",
            "EndDate",
            "Status",
            "IPAddress",
            "Progress",
            "Duration (in seconds)",
            "Finished",
            "RecordedDate",
            "ResponseId",
            "RecipientLastName",
            "RecipientFirstName",
            "RecipientEmail",
            "ExternalReference",
            "LocationLatitude",
            "LocationLongitude",
            "DistributionChannel",
            "UserLanguage",
            "Q1",
            "Q2",
            "Q3",
            "Q4",
            "Q5",
            "ContactId",
            "Channel",
        ),
        not_null=("ResponseId",),
        enums={
            "Q1": tuple(str(i) for i in range(1, 6)),
            "Q2": tuple(str(i) for i in range(0, 11)),
            "Q3": tuple(str(i) for i in range(1, 8)),
            "Q4": ("Yes", "No"),
        },
    ),
    SourceSpec(
        folder="quality/evaluations",
        entity="evaluations",
        kind="jsonl",
        required=(
            "EvaluationId",
            "EvaluationFormTitle",
            "ContactId",
            "AgentUsername",
            "EvaluatorUsername",
            "SubmittedTimestamp",
            "ScorePercentage",
            "Answers",
        ),
        not_null=("EvaluationId",),
        patterns={"SubmittedTimestamp": ISO_TIMESTAMP},
    ),
    SourceSpec(
        folder="wfm/schedules",
        entity="schedules",
        kind="csv",
        required=SCHEDULE_COLUMNS,
        not_null=("agent_id",),
        enums={"activity": ("Open", "Break", "Lunch", "Training", "Meeting")},
    ),
    SourceSpec(
        folder="wfm/roster",
        entity="roster",
        kind="csv",
        required=ROSTER_COLUMNS,
        not_null=("agent_id",),
    ),
)
