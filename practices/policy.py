"""Who may see and do what with practices: one function per question.

The **actor** is whoever makes the request: a person (``request.user``) or an API key,
whose ``request.user`` is the key's acting user holding exactly the key's grants in the
key's organisation (``organisations.permissions.assume_permissions``). Every function
takes the actor and answers the same way for both: there is no separate rule for keys.
HTML views, the API, the admin, the selectors and the services all ask here.

Visibility (anything else is a 404):

- everyone sees published practices;
- members of the owner organisation (any role) and its API keys see its practices in
  every state;
- reviewers also see submitted practices (they interview stakeholders about them);
- coordinators see everything.

Archived practices leave the public catalogue and their pages answer 404 to the public;
the owner organisation and coordinators still open them.

Actions: editors and admins of the owner organisation (and ``write`` keys) edit and
submit; coordinators moderate (request changes, publish, reject, archive, decide on
revisions) and may correct any practice; reviewers and coordinators record stakeholder
interviews on submitted and published practices.

Contact details: members of partner organisations (and their keys) and coordinators.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisations import permissions
from organisations.models import Organisation, User
from practices.models import (
    EDITABLE_STATES,
    TRANSITIONS,
    Practice,
    PracticeQuerySet,
    StakeholderInterview,
    Status,
)

# States in which reviewers interview stakeholders about a practice.
INTERVIEWABLE_STATES = frozenset({Status.SUBMITTED, Status.PUBLISHED})


# ---- Seeing ------------------------------------------------------------------------------


def visible_practices(actor: User) -> PracticeQuerySet:
    """The practices ``actor`` may open (no query of its own)."""
    if permissions.is_coordinator(actor):
        return Practice.objects.all()
    if not actor.is_authenticated:
        return Practice.objects.published()
    visible = Q(status=Status.PUBLISHED) | Q(
        owner_id__in=permissions.organisations_with(actor, permissions.VIEW_ORGANISATION)
    )
    if permissions.is_reviewer(actor):
        visible |= Q(status=Status.SUBMITTED)
    return Practice.objects.filter(visible)


def can_view(actor: User, practice: Practice) -> bool:
    """``practice`` is among ``visible_practices(actor)`` (checked in memory)."""
    return (
        practice.status == Status.PUBLISHED
        or is_insider(actor, practice)
        or (permissions.is_reviewer(actor) and practice.status == Status.SUBMITTED)
    )


def can_view_attachment(actor: User, practice: Practice) -> bool:
    """Documents go with their practice: whoever may open it may download them."""
    return can_view(actor, practice)


def is_insider(actor: User, practice: Practice) -> bool:
    """Members of the owner organisation (and its keys) and coordinators: they see drafts,
    the pending revision and the history."""
    return permissions.is_coordinator(actor) or permissions.can(
        actor, practice.owner_id, permissions.VIEW_ORGANISATION
    )


# Said wherever contact details are shown or asked for (form help, practice page, API).
CONTACT_AUDIENCE = _(
    "Shown only to members of the portal's partner organisations and to the NETBIOCLUE coordinator."
)


def can_see_contact(actor: User) -> bool:
    """Contact details are for members (any role) of partner organisations, their API keys,
    and coordinators: not for anyone who merely signed up (CONTACT_AUDIENCE)."""
    return permissions.is_coordinator(actor) or permissions.belongs_to_an_organisation(actor)


# ---- Writing -----------------------------------------------------------------------------


def creatable_organisation_ids(actor: User) -> list[int]:
    """Organisations for which ``actor`` may create practices (editor, admin, write key)."""
    return list(permissions.organisations_with(actor, permissions.EDIT_CONTENT))


def creatable_organisations(actor: User) -> list[Organisation]:
    """The same organisations, by name (one query; none for an anonymous actor)."""
    if not actor.is_authenticated:
        return []
    return list(
        Organisation.objects.filter(
            pk__in=permissions.organisations_with(actor, permissions.EDIT_CONTENT)
        ).order_by("name")
    )


def can_edit(actor: User, practice: Practice) -> bool:
    """Editors/admins of the owner organisation (and its write keys), and coordinators
    (for corrections). The state decides the rest (``practices.services.workflow``)."""
    return permissions.is_coordinator(actor) or permissions.can(
        actor, practice.owner_id, permissions.EDIT_CONTENT
    )


def can_moderate(actor: User) -> bool:
    """Moderation (the queue, transitions but submit, revision decisions): coordinators."""
    return permissions.is_coordinator(actor)


# The transitions the owner organisation's editors take; the coordinator takes the others.
OWNER_ACTIONS = frozenset({"submit", "withdraw"})


def can_perform(actor: User, practice: Practice, action: str) -> bool:
    """May ``actor`` take the workflow ``action`` on ``practice`` (whatever its state)?
    Submitting and withdrawing a submission are the owner's; the coordinator does not
    act on its behalf."""
    if action in OWNER_ACTIONS:
        return permissions.can(actor, practice.owner_id, permissions.EDIT_CONTENT)
    return can_moderate(actor)


def allowed_actions(actor: User, practice: Practice) -> list[str]:
    """The transitions ``actor`` may take on ``practice`` now, in TRANSITIONS order."""
    return [
        action
        for action, (sources, _target) in TRANSITIONS.items()
        if practice.status in sources and can_perform(actor, practice, action)
    ]


def attachments_open(actor: User, practice: Practice) -> bool:
    """May ``actor`` add or remove documents of ``practice`` in its current state?
    Those who may edit it while it is editable in place; coordinators also while it is
    submitted or published."""
    if not can_edit(actor, practice):
        return False
    if permissions.is_coordinator(actor):
        return practice.status in EDITABLE_STATES | {Status.SUBMITTED, Status.PUBLISHED}
    return practice.status in EDITABLE_STATES


# ---- Reproducibility ---------------------------------------------------------------------


def can_record_interviews(actor: User) -> bool:
    """Reviewers and coordinators record stakeholder interviews."""
    return permissions.is_reviewer(actor) or permissions.is_coordinator(actor)


def can_interview(actor: User, practice: Practice) -> bool:
    """May ``actor`` record an interview on ``practice`` now (its state included)?"""
    return can_record_interviews(actor) and practice.status in INTERVIEWABLE_STATES


def can_delete_interview(actor: User, interview: StakeholderInterview) -> bool:
    """Coordinators, and the reviewer who recorded it."""
    if permissions.is_coordinator(actor):
        return True
    return permissions.is_reviewer(actor) and interview.reviewer_id == actor.pk
