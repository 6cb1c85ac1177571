"""The simulated contact center: sites, queues, reasons, demand curves and behaviour parameters.

Everything the simulation draws from is configured here, so a reader can see the whole center in one
place. Volumes are per weekday at ``scale=1.0``; ``scale`` multiplies arrivals, agents and customers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DEFAULT_START = date(2026, 10, 12)

# Amazon Connect instance the telephony exports come from (fictional account number).
AWS_REGION = "us-east-1"
AWS_ACCOUNT = "123456789012"
SURVEY_TIME_ZONE = "America/New_York"


@dataclass(frozen=True)
class Site:
    code: str
    name: str
    time_zone: str
    country: str
    # Local opening hours per weekday (Monday first) as (open, close) minutes after local midnight.
    hours: tuple[tuple[int, int], ...]


_WEEK_HOURS = ((480, 1200),) * 5 + ((540, 1020), (600, 960))

SITES: tuple[Site, ...] = (
    Site("BOS", "Boston", "America/New_York", "US", _WEEK_HOURS),
    Site("GLA", "Glasgow", "Europe/London", "GB", _WEEK_HOURS),
)
SITE_BY_CODE = {s.code: s for s in SITES}


@dataclass(frozen=True)
class QueueConfig:
    name: str
    channel: str  # VOICE | CHAT
    site: str  # site code
    family: str  # billing | tech_support | sales | retention
    sl_threshold: int  # seconds
    sl_target: float
    weekday_volume: float  # new issues arriving on an average weekday (scale 1)
    talk_median: float  # seconds, lognormal
    talk_sigma: float
    hold_prob: float
    hold_median: float
    acw_median: float
    acw_sigma: float
    patience_mean: float  # seconds, exponential
    callback: bool  # voice callers may choose a callback after waiting
    off_family_share: float  # share of arrivals whose reason belongs to another family (misroutes)
    self_serve: float  # IVR / bot resolves the contact without queueing
    ivr_hangup: float  # caller hangs up in the IVR / bot


QUEUES: tuple[QueueConfig, ...] = (
    QueueConfig("BOS_Billing_Voice", "VOICE", "BOS", "billing", 20, 0.80, 480,
                540, 0.55, 0.35, 50, 55, 0.6, 170, True, 0.10, 0.24, 0.03),
    QueueConfig("BOS_TechSupport_Voice", "VOICE", "BOS", "tech_support", 20, 0.80, 450,
                720, 0.6, 0.50, 70, 80, 0.6, 210, True, 0.05, 0.20, 0.03),
    QueueConfig("BOS_Sales_Voice", "VOICE", "BOS", "sales", 20, 0.85, 190,
                590, 0.55, 0.20, 40, 60, 0.6, 120, False, 0.05, 0.08, 0.02),
    QueueConfig("BOS_Retention_Voice", "VOICE", "BOS", "retention", 20, 0.85, 85,
                750, 0.5, 0.30, 60, 90, 0.6, 200, False, 0.0, 0.02, 0.02),
    QueueConfig("BOS_TechSupport_Chat", "CHAT", "BOS", "tech_support", 60, 0.80, 250,
                790, 0.5, 0.0, 0, 40, 0.6, 320, False, 0.05, 0.15, 0.02),
    QueueConfig("GLA_Billing_Voice", "VOICE", "GLA", "billing", 20, 0.80, 345,
                510, 0.55, 0.35, 50, 55, 0.6, 180, True, 0.06, 0.24, 0.03),
    QueueConfig("GLA_TechSupport_Voice", "VOICE", "GLA", "tech_support", 20, 0.80, 295,
                700, 0.6, 0.50, 70, 80, 0.6, 220, True, 0.06, 0.20, 0.03),
    QueueConfig("GLA_Billing_Chat", "CHAT", "GLA", "billing", 60, 0.80, 155,
                750, 0.5, 0.0, 0, 40, 0.6, 320, False, 0.05, 0.15, 0.02),
)  # fmt: skip
QUEUE_INDEX = {q.name: i for i, q in enumerate(QUEUES)}

REASONS: dict[str, tuple[str, ...]] = {
    "billing": ("Billing dispute", "Payment arrangement", "Refund request", "Update payment details"),
    "tech_support": ("No service", "Slow connection", "Device setup", "Outage report"),
    "sales": ("New service", "Upgrade plan", "Add a line"),
    "retention": ("Cancel service", "Price complaint"),
}
REASON_FAMILY = {reason: fam for fam, reasons in REASONS.items() for reason in reasons}
FAMILIES = tuple(REASONS)
CASE_TYPE = {"billing": "Billing", "tech_support": "Technical", "sales": "Sales", "retention": "Account"}
# Families a customer of each country can have issues about (Glasgow has no sales or retention line).
COUNTRY_FAMILIES = {
    "US": ("billing", "tech_support", "sales", "retention"),
    "GB": ("billing", "tech_support"),
}

# Email and web-form issues per weekday (scale 1), per site. They become Salesforce cases only.
EMAIL_VOLUME = {"BOS": 140.0, "GLA": 85.0}
WEB_VOLUME = {"BOS": 60.0, "GLA": 35.0}
# Family mix of email/web issues per country.
EMAIL_FAMILY_MIX = {
    "US": (("billing", 0.5), ("tech_support", 0.3), ("sales", 0.1), ("retention", 0.1)),
    "GB": (("billing", 0.6), ("tech_support", 0.4)),
}

# Hourly demand shapes (local wall clock), interpolated to half hours. Only open hours are used.
HOURLY_SHAPE = {
    "VOICE": (0, 0, 0, 0, 0, 0, 0, 0.3, 0.9, 1.35, 1.45, 1.35, 1.15, 1.2, 1.3, 1.25, 1.1, 0.9, 0.7, 0.55,
              0.42, 0.2, 0, 0),
    "CHAT": (0, 0, 0, 0, 0, 0, 0, 0.2, 0.6, 0.9, 1.05, 1.1, 1.15, 1.1, 1.05, 1.0, 1.0, 1.05, 1.1, 1.05,
             0.9, 0.5, 0, 0),
    "EMAIL": (0.08, 0.05, 0.04, 0.04, 0.05, 0.1, 0.25, 0.5, 0.9, 1.2, 1.25, 1.2, 1.1, 1.1, 1.05, 1.0,
              0.95, 0.9, 0.85, 0.8, 0.7, 0.55, 0.35, 0.18),
}  # fmt: skip
# Day-of-week factors, Monday first (weekends are lower).
WEEKLY_FACTOR = {
    "VOICE": (1.12, 1.04, 1.0, 0.97, 0.92, 0.5, 0.32),
    "CHAT": (1.05, 1.02, 1.0, 1.0, 0.98, 0.62, 0.45),
    "EMAIL": (1.1, 1.05, 1.0, 1.0, 0.95, 0.5, 0.4),
}

# Customers and identity.
CUSTOMERS_PER_SCALE = 60000
# A customer has one open issue per family at a time: a new issue of a family goes to a customer with no
# contact in that family for this long (returns come up to 10 days apart; journeys are matched over a
# 7-day window). Without it a small base makes unrelated same-reason issues collide, which no real
# center sees at this rate and which no matching rule could tell apart.
ISSUE_FAMILY_EXCLUSION_SECONDS = 21 * 86400
US_SHARE = 0.6
HOUSEHOLD_SHARE = 0.03  # customers in a two-person household sharing the landline
NEW_CUSTOMER_SHARE = 0.03  # created during the window
CHANGED_CUSTOMER_SHARE = 0.035  # details changed during the window (re-delivered)
ANONYMOUS_CALLER = 0.04
UNKNOWN_NUMBER = 0.06
IVR_IDENTIFIES = 0.85  # a caller whose number is on file for exactly one customer
IVR_CAPTURES_REASON = 0.88
CHAT_LOGGED_IN = 0.45
CHAT_UNKNOWN_EMAIL = 0.10
EMAIL_UNKNOWN_ADDRESS = 0.12

# Agents and workforce management.
# The planner staffs each half hour with Erlang C for a service level this far below the queue's target
# (budget pressure); shift granularity, absence and imperfect adherence then decide what is achieved.
PLAN_SL_DISCOUNT = 0.55
# Queue load on top of new-issue demand (repeats, retries after abandons, transfers, callbacks) as the
# WFM forecast expects it: it grows through the day, because same-day retries and repeats come later.
PLANNING_LOAD_MORNING = 1.08
PLANNING_LOAD_PER_HOUR = 0.035
ABSENCE_RATE = 0.04
NEW_HIRES_PER_SCALE = 5
LEAVERS_PER_SCALE = 4
TEAM_SIZE = 12
CROSS_SITE_SKILL = 0.06

# Contact behaviour.
CALLBACK_OFFER_AFTER = 90  # seconds waited before a callback is offered
CALLBACK_ACCEPT = 0.3
CALLBACK_EXPIRY = 4 * 3600
MISROUTE_TRANSFER = 0.7  # an agent transfers a caller whose issue belongs to another family
RANDOM_TRANSFER = 0.03
MAX_TRANSFERS = 2
MAX_CONTACTS_PER_ISSUE = 6
RESOLVE_PROB = {"billing": 0.72, "tech_support": 0.6, "sales": 0.82, "retention": 0.68}
SURVEY_RATE = 0.12
QA_RATE = 0.03
CASE_ON_FIRST_CONTACT = 0.85
NO_ACW_VOICE = 0.3  # share of contacts the agent clears without after-contact work
NO_ACW_CHAT = 0.5
REDELIVERY_RATE = 0.03
DUPLICATE_LINE_RATE = 0.002
AGENT_EVENT_DUPLICATE_RATE = 0.0005

# Return (repeat contact) delays in days for an unresolved issue, 0..10.
RETURN_DAY_WEIGHTS = (0.12, 0.28, 0.2, 0.12, 0.08, 0.06, 0.05, 0.04, 0.02, 0.02, 0.01)
# Channel a returning customer uses, given the previous contact's channel.
CHANNEL_SWITCH = {
    "voice": (("voice", 0.65), ("chat", 0.2), ("email", 0.1), ("web", 0.05)),
    "chat": (("voice", 0.5), ("chat", 0.4), ("email", 0.1)),
    "email": (("voice", 0.5), ("email", 0.3), ("chat", 0.1), ("web", 0.1)),
    "web": (("voice", 0.4), ("email", 0.3), ("web", 0.2), ("chat", 0.1)),
}

QUEUE_SEED_COLUMNS = [
    "queue_name",
    "channel",
    "site",
    "time_zone",
    "service_level_threshold_seconds",
    "service_level_target",
    "queue_family",
    "dialled_number",
]


def dialled_number(queue_index: int) -> str:
    """The number customers dial to reach a queue's line (CTR ``SystemEndpoint``); chat has none."""
    q = QUEUES[queue_index]
    return f"+1800555{100 + queue_index:04d}" if q.site == "BOS" else f"+448081570{100 + queue_index:03d}"


REASON_SEED_COLUMNS = ["contact_reason", "issue_family"]


def reason_seed_rows() -> list[list[str]]:
    """The rows of ``seeds/contact_reasons.csv`` (contact reason -> issue family), from this config."""
    return [[reason, family] for family, reasons in REASONS.items() for reason in reasons]


def queue_seed_rows() -> list[list[str]]:
    """The rows of ``seeds/queues.csv`` (the warehouse's queue reference data), from this config."""
    rows = []
    for i, q in enumerate(QUEUES):
        site = SITE_BY_CODE[q.site]
        number = dialled_number(i) if q.channel.lower() == "voice" else ""
        rows.append(
            [
                q.name,
                q.channel.lower(),
                site.name,
                site.time_zone,
                str(q.sl_threshold),
                f"{q.sl_target:.2f}",
                q.family,
                number,
            ]
        )
    return rows
