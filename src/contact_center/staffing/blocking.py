"""Erlang B for integer and fractional servers, vectorized and without factorials.

For x servers and A Erlangs the (continuous) Erlang B is B(x, A) = A^x e^-A / Gamma(x + 1, A); for integer
x it is the familiar loss probability, and B(0) = 1, B(k) = A B(k-1) / (k + A B(k-1)).

We compute R(x, A) = 1 / B(x, A) from the identity R(x) = 1 + (x / A) R(x - 1) (integration by parts, valid
for real x), unrolled downwards from x:

    R(x) = sum_{j=0}^{m-1} t_j + t_m R(f),    t_0 = 1,  t_{j+1} = t_j (x - j) / A,

with m = floor(x) and f = x - m. Every term is positive, so the sum is accurate to a few ulps. For integer x,
R(0) = 1 and the sum is finite; for fractional x the base R(f) = e^A A^-f Gamma(f + 1, A) (f in (0, 1)) comes
from the standard series / continued fraction of the incomplete gamma function. The ratios (x - j) / A fall
as j grows, so once they are below one the tail is bounded by a geometric series and the sum stops when
the tail is below 1e-17 of the total: about (x - A)+ + 9 sqrt(A) terms, independent of x below that.
Rows are processed together and retired as they converge.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from ._arrays import FloatArray, as_float_arrays

_REL_TOL = 1e-17
_OVERFLOW = 1e280  # once the partial sum passes this, B < 1e-280: reported as 0
_COMPACT_EVERY = 8


def _incomplete_gamma_base(f: FloatArray, a: FloatArray) -> FloatArray:
    """R(f, A) = e^A A^-f Gamma(f + 1, A) for f in [0, 1), A > 0, minus one (returns R - 1).

    Uses Gamma(f+1, A) = Gamma(f+1) - gamma(f+1, A) with the power series of the lower function when
    A < f + 2, and the Lentz continued fraction for the upper function otherwise (Numerical Recipes 6.2).
    """
    out = np.empty_like(f)
    use_series = a < f + 2.0
    if np.any(use_series):
        fs, as_ = f[use_series], a[use_series]
        gamma_f1 = np.frompyfunc(math.gamma, 1, 1)(fs + 1.0).astype(np.float64)
        term = 1.0 / (fs + 1.0)
        total = term.copy()
        for n in range(1, 400):
            term = term * as_ / (fs + 1.0 + n)
            total += term
            if np.all(term <= 1e-17 * total):
                break
        # R = e^A A^-f Gamma(f+1) - A * total; R - 1 written to keep precision when R is near 1.
        out[use_series] = np.exp(as_) * as_**-fs * gamma_f1 - as_ * total - 1.0
    use_cf = ~use_series
    if np.any(use_cf):
        fc, ac = f[use_cf], a[use_cf]
        aa = fc + 1.0  # incomplete-gamma parameter
        tiny = 1e-300
        b = ac + 1.0 - aa
        c = np.full_like(b, 1.0 / tiny)
        d = 1.0 / b
        h = d.copy()
        for i in range(1, 1000):
            an = -i * (i - aa)
            b = b + 2.0
            d = an * d + b
            d = np.where(np.abs(d) < tiny, tiny, d)
            c = b + an / c
            c = np.where(np.abs(c) < tiny, tiny, c)
            d = 1.0 / d
            delta = d * c
            h = h * delta
            if np.all(np.abs(delta - 1.0) < 1e-16):
                break
        # Gamma(a, A) = e^-A A^a h, so R = e^A A^-f e^-A A^(f+1) h = A h.
        out[use_cf] = ac * h - 1.0
    return np.maximum(out, 0.0)


def inv_erlang_b_minus_one(servers: FloatArray, traffic: FloatArray) -> FloatArray:
    """1 / B(x, A) - 1 for flat arrays of servers x >= 0 and traffic A > 0 (inf where B < 1e-280).

    1 / B - 1 = sum_{n < x} pi_n / pi_x is the quantity the birth-death chains need, and it keeps full
    relative precision where B is close to one.
    ``_kernels.inv_erlang_b_minus_one_int`` is the same series for one row and whole N, in compiled loops.
    """
    x = np.asarray(servers, dtype=np.float64).ravel()
    a = np.asarray(traffic, dtype=np.float64).ravel()
    n = x.size
    out = np.zeros(n)
    if n == 0:
        return out
    m = np.floor(x)
    frac = x - m
    # the index j at which a fractional row reaches its base term t_m; -1 for integer rows
    bottom_at = np.where(frac > 0, m, -1.0)
    idx = np.arange(n)
    base_term = np.zeros(n)  # t_m of fractional rows that reach the base

    xm = x.copy()  # x - j
    t = np.ones(n)  # t_j
    s = np.zeros(n)  # sum_{1..j} t
    ca, cbot, cidx = a, bottom_at, idx
    j = 0
    while xm.size:
        hit = cbot == j
        if np.any(hit):
            base_term[cidx[hit]] = t[hit]
        r = np.where(xm >= 1.0, xm, 0.0) / ca
        t = t * r
        s += t
        xm -= 1.0
        j += 1
        if j % _COMPACT_EVERY == 0 or xm.size < 64:
            # tail after t_j is at most t_j / (1 - r_next) when the next ratio r_next < 1
            r_next = np.maximum(xm, 0.0) / ca
            done = (t <= _REL_TOL * s * (1.0 - r_next)) | (s > _OVERFLOW)
            if np.any(done):
                out[cidx[done]] = np.where(s[done] > _OVERFLOW, np.inf, s[done])
                keep = ~done
                xm, t, s, ca, cbot, cidx = xm[keep], t[keep], s[keep], ca[keep], cbot[keep], cidx[keep]
    need_base = (frac > 0) & (base_term > 0) & np.isfinite(out)
    if np.any(need_base):
        out[need_base] += base_term[need_base] * _incomplete_gamma_base(frac[need_base], a[need_base])
    return out


def erlang_b(servers: ArrayLike, traffic: ArrayLike) -> FloatArray:
    """Erlang B blocking probability B(x, A) for (possibly fractional) servers x and traffic A Erlangs.

    Vectorized over broadcast arrays. B(x, 0) = 0 for x > 0 and B(0, A) = 1.
    """
    x, a = as_float_arrays(("servers", "traffic"), servers, traffic)
    out = np.where(x == 0, 1.0, 0.0)
    live = (a > 0) & (x > 0)
    if np.any(live):
        out[live] = 1.0 / (1.0 + inv_erlang_b_minus_one(x[live], a[live]))
    return out
