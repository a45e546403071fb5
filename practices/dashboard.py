"""The practices panel of the partner dashboard (``organisations.views.dashboard_view``
lists its panels explicitly)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from organisations import permissions
from organisations.models import Membership, User
from organisations.permissions import Role
from practices import policy
from practices.selectors import workspace


@dataclass
class DashboardSection:
    """A panel of the dashboard: its heading, the template that draws it, its data."""

    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def interviews_section(user: User) -> DashboardSection | None:
    """For reviewers: the practices waiting for their stakeholder interviews (one query)."""
    if not permissions.is_reviewer(user):
        return None
    return DashboardSection(
        title=_("Waiting for your stakeholder interviews"),
        template="practices/dashboard_interviews.html",
        context={
            "practices": workspace.awaiting_interview(user),
            "limit": workspace.AWAITING_INTERVIEW_LIMIT,
        },
    )


def practices_section(user: User, memberships: list[Membership]) -> DashboardSection | None:
    """The person's organisations' practices grouped by status, with a "New practice"
    button for editors and, for coordinators, what waits in the moderation queue.

    Two queries (one for partners, one more for coordinators) whatever the number of
    practices.
    """
    coordinator = policy.can_moderate(user)
    if not memberships and not coordinator:
        return None
    practices = list(
        workspace.organisation_practices(membership.organisation_id for membership in memberships)
    )
    return DashboardSection(
        title=_("Best practices"),
        template="practices/dashboard_section.html",
        context={
            "groups": workspace.practices_by_status(practices),
            "practice_count": len(practices),
            "has_organisations": bool(memberships),
            "can_create": any(m.role in (Role.EDITOR, Role.ADMIN) for m in memberships),
            "several_organisations": len(memberships) > 1,
            "moderation": workspace.moderation_counts() if coordinator else None,
        },
    )
