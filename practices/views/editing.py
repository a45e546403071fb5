"""Partners' editing and the coordinator's moderation of practices (HTML).

Every view finds the practice through ``workspace.practice_for`` (the visibility rule of
``practices.policy``; anything else is a 404), asks ``practices.policy`` what the person
may do, and leaves decisions to ``practices.services.workflow`` (``ACTIONS``):
a ``PermissionDenied`` from a service becomes a 403, a ``ValidationError`` is shown
next to what the person typed, and a ``StaleEdit`` re-renders the form with a 409.
"""

from __future__ import annotations

import copy
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from netbioclue import confirm, idempotency
from netbioclue.registry import Kind
from netbioclue.text import parse_whole_number
from practices import policy
from practices.fields import PRACTICE_FIELDS
from practices.forms import AttachmentForm, CommentForm, PracticeForm
from practices.models import (
    EDITABLE_STATES,
    Practice,
    PracticeAttachment,
    PracticeRevision,
    Status,
)
from practices.selectors import workspace
from practices.selectors.catalogue import related_practices
from practices.services import reproducibility, workflow

# What the buttons say, and what the page says once it is done.
ACTION_LABELS = {
    "submit": gettext_lazy("Submit for review"),
    "request_changes": gettext_lazy("Request changes"),
    "publish": gettext_lazy("Publish"),
    "reject": gettext_lazy("Reject"),
    "archive": gettext_lazy("Archive"),
    "withdraw": gettext_lazy("Withdraw to draft"),
}
COMMENTED_ACTIONS = frozenset({"request_changes", "reject"})


def _done_message(action: str) -> str:
    return {
        "submit": _("The practice was submitted for review; the coordinator has been told."),
        "request_changes": _("The practice was handed back to its authors with your comment."),
        "publish": _("The practice is published."),
        "reject": _("The practice was rejected."),
        "archive": _("The practice is archived; it no longer appears in the catalogue."),
        "withdraw": _(
            "The submission is withdrawn: the practice is a draft again. Edit it, then "
            "submit it again when it is ready."
        ),
    }[action]


# What each action does, said on the page that asks to confirm it (None: no question asked).
def _consequence(action: str, practice: Practice) -> str | None:
    return {
        "publish": _(
            "“%(title)s” will appear in the public catalogue, the API and the open data, "
            "and the PDF of the publication will be rebuilt to include it."
        ),
        "reject": _(
            "“%(title)s” will be rejected: it will not be published, and its authors will be "
            "told why by e-mail."
        ),
        "archive": _(
            "“%(title)s” will leave the public catalogue, the API and the open data; "
            "its page will no longer be found by visitors."
        ),
    }.get(action, "") % {"title": practice.title} or None


def _facet_badges(practice: Practice) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """[(facet label, [(query parameter, value, value label), ...]), ...]."""
    groups = []
    for parameter, spec in PRACTICE_FIELDS.facets().items():
        if spec.kind != Kind.MULTI_CHOICE:
            continue
        labels = dict(spec.vocabulary.choices)
        badges = [
            (parameter, value, str(labels.get(value, value)))
            for value in getattr(practice, spec.name)
        ]
        if badges:
            groups.append((str(spec.facet_title), badges))
    return groups


