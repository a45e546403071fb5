"""Reading settings from the environment, strictly.

A typo in a boolean (``DJANGO_DEBUG=flase``) must stop the process instead of
silently meaning ``False``; a missing production secret must stop it too.
"""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = frozenset({"1", "true", "yes", "on"})
FALSE_VALUES = frozenset({"0", "false", "no", "off", ""})


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    allowed = ", ".join(sorted(TRUE_VALUES | FALSE_VALUES - {""}))
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use one of: {allowed}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_required(name: str, *, production: bool, dev_default: str) -> str:
    """A value production must be given explicitly; development gets a default."""
    raw = os.environ.get(name, "").strip()
    if raw:
        return raw
    if production:
        raise ImproperlyConfigured(
            f"{name} must be set when DJANGO_DEBUG is false (production mode)."
        )
    return dev_default
