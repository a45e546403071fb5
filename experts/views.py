"""HTML pages of the experts app. Views read through ``experts.selectors``, ask
``experts.policy`` who may do what (outsiders get 404), and write through
``experts.services``; a service's ``ValidationError`` becomes a form error with the
typed text kept, never a 500."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from experts import matching, policy, selectors, services
from experts.forms import ConsentForm, ExpertForm, ProposeForm, RejectForm, RequestForm
from experts.models import (
    BatchAssignment,
    BatchStatus,
    ExpertiseRequest,
    ExpertProfile,
    ExpertStatus,
    MatchState,
    RequestStatus,
)
from netbioclue import confirm
from netbioclue.pagination import paginate
from organisations.models import Organisation


def _errors_into(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# ---- Directory and profiles --------------------------------------------------------------


def index(request):
    """The public directory: expertise search, name search and facets."""
    filterset = selectors.expert_directory(params=request.GET, user=request.user)
    valid = filterset.is_valid()
    experts = filterset.qs if valid else filterset.queryset.none()
    page = paginate(request, experts, per_page=25)
    own = None
    if request.user.is_authenticated:
        own = ExpertProfile.objects.filter(user=request.user).exclude(status=ExpertStatus.ERASED)
        own = own.only("pk", "status").first()
    return render(
        request,
        "experts/directory.html",
        {
            "filter": filterset,
            "page": page,
            "experts": page.object_list,
            "facets": selectors.facet_counts(filterset) if valid else {},
            "invalid_filters": not valid,
            "own_profile": own,
            "can_validate": policy.can_validate_experts(request.user),
            "can_propose": policy.proposing_organisations(request.user).exists(),
        },
        status=200 if valid else 400,
    )


def expert_detail(request, pk: int):
    expert = get_object_or_404(
        policy.visible_experts(request.user).select_related("organisation"), pk=pk
    )
    authored, interviewed = selectors.expert_evidence(expert)
    return render(
        request,
        "experts/expert_detail.html",
        {
            "expert": expert,
            "authored": authored,
            "interviewed": interviewed,
            "languages": expert.language_list(),
            "private": policy.can_see_expert_private(request.user, expert),
            "partner_fields": policy.can_see_partner_fields(request.user),
            "own": policy.is_own_profile(request.user, expert),
            "can_validate": policy.can_validate_experts(request.user)
            and expert.status == ExpertStatus.APPLIED,
            "reject_form": RejectForm(),
        },
    )


@login_required
def expert_apply(request):
    if not policy.can_apply(request.user):
        messages.info(request, _("You already have an expert profile."))
        return redirect("experts:index")
    form = ExpertForm(request.POST or None, with_consent=True)
    if request.method == "POST" and form.is_valid():
        try:
            expert = services.expert_apply(
                user=request.user,
                data=form.service_data(),
                consent=form.cleaned_data["consent"],
                conflicts=form.cleaned_data["conflicts"],
            )
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, _("Thank you. The coordinator will review your application."))
            return redirect(expert.get_absolute_url())
    return render(
        request,
        "experts/expert_form.html",
        {"form": form, "title": _("Apply as an expert")},
        status=400 if form.errors else 200,
    )


@login_required
def expert_propose(request):
    """A partner organisation's admin proposes a colleague (the coordinator validates
    once the colleague has agreed)."""
    organisations = policy.proposing_organisations(request.user)
    if not organisations.exists():
        raise Http404
    form = ProposeForm(
        request.POST if request.method == "POST" else None, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        try:
            expert = services.expert_propose(
                organisation=form.cleaned_data["organisation"],
                email=form.cleaned_data["email"],
                data=form.service_data(),
                by=request.user,
                conflicts=form.cleaned_data["conflicts"],
            )
        except ValidationError as error:
            _errors_into(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s is invited to agree; the coordinator then reviews the profile.")
                % {"name": expert.name},
            )
            return redirect("experts:index")
    return render(
        request,
        "experts/expert_propose.html",
        {"form": form, "title": _("Propose a colleague as an expert")},
        status=400 if form.errors else 200,
    )


@login_required
def expert_consent(request):
    """The colleague a profile was proposed for reads it and agrees."""
    expert = policy.awaiting_consent(request.user)
    if expert is None:
        raise Http404(_("No expert profile waits for your consent."))
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_consent(expert=expert, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Thank you. The coordinator will review your profile."))
            return redirect(expert.get_absolute_url())
    return render(
        request,
        "experts/expert_consent.html",
        {"form": form, "expert": expert, "languages": expert.language_list()},
        status=400 if form.errors else 200,
    )


def _own_profile(request) -> ExpertProfile:
    expert = (
        ExpertProfile.objects.filter(user=request.user).exclude(status=ExpertStatus.ERASED).first()
    )
    if expert is None:
        raise Http404(_("You have no expert profile."))
    return expert


@login_required
def expert_edit(request, pk: int):
    expert = get_object_or_404(policy.visible_experts(request.user), pk=pk)
    if not policy.can_edit_expert(request.user, expert):
        raise Http404
    form = ExpertForm(request.POST or None, initial=ExpertForm.initial_for(expert))
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_update(
                expert=expert,
                data=form.service_data(),
                by=request.user,
                conflicts=form.cleaned_data["conflicts"],
            )
        except ValidationError as error:
            _errors_into(form, error)
        else:
            messages.success(request, _("Profile saved."))
            return redirect(expert.get_absolute_url())
    return render(
        request,
        "experts/expert_form.html",
        {"form": form, "expert": expert, "title": _("Edit the expert profile")},
        status=400 if form.errors else 200,
    )


@login_required
def expert_export(request):
    expert = _own_profile(request)
    body = json.dumps(selectors.expert_export(expert), indent=2, ensure_ascii=False, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="netbioclue-expert-profile.json"'
    return response


@login_required
def expert_erase(request):
    expert = _own_profile(request)
    if request.method == "POST":
        services.expert_erase(expert=expert, by=request.user)
        messages.success(request, _("Your expert profile is erased."))
        return redirect("experts:index")
    return render(request, "experts/expert_erase.html", {"expert": expert})


@login_required
def validation_queue(request):
    if not policy.can_validate_experts(request.user):
        raise Http404
    experts = policy.validation_queue(request.user).select_related("organisation")
    return render(
        request,
        "experts/validation_queue.html",
        {"experts": experts, "reject_form": RejectForm()},
    )


@login_required
@require_POST
def expert_decide(request, pk: int):
    if not policy.can_validate_experts(request.user):
        raise Http404
    expert = get_object_or_404(ExpertProfile.objects.exclude(status=ExpertStatus.ERASED), pk=pk)
    try:
        if request.POST.get("decision") == "validate":
            services.expert_validate(expert=expert, by=request.user)
            messages.success(request, _("%(name)s is validated.") % {"name": expert.name})
        else:
            form = RejectForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Say why the application is not accepted."))
                return redirect("experts:validation_queue")
            if page := confirm.ask(
                request,
                title=_("Turn down the application of %(name)s?") % {"name": expert.name},
                consequence=_(
                    "%(name)s is told by e-mail, with your reason, and does not appear in the "
                    "directory."
                )
                % {"name": expert.name},
                confirm_label=_("Yes, turn down the application"),
                cancel_url=reverse("experts:validation_queue"),
            ):
                return page
            services.expert_reject(
                expert=expert, reason=form.cleaned_data["reason"], by=request.user
            )
            messages.success(request, _("%(name)s is not accepted.") % {"name": expert.name})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("experts:validation_queue")


def how_matching_works(request):
    return render(
        request,
        "experts/how_matching_works.html",
        {
            "weights": matching.weight_table(),
            "rules": [str(label) for label in matching.RULES.values()],
            "offer_days": services.OFFER_DAYS,
            "text_scale": matching.TEXT_SCALE,
            "evidence_cap": matching.EVIDENCE_CAP,
        },
    )


# ---- Requests ----------------------------------------------------------------------------


@login_required
def request_list(request):
    filterset = selectors.request_list(params=request.GET, user=request.user)
    valid = filterset.is_valid()
    page = paginate(request, filterset.qs if valid else filterset.queryset.none(), per_page=25)
    return render(
        request,
        "experts/request_list.html",
        {
            "filter": filterset,
            "page": page,
            "requests": page.object_list,
            "invalid_filters": not valid,
            "can_file": policy.can_file_request(request.user),
            "can_batch": policy.can_manage_matching(request.user),
        },
        status=200 if valid else 400,
    )


def _member_organisations(user):
    return Organisation.objects.filter(memberships__user=user).order_by("name")


@login_required
def request_create(request):
    if not policy.can_file_request(request.user):
        return render(request, "experts/request_not_allowed.html", status=403)
    organisations = _member_organisations(request.user)
    form = RequestForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            expertise_request = services.request_create(
                data=form.service_data(),
                by=request.user,
                organisation=form.cleaned_data.get("organisation"),
                submit="submit" in request.POST,
            )
        except ValidationError as error:
            _errors_into(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            return redirect(expertise_request.get_absolute_url())
    return render(
        request,
        "experts/request_form.html",
        {"form": form, "title": _("Request expertise")},
        status=400 if form.errors else 200,
    )


def _visible_request(request, pk: int) -> ExpertiseRequest:
    return get_object_or_404(selectors.request_detail_queryset(request.user), pk=pk)


@login_required
def request_edit(request, pk: int):
    expertise_request = _visible_request(request, pk)
    if not policy.can_edit_request(request.user, expertise_request):
        raise Http404
    form = RequestForm(request.POST or None, initial=RequestForm.initial_for(expertise_request))
    if request.method == "POST" and form.is_valid():
        try:
            services.request_update(
                request=expertise_request, data=form.service_data(), by=request.user
            )
        except ValidationError as error:
            _errors_into(form, error)
        else:
            return redirect(expertise_request.get_absolute_url())
    return render(
        request,
        "experts/request_form.html",
        {"form": form, "expertise_request": expertise_request, "title": _("Edit the request")},
        status=400 if form.errors else 200,
    )


@login_required
def request_detail(request, pk: int):
    expertise_request = _visible_request(request, pk)
    user = request.user
    coordinator = policy.can_manage_matching(user)
    see_matches = policy.can_see_matches(user, expertise_request)
    follows = policy.follows_request(user, expertise_request)
    matches = selectors.request_matches(expertise_request) if (see_matches or follows) else []
    if not see_matches:
        # The requester follows the offers' progress without names or scores.
        matches = [m for m in matches if m.state != MatchState.CANDIDATE and m.state != "excluded"]
    contacts = (
        selectors.accepted_contacts(expertise_request)
        if policy.can_see_contacts(user, expertise_request)
        else []
    )
    for match in matches:
        match.explanation = matching.explain(match.breakdown)
        match.reason_labels = matching.reason_labels(match.reasons)
    return render(
        request,
        "experts/request_detail.html",
        {
            "r": expertise_request,
            "matches": matches,
            "candidates": [m for m in matches if m.state == MatchState.CANDIDATE],
            "excluded": [m for m in matches if m.state == MatchState.EXCLUDED],
            "offers": [
                m for m in matches if m.state not in (MatchState.CANDIDATE, MatchState.EXCLUDED)
            ],
            "contacts": contacts,
            "coordinator": coordinator,
            "see_scores": see_matches,
            "follows": follows,
            "can_edit": policy.can_edit_request(user, expertise_request),
            "can_submit": follows and expertise_request.status == RequestStatus.DRAFT,
            "can_close": policy.can_close_request(user, expertise_request),
            "weights": matching.WEIGHTS,
        },
    )


@login_required
@require_POST
def request_action(request, pk: int, action: str):
    expertise_request = _visible_request(request, pk)
    try:
        if action == "submit":
            services.request_submit(request=expertise_request, by=request.user)
        elif action == "match":
            services.request_match(request=expertise_request, by=request.user)
        elif action == "propose":
            order = [int(v) for v in request.POST.getlist("order") if v.isdigit()]
            services.request_propose(request=expertise_request, order=order, by=request.user)
            messages.success(request, _("The offers are on their way."))
        elif action == "release":
            services.request_release(request=expertise_request, by=request.user)
        elif action == "start":
            services.request_start(request=expertise_request, by=request.user)
        elif action == "close":
            services.request_close(request=expertise_request, by=request.user)
        else:
            raise Http404
    except PermissionDenied as error:
        messages.error(request, str(error) or _("You cannot do this."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(expertise_request.get_absolute_url())


# ---- Offers (signed links, no sign-in) ---------------------------------------------------

_LINK_PAGES = {
    "expired": (410, _("This link has expired")),
    "tampered": (400, _("This link is not valid")),
    "used": (409, _("This offer was already answered")),
}


def _link_problem(request, error: services.OfferLinkError):
    status, title = _LINK_PAGES[error.kind]
    return render(
        request, "experts/offer_problem.html", {"kind": error.kind, "title": title}, status=status
    )


def offer(request, token: str):
    """GET shows the offer (mail scanners prefetch links); POST accepts or declines."""
    try:
        match = services.offer_from_token(token)
    except services.OfferLinkError as error:
        return _link_problem(request, error)
    if request.method == "POST":
        answer = request.POST.get("answer")
        try:
            if answer == "accept":
                services.offer_accept(match=match, by=request.user)
            elif answer == "decline":
                services.offer_decline(match=match, by=request.user)
            else:
                return render(
                    request, "experts/offer.html", {"match": match, "error": True}, status=400
                )
        except services.OfferLinkError as error:
            return _link_problem(request, error)
        except ValidationError as error:
            return render(
                request,
                "experts/offer.html",
                {"match": match, "problem": " ".join(error.messages)},
                status=409,
            )
        return render(request, "experts/offer_done.html", {"match": match, "answer": answer})
    return render(request, "experts/offer.html", {"match": match})


# ---- Batch assignment --------------------------------------------------------------------


@login_required
def batch(request):
    """The coordinator computes a joint assignment of all open requests, then confirms it."""
    if not policy.can_manage_matching(request.user):
        raise Http404
    if request.method == "POST":
        if request.POST.get("confirm"):
            proposal = get_object_or_404(BatchAssignment, pk=request.POST["confirm"])
            try:
                sent = services.batch_confirm(batch=proposal, by=request.user)
                messages.success(request, _("%(count)d offers sent.") % {"count": sent})
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            services.batch_propose(by=request.user)
        return redirect("experts:batch")
    proposal = BatchAssignment.objects.filter(status=BatchStatus.PROPOSED).first()
    rows = []
    if proposal is not None:
        pairs = proposal.result.get("pairs", [])
        titles = dict(
            ExpertiseRequest.objects.filter(pk__in=proposal.result.get("requests", [])).values_list(
                "pk", "title"
            )
        )
        names = {
            e.pk: str(e)
            for e in ExpertProfile.objects.filter(pk__in=[p["expert"] for p in pairs]).only("name")
        }
        rows = [
            {
                "request": titles.get(p["request"], p["request"]),
                "request_id": p["request"],
                "expert": names.get(p["expert"], p["expert"]),
                "score": p["score"],
                "explanation": matching.explain(p["breakdown"]),
            }
            for p in pairs
        ]
        short = [(titles.get(int(pk), pk), n) for pk, n in proposal.result.get("short", {}).items()]
    return render(
        request,
        "experts/batch.html",
        {"proposal": proposal, "rows": rows, "short": short if proposal else []},
    )
