"""Erlang C and Erlang A staffing functions as DuckDB SQL macros, installed in the published warehouse file.

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
and ASA null (infinite). The required-agents search scans, coarse to fine, from just above the traffic to
traffic + 10·sqrt(traffic) + 20 agents, which holds every answer for targets up to 0.99 at thresholds
of a second or more; a search that finds none returns null rather than a wrong number.

Erlang A (Palm, M/M/N+M: Erlang C plus exponential patience with mean patience_seconds), the same arguments
as the Erlang C functions plus patience_seconds, matching ``contact_center.staffing.erlang_a``:

- erlang_a_service_level(calls, interval_seconds, aht_seconds, agents, answer_seconds, patience_seconds):
  answered within answer_seconds / all offered contacts (an abandon counts as a miss)
- erlang_a_abandon_probability(calls, interval_seconds, aht_seconds, agents, patience_seconds)
- erlang_a_wait_probability(calls, interval_seconds, aht_seconds, agents, patience_seconds)
- erlang_a_required_agents(calls, interval_seconds, aht_seconds, target_service_level, answer_seconds,
  patience_seconds): the least integer N whose Erlang A service level meets the target

The queue is stable for every N, including N <= traffic. Zero traffic gives service level 1, abandon and
wait probability 0 and 0 agents; 0 agents give service level 0 and abandon and wait probability 1. Agents
must be whole numbers (null otherwise), and a null argument gives null. The formulas are those of
``staffing/patience.py``: with t_k = prod_{i=1..k} lam / (N mu + i theta), every series is summed in
logarithms around its largest term by Horner's rule on term ratios of at most one, over
10·sqrt(lam / theta + 1) + 32 terms each side (Erlang B's A^n / n! likewise over 10·sqrt(A + 1) + 32),
so nothing overflows and the dropped terms are below 1e-17 of the sum (the Gaussian-like decay either
side of the peak gives e^-50 at the window's ends). The required-agents search
scans ceil(target·A) to A + 10·sqrt(A) + 20 agents coarse-to-fine (about 3 (width)^(1/3) service-level
evaluations; the service level increases with N); the upper end meets every target short of 1 - 1e-10,
and null means no N in that range does. Erlang A can need more agents than Erlang C (short patience
against answer_seconds), so the Erlang C answer is not used as a bound. The erlang_a_* helpers without
a description above are internal.
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
    # The least N above the traffic meeting the target, up to traffic + 10 sqrt(traffic) + 20 agents, by the
    # coarse-to-fine search of erlang_c_or_a_required_agents_in (the service level increases with N above A).
    """
    create or replace macro erlang_c_required_agents(
        calls, interval_seconds, aht_seconds, target_service_level, answer_seconds
    ) as
        case
            when erlang_c_traffic(calls, interval_seconds, aht_seconds) <= 0 then 0
            else erlang_c_or_a_required_agents_in(
                calls, interval_seconds, aht_seconds, target_service_level, answer_seconds, null,
                cast(floor(erlang_c_traffic(calls, interval_seconds, aht_seconds)) as bigint) + 1,
                cast(ceil(
                    erlang_c_traffic(calls, interval_seconds, aht_seconds)
                    + 10 * sqrt(erlang_c_traffic(calls, interval_seconds, aht_seconds)) + 20
                ) as bigint),
                cast(ceil(cbrt(
                    ceil(
                        erlang_c_traffic(calls, interval_seconds, aht_seconds)
                        + 10 * sqrt(erlang_c_traffic(calls, interval_seconds, aht_seconds)) + 20
                    )
                    - floor(erlang_c_traffic(calls, interval_seconds, aht_seconds))
                )) as bigint)
            )
        end
    """,
    # ---- Erlang A (Palm, M/M/N+M) ----------------------------------------------------------------------
    # ln(1 + u) for u >= 0, accurate for small u (Goldberg's trick; DuckDB has no log1p).
    """
    create or replace macro erlang_a_log1p(u) as
        case when 1 + u = 1 then u else ln(1 + u) * u / ((1 + u) - 1) end
    """,
    # 1 - exp(-u) for u >= 0, accurate for small u (Kahan's expm1 trick).
    """
    create or replace macro erlang_a_one_minus_exp(u) as
        case
            when u > 0.5 then 1 - exp(-u)
            when exp(-u) = 1 then u
            else (1 - exp(-u)) * u / -ln(exp(-u))
        end
    """,
    # ln(exp(a) + exp(b)); at most one argument may be -inf.
    """
    create or replace macro erlang_a_logaddexp(a, b) as
        greatest(a, b) + ln(1 + exp(-abs(a - b)))
    """,
    # ln Gamma(z + j) - ln Gamma(z) for z > 0, j >= 0. From z = 100 on, by differencing Stirling's series
    # term by term (error below 1e-17), so that no two large lgamma values cancel when z >> j.
    """
    create or replace macro erlang_a_log_rising(z, j) as
        case
            when z < 100 then lgamma(z + j) - lgamma(z)
            else (z - 0.5) * erlang_a_log1p(j / z) + j * ln(z + j) - j
                + erlang_a_stirling_tail(z + j) - erlang_a_stirling_tail(z)
        end
    """,
    # ln Gamma(w) - ((w - 1/2) ln w - w + ln(2 pi) / 2), for w >= 100 (next term below 1e-17).
    """
    create or replace macro erlang_a_stirling_tail(w) as
        1 / (12 * w) - 1 / (360 * pow(w, 3)) + 1 / (1260 * pow(w, 5))
    """,
    # ln t_k = sum_{i=1..k} ln(r / (x + i)) = k ln(r / (x + k)) + gap, gap = sum_{i=1..k} ln((x + k) / (x + i))
    # = k ln(x + k) - ln Gamma(x + k + 1) + ln Gamma(x + 1), written out with Stirling's series for large
    # arguments so that its rounding error is of order k ulps, not (x + k) ln(x + k) ulps. log_r = ln r
    # stands in when r underflows to 0.
    """
    create or replace macro erlang_a_log_term(r, log_r, x, k) as
        k * case when r > 0 then ln(r / (x + k)) else log_r - ln(x + k) end
        + case
            when x + k + 1 < 100 then k * ln(x + k) - lgamma(x + k + 1) + lgamma(x + 1)
            when x + 1 < 100 then -(x + 0.5) * ln(x + k + 1) - k * erlang_a_log1p(1 / (x + k)) + x + k + 1
                - 0.5 * ln(2 * pi()) - erlang_a_stirling_tail(x + k + 1) + lgamma(x + 1)
            else k - (x + 0.5) * erlang_a_log1p(k / (x + 1)) - k * erlang_a_log1p(1 / (x + k))
                - erlang_a_stirling_tail(x + k + 1) + erlang_a_stirling_tail(x + 1)
        end
    """,
    # 1 + q_1 (1 + q_2 (1 + ... (1 + q_m))) for ratios = [q_m, ..., q_1], innermost first. The lambda captures
    # nothing: the per-row values are already in the list (see erlang_b on DuckDB's list_reduce).
    """
    create or replace macro erlang_a_horner(ratios) as
        list_reduce(list_prepend(cast(1.0 as double), ratios), lambda acc, q: 1 + q * acc)
    """,
    # ln sum_{n<N} pi_n / pi_N = ln(1 / B(N, A) - 1) for N >= 1: the terms A^n / n! around their largest,
    # n_ref = min(N - 1, floor(A)), by Horner's rule on the ratios (at most 1) either side, +-width terms.
    """
    create or replace macro erlang_a_log_below_at(agents, traffic, n_ref, width) as
        ln(
            erlang_a_horner(list_transform(
                range(least(cast(agents as bigint) - 1, n_ref + width), n_ref, -1), lambda i: traffic / i
            ))
            + erlang_a_horner(list_transform(range(greatest(0, n_ref - width) + 1, n_ref + 1), lambda i: i / traffic))
            - 1
        )
        + erlang_a_log_rising(n_ref + 1, agents - n_ref) - (agents - n_ref) * ln(traffic)
    """,
    """
    create or replace macro erlang_a_log_below(agents, traffic) as
        erlang_a_log_below_at(
            agents,
            traffic,
            least(cast(agents as bigint) - 1, cast(floor(traffic) as bigint)),
            cast(ceil(10 * sqrt(traffic + 1) + 32) as bigint)
        )
    """,
    # ln S with S = sum_{k>=1} t_k (weighted = 0) or sum_{k>=1} k t_k (weighted = 1), where
    # t_k = pi_{N+k} / pi_N = prod_{i=1..k} r / (x + i), r = lam / theta, x = N mu / theta. The terms are summed
    # around k_ref = max(1, floor(r - x)), where t_k is largest, by Horner's rule either side (ratios <= 1 up to
    # the weight k / (k - 1)), width terms each way, times t_{k_ref} (erlang_a_log_term).
    """
    create or replace macro erlang_a_log_queue_at(r, log_r, x, weighted, k_ref, width) as
        ln(
            erlang_a_horner(list_transform(
                range(k_ref + width, k_ref, -1),
                lambda i: case when weighted = 1 then r * i / ((x + i) * (i - 1)) else r / (x + i) end
            ))
            + erlang_a_horner(list_transform(
                range(greatest(1, k_ref - width) + 1, k_ref + 1),
                lambda i: case when weighted = 1 then (x + i) * (i - 1) / (r * i) else (x + i) / r end
            ))
            - 1
        )
        + erlang_a_log_term(r, log_r, x, k_ref) + weighted * ln(k_ref)
    """,
    """
    create or replace macro erlang_a_log_queue(r, log_r, x, weighted) as
        erlang_a_log_queue_at(
            r,
            log_r,
            x,
            weighted,
            cast(greatest(1, floor(r - x)) as bigint),
            cast(ceil(10 * sqrt(r + 1) + 32) as bigint)
        )
    """,
    # Null for a missing argument or fractional agents (DuckDB's greatest and least would skip a null).
    """
    create or replace macro erlang_a_invalid(
        calls, interval_seconds, aht_seconds, agents, answer_seconds, patience_seconds
    ) as
        calls is null or interval_seconds is null or aht_seconds is null or agents is null or answer_seconds is null
            or patience_seconds is null or agents <> floor(agents)
    """,
    # Per-row quantities, computed once (bound to a lambda parameter by the macros below): a = A, n = N,
    # r = lam / theta, x = N mu / theta, u = theta T; rt = r e^-u is r for the queue seen T seconds later.
    """
    create or replace macro erlang_a_state(
        calls, interval_seconds, aht_seconds, agents, answer_seconds, patience_seconds
    ) as
        {
            'a': cast(calls as double) * aht_seconds / interval_seconds,
            'n': cast(agents as double),
            'r': cast(calls as double) * patience_seconds / interval_seconds,
            'log_r': ln(cast(calls as double) * patience_seconds / interval_seconds),
            'x': cast(agents as double) * patience_seconds / aht_seconds,
            'u': cast(answer_seconds as double) / patience_seconds,
            'rt': cast(calls as double) * patience_seconds / interval_seconds * exp(-answer_seconds / patience_seconds),
            'log_rt': ln(cast(calls as double) * patience_seconds / interval_seconds)
                - answer_seconds / patience_seconds
        }
    """,
    # ln(1 / pi_N) = ln(below + 1 + S0'), from ln below = ln sum_{n<N} pi_n / pi_N and ln S0' (the queue states).
    """
    create or replace macro erlang_a_log_total(below, queued) as
        erlang_a_logaddexp(below, erlang_a_logaddexp(0, queued))
    """,
    # Service level from the state v: with ln pi_N = -ln(below + 1 + S0'), answered within T =
    # P(no wait) + (N / A) pi_N [S0' - e^h S0'_T], h = r (1 - e^-u) - x u (see staffing/patience.py).
    """
    create or replace macro erlang_a_service_level_of(state) as
        list_transform([state], lambda v: list_transform(
            [{
                'below': erlang_a_log_below(v.n, v.a),
                'queued': erlang_a_log_queue(v.r, v.log_r, v.x, 0),
                'late': erlang_a_log_queue(v.rt, v.log_rt, v.x, 0)
            }],
            lambda s: least(1.0, greatest(0.0,
                exp(s.below - erlang_a_log_total(s.below, s.queued))
                + greatest(0.0,
                    exp(ln(v.x / v.r) + s.queued - erlang_a_log_total(s.below, s.queued))
                    - exp(
                        ln(v.x / v.r) + v.r * erlang_a_one_minus_exp(v.u) - v.x * v.u + s.late
                        - erlang_a_log_total(s.below, s.queued)
                    )
                )
            ))
        )[1])[1]
    """,
    """
    create or replace macro erlang_a_service_level(
        calls, interval_seconds, aht_seconds, agents, answer_seconds, patience_seconds
    ) as
        case
            when erlang_a_invalid(calls, interval_seconds, aht_seconds, agents, answer_seconds, patience_seconds)
                then null
            when erlang_c_traffic(calls, interval_seconds, aht_seconds) <= 0 then 1.0
            when agents < 1 then 0.0
            else erlang_a_service_level_of(
                erlang_a_state(calls, interval_seconds, aht_seconds, agents, answer_seconds, patience_seconds)
            )
        end
    """,
    # P(abandon) = theta Lq / lam = pi_N S1 / r.
    """
    create or replace macro erlang_a_abandon_probability(
        calls, interval_seconds, aht_seconds, agents, patience_seconds
    ) as
        case
            when erlang_a_invalid(calls, interval_seconds, aht_seconds, agents, 0, patience_seconds) then null
            when erlang_c_traffic(calls, interval_seconds, aht_seconds) <= 0 then 0.0
            when agents < 1 then 1.0
            else list_transform(
                [erlang_a_state(calls, interval_seconds, aht_seconds, agents, 0, patience_seconds)],
                lambda v: list_transform(
                    [{
                        'below': erlang_a_log_below(v.n, v.a),
                        'queued': erlang_a_log_queue(v.r, v.log_r, v.x, 0),
                        'length': erlang_a_log_queue(v.r, v.log_r, v.x, 1)
                    }],
                    lambda s: least(1.0, exp(
                        s.length - v.log_r - erlang_a_log_total(s.below, s.queued)
                    ))
                )[1]
            )[1]
        end
    """,
    # P(wait) = pi_N (1 + S0').
    """
    create or replace macro erlang_a_wait_probability(
        calls, interval_seconds, aht_seconds, agents, patience_seconds
    ) as
        case
            when erlang_a_invalid(calls, interval_seconds, aht_seconds, agents, 0, patience_seconds) then null
            when erlang_c_traffic(calls, interval_seconds, aht_seconds) <= 0 then 0.0
            when agents < 1 then 1.0
            else list_transform(
                [erlang_a_state(calls, interval_seconds, aht_seconds, agents, 0, patience_seconds)],
                lambda v: list_transform(
                    [{'below': erlang_a_log_below(v.n, v.a), 'queued': erlang_a_log_queue(v.r, v.log_r, v.x, 0)}],
                    lambda s: least(1.0, exp(
                        erlang_a_logaddexp(0, s.queued) - erlang_a_log_total(s.below, s.queued)
                    ))
                )[1]
            )[1]
        end
    """,
    # Whether N agents meet the target: by Erlang A, or by Erlang C when patience_seconds is null (nobody
    # abandons), so that one search serves both required-agents functions.
    """
    create or replace macro erlang_c_or_a_meets(
        calls, interval_seconds, aht_seconds, agents, target_service_level, answer_seconds, patience_seconds
    ) as
        case
            when patience_seconds is null
                then erlang_c_service_level(calls, interval_seconds, aht_seconds, agents, answer_seconds)
            else erlang_a_service_level(calls, interval_seconds, aht_seconds, agents, answer_seconds, patience_seconds)
        end >= target_service_level
    """,
    # The least N in [lo, hi] meeting the target, SL being increasing in N: the least passing N on a grid of
    # step^2 down from hi (null if hi fails), then on a grid of step below that, then every N below that.
    """
    create or replace macro erlang_c_or_a_required_agents_in(
        calls, interval_seconds, aht_seconds, target_service_level, answer_seconds, patience_seconds, lo, hi, step
    ) as
        list_transform(
            [list_min(list_filter(
                list_transform(range(0, (hi - lo) // (step * step) + 1), lambda j: hi - j * step * step),
                lambda n: erlang_c_or_a_meets(
                    calls, interval_seconds, aht_seconds, n, target_service_level, answer_seconds, patience_seconds
                )
            ))],
            lambda coarse: case when coarse is not null then list_transform(
                [coalesce(list_min(list_filter(
                    list_transform(
                        range(1, (coarse - greatest(lo, coarse - step * step + 1)) // step + 1),
                        lambda j: coarse - j * step
                    ),
                    lambda n: erlang_c_or_a_meets(
                        calls, interval_seconds, aht_seconds, n, target_service_level, answer_seconds, patience_seconds
                    )
                )), coarse)],
                lambda fine: coalesce(list_min(list_filter(
                    range(greatest(lo, fine - step + 1), fine),
                    lambda n: erlang_c_or_a_meets(
                        calls, interval_seconds, aht_seconds, n, target_service_level, answer_seconds, patience_seconds
                    )
                )), fine)
            )[1] end
        )[1]
    """,
    # Below ceil(target A) the share answered, at most N / A, already misses the target; at
    # A + 10 sqrt(A) + 20 agents P(wait) is below Erlang C's (far below 1e-10), which is the bound.
    """
    create or replace macro erlang_a_required_agents(
        calls, interval_seconds, aht_seconds, target_service_level, answer_seconds, patience_seconds
    ) as
        case
            when erlang_a_invalid(calls, interval_seconds, aht_seconds, 0, answer_seconds, patience_seconds)
                or target_service_level is null then null
            when erlang_c_traffic(calls, interval_seconds, aht_seconds) <= 0 then 0
            else erlang_c_or_a_required_agents_in(
                calls, interval_seconds, aht_seconds, target_service_level, answer_seconds, patience_seconds,
                greatest(0, cast(ceil(
                    target_service_level * erlang_c_traffic(calls, interval_seconds, aht_seconds) * (1 - 1e-12)
                ) as bigint)),
                cast(ceil(
                    erlang_c_traffic(calls, interval_seconds, aht_seconds)
                    + 10 * sqrt(erlang_c_traffic(calls, interval_seconds, aht_seconds)) + 20
                ) as bigint),
                cast(ceil(cbrt(
                    ceil(
                        erlang_c_traffic(calls, interval_seconds, aht_seconds)
                        + 10 * sqrt(erlang_c_traffic(calls, interval_seconds, aht_seconds)) + 20
                    )
                    - ceil(target_service_level * erlang_c_traffic(calls, interval_seconds, aht_seconds) * (1 - 1e-12))
                    + 1
                )) as bigint)
            )
        end
    """,
)


FUNCTION_NAMES: tuple[str, ...] = tuple(statement.split("macro", 1)[1].split("(", 1)[0].strip() for statement in MACROS)

#: The functions analysts call (the rest are the Erlang A helpers they are built from).
PUBLIC_FUNCTION_NAMES: tuple[str, ...] = (
    "erlang_c_traffic",
    "erlang_b",
    "erlang_c_wait_probability",
    "erlang_c_service_level",
    "erlang_c_asa",
    "erlang_c_occupancy",
    "erlang_c_required_agents",
    "erlang_a_service_level",
    "erlang_a_abandon_probability",
    "erlang_a_wait_probability",
    "erlang_a_required_agents",
)


def install(con: duckdb.DuckDBPyConnection) -> None:
    """Create (or replace) every staffing macro in the connection's default schema."""
    for statement in MACROS:
        con.execute(statement)