def _render_detail(
    request,
    practice: Practice,
    *,
    status: int = 200,
    comment_forms: dict[str, CommentForm] | None = None,
    attachment_form: AttachmentForm | None = None,
    error: str | None = None,
):
    user = request.user
    insider = policy.is_insider(user, practice)
    revision = (
        workspace.pending_revision(practice)
        if insider and practice.status == Status.PUBLISHED
        else None
    )
    actions = policy.allowed_actions(user, practice)
    comment_forms = comment_forms or {}
    action_forms = [
        (
            action,
            ACTION_LABELS[action],
            (comment_forms.get(action) or CommentForm(prefix=action))
            if action in COMMENTED_ACTIONS
            else None,
        )
        for action in actions
    ]
    can_attach = policy.attachments_open(user, practice)
    history = workspace.practice_history(practice) if insider else []
    # The coordinator's latest word on a practice handed back or rejected.
    feedback_action = {
        Status.CHANGES_REQUESTED: "practice.changes_requested",
        Status.REJECTED: "practice.rejected",
    }.get(practice.status)
    feedback = next((entry for entry in history if entry.action == feedback_action), None)
    context = {
        "practice": practice,
        "insider": insider,
        "contact_visible": policy.can_see_contact(user),
        "contact_audience": policy.CONTACT_AUDIENCE,
        "is_coordinator": policy.can_moderate(user),
        "can_edit": policy.can_edit(user, practice)
        and practice.status in EDITABLE_STATES | {Status.PUBLISHED},
        "action_forms": action_forms,
        "allowed_actions": actions,
        "revision": revision,
        "revision_changes": workspace.revision_changes(practice, revision) if revision else [],
        "revision_comment_form": comment_forms.get("revision") or CommentForm(prefix="revision"),
        "history": history,
        "feedback": feedback,
        "attachments": practice.attachments.all(),
        "can_attach": can_attach,
        "attachment_form": attachment_form or (AttachmentForm() if can_attach else None),
        "idempotency_token": idempotency.form_token(request),
        "facet_groups": _facet_badges(practice),
        "reproducibility": reproducibility.summary(practice),
        "related": (
            related_practices(practice, limit=5) if practice.status == Status.PUBLISHED else []
        ),
        "error": error,
        "back_to_results": _back_to_results(request, practice),
    }
    return render(request, "practices/practice_detail.html", context, status=status)


def _back_to_results(request, practice: Practice) -> str:
    """The catalogue page the visitor came from, with its query, filters and page number,
    scrolled to this practice; "" when they did not come from the catalogue.

    Read from the Referer (sent for same-origin links, SECURE_REFERRER_POLICY): no state is
    kept and the practice's address stays the same for everyone. Only the path and the
    query string of this site's catalogue are reused, never another address.
    """
    came_from = urlsplit(request.headers.get("referer", ""))
    catalogue = reverse("practices:list")
    if came_from.netloc != request.get_host() or came_from.path != catalogue:
        return ""
    query = f"?{came_from.query}" if came_from.query else ""
    return f"{catalogue}{query}#result-{practice.slug}"


def practice_detail_view(request, slug: str):
    practice = workspace.practice_for(request.user, slug, detail=True)
    return _render_detail(request, practice)


def _forbidden(request, title: str, reason: str):
    return render(
        request, "practices/forbidden.html", {"title": title, "reason": reason}, status=403
    )


@login_required
def practice_create_view(request):
    organisations = policy.creatable_organisations(request.user)
    if not organisations:
        return _forbidden(
            request,
            _("You cannot add practices yet"),
            _(
                "Practices are added by editors of partner organisations. Ask an admin of "
                "your organisation to make you an editor, or the coordinator to invite your "
                "organisation."
            ),
        )
    bound = request.method == "POST"
    form = PracticeForm(request.POST if bound else None, organisations=organisations)
    if bound and form.is_valid():
        organisation = form.cleaned_data.get("organisation") or organisations[0]
        try:
            practice = workflow.practice_create(
                organisation=organisation,
                data=form.content(),
                by=request.user,
                idempotency_key=idempotency.posted_token(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The draft is saved. Add documents if you wish, then submit it for review."),
            )
            return redirect(practice)
    return render(
        request,
        "practices/practice_form.html",
        {
            "form": form,
            "practice": None,
            "organisation": organisations[0],
            "idempotency_token": idempotency.form_token(request),
        },
        status=400 if bound else 200,
    )


@login_required
def practice_edit_view(request, slug: str):
    practice = workspace.practice_for(request.user, slug)
    if not policy.can_edit(request.user, practice):
        raise PermissionDenied(_("You may not edit this practice."))
    if practice.status not in EDITABLE_STATES | {Status.PUBLISHED}:
        messages.warning(request, workflow.locked_message(practice))
        return redirect(practice)
    revision = workspace.pending_revision(practice) if practice.is_published else None
    # The form works on a copy: a bound ModelForm writes into its instance.
    instance = copy.copy(practice)
    if revision is not None:
        workflow.apply_content(instance, revision.content)
    bound = request.method == "POST"
    if bound:
        form = PracticeForm(request.POST, instance=instance)
    else:
        form = PracticeForm(
            instance=instance, initial={"version": workflow.edit_version(practice, revision)}
        )
    form.fields["version"].required = True
    status = 200
    if bound:
        status = 400
        if form.is_valid():
            try:
                result = workflow.practice_update(
                    practice=practice,
                    data=form.content(),
                    expected_version=form.cleaned_data["version"],
                    by=request.user,
                )
            except workflow.StaleEdit as error:
                form.add_error(None, error)
                status = 409
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _saved_message(result, form.cleaned_data["version"]))
                return redirect(practice)
    return render(
        request,
        "practices/practice_form.html",
        {
            "form": form,
            "practice": practice,
            "revision": revision,
            "organisation": practice.owner,
            "feedback": workspace.changes_requested_feedback(practice),
        },
        status=status,
    )


