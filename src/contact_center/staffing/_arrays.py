"""Input handling shared by the staffing modules: broadcasting, validation, scalar round-trips."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


def as_float_arrays(names: tuple[str, ...], *values: ArrayLike) -> list[FloatArray]:
    """Broadcast ``values`` to one shape as float64 arrays, rejecting negative or non-finite entries.

    ``names`` label the arguments in error messages. NaN, infinity and negative values raise
    ``ValueError``: a staffing answer for a row with missing inputs would be silently wrong.
    """
    arrays = np.broadcast_arrays(*(np.asarray(v, dtype=np.float64) for v in values))
    out: list[FloatArray] = []
    for name, arr in zip(names, arrays, strict=True):
        _check_finite_non_negative(name, arr)
        out.append(np.array(arr, dtype=np.float64))  # a writable copy
    return out


def _check_finite_non_negative(name: str, arr: FloatArray) -> None:
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite")
    if np.any(arr < 0):
        raise ValueError(f"{name} must be non-negative")


def validated_operands(names: tuple[str, ...], *values: ArrayLike) -> tuple[tuple[int, ...], list[FloatArray]]:
    """Like ``as_float_arrays`` but without materialising the broadcast: returns the broadcast shape and each
    value as a flat float64 array of one element (the same for every row) or of one element per row.

    For compiled row loops over millions of rows, where copying every scalar argument to a full array would
    cost more than the computation. Validation is the same (finite, non-negative).
    """
    arrays = [np.asarray(v, dtype=np.float64) for v in values]
    shape = np.broadcast_shapes(*(a.shape for a in arrays))
    out: list[FloatArray] = []
    for name, arr in zip(names, arrays, strict=True):
        _check_finite_non_negative(name, arr)
        if arr.size == 1:
            out.append(arr.reshape(1))
        elif arr.shape == shape:
            out.append(np.ascontiguousarray(arr).reshape(-1))
        else:
            out.append(np.broadcast_to(arr, shape).reshape(-1))  # a copy only for genuinely partial broadcasts
    return shape, out


def check_positive(name: str, arr: FloatArray) -> None:
    """Raise ``ValueError`` unless every entry of ``arr`` is strictly positive."""
    if np.any(arr <= 0):
        raise ValueError(f"{name} must be positive")


def check_probability(name: str, arr: FloatArray, *, upper_inclusive: bool = True) -> None:
    """Raise ``ValueError`` unless every entry lies in [0, 1] (or [0, 1) when not ``upper_inclusive``)."""
    bad = (arr < 0) | (arr > 1) if upper_inclusive else (arr < 0) | (arr >= 1)
    if np.any(bad):
        raise ValueError(f"{name} must lie in [0, 1{']' if upper_inclusive else ')'}")


def traffic_from(calls: FloatArray, interval_s: FloatArray, aht_s: FloatArray) -> FloatArray:
    """Offered traffic in Erlangs, calls * AHT / interval (interval must be positive)."""
    check_positive("interval_s", interval_s)
    return calls * aht_s / interval_s
