"""Who may see and do what with experts and requests for expertise: one function per question.

Views, the API (people and API keys alike), the admin and the selectors ask here; nobody
tests roles ad hoc. ``key`` is the API key a call came with (``None`` for people): a key
acts for its organisation only, as a partner member would (read) or an editor (write).

The rules:

- **Profiles.** The public sees validated profiles of visibility *public*; partners
  (members of a partner organisation, and API keys) also see *partners only*; *hidden*
  profiles are used by matching and seen by the coordinator and their owner only.
  An expert's e-mail and availability are private to the expert and the coordinator;
  a requester gets the e-mail of an expert who *accepted* their request, never before.
- **Requests.** A request is seen by its requester, the members of its organisation
  (and that organisation's API keys), the experts it was offered to, and the
  coordinator. Anyone else gets 404 (HTML) or 404 (API): no leak that it exists.
- **Matching.** The coordinator runs matching, confirms and reorders candidates,
  releases them to the requester, and assigns in batches. The requester sees the
  candidates' scores once released, and the progress of offers always.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from experts.models import (
    REQUEST_EDITABLE_STATES,
    ExpertiseRequest,
    ExpertProfile,
    ExpertStatus,
    Match,
    MatchState,
    Visibility,
)
from organisations import permissions
from organisations.models import ApiKey, Membership, User


def _organisation_ids(user: User, key: ApiKey | None = None) -> list[int]:
    if key is not None:
        return [key.organisation_id] if key.is_active else []
    if not user.is_authenticated:
        return []
    cache = getattr(user, "_experts_org_ids", None)
    if cache is None:
        cache = list(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
        user._experts_org_ids = cache
    return cache


def is_partner(user: User, key: ApiKey | None = None) -> bool:
    """Members of a partner organisation and API keys see partners-only profiles."""
    return bool(_organisation_ids(user, key))


def is_coordinator(user: User, key: ApiKey | None = None) -> bool:
    return key is None and permissions.is_coordinator(user)


# ---- Experts -----------------------------------------------------------------------------


def visible_experts(user: User, key: ApiKey | None = None) -> QuerySet[ExpertProfile]:
    """The profiles ``user`` (or ``key``) may open, directory and API alike."""
    experts = ExpertProfile.objects.all()
    if is_coordinator(user, key):
        return experts.exclude(status=ExpertStatus.ERASED)
    visibilities = [Visibility.PUBLIC]
    if is_partner(user, key):
        visibilities.append(Visibility.PARTNERS)
    rule = Q(status=ExpertStatus.VALIDATED, visibility__in=visibilities)
    if key is None and user.is_authenticated:
        rule |= Q(user=user) & ~Q(status=ExpertStatus.ERASED)
    return experts.filter(rule)


def directory_experts(user: User, key: ApiKey | None = None) -> QuerySet[ExpertProfile]:
    """What the directory lists: visible *validated* profiles (no pending applications)."""
    return visible_experts(user, key).filter(status=ExpertStatus.VALIDATED)


def can_view_expert(user: User, expert: ExpertProfile, key: ApiKey | None = None) -> bool:
    if expert.status == ExpertStatus.ERASED:
        return False
    if is_coordinator(user, key) or is_own_profile(user, expert, key):
        return True
    if expert.status != ExpertStatus.VALIDATED:
        return False
    if expert.visibility == Visibility.PUBLIC:
        return True
    return expert.visibility == Visibility.PARTNERS and is_partner(user, key)


def is_own_profile(user: User, expert: ExpertProfile, key: ApiKey | None = None) -> bool:
    return key is None and user.is_authenticated and expert.user_id == user.pk


def can_see_expert_private(user: User, expert: ExpertProfile, key: ApiKey | None = None) -> bool:
    """E-mail, availability, load, consent, declared conflicts: owner and coordinator."""
    return is_coordinator(user, key) or is_own_profile(user, expert, key)


def can_see_partner_fields(user: User, key: ApiKey | None = None) -> bool:
    """Capacity and availability: partners and the coordinator."""
    return is_coordinator(user, key) or is_partner(user, key)


def can_edit_expert(user: User, expert: ExpertProfile) -> bool:
    if expert.status == ExpertStatus.ERASED:
        return False
    return is_coordinator(user) or is_own_profile(user, expert)


def can_apply(user: User) -> bool:
    """A signed-in person without a (live) profile may apply."""
    if not user.is_authenticated:
        return False
    profile = ExpertProfile.objects.filter(user=user).exclude(status=ExpertStatus.ERASED)
    return not profile.exists()


def can_propose_colleague(user: User, organisation_id: int) -> bool:
    """Organisation admins propose colleagues as experts."""
    return permissions.can(user, organisation_id, permissions.MANAGE_MEMBERS)


def proposing_organisations(user: User):
    """The partner organisations in whose name ``user`` may propose colleagues."""
    from organisations.models import Organisation

    if not user.is_authenticated:
        return Organisation.objects.none()
    ids = [pk for pk in _organisation_ids(user) if can_propose_colleague(user, pk)]
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def can_consent(user: User, expert: ExpertProfile) -> bool:
    """The person a profile was proposed for agrees to it: its user, or (not linked yet)
    whoever holds the profile's e-mail address, verified."""
    if not user.is_authenticated or expert.status == ExpertStatus.ERASED:
        return False
    if expert.consent_at is not None:
        return False
    if expert.user_id is not None:
        return expert.user_id == user.pk
    return (
        bool(expert.email)
        and user.emailaddress_set.filter(email__iexact=expert.email, verified=True).exists()
    )


