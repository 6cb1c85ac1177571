"""Staffing math: Erlang B, Erlang C and Erlang A (Palm), vectorized over queue-intervals with numpy.

Formulas and conventions follow ``shared/design/kpi-definitions.md`` ("Erlang C", "Erlang A"). Every array
function broadcasts its arguments, so one call handles a whole table of queue-intervals.
"""

from .blocking import erlang_b
from .delay import (
    ErlangCResult,
    average_speed_of_answer,
    erlang_c,
    occupancy,
    probability_of_waiting,
    service_level,
    traffic_erlangs,
)
from .patience import SL_DEFINITIONS, ErlangAResult, erlang_a, erlang_a_required_agents
from .required import (
    CHAT_CONCURRENCY_FACTORS,
    StaffingPlan,
    chat_effective_aht,
    fractional_required_agents,
    required_agents,
    required_agents_scalar,
    scheduled_agents,
    staff_interval,
)

__all__ = [
    "CHAT_CONCURRENCY_FACTORS",
    "SL_DEFINITIONS",
    "ErlangAResult",
    "ErlangCResult",
    "StaffingPlan",
    "average_speed_of_answer",
    "chat_effective_aht",
    "erlang_a",
    "erlang_a_required_agents",
    "erlang_b",
    "erlang_c",
    "fractional_required_agents",
    "occupancy",
    "probability_of_waiting",
    "required_agents",
    "required_agents_scalar",
    "scheduled_agents",
    "service_level",
    "staff_interval",
    "traffic_erlangs",
]