def _saved_message(result: Practice | PracticeRevision, started_from: int) -> str:
    if result.version == started_from:
        return _("Nothing had changed; nothing was saved.")
    if isinstance(result, PracticeRevision):
        return _(
            "Your changes are saved as a revision. The public keeps seeing the published "
            "text until the coordinator approves it."
        )
    return _("The practice is saved.")


@require_POST
@login_required
def practice_transition_view(request, slug: str, action: str):
    if action not in workflow.ACTIONS:
        raise Http404
    practice = workspace.practice_for(request.user, slug, detail=True)
    form = CommentForm(request.POST, prefix=action)
    if not form.is_valid():  # e.g. a NUL, which PostgreSQL would refuse: a 500 before
        return _render_detail(request, practice, status=400, comment_forms={action: form})
    comment = form.cleaned_data["comment"]
    # Asked only when the action would go ahead: not for a missing reason or a refusal,
    # which the service reports next to the form.
    consequence = _consequence(action, practice)
    ready = action in policy.allowed_actions(request.user, practice) and (
        action not in COMMENTED_ACTIONS or comment.strip()
    )
    if (
        consequence
        and ready
        and (
            page := confirm.ask(
                request,
                title=_("%(action)s “%(title)s”?")
                % {"action": ACTION_LABELS[action], "title": practice.title},
                consequence=consequence,
                confirm_label=_("Yes, %(action)s") % {"action": str(ACTION_LABELS[action]).lower()},
                cancel_url=practice.get_absolute_url(),
                irreversible=action != "publish",
            )
        )
    ):
        return page
    try:
        workflow.practice_transition(
            action=action, practice=practice, by=request.user, comment=comment
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            form.is_valid()
            form.add_error("comment", [e for errors in error.error_dict.values() for e in errors])
            return _render_detail(request, practice, status=400, comment_forms={action: form})
        return _render_detail(request, practice, status=409, error=" ".join(error.messages))
    messages.success(request, _done_message(action))
    return redirect(practice)


@require_POST
@login_required
def revision_decision_view(request, slug: str, decision: str):
    if decision not in workflow.REVISION_DECISIONS:
        raise Http404
    practice = workspace.practice_for(request.user, slug, detail=True)
    if not policy.can_moderate(request.user):
        raise PermissionDenied(_("Only the coordinator decides on revisions."))
    revision = workspace.pending_revision(practice)
    if revision is None:
        messages.error(request, _("There is no revision waiting for a decision."))
        return redirect(practice)
    form = CommentForm(request.POST, prefix="revision")
    if not form.is_valid():
        return _render_detail(request, practice, status=400, comment_forms={"revision": form})
    expected = parse_whole_number(request.POST.get("version", ""))
    if decision == "approve":
        question = _("Publish the revision of “%(title)s”?")
        consequence = _(
            "The revised text replaces the published one in the catalogue, the API and the "
            "open data, and the PDF of the publication will be rebuilt."
        )
        label = _("Yes, publish the revision")
    else:
        question = _("Turn down the revision of “%(title)s”?")
        consequence = _(
            "The proposed changes are discarded; the published text stays and the authors "
            "are told why."
        )
        label = _("Yes, turn down the revision")
    reason_given = decision == "approve" or form.cleaned_data["comment"].strip()
    if reason_given and (
        page := confirm.ask(
            request,
            title=question % {"title": practice.title},
            consequence=consequence,
            confirm_label=label,
            cancel_url=practice.get_absolute_url(),
        )
    ):
        return page
    try:
        workflow.revision_decide(
            decision=decision,
            revision=revision,
            by=request.user,
            comment=form.cleaned_data["comment"],
            expected_version=expected,
        )
    except workflow.StaleEdit as error:
        return _render_detail(request, practice, status=409, error=" ".join(error.messages))
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            form.is_valid()
            form.add_error("comment", [e for errors in error.error_dict.values() for e in errors])
            return _render_detail(request, practice, status=400, comment_forms={"revision": form})
        return _render_detail(request, practice, status=409, error=" ".join(error.messages))
    if decision == "approve":
        messages.success(request, _("The revision is published."))
    else:
        messages.success(request, _("The revision was turned down; the published text stays."))
    return redirect(practice)


@require_POST
@login_required
def attachment_upload_view(request, slug: str):
    practice = workspace.practice_for(request.user, slug, detail=True)
    if not policy.can_edit(request.user, practice):
        raise PermissionDenied(_("You may not change the documents of this practice."))
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = workflow.attachment_add(
                practice=practice,
                uploaded_file=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                by=request.user,
                idempotency_key=idempotency.posted_token(request),
            )
        except ValidationError as error:
            form.add_error(None if hasattr(error, "error_dict") else "file", error)
        else:
            messages.success(
                request, _("“%(name)s” was added.") % {"name": attachment.original_name}
            )
            return redirect(practice.get_absolute_url() + "#attachments")
    return _render_detail(request, practice, status=400, attachment_form=form)


def attachment_download_view(request, slug: str, attachment_id: int):
    """The document as a download, never displayed inline by the browser."""
    # practice_for applies policy.can_view_attachment's rule (the practice's visibility).
    practice = workspace.practice_for(request.user, slug)
    attachment = get_object_or_404(PracticeAttachment, pk=attachment_id, practice=practice)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    if not practice.is_published:
        response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def attachment_delete_view(request, slug: str, attachment_id: int):
    practice = workspace.practice_for(request.user, slug)
    attachment = get_object_or_404(PracticeAttachment, pk=attachment_id, practice=practice)
    if not policy.can_edit(request.user, practice):
        raise PermissionDenied(_("You may not change the documents of this practice."))
    if page := confirm.ask(
        request,
        title=_("Remove “%(name)s”?") % {"name": attachment.original_name},
        consequence=_("The document is deleted from “%(title)s” and from the portal's storage.")
        % {"title": practice.title},
        confirm_label=_("Yes, remove the document"),
        cancel_url=practice.get_absolute_url() + "#attachments",
    ):
        return page
    try:
        workflow.attachment_remove(attachment=attachment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(name)s” was removed.") % {"name": attachment.original_name})
    return redirect(practice.get_absolute_url() + "#attachments")


@login_required
def moderation_queue_view(request):
    if not policy.can_moderate(request.user):
        return _forbidden(
            request,
            _("Moderation is for the coordinator"),
            _(
                "The moderation queue lists the practices waiting for review; only the "
                "portal coordinator decides on them. Your organisation's practices and "
                "their status are on your dashboard."
            ),
        )
    context = {"queue": workspace.moderation_queue(), "status_limit": workspace.STATUS_LIST_LIMIT}
    status = request.GET.get("status")
    if status is None:
        return render(request, "practices/moderation.html", context)
    if status not in Status.values:
        context["status_error"] = _("There is no status “%(status)s”; choose one below.") % {
            "status": status[:40]
        }
        return render(request, "practices/moderation.html", context, status=400)
    context.update(
        status=status,
        status_label=Status(status).label,
        status_practices=workspace.practices_with_status(status),
    )
    return render(request, "practices/moderation.html", context)
