"""The partner dashboard gathers panels from the apps that hold partners' content.

Each provider is a function ``(user, memberships) -> DashboardSection | None`` listed
here explicitly (no signals, no auto-discovery): the dashboard's contents are readable
in one place.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import import_string


@dataclass
class DashboardSection:
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


PROVIDERS: list[str] = ["practices.dashboard.practices_section"]


def sections_for(user, memberships) -> list[DashboardSection]:
    sections = []
    for dotted in PROVIDERS:
        provider: Callable = import_string(dotted)
        section = provider(user, memberships)
        if section is not None:
            sections.append(section)
    return sections
