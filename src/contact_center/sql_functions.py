"""Erlang C staffing functions as DuckDB SQL macros, installed in the published warehouse file.

Analysts call them from the DuckDB CLI or any client on `warehouse/contact_center.duckdb`; as macros
they are stored in the file itself, so they work without this package. Seconds everywhere. Erlang B is
computed by its recursion B(0) = 1, B(k) = A·B(k-1) / (k + A·B(k-1)) (on 1/B), never with factorials, so the
functions stay exact in double precision past 1,000 Erlangs (kpi-definitions.md, "Erlang C").

- erlang_c_traffic(calls, interval_seconds, aht_seconds): offered load in Erlangs
- erlang_b(agents, traffic): blocking probability
- erlang_c_wait_probability(agents, traffic): probability an arriving contact waits
- erlang_c_service_level(calls, interval_seconds, aht_seconds, agents, answer_seconds)
- erlang_c_asa(calls, interval_seconds, aht_seconds, agents): average speed of answer, seconds
- erlang_c_occupancy(calls, interval_seconds, aht_seconds, agents)
- erlang_c_required_agents(calls, interval_seconds, aht_seconds, target_service_level, answer_seconds)

With agents at or below the traffic the queue is unstable: the wait probability is 1, service level 0
and ASA null (infinite). The required-agents search scans from just above the traffic to
traffic + 10·sqrt(traffic) + 20 agents, which holds every answer for targets up to 0.99 at thresholds
of a second or more; a search that finds none returns null rather than a wrong number.
"""

from __future__ import annotations

import duckdb

MACROS: tuple[str, ...] = (
    """
    create or replace macro erlang_c_traffic(calls, interval_seconds, aht_seconds) as
        cast(calls as double) * aht_seconds / interval_seconds
    """,
    # 1/B(k) = 1 + (k / A) * 1/B(k-1), the Erlang B recursion on the reciprocal. The per-row traffic is
    # captured only by list_transform: DuckDB 1.5.6's list_reduce gives wrong results when its lambda
    # captures a per-row column and list lengths vary between rows (tests/python/test_sql_functions.py).
    """
    create or replace macro erlang_b(agents, traffic) as
        1.0 / list_reduce(
            list_prepend(
                cast(1.0 as double),
                list_transform(range(1, cast(agents as bigint) + 1), lambda k: k / traffic)
            ),
            lambda reciprocal, ratio: 1 + ratio * reciprocal
        )
    """,
    """
    create or replace macro erlang_c_wait_probability(agents, traffic) as
        case
            when traffic <= 0 then 0.0
            when agents <= traffic then 1.0
            else agents * erlang_b(agents, traffic) / (agents - traffic * (1 - erlang_b(agents, traffic)))
        end
    """,
    """
    create or replace macro erlang_c_service_level(calls, interval_seconds, aht_seconds, agents, answer_seconds) as
        case
            when erlang_c_traffic(calls, interval_seconds, aht_seconds) <= 0 then 1.0
            when agents <= erlang_c_traffic(calls, interval_seconds, aht_seconds) then 0.0
            else 1 - erlang_c_wait_probability(agents, erlang_c_traffic(calls, interval_seconds, aht_seconds))
                * exp(-(agents - erlang_c_traffic(calls, interval_seconds, aht_seconds)) * answer_seconds / aht_seconds)
        end
    """,
    """
    create or replace macro erlang_c_asa(calls, interval_seconds, aht_seconds, agents) as
        case
            when erlang_c_traffic(calls, interval_seconds, aht_seconds) <= 0 then 0.0
            when agents <= erlang_c_traffic(calls, interval_seconds, aht_seconds) then null
            else erlang_c_wait_probability(agents, erlang_c_traffic(calls, interval_seconds, aht_seconds))
                * aht_seconds / (agents - erlang_c_traffic(calls, interval_seconds, aht_seconds))
        end
    """,
    """
    create or replace macro erlang_c_occupancy(calls, interval_seconds, aht_seconds, agents) as
        least(1.0, erlang_c_traffic(calls, interval_seconds, aht_seconds) / agents)
    """,
    """
    create or replace macro erlang_c_required_agents(
        calls, interval_seconds, aht_seconds, target_service_level, answer_seconds
    ) as
        case
            when erlang_c_traffic(calls, interval_seconds, aht_seconds) <= 0 then 0
            else list_min(list_filter(
                range(
                    cast(floor(erlang_c_traffic(calls, interval_seconds, aht_seconds)) as bigint) + 1,
                    cast(ceil(
                        erlang_c_traffic(calls, interval_seconds, aht_seconds)
                        + 10 * sqrt(erlang_c_traffic(calls, interval_seconds, aht_seconds)) + 21
                    ) as bigint)
                ),
                lambda n: erlang_c_service_level(calls, interval_seconds, aht_seconds, n, answer_seconds)
                    >= target_service_level
            ))
        end
    """,
)


FUNCTION_NAMES: tuple[str, ...] = tuple(statement.split("macro", 1)[1].split("(", 1)[0].strip() for statement in MACROS)


def install(con: duckdb.DuckDBPyConnection) -> None:
    """Create (or replace) every staffing macro in the connection's default schema."""
    for statement in MACROS:
        con.execute(statement)
