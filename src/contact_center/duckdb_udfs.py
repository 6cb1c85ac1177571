"""The staffing math as vectorized DuckDB functions, for the dbt build (registered by ``dbt_plugin``).

Each function receives a whole DuckDB vector (up to 2,048 rows) as Arrow arrays and answers it with one call
of the numpy / compiled API in ``contact_center.staffing``, so the marts use exactly the Python API's numbers.
The published file carries the same functions as pure SQL macros (``sql_functions``) for analysts who open
it without Python; ``tests/python/test_sql_functions.py`` holds the two to the same answers.

Names carry a ``staffing_`` prefix so they never shadow those macros; dbt models reach them through the
adapter-dispatched macros in ``macros/staffing/``. Seconds everywhere; NULL in gives NULL out; bad input
(negative counts, a target of 1 or more) raises the API's ``ValueError`` and fails the query.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

import duckdb
import numpy as np
import pyarrow as pa

from contact_center.staffing import erlang_a, erlang_a_required_agents, erlang_c, required_agents

FloatsFunction = Callable[..., np.ndarray]


def _arrow(compute: FloatsFunction, arity: int) -> Callable[..., pa.Array]:
    """A DuckDB Arrow UDF of ``arity`` arguments that hands ``compute`` its vectors as float64 numpy arrays.

    DuckDB counts a function's parameters from its signature, so the signature names ``arity`` of them.
    """

    def udf(*columns: pa.Array) -> pa.Array:
        return pa.array(compute(*(np.asarray(c.to_numpy(zero_copy_only=False), dtype=np.float64) for c in columns)))

    positional = inspect.Parameter.POSITIONAL_ONLY
    udf.__signature__ = inspect.Signature([inspect.Parameter(f"arg{k}", positional) for k in range(arity)])  # type: ignore[attr-defined]
    return udf


#: SQL name -> (computation on float arrays in the SQL argument order, number of DOUBLE arguments, return type).
#: Arguments: calls, interval_seconds, aht_seconds, then agents or target service level, answer seconds, patience.
FUNCTIONS: dict[str, tuple[FloatsFunction, int, str]] = {
    "staffing_erlang_c_required_agents": (lambda c, i, h, g, t: required_agents(c, i, h, t, g), 5, "BIGINT"),
    "staffing_erlang_c_service_level": (lambda c, i, h, n, t: erlang_c(c, i, h, n, t).service_level, 5, "DOUBLE"),
    "staffing_erlang_a_service_level": (
        lambda c, i, h, n, t, p: erlang_a(c, i, h, n, p, t).service_level,
        6,
        "DOUBLE",
    ),
    "staffing_erlang_a_abandon_probability": (
        lambda c, i, h, n, p: erlang_a(c, i, h, n, p).prob_abandon,
        5,
        "DOUBLE",
    ),
    "staffing_erlang_a_required_agents": (
        lambda c, i, h, g, t, p: erlang_a_required_agents(c, i, h, p, t, g),
        6,
        "BIGINT",
    ),
}


def register(con: duckdb.DuckDBPyConnection) -> None:
    """Register every staffing function on ``con`` (a connection-scoped, vectorized Python UDF each)."""
    registered = {row[0] for row in con.execute("select function_name from duckdb_functions()").fetchall()}
    for name, (compute, arity, return_type) in FUNCTIONS.items():
        if name in registered:
            con.remove_function(name)
        con.create_function(name, _arrow(compute, arity), ["DOUBLE"] * arity, return_type, type="arrow")
