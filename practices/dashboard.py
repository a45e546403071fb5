"""The practices panel of the partner dashboard (listed in netbioclue.dashboard.PROVIDERS)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from netbioclue.dashboard import DashboardSection
from organisations.models import Membership, User
from organisations.permissions import Role, is_coordinator
from practices.selectors import workspace


def practices_section(user: User, memberships: list[Membership]) -> DashboardSection | None:
    """The person's organisations' practices grouped by status, with a "New practice"
    button for editors and, for coordinators, what waits in the moderation queue.

    Two queries (one for partners, one more for coordinators) whatever the number of
    practices.
    """
    coordinator = is_coordinator(user)
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
