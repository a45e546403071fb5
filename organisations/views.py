from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netbioclue import confirm, idempotency
from organisations import permissions, selectors, services
from organisations.forms import (
    ApiKeyForm,
    InvitationForm,
    NewAccountForm,
    OrganisationProfileForm,
    ProfileForm,
    RoleForm,
)
from organisations.models import ApiKey, Invitation, Membership, Organisation, User
from practices.dashboard import interviews_section, practices_section


def partner_list_view(request):
    partners = list(selectors.partner_list())
    return render(
        request,
        "organisations/partner_list.html",
        {
            "partner_count": len(partners),
            "groups": selectors.partners_by_country(partners),
        },
    )


def partner_detail_view(request, slug: str):
    organisation = get_object_or_404(selectors.organisation_detail_queryset(), slug=slug)
    return render(
        request,
        "organisations/partner_detail.html",
        {
            "organisation": organisation,
            "practices": selectors.published_practices_of(organisation),
            "can_edit_profile": permissions.is_coordinator(request.user)
            or permissions.can(request.user, organisation, permissions.EDIT_PROFILE),
        },
    )


def partner_logo_view(request, slug: str):
    """The logo, public like the page; cached by browsers (its URL changes with it)."""
    organisation = get_object_or_404(Organisation.objects.only("logo"), slug=slug)
    if not organisation.logo:
        raise Http404
    try:
        handle = organisation.logo.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"
    return response


