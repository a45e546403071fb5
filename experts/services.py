"""Every write of the experts app: profiles, requests, matching, offers, batches.

HTML views, the API, the admin, the import, the demo seed and the Celery tasks call
these functions; each workflow exists once. Each runs in ``transaction.atomic()``,
locks the rows it changes (``select_for_update``), checks the state against the
transition tables of ``experts.models``, records an ``Activity`` (action codes
``expert.*``, ``expertise_request.*``, ``offer.*``) and queues its e-mails and tasks
with ``delay_on_commit``. Permission checks ask ``experts.policy``.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from experts import matching, policy, tasks
from experts.fields import EXPERT_FIELDS, REQUEST_FIELDS
from experts.models import (
    EXPERT_TRANSITIONS,
    REQUEST_TRANSITIONS,
    BatchAssignment,
    BatchStatus,
    ExpertiseRequest,
    ExpertProfile,
    ExpertStatus,
    Match,
    MatchState,
    RequestStatus,
    Visibility,
)
from organisations.activity import log_action
from organisations.models import ApiKey, Organisation, User
from practices.models import Practice, StakeholderInterview

# How long an expert has to answer an offer before it passes to the next candidate.
OFFER_DAYS = 7
REMIND_AFTER_DAYS = 4  # an offer still open after this many days is recalled once
# Candidates kept per matching run (eligible) and excluded ones shown with their reasons.
CANDIDATES_KEPT = 10
EXCLUDED_KEPT = 5

CONSENT_TEXT = _(
    "I agree that NETBIOCLUE stores my expert profile, shows it according to the "
    "visibility I chose, uses it to match me with requests for expertise, and gives my "
    "e-mail address to requesters whose request I accept. I can export or erase my "
    "profile at any time."
)

_OFFER_SALT = "experts.offer"


class InvalidTransition(ValidationError):
    pass


def _check_state(obj, action: str, table: dict) -> str:
    sources, target = table[action]
    if obj.status not in sources:
        raise InvalidTransition(
            _("This cannot be done while the status is “%(status)s”.")
            % {"status": obj.get_status_display()},
            code="invalid_transition",
        )
    return target


def _clean(registry, instance, data: Mapping[str, Any], names: Iterable[str]) -> None:
    for name in names:
        if name in data:
            setattr(instance, name, data[name])
    instance.full_clean(exclude=[f for f in ("user", "requester") if f not in data])


# ---- Expert profiles ---------------------------------------------------------------------

EXPERT_EDITABLE = tuple(
    name for name in EXPERT_FIELDS.names(editable=True) if name not in ("email",)
)


def expert_apply(
    *, user: User, data: Mapping[str, Any], consent: bool, conflicts: Iterable[Organisation] = ()
) -> ExpertProfile:
    """A signed-in person applies to become an expert, agreeing to ``CONSENT_TEXT``."""
    if not policy.can_apply(user):
        raise PermissionDenied(_("You already have an expert profile."))
    if not consent:
        raise ValidationError({"consent": _("Agree to the terms to apply.")})
    now = timezone.now()
    with transaction.atomic():
        expert = ExpertProfile(
            user=user,
            email=user.email,
            consent_text=str(CONSENT_TEXT),
            consent_at=now,
            status=ExpertStatus.APPLIED,
        )
        _clean(EXPERT_FIELDS, expert, data, EXPERT_EDITABLE)
        _fill_evidence(expert, user)
        expert.save()
        expert.conflict_organisations.set(list(conflicts))
        log_action(action="expert.applied", actor=user, target=expert)
    tasks.notify.delay_on_commit("expert.applied", expert.pk)
    return expert


def expert_propose(
    *,
    organisation: Organisation,
    email: str,
    data: Mapping[str, Any],
    by: User,
    conflicts: Iterable[Organisation] = (),
) -> ExpertProfile:
    """An organisation admin proposes a colleague. The colleague is e-mailed and agrees
    on the portal (``expert_consent``); the coordinator validates only after that."""
    if not policy.can_propose_colleague(by, organisation.pk):
        raise PermissionDenied(_("Only the organisation's admins propose colleagues."))
    email = (email or "").strip()
    with transaction.atomic():
        taken = ExpertProfile.objects.filter(email__iexact=email).exclude(
            status=ExpertStatus.ERASED
        )
        user = User.objects.filter(email__iexact=email).first()
        if taken.exists() or (
            user is not None
            and ExpertProfile.objects.filter(user=user).exclude(status=ExpertStatus.ERASED).exists()
        ):
            raise ValidationError(
                {"email": _("This person already has an expert profile or a pending proposal.")}
            )
        expert = ExpertProfile(
            email=email, organisation=organisation, proposed_by=by, status=ExpertStatus.APPLIED
        )
        expert.user = user
        _clean(EXPERT_FIELDS, expert, data, EXPERT_EDITABLE)
        if user is not None:
            _fill_evidence(expert, user)
        expert.save()
        expert.conflict_organisations.set(list(conflicts))
        log_action(action="expert.proposed", actor=by, target=expert, organisation=organisation)
    tasks.notify.delay_on_commit("expert.proposed", expert.pk)
    return expert


def expert_consent(*, expert: ExpertProfile, by: User) -> ExpertProfile:
    """The proposed colleague agrees to ``CONSENT_TEXT`` (and their account is linked);
    the coordinator is told that the profile waits for validation."""
    with transaction.atomic():
        expert = ExpertProfile.objects.select_for_update().get(pk=expert.pk)
        if not policy.can_consent(by, expert):
            raise PermissionDenied(_("Only the expert gives consent."))
        if expert.user_id is None:
            if ExpertProfile.objects.filter(user=by).exclude(status=ExpertStatus.ERASED).exists():
                raise ValidationError(_("You already have an expert profile."))
            expert.user = by
            _fill_evidence(expert, by)
        expert.consent_text = str(CONSENT_TEXT)
        expert.consent_at = timezone.now()
        expert.save()
        log_action(action="expert.consented", actor=by, target=expert)
    tasks.notify.delay_on_commit("expert.applied", expert.pk)
    return expert


def expert_update(
    *,
    expert: ExpertProfile,
    data: Mapping[str, Any],
    by: User,
    conflicts: Iterable[Organisation] | None = None,
) -> ExpertProfile:
    with transaction.atomic():
        expert = ExpertProfile.objects.select_for_update().get(pk=expert.pk)
        if not policy.can_edit_expert(by, expert):
            raise PermissionDenied(_("You cannot edit this profile."))
        before = {name: getattr(expert, name) for name in EXPERT_EDITABLE}
        _clean(EXPERT_FIELDS, expert, data, EXPERT_EDITABLE)
        expert.save()
        if conflicts is not None:
            expert.conflict_organisations.set(list(conflicts))
        changed = [n for n in EXPERT_EDITABLE if before[n] != getattr(expert, n)]
        log_action(action="expert.edited", actor=by, target=expert, data={"fields": changed})
    return expert


def expert_validate(*, expert: ExpertProfile, by: User) -> ExpertProfile:
    """Applied (or rejected) -> validated; needs the expert's recorded consent."""
    if not policy.can_validate_experts(by):
        raise PermissionDenied(_("Only the coordinator validates experts."))
    with transaction.atomic():
        expert = ExpertProfile.objects.select_for_update().get(pk=expert.pk)
        target = _check_state(expert, "validate", EXPERT_TRANSITIONS)
        if expert.consent_at is None:
            raise ValidationError(
                _("The expert has not given consent yet; they must sign in and agree first."),
                code="no_consent",
            )
        previous, expert.status = expert.status, target
        expert.validated_by, expert.validated_at = by, timezone.now()
        expert.save(update_fields=["status", "validated_by", "validated_at", "updated_at"])
        log_action(action="expert.validated", actor=by, target=expert, data={"from": previous})
    tasks.notify.delay_on_commit("expert.validated", expert.pk)
    return expert