def awaiting_consent(user: User) -> ExpertProfile | None:
    """The profile proposed for ``user`` that waits for their consent, if any."""
    if not user.is_authenticated:
        return None
    verified = list(user.emailaddress_set.filter(verified=True).values_list("email", flat=True))
    rule = Q(user=user)
    for email in verified:
        rule |= Q(user__isnull=True, email__iexact=email)
    profile = (
        ExpertProfile.objects.filter(rule, consent_at__isnull=True)
        .exclude(status=ExpertStatus.ERASED)
        .select_related("organisation", "proposed_by")
        .first()
    )
    return profile


def can_validate_experts(user: User) -> bool:
    return is_coordinator(user)


def validation_queue(user: User) -> QuerySet[ExpertProfile]:
    if not can_validate_experts(user):
        return ExpertProfile.objects.none()
    return ExpertProfile.objects.filter(status=ExpertStatus.APPLIED)


# ---- Requests ----------------------------------------------------------------------------


def can_file_request(user: User, key: ApiKey | None = None) -> bool:
    """Partner members, write keys, and people with a verified e-mail address."""
    if key is not None:
        return key.can_write
    if not user.is_authenticated or not user.is_active:
        return False
    if is_coordinator(user) or is_partner(user):
        return True
    return user.emailaddress_set.filter(verified=True).exists()


def visible_requests(user: User, key: ApiKey | None = None) -> QuerySet[ExpertiseRequest]:
    """The requests ``user`` (or ``key``) may follow; everyone else's are invisible."""
    requests = ExpertiseRequest.objects.all()
    if key is not None:
        return requests.filter(organisation_id__in=_organisation_ids(user, key))
    if is_coordinator(user):
        return requests
    if not user.is_authenticated:
        return requests.none()
    offered = Match.objects.filter(
        request=OuterRef("pk"),
        expert__user=user,
        state__in=[MatchState.OFFERED, MatchState.ACCEPTED],
    )
    return requests.filter(
        Q(requester=user) | Q(organisation_id__in=_organisation_ids(user)) | Exists(offered)
    )


def follows_request(user: User, request: ExpertiseRequest, key: ApiKey | None = None) -> bool:
    """The requester side: requester, members of its organisation, its keys."""
    if key is not None:
        return request.organisation_id is not None and request.organisation_id in _organisation_ids(
            user, key
        )
    if not user.is_authenticated:
        return False
    return request.requester_id == user.pk or (
        request.organisation_id is not None and request.organisation_id in _organisation_ids(user)
    )


def can_view_request(user: User, request: ExpertiseRequest, key: ApiKey | None = None) -> bool:
    return visible_requests(user, key).filter(pk=request.pk).exists()


def can_edit_request(user: User, request: ExpertiseRequest, key: ApiKey | None = None) -> bool:
    if request.status not in REQUEST_EDITABLE_STATES:
        return False
    if is_coordinator(user, key):
        return True
    if key is not None:
        return key.can_write and follows_request(user, request, key)
    if request.requester_id == user.pk:
        return True
    return request.organisation_id is not None and permissions.can(
        user, request.organisation_id, permissions.EDIT_CONTENT
    )


def can_manage_matching(user: User, key: ApiKey | None = None) -> bool:
    """Run, confirm, reorder, release, batch-assign: the coordinator."""
    return is_coordinator(user, key)


def can_see_matches(user: User, request: ExpertiseRequest, key: ApiKey | None = None) -> bool:
    """Scores and breakdowns: the coordinator, and the requester side once released."""
    if is_coordinator(user, key):
        return True
    return request.released and follows_request(user, request, key)


def can_see_contacts(user: User, request: ExpertiseRequest, key: ApiKey | None = None) -> bool:
    """Contact details of the experts who *accepted*: requester side and coordinator."""
    return is_coordinator(user, key) or follows_request(user, request, key)


def can_close_request(user: User, request: ExpertiseRequest) -> bool:
    return is_coordinator(user) or follows_request(user, request)
