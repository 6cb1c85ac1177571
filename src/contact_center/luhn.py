"""The Luhn checksum that card numbers carry: used to write realistic ones and to find leaked ones."""

from __future__ import annotations


def _luhn_sum(digits: str, double_first: bool) -> int:
    """Luhn sum of the digits read right to left, doubling every second one (the first one too if asked)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == (0 if double_first else 1):
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total


def luhn_check_digit(digits: str) -> str:
    """The digit that makes `digits` + it Luhn-valid."""
    return str((10 - _luhn_sum(digits, double_first=True) % 10) % 10)


def is_luhn_valid(number: str) -> bool:
    """Whether the digits of `number` (separators ignored) pass the Luhn check."""
    digits = "".join(char for char in number if char.isdigit())
    return bool(digits) and _luhn_sum(digits, double_first=False) % 10 == 0