def expert_reject(*, expert: ExpertProfile, reason: str, by: User) -> ExpertProfile:
    if not policy.can_validate_experts(by):
        raise PermissionDenied(_("Only the coordinator validates experts."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the application is not accepted.")})
    with transaction.atomic():
        expert = ExpertProfile.objects.select_for_update().get(pk=expert.pk)
        expert.status = _check_state(expert, "reject", EXPERT_TRANSITIONS)
        expert.save(update_fields=["status", "updated_at"])
        log_action(
            action="expert.rejected", actor=by, target=expert, data={"reason": reason[:2000]}
        )
    tasks.notify.delay_on_commit("expert.rejected", expert.pk)
    return expert


def expert_erase(*, expert: ExpertProfile, by: User) -> ExpertProfile:
    """Blank every personal field; the row stays as an anonymised trace of assignments.

    Open offers are withdrawn (and passed to the next candidate); accepted assignments
    keep their ``Match`` row, which now points at "Erased expert #id".
    """
    with transaction.atomic():
        expert = ExpertProfile.objects.select_for_update().get(pk=expert.pk)
        if not (policy.is_own_profile(by, expert) or policy.is_coordinator(by)):
            raise PermissionDenied(_("Only the expert (or the coordinator) erases a profile."))
        _check_state(expert, "erase", EXPERT_TRANSITIONS)
        open_offers = list(
            Match.objects.select_for_update().filter(expert=expert, state=MatchState.OFFERED)
        )
        for field_name in ("name", "headline", "bio", "email", "organisation_name", "evidence_text",
                           "consent_text"):  # fmt: skip
            setattr(expert, field_name, "")
        for field_name in ("countries", "languages", "growth_forces", "tool_types", "stages",
                           "beneficiaries", "formats", "links"):  # fmt: skip
            setattr(expert, field_name, [])
        expert.language_levels = {}
        expert.country = ""
        expert.user = None
        expert.organisation = None
        expert.not_available_until = None
        expert.consent_at = None
        expert.capacity = 0
        expert.visibility = Visibility.HIDDEN
        expert.status = ExpertStatus.ERASED
        expert.practice_count = expert.interview_count = 0
        expert.save()
        expert.conflict_organisations.clear()
        log_action(action="expert.erased", actor=by, target=expert)
        for match in open_offers:
            _close_offer(match, MatchState.WITHDRAWN, by=by)
    return expert


def _fill_evidence(expert: ExpertProfile, user: User | None) -> None:
    if user is None:
        expert.evidence_text, expert.practice_count, expert.interview_count = "", 0, 0
        return
    practices = list(
        Practice.objects.published().filter(created_by=user).values_list("title", "summary")[:50]
    )
    interviewed = list(
        Practice.objects.published()
        .filter(pk__in=StakeholderInterview.objects.filter(reviewer=user).values("practice_id"))
        .values_list("title", "summary")[:50]
    )
    expert.practice_count = Practice.objects.published().filter(created_by=user).count()
    expert.interview_count = StakeholderInterview.objects.filter(reviewer=user).count()
    expert.evidence_text = "\n".join(f"{t}. {s}" for t, s in [*practices, *interviewed])[:20000]


def expert_refresh_evidence(*, expert_ids: Iterable[int] | None = None) -> int:
    """Recompute the catalogue evidence of experts (all linked ones by default)."""
    experts = ExpertProfile.objects.exclude(status=ExpertStatus.ERASED).filter(user__isnull=False)
    if expert_ids is not None:
        experts = experts.filter(pk__in=list(expert_ids))
    count = 0
    for expert_id in experts.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            expert = (
                ExpertProfile.objects.select_for_update(of=("self",))
                .select_related("user")
                .get(pk=expert_id)
            )
            _fill_evidence(expert, expert.user)
            expert.save(update_fields=["evidence_text", "practice_count", "interview_count"])
        count += 1
    return count


# ---- Requests ----------------------------------------------------------------------------

REQUEST_EDITABLE = REQUEST_FIELDS.names(editable=True)


def request_create(
    *,
    data: Mapping[str, Any],
    by: User,
    organisation: Organisation | None = None,
    key: ApiKey | None = None,
    submit: bool = False,
) -> ExpertiseRequest:
    """A draft request (``submit=True``: filed at once, which starts matching)."""
    if not policy.can_file_request(by, key):
        raise PermissionDenied(
            _("Confirm your e-mail address (or sign in as a partner member) to file a request.")
        )
    if key is not None:
        organisation = key.organisation
    elif organisation is not None and not policy.is_partner(by):
        organisation = None
    if (
        organisation is not None
        and key is None
        and organisation.pk not in policy._organisation_ids(by)
    ):
        raise PermissionDenied(_("You are not a member of this organisation."))
    with transaction.atomic():
        request = ExpertiseRequest(requester=by, organisation=organisation)
        _clean(REQUEST_FIELDS, request, data, REQUEST_EDITABLE)
        if request.cluster_id and not request.cluster_country and request.cluster.countries:
            request.cluster_country = request.cluster.countries[0]
        request.save()
        log_action(
            action="expertise_request.created", actor=by, target=request, organisation=organisation
        )
        if submit:
            request = request_submit(request=request, by=by, key=key)
    return request


def request_update(
    *, request: ExpertiseRequest, data: Mapping[str, Any], by: User, key: ApiKey | None = None
) -> ExpertiseRequest:
    """Edit the need (before any offer); an open request is matched again."""
    with transaction.atomic():
        request = ExpertiseRequest.objects.select_for_update().get(pk=request.pk)
        if not policy.can_edit_request(by, request, key):
            raise PermissionDenied(_("This request cannot be edited now."))
        _clean(REQUEST_FIELDS, request, data, REQUEST_EDITABLE)
        request.save()
        log_action(
            action="expertise_request.edited",
            actor=by,
            target=request,
            organisation=request.organisation,
        )
        if request.status in (RequestStatus.OPEN, RequestStatus.MATCHING):
            _start_matching(request, by=by)
    return request


def request_submit(
    *, request: ExpertiseRequest, by: User, key: ApiKey | None = None
) -> ExpertiseRequest:
    """Draft -> open, then matching starts by itself."""
    with transaction.atomic():
        request = ExpertiseRequest.objects.select_for_update().get(pk=request.pk)
        if not (policy.follows_request(by, request, key) or policy.is_coordinator(by, key)):
            raise PermissionDenied(_("Only the requester submits this request."))
        request.status = _check_state(request, "submit", REQUEST_TRANSITIONS)
        request.save(update_fields=["status", "updated_at"])
        log_action(
            action="expertise_request.submitted",
            actor=by,
            target=request,
            organisation=request.organisation,
        )
        tasks.notify.delay_on_commit("expertise_request.submitted", request.pk)
        _start_matching(request, by=by)
    return request


def request_match(*, request: ExpertiseRequest, by: User | None) -> ExpertiseRequest:
    """(Re-)run matching; the coordinator asks for it, services call it on changes."""
    if by is not None and not policy.can_manage_matching(by):
        raise PermissionDenied(_("Only the coordinator runs matching."))
    with transaction.atomic():
        request = ExpertiseRequest.objects.select_for_update().get(pk=request.pk)
        _start_matching(request, by=by)
    return request


def _start_matching(request: ExpertiseRequest, *, by: User | None) -> None:
    # Called with the request row locked.
    request.status = _check_state(request, "match", REQUEST_TRANSITIONS)
    request.match_generation += 1
    request.matched_at = None
    request.save(update_fields=["status", "match_generation", "matched_at", "updated_at"])
    log_action(
        action="expertise_request.matching",
        actor=by,
        target=request,
        organisation=request.organisation,
        data={"generation": request.match_generation},
    )
    tasks.match_request.delay_on_commit(request.pk, request.match_generation)


def match_compute(*, request_id: int, generation: int) -> bool:
    """Compute and store the candidates of one matching run (the Celery task's work).

    Idempotent: a run for an older generation, or for a request no longer matching,
    does nothing and returns False. Answered and open offers are kept; their experts
    are not candidates again.
    """
    with transaction.atomic():
        request = ExpertiseRequest.objects.select_for_update().filter(pk=request_id).first()
        if request is None or request.match_generation != generation:
            return False
        if request.status not in (RequestStatus.MATCHING, RequestStatus.PROPOSED):
            return False
        keep = Match.objects.filter(request=request).exclude(
            state__in=[MatchState.CANDIDATE, MatchState.EXCLUDED]
        )
        Match.objects.filter(
            request=request, state__in=[MatchState.CANDIDATE, MatchState.EXCLUDED]
        ).delete()
        kept_ids = list(keep.values_list("expert_id", flat=True))
        first_position = (
            keep.order_by("-position").values_list("position", flat=True).first() or 0
        ) + 1
        candidates = matching.rank(
            request, limit=CANDIDATES_KEPT, excluded_limit=EXCLUDED_KEPT, skip=kept_ids
        )
        Match.objects.bulk_create(
            Match(
                request=request,
                expert_id=c.expert_id,
                generation=generation,
                score=c.score,
                breakdown=c.breakdown,
                reasons=c.reasons,
                position=first_position + index,
                state=MatchState.EXCLUDED if c.excluded else MatchState.CANDIDATE,
            )
            for index, c in enumerate(candidates)
        )
        request.matched_at = timezone.now()
        request.save(update_fields=["matched_at"])
        log_action(
            action="expertise_request.matched",
            actor=None,
            target=request,
            organisation=request.organisation,
            data={
                "generation": generation,
                "candidates": sum(1 for c in candidates if not c.excluded),
            },
        )
    return True


def request_propose(*, request: ExpertiseRequest, order: list[int], by: User) -> list[Match]:
    """The coordinator confirms (and reorders) the candidates; the first ones get offers.

    ``order`` lists candidate match ids, best first; candidates left out keep their
    place after them. As many offers go out as experts are still wanted.
    """
    if not policy.can_manage_matching(by):
        raise PermissionDenied(_("Only the coordinator confirms a proposal."))
    with transaction.atomic():
        request = ExpertiseRequest.objects.select_for_update().get(pk=request.pk)
        if request.matched_at is None and request.status == RequestStatus.MATCHING:
            raise InvalidTransition(_("Matching is still running."), code="matching")
        request.status = _check_state(request, "propose", REQUEST_TRANSITIONS)
        candidates = {
            m.pk: m
            for m in Match.objects.select_for_update().filter(
                request=request, state=MatchState.CANDIDATE
            )
        }
        unknown = [pk for pk in order if pk not in candidates]
        if unknown:
            raise ValidationError({"order": _("Unknown candidates: %(ids)s") % {"ids": unknown}})
        ranked = [candidates[pk] for pk in order] + sorted(
            (m for pk, m in candidates.items() if pk not in order),
            key=lambda m: (m.position, -m.score, m.pk),
        )
        base = (
            Match.objects.filter(request=request)
            .exclude(state__in=[MatchState.CANDIDATE, MatchState.EXCLUDED])
            .count()
        )
        for index, match in enumerate(ranked):
            match.position = base + index + 1
        Match.objects.bulk_update(ranked, ["position"])
        request.save(update_fields=["status", "updated_at"])
        log_action(
            action="expertise_request.proposed",
            actor=by,
            target=request,
            organisation=request.organisation,
            data={"order": [m.pk for m in ranked]},
        )
        offered = _fill_offers(request, by=by)
    return offered


def _fill_offers(request: ExpertiseRequest, *, by: User | None) -> list[Match]:
    """Offer the request to the next candidates until enough are asked (request locked)."""
    busy = Match.objects.filter(
        request=request, state__in=[MatchState.OFFERED, MatchState.ACCEPTED]
    ).count()
    wanted = request.experts_wanted - busy
    if wanted <= 0:
        return []
    now = timezone.now()
    nexts = list(
        Match.objects.select_for_update()
        .filter(request=request, state=MatchState.CANDIDATE)
        .order_by("position", "-score", "pk")[:wanted]
    )
    for match in nexts:
        match.state = MatchState.OFFERED
        match.offer_nonce = secrets.token_hex(8)
        match.offered_at = now
        match.offer_expires_at = now + timedelta(days=OFFER_DAYS)
        match.save(update_fields=["state", "offer_nonce", "offered_at", "offer_expires_at"])
        log_action(
            action="offer.sent",
            actor=by,
            target=request,
            organisation=request.organisation,
            data={"match": match.pk, "expert": match.expert_id},
        )
        tasks.send_offer.delay_on_commit(match.pk)
    if not nexts and busy == 0:
        tasks.notify.delay_on_commit("expertise_request.out_of_candidates", request.pk)
    return nexts


def request_release(*, request: ExpertiseRequest, by: User) -> ExpertiseRequest:
    """Show the candidates and their scores to the requester (API ``matches/`` too)."""
    if not policy.can_manage_matching(by):
        raise PermissionDenied(_("Only the coordinator releases candidates."))
    with transaction.atomic():
        request = ExpertiseRequest.objects.select_for_update().get(pk=request.pk)
        request.released = True
        request.save(update_fields=["released", "updated_at"])
        log_action(action="expertise_request.released", actor=by, target=request,
                   organisation=request.organisation)  # fmt: skip
    return request


def _transition(request: ExpertiseRequest, action: str, *, by: User | None) -> ExpertiseRequest:
    request.status = _check_state(request, action, REQUEST_TRANSITIONS)
    request.save(update_fields=["status", "updated_at"])
    code = {"accept": "accepted", "start": "started", "close": "closed", "expire": "expired"}
    log_action(
        action=f"expertise_request.{code[action]}",
        actor=by,
        target=request,
        organisation=request.organisation,
    )
    tasks.notify.delay_on_commit(f"expertise_request.{code[action]}", request.pk)
    return request


def request_start(*, request: ExpertiseRequest, by: User) -> ExpertiseRequest:
    with transaction.atomic():
        request = ExpertiseRequest.objects.select_for_update().get(pk=request.pk)
        if not policy.can_close_request(by, request):
            raise PermissionDenied(_("Only the requester or the coordinator can do this."))
        return _transition(request, "start", by=by)


def request_close(*, request: ExpertiseRequest, by: User) -> ExpertiseRequest:
    """The work is done: accepted experts are free again (their load goes down)."""
    with transaction.atomic():
        request = ExpertiseRequest.objects.select_for_update().get(pk=request.pk)
        if not policy.can_close_request(by, request):
            raise PermissionDenied(_("Only the requester or the coordinator can do this."))
        _release_experts(request, by=by)
        return _transition(request, "close", by=by)


def _release_experts(request: ExpertiseRequest, *, by: User | None) -> None:
    accepted = Match.objects.filter(request=request, state=MatchState.ACCEPTED)
    ExpertProfile.objects.filter(
        pk__in=accepted.values("expert_id"), active_assignments__gt=0
    ).update(active_assignments=F("active_assignments") - 1)
    for match in Match.objects.select_for_update().filter(
        request=request, state=MatchState.OFFERED
    ):
        _close_offer(match, MatchState.WITHDRAWN, by=by, refill=False)


def requests_expire(*, today=None) -> int:
    """Requests whose deadline passed before any expert accepted become expired."""
    today = today or timezone.localdate()
    sources, _target = REQUEST_TRANSITIONS["expire"]
    ids = list(
        ExpertiseRequest.objects.filter(status__in=sources, deadline__lt=today).values_list(
            "pk", flat=True
        )
    )
    done = 0
    for pk in ids:
        with transaction.atomic():
            request = ExpertiseRequest.objects.select_for_update().get(pk=pk)
            if request.status not in sources or not request.deadline or request.deadline >= today:
                continue
            _release_experts(request, by=None)
            _transition(request, "expire", by=None)
            done += 1
    return done


# ---- Offers ------------------------------------------------------------------------------


class OfferLinkError(Exception):
    """A signed offer link that cannot be used; ``kind`` says why (for the page)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind  # "tampered", "expired", "used"
        super().__init__(kind)


def offer_token(match: Match) -> str:
    return signing.TimestampSigner(salt=_OFFER_SALT).sign(f"{match.pk}:{match.offer_nonce}")


def offer_from_token(token: str) -> Match:
    """The open offer a link points at, or ``OfferLinkError`` saying why not."""
    signer = signing.TimestampSigner(salt=_OFFER_SALT)
    try:
        value = signer.unsign(token, max_age=timedelta(days=OFFER_DAYS))
    except signing.SignatureExpired:
        raise OfferLinkError("expired") from None
    except signing.BadSignature:
        raise OfferLinkError("tampered") from None
    pk, _sep, nonce = value.partition(":")
    match = (
        Match.objects.select_related("request", "expert").filter(pk=int(pk)).first()
        if pk.isdigit()
        else None
    )
    if match is None:
        raise OfferLinkError("tampered")
    if match.state != MatchState.OFFERED or not secrets.compare_digest(match.offer_nonce, nonce):
        raise OfferLinkError("used")
    return match


def offer_accept(*, match: Match, by: User | None = None) -> Match:
    """The expert accepts: their load goes up; the request is accepted when enough did."""
    with transaction.atomic():
        request = ExpertiseRequest.objects.select_for_update().get(pk=match.request_id)
        match = Match.objects.select_for_update().get(pk=match.pk)
        if match.state != MatchState.OFFERED:
            raise OfferLinkError("used")
        expert = ExpertProfile.objects.select_for_update().get(pk=match.expert_id)
        if expert.active_assignments >= expert.capacity:
            raise ValidationError(
                _("You already have as many assignments as your capacity allows."),
                code="capacity",
            )
        expert.active_assignments += 1
        expert.save(update_fields=["active_assignments"])
        match.state = MatchState.ACCEPTED
        match.responded_at = timezone.now()
        match.save(update_fields=["state", "responded_at"])
        log_action(
            action="offer.accepted",
            actor=by,
            target=request,
            organisation=request.organisation,
            data={"match": match.pk, "expert": expert.pk},
        )
        tasks.notify.delay_on_commit("offer.accepted", request.pk)
        accepted = Match.objects.filter(request=request, state=MatchState.ACCEPTED).count()
        if accepted >= request.experts_wanted and request.status == RequestStatus.PROPOSED:
            _transition(request, "accept", by=by)
    return match


def offer_decline(*, match: Match, by: User | None = None) -> Match:
    """The expert declines: the next candidate gets the offer."""
    with transaction.atomic():
        ExpertiseRequest.objects.select_for_update().get(pk=match.request_id)
        match = Match.objects.select_for_update().get(pk=match.pk)
        if match.state != MatchState.OFFERED:
            raise OfferLinkError("used")
        _close_offer(match, MatchState.DECLINED, by=by)
    return match


def _close_offer(match: Match, state: str, *, by: User | None, refill: bool = True) -> None:
    # The request and the match are locked by the caller.
    match.state = state
    match.responded_at = timezone.now()
    match.save(update_fields=["state", "responded_at"])
    request = match.request
    log_action(
        action=f"offer.{state}",
        actor=by,
        target=request,
        organisation=request.organisation,
        data={"match": match.pk, "expert": match.expert_id},
    )
    if refill and request.status == RequestStatus.PROPOSED:
        _fill_offers(request, by=None)


def offers_lapse(*, now=None) -> int:
    """Offers unanswered past their expiry lapse; the next candidates are asked."""
    now = now or timezone.now()
    ids = list(
        Match.objects.filter(state=MatchState.OFFERED, offer_expires_at__lt=now).values_list(
            "pk", "request_id"
        )
    )
    done = 0
    for pk, request_id in ids:
        with transaction.atomic():
            ExpertiseRequest.objects.select_for_update().get(pk=request_id)
            match = Match.objects.select_for_update().select_related("request").get(pk=pk)
            if match.state != MatchState.OFFERED or match.offer_expires_at >= now:
                continue
            _close_offer(match, MatchState.LAPSED, by=None)
            done += 1
    return done


def offers_remind(*, now=None) -> int:
    """Offers open for ``REMIND_AFTER_DAYS`` and not expired yet get one reminder each,
    however many runs overlap (the row lock and ``reminded_at`` decide)."""
    now = now or timezone.now()
    due = Match.objects.filter(
        state=MatchState.OFFERED,
        reminded_at__isnull=True,
        offered_at__lte=now - timedelta(days=REMIND_AFTER_DAYS),
        offer_expires_at__gt=now,
    )
    done = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            match = Match.objects.select_for_update().filter(pk=pk).first()
            if match is None or match.state != MatchState.OFFERED or match.reminded_at:
                continue
            match.reminded_at = now
            match.save(update_fields=["reminded_at"])
            log_action(
                action="offer.reminded",
                actor=None,
                target=match.request,
                data={"match": match.pk, "nonce": match.offer_nonce},
            )
            tasks.send_offer.delay_on_commit(match.pk, True)
            done += 1
    return done


# ---- Batch assignment --------------------------------------------------------------------

BATCH_STATES = (RequestStatus.OPEN, RequestStatus.MATCHING)


def batch_propose(*, by: User) -> BatchAssignment:
    """Solve the assignment of every open request at once, for the coordinator to confirm."""
    from experts.batch import assign

    if not policy.can_manage_matching(by):
        raise PermissionDenied(_("Only the coordinator assigns in batches."))
    requests = list(ExpertiseRequest.objects.filter(status__in=BATCH_STATES).order_by("pk"))
    chosen, short = assign(requests)
    with transaction.atomic():
        batch = BatchAssignment.objects.create(
            created_by=by,
            total_score=round(sum(p.score for p in chosen), 2),
            result={
                "requests": [r.pk for r in requests],
                "pairs": [
                    {
                        "request": p.request_id,
                        "expert": p.expert_id,
                        "score": p.score,
                        "breakdown": p.breakdown,
                    }
                    for p in chosen
                ],
                "short": {str(pk): n for pk, n in short.items()},
            },
        )
        log_action(
            action="expert_batch.proposed",
            actor=by,
            target=batch,
            data={"requests": len(requests), "pairs": len(chosen)},
        )
    return batch


def batch_confirm(*, batch: BatchAssignment, by: User) -> int:
    """Send the offers of a proposed batch; requests that changed meanwhile are skipped."""
    if not policy.can_manage_matching(by):
        raise PermissionDenied(_("Only the coordinator assigns in batches."))
    sent = 0
    with transaction.atomic():
        batch = BatchAssignment.objects.select_for_update().get(pk=batch.pk)
        if batch.status != BatchStatus.PROPOSED:
            raise InvalidTransition(_("This batch was already decided."), code="invalid_transition")
        by_request: dict[int, list[dict]] = {}
        for pair in batch.result.get("pairs", []):
            by_request.setdefault(pair["request"], []).append(pair)
        for request_id, pairs in by_request.items():
            request = ExpertiseRequest.objects.select_for_update().get(pk=request_id)
            if request.status not in BATCH_STATES:
                continue
            if request.status == RequestStatus.OPEN:
                _start_matching(request, by=by)
            order = []
            for rank, pair in enumerate(pairs):
                match, _created = Match.objects.update_or_create(
                    request=request,
                    expert_id=pair["expert"],
                    defaults={
                        "score": pair["score"],
                        "breakdown": pair["breakdown"],
                        "reasons": [],
                        "state": MatchState.CANDIDATE,
                        "position": rank,
                        "generation": request.match_generation,
                    },
                )
                order.append(match.pk)
            request.matched_at = request.matched_at or timezone.now()
            request.save(update_fields=["matched_at"])
            sent += len(request_propose(request=request, order=order, by=by))
        batch.status = BatchStatus.CONFIRMED
        batch.decided_at = timezone.now()
        batch.save(update_fields=["status", "decided_at"])
        log_action(action="expert_batch.confirmed", actor=by, target=batch, data={"offers": sent})
    return sent