@login_required
def organisation_profile_view(request, slug: str):
    """The partner page's description, website and logo, edited by organisation admins."""
    membership = _membership_or_404(request, slug)
    organisation = membership.organisation
    permissions.require(request.user, organisation, permissions.EDIT_PROFILE)
    bound = request.method == "POST"
    form = OrganisationProfileForm(
        request.POST if bound else None,
        request.FILES if bound else None,
        initial={"description": organisation.description, "website": organisation.website},
    )
    if bound and form.is_valid():
        try:
            services.organisation_update_profile(
                organisation=organisation,
                description=form.cleaned_data["description"],
                website=form.cleaned_data["website"],
                logo=form.cleaned_data["logo"] or None,
                remove_logo=form.cleaned_data["remove_logo"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation's page is saved."))
            return redirect(organisation)
    return render(
        request,
        "organisations/organisation_profile.html",
        {"form": form, "organisation": organisation},
        status=400 if bound else 200,
    )


@login_required
def dashboard_view(request):
    memberships = list(selectors.memberships_of(request.user))
    # The panels of the apps that hold partners' content, in order (None: nothing to show).
    panels = [practices_section(request.user, memberships), interviews_section(request.user)]
    return render(
        request,
        "organisations/dashboard.html",
        {"memberships": memberships, "sections": [panel for panel in panels if panel]},
    )


def _membership_or_404(request, slug: str) -> Membership:
    # Outsiders learn nothing: an organisation you do not belong to is "not found".
    membership = selectors.membership_of(request.user, slug)
    if membership is None:
        raise Http404
    return membership


def _render_people(request, membership: Membership, *, invitation_form=None, status=200):
    organisation = membership.organisation
    can_manage = permissions.can(request.user, organisation, permissions.MANAGE_MEMBERS)
    return render(
        request,
        "organisations/people.html",
        {
            "organisation": organisation,
            "membership": membership,
            "can_manage": can_manage,
            "people": selectors.organisation_people(organisation),
            "invitations": selectors.pending_invitations(organisation) if can_manage else [],
            "invitation_form": invitation_form or InvitationForm(),
            "idempotency_token": idempotency.form_token(request),
            "role_choices": RoleForm.base_fields["role"].choices,
        },
        status=status,
    )


@login_required
def people_view(request, slug: str):
    return _render_people(request, _membership_or_404(request, slug))


@login_required
@require_POST
def invite_view(request, slug: str):
    membership = _membership_or_404(request, slug)
    permissions.require(request.user, membership.organisation, permissions.MANAGE_MEMBERS)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invitation_create(
                organisation=membership.organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
                idempotency_key=idempotency.posted_token(request),
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("organisations:people", slug=slug)
    return _render_people(request, membership, invitation_form=form, status=400)


def _colleague_or_404(membership: Membership, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=membership_id,
        organisation=membership.organisation,
    )


@login_required
@require_POST
def change_role_view(request, slug: str, membership_id: int):
    membership = _membership_or_404(request, slug)
    permissions.require(request.user, membership.organisation, permissions.MANAGE_MEMBERS)
    colleague = _colleague_or_404(membership, membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the listed roles."))
        return redirect("organisations:people", slug=slug)
    try:
        services.membership_change_role(
            membership=colleague, role=form.cleaned_data["role"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(person)s is now %(role)s.")
            % {
                "person": colleague.user,
                "role": Membership(role=form.cleaned_data["role"]).get_role_display(),
            },
        )
    return redirect("organisations:people", slug=slug)


@login_required
@require_POST
def remove_member_view(request, slug: str, membership_id: int):
    membership = _membership_or_404(request, slug)
    colleague = _colleague_or_404(membership, membership_id)
    leaving = colleague.user_id == request.user.pk
    if not leaving:
        permissions.require(request.user, membership.organisation, permissions.MANAGE_MEMBERS)
    organisation = membership.organisation
    try:
        services.membership_check_removable(membership=colleague)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("organisations:people", slug=slug)
    if leaving:
        question = _("Leave %(organisation)s?") % {"organisation": organisation}
        consequence = _(
            "You will no longer see or edit the drafts of %(organisation)s; an administrator "
            "would have to invite you again."
        ) % {"organisation": organisation}
        label = _("Yes, leave %(organisation)s") % {"organisation": organisation}
    else:
        question = _("Remove %(person)s from %(organisation)s?") % {
            "person": colleague.user,
            "organisation": organisation,
        }
        consequence = _(
            "%(person)s will no longer see or edit the drafts of %(organisation)s and would "
            "need a new invitation to come back."
        ) % {"person": colleague.user, "organisation": organisation}
        label = _("Yes, remove %(person)s") % {"person": colleague.user}
    if page := confirm.ask(
        request,
        title=question,
        consequence=consequence,
        confirm_label=label,
        cancel_url=reverse("organisations:people", kwargs={"slug": slug}),
    ):
        return page
    try:
        services.membership_remove(membership=colleague, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("organisations:people", slug=slug)
    if leaving:
        messages.success(
            request, _("You left %(organisation)s.") % {"organisation": membership.organisation}
        )
        return redirect("dashboard")
    messages.success(request, _("%(person)s was removed.") % {"person": colleague.user})
    return redirect("organisations:people", slug=slug)


@login_required
@require_POST
def revoke_invitation_view(request, slug: str, invitation_id: int):
    membership = _membership_or_404(request, slug)
    permissions.require(request.user, membership.organisation, permissions.MANAGE_MEMBERS)
    invitation = get_object_or_404(
        Invitation, pk=invitation_id, organisation=membership.organisation
    )
    if page := confirm.ask(
        request,
        title=_("Withdraw the invitation to %(email)s?") % {"email": invitation.email},
        consequence=_("The link sent to %(email)s will stop working.")
        % {"email": invitation.email},
        confirm_label=_("Yes, withdraw the invitation"),
        cancel_url=reverse("organisations:people", kwargs={"slug": slug}),
    ):
        return page
    try:
        services.invitation_revoke(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email}
        )
    return redirect("organisations:people", slug=slug)


def invitation_view(request, token: str):
    """Shows an invitation; POST accepts it (a GET never does: mail scanners open links)."""
    invitation = (
        Invitation.objects.by_token(token).select_related("organisation", "invited_by").first()
    )
    context = {"invitation": invitation, "error": None, "form": None, "account_exists": False}
    if invitation is None or not invitation.is_pending:
        if invitation is None or invitation.revoked_at:
            context["error"] = _(
                "This invitation link is not valid; it may have been replaced or withdrawn."
            )
        elif invitation.accepted_at:
            context["error"] = _("This invitation has already been used.")
        else:
            context["error"] = _(
                "This invitation has expired; ask your organisation admin for a new one."
            )
        return render(request, "organisations/invitation.html", context, status=410)

    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                services.invitation_accept(token=token, user=request.user)
            except ValidationError as error:
                context["error"] = " ".join(error.messages)
                return render(request, "organisations/invitation.html", context, status=400)
            messages.success(
                request,
                _("Welcome to %(organisation)s.") % {"organisation": invitation.organisation},
            )
            return redirect("dashboard")
        if request.user.email.lower() != invitation.email.lower():
            context["error"] = _(
                "This invitation was sent to %(invited)s but you are signed in as %(current)s. "
                "Sign out and open the link again."
            ) % {"invited": invitation.email, "current": request.user.email}
        return render(request, "organisations/invitation.html", context)

    if User.objects.filter(email__iexact=invitation.email).exists():
        context["account_exists"] = True
        return render(request, "organisations/invitation.html", context)

    form = NewAccountForm(request.POST or None)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept_with_new_account(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            form.add_error("password1" if error.code is None else None, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Welcome to %(organisation)s.") % {"organisation": invitation.organisation},
            )
            return redirect("dashboard")
    status = 400 if request.method == "POST" else 200
    return render(request, "organisations/invitation.html", context, status=status)


# --- API keys ----------------------------------------------------------------------------------
def _api_key_admin_or_404(request, slug: str) -> Membership:
    """Outsiders get 404 (like every dashboard page); members without the right get 403."""
    membership = _membership_or_404(request, slug)
    permissions.require(request.user, membership.organisation, permissions.MANAGE_API_KEYS)
    return membership


def _created_key_session_name(organisation) -> str:
    return f"api_key_created:{organisation.pk}"


def _pop_created_key(request, organisation) -> dict | None:
    """The key created just before this page, with its value: read once, then gone."""
    stored = request.session.pop(_created_key_session_name(organisation), None)
    if not stored:
        return None
    key = selectors.api_keys_of(organisation).filter(pk=stored.get("key")).first()
    return {"key": key, "value": stored.get("value", "")} if key is not None else None


def _render_api_keys(request, membership: Membership, *, form=None, status=200):
    organisation = membership.organisation
    created = _pop_created_key(request, organisation) if request.method == "GET" else None
    response = render(
        request,
        "organisations/api_keys.html",
        {
            "organisation": organisation,
            "keys": selectors.api_keys_of(organisation),
            "form": form or ApiKeyForm(),
            "created": created,
            "idempotency_token": idempotency.form_token(request),
        },
        status=status,
    )
    # The page may carry a key's value: no browser or proxy may keep a copy.
    response["Cache-Control"] = "no-store"
    return response


@login_required
def api_keys_view(request, slug: str):
    """Lists the organisation's keys; POST creates one and redirects here (POST-redirect-GET).

    The new key's value travels to the next GET in the session and is shown by that page
    only: reloading it shows nothing more, and a reload never sends the POST again. A
    second submit of the same form (its token) creates nothing and keeps the value where it
    is.
    """
    membership = _api_key_admin_or_404(request, slug)
    if request.method != "POST":
        return _render_api_keys(request, membership)
    form = ApiKeyForm(request.POST)
    if form.is_valid():
        try:
            key, raw_key = services.api_key_create(
                organisation=membership.organisation,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                by=request.user,
                idempotency_key=idempotency.posted_token(request),
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):  # e.g. a reused form token
                form.add_error(None, error)
            for field, messages in getattr(error, "message_dict", {}).items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            if raw_key is not None:
                request.session[_created_key_session_name(membership.organisation)] = {
                    "key": key.pk,
                    "value": raw_key,
                }
            return redirect("organisations:api_keys", slug=slug)
    return _render_api_keys(request, membership, form=form, status=400)


@login_required
@require_POST
def revoke_api_key_view(request, slug: str, key_id: int):
    membership = _api_key_admin_or_404(request, slug)
    key = get_object_or_404(ApiKey, pk=key_id, organisation=membership.organisation)
    if page := confirm.ask(
        request,
        title=_("Revoke the key “%(name)s”?") % {"name": key.name},
        consequence=_(
            "Every program that uses this key will be refused from now on; a new key would "
            "have to be created and installed in its place."
        ),
        confirm_label=_("Yes, revoke the key"),
        cancel_url=reverse("organisations:api_keys", kwargs={"slug": slug}),
    ):
        return page
    services.api_key_revoke(key=key, by=request.user)
    messages.success(
        request, _("The key “%(name)s” was revoked; it no longer works.") % {"name": key.name}
    )
    return redirect("organisations:api_keys", slug=slug)


@login_required
def profile_view(request):
    form = ProfileForm(request.POST or None, initial={"full_name": request.user.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_profile(
                user=request.user, full_name=form.cleaned_data["full_name"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your profile was saved."))
            return redirect("account_profile")
    status = 400 if request.method == "POST" else 200
    return render(request, "organisations/profile.html", {"form": form}, status=status)
