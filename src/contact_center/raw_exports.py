"""The CSV header columns of each raw export: docs/raw_exports.md in code.

The simulator writes these headers and the raw checks require them, so both sides of the contract
read one list. JSON-line sources name their fields in the raw-check spec.
"""

from __future__ import annotations

CUSTOMER_COLUMNS = (
    "Id",
    "AccountId",
    "FirstName",
    "LastName",
    "Email",
    "Phone",
    "MobilePhone",
    "MailingCountry",
    "CreatedDate",
    "LastModifiedDate",
)
CASE_COLUMNS = (
    "Id",
    "CaseNumber",
    "ContactId",
    "AccountId",
    "Origin",
    "Reason",
    "Type",
    "Status",
    "Priority",
    "IsClosed",
    "IsEscalated",
    "CreatedDate",
    "ClosedDate",
    "LastModifiedDate",
    "ParentId",
    "OwnerId",
    "SuppliedEmail",
    "SuppliedPhone",
    "Subject",
    "Connect_Contact_Id__c",
)
CASE_HISTORY_COLUMNS = (
    "Id",
    "CaseId",
    "Field",
    "OldValue",
    "NewValue",
    "CreatedDate",
)
SCHEDULE_COLUMNS = (
    "agent_id",
    "activity",
    "start_local",
    "end_local",
    "time_zone",
    "published_at",
)
ROSTER_COLUMNS = (
    "agent_id",
    "username",
    "first_name",
    "last_name",
    "email",
    "site",
    "time_zone",
    "team",
    "supervisor_id",
    "skills",
    "hire_date",
    "termination_date",
    "snapshot_date",
)
