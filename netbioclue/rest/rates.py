"""Throttle rates such as ``60/min`` or ``1000/hour``, read strictly from the environment.

Pure Python (no Django or DRF imports): settings.py uses it, so a malformed rate stops
the process at start-up instead of failing the first API request.
"""

import os
import re
from typing import NamedTuple

from django.core.exceptions import ImproperlyConfigured

_PERIODS = {
    "s": 1,
    "sec": 1,
    "second": 1,
    "m": 60,
    "min": 60,
    "minute": 60,
    "h": 3600,
    "hour": 3600,
    "d": 86400,
    "day": 86400,
}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*([a-z]+)\s*$")


class Rate(NamedTuple):
    requests: int
    seconds: int


def parse_rate(value: str) -> Rate:
    match = _RATE.match(value.lower())
    if not match or match[2] not in _PERIODS or int(match[1]) < 1:
        periods = ", ".join(_PERIODS)
        raise ImproperlyConfigured(
            f"{value!r} is not a rate; write requests/period, e.g. 60/min (periods: {periods})."
        )
    return Rate(int(match[1]), _PERIODS[match[2]])


def env_rate(name: str, default: str) -> str:
    """The rate in the environment variable ``name`` (validated), or ``default``."""
    raw = os.environ.get(name, "").strip() or default
    try:
        parse_rate(raw)
    except ImproperlyConfigured as error:
        raise ImproperlyConfigured(f"{name}: {error}") from None
    return raw
