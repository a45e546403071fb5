"""Who may see and do what with events: one function per question.

Views, the API (people and API keys alike: a key's acting user holds its scope's
permissions in its organisation), the admin and the selectors all ask here.

The rules:

- Published and cancelled events are public; drafts are seen by the editors of the
  host organisation and by coordinators only. Outsiders asking for a draft get 404.
- Editors and admins of the host organisation create, edit, publish and cancel their
  events, manage registrations, message registrants and check people in. Co-hosts are
  shown on the page but do not manage the event (one owner, as for practices).
  Coordinators may do all of it for any event (to correct or stop one).
- **Moderation: events are not moderated.** A host editor publishes directly, because
  an event is a dated announcement that is useless if it waits in a queue; the
  coordinator watches the activity log and may cancel any event. Setting
  ``EVENTS_MODERATED = True`` reserves publication to coordinators instead.
- The venue's address, its coordinates and the online link are revealed to people
  holding a place (confirmed or offered) and to those who manage the event.
- Registrations are seen by those who manage the event only; a registrant sees the
  names of co-participants who consented to share them, if they consented too.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet

from events.models import Event, Registration, RegistrationStatus, Status
from organisations import permissions
from organisations.models import User


def _manages(user: User, event: Event) -> bool:
    return permissions.is_coordinator(user) or permissions.can(
        user, event.host_id, permissions.EDIT_CONTENT
    )


def visible_events(user: User) -> QuerySet[Event]:
    """Every event ``user`` may see: public ones plus drafts of their organisations."""
    public = Q(status__in=(Status.PUBLISHED, Status.CANCELLED))
    if permissions.is_coordinator(user):
        return Event.objects.all()
    editable = editable_organisation_ids(user)
    if editable:
        return Event.objects.filter(public | Q(host_id__in=editable))
    return Event.objects.filter(public)


def editable_organisation_ids(user: User) -> list[int]:
    """Organisations for which ``user`` may create and edit events."""
    if not user.is_authenticated or not user.is_active:
        return []
    # Resolving one organisation memoises every membership (or an API key's grant) on
    # the user; read that map rather than querying the memberships a second time.
    permissions.organisation_permissions(user, 0)
    grants = getattr(user, permissions._CACHE_ATTR, None) or {}
    return sorted(org for org, perms in grants.items() if permissions.EDIT_CONTENT in perms)


def can_view(user: User, event: Event) -> bool:
    return event.status != Status.DRAFT or _manages(user, event)


def can_create_for(user: User, organisation_id: int) -> bool:
    return permissions.is_coordinator(user) or permissions.can(
        user, organisation_id, permissions.EDIT_CONTENT
    )


def can_edit(user: User, event: Event) -> bool:
    return event.status != Status.CANCELLED and _manages(user, event)


def can_publish(user: User, event: Event) -> bool:
    if permissions.is_coordinator(user):
        return True
    if getattr(settings, "EVENTS_MODERATED", False):
        return False
    return permissions.can(user, event.host_id, permissions.EDIT_CONTENT)


def can_cancel(user: User, event: Event) -> bool:
    return _manages(user, event)


def can_manage_registrations(user: User, event: Event) -> bool:
    """Attendee list, CSV export, messages to registrants, check-in, outcomes."""
    return _manages(user, event)


def can_see_venue(user: User, event: Event, registration: Registration | None) -> bool:
    if registration is not None and registration.holds_place:
        return True
    return _manages(user, event)


def can_see_co_participants(registration: Registration | None) -> bool:
    return (
        registration is not None
        and registration.consent_to_share
        and registration.status == RegistrationStatus.CONFIRMED
    )
