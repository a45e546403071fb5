"""The admin for practices: a window on the records, with the workflow's own actions.

Content is edited on the portal (/practices/<slug>/edit/), where versions, revisions and
the history are kept; here the practice's text is read-only and the admin actions call
the same services as the portal (publish, reject with a reason, archive, decide on
revisions). Practices are archived rather than deleted.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from practices.fields import CONTENT_FIELDS
from practices.models import (
    Practice,
    PracticeAttachment,
    PracticeRevision,
    Publication,
    SearchWord,
    StakeholderInterview,
)
from practices.services import reproducibility, workflow


def _problem(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or str(_("Permission denied."))


def _run_each(
    modeladmin: admin.ModelAdmin,
    request,
    objects,
    call: Callable,
    done: Callable[[int], str],
) -> None:
    """Call a service for each selected object; report successes and each refusal."""
    succeeded = 0
    for obj in objects:
        try:
            call(obj)
        except (ValidationError, PermissionDenied) as error:
            modeladmin.message_user(request, f"{obj}: {_problem(error)}", messages.ERROR)
        else:
            succeeded += 1
    if succeeded:
        modeladmin.message_user(request, done(succeeded), messages.SUCCESS)


def _transition(action: str, by, comment: str = "") -> Callable:
    """Calls the action's service for one practice (``workflow.ACTIONS``)."""
    return lambda practice: workflow.practice_transition(
        action=action, practice=practice, by=by, comment=comment
    )


def _decision(decision: str, by, comment: str = "") -> Callable:
    """Calls the decision's service for one revision (``workflow.REVISION_DECISIONS``)."""
    return lambda revision: workflow.revision_decide(
        decision=decision, revision=revision, by=by, comment=comment
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the owner organisation)"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        max_length=workflow.MAX_COMMENT_LENGTH,
    )


def _ask_reason(modeladmin, request, queryset, *, action: str, title: str, run: Callable):
    """An intermediate page asking for the reason, like the admin's delete confirmation."""
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        run(form.cleaned_data["reason"])
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "objects": list(queryset),
        "form": form,
        "action": action,
        "opts": modeladmin.model._meta,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/practices/reason.html", context)


class RevisionInline(admin.TabularInline):
    model = PracticeRevision
    extra = 0
    fields = ["status", "version", "created_by", "updated_at", "decided_by", "decided_at"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class AttachmentInline(admin.TabularInline):
    model = PracticeAttachment
    extra = 0
    fields = ["title", "original_name", "content_type", "size", "uploaded_by", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


# The practice's identity, then (after the content) what the workflow keeps: every other
# stored field of the model, so a new field shows up here without an edit.
_RECORD = ("slug", "owner", "status", "version", "is_illustrative")
_WORKFLOW = tuple(
    field.name
    for field in Practice._meta.concrete_fields
    if field.name not in {"id", *_RECORD, *CONTENT_FIELDS} and not field.generated
)


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "status", "is_illustrative", "published_at", "updated_at"]
    list_filter = ["status", "is_illustrative", "evidence_level", "language", "owner"]
    search_fields = ["title", "slug", "summary", "owner__name"]
    list_select_related = ["owner"]
    date_hierarchy = "updated_at"
    ordering = ["-updated_at"]
    actions = ["publish_selected", "reject_selected", "archive_selected"]
    inlines = [RevisionInline, AttachmentInline]
    fieldsets = [
        (None, {"fields": ["portal_link", *_RECORD]}),
        (_("Content (edited on the portal)"), {"fields": list(CONTENT_FIELDS)}),
        (_("Workflow and reproducibility"), {"fields": list(_WORKFLOW)}),
    ]
    # Everything but the "illustrative" flag; the text changes through the workflow.
    readonly_fields = [
        "portal_link",
        *(name for name in (*_RECORD, *CONTENT_FIELDS, *_WORKFLOW) if name != "is_illustrative"),
    ]

    def get_queryset(self, request) -> QuerySet[Practice]:
        return super().get_queryset(request).defer("search_vector", "rank_vector")

    @admin.display(description=_("On the portal"))
    def portal_link(self, obj: Practice) -> str:
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            obj.get_absolute_url(),
            _("View"),
            reverse("practices:edit", kwargs={"slug": obj.slug}),
            _("Edit"),
        )

    def has_add_permission(self, request) -> bool:
        return False  # practices are created by partners at /practices/new/

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # archive instead: the record and its history stay

    @admin.action(description=_("Publish the selected submitted practices"))
    def publish_selected(self, request, queryset):
        _run_each(
            self,
            request,
            queryset,
            _transition("publish", request.user),
            lambda n: ngettext("%d practice published.", "%d practices published.", n) % n,
        )

    @admin.action(description=_("Reject the selected submitted practices…"))
    def reject_selected(self, request, queryset):
        def run(reason: str) -> None:
            _run_each(
                self,
                request,
                queryset,
                _transition("reject", request.user, reason),
                lambda n: ngettext("%d practice rejected.", "%d practices rejected.", n) % n,
            )

        return _ask_reason(
            self,
            request,
            queryset,
            action="reject_selected",
            title=_("Reject practices"),
            run=run,
        )

    @admin.action(description=_("Archive the selected published practices"))
    def archive_selected(self, request, queryset):
        _run_each(
            self,
            request,
            queryset,
            _transition("archive", request.user),
            lambda n: ngettext("%d practice archived.", "%d practices archived.", n) % n,
        )


@admin.register(PracticeRevision)
class PracticeRevisionAdmin(admin.ModelAdmin):
    list_display = ["practice", "status", "version", "created_by", "updated_at", "decided_by"]
    list_filter = ["status"]
    search_fields = ["practice__title", "created_by__email"]
    list_select_related = ["practice", "created_by", "decided_by"]
    actions = ["approve_selected", "reject_selected"]
    readonly_fields = [
        "practice",
        "status",
        "content",
        "base_version",
        "version",
        "created_by",
        "created_at",
        "updated_at",
        "decided_by",
        "decided_at",
        "comment",
    ]

    def get_queryset(self, request) -> QuerySet[PracticeRevision]:
        return (
            super().get_queryset(request).defer("practice__search_vector", "practice__rank_vector")
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Approve the selected revisions (publish their text)"))
    def approve_selected(self, request, queryset):
        _run_each(
            self,
            request,
            queryset,
            _decision("approve", request.user),
            lambda n: ngettext("%d revision approved.", "%d revisions approved.", n) % n,
        )

    @admin.action(description=_("Turn down the selected revisions…"))
    def reject_selected(self, request, queryset):
        def run(reason: str) -> None:
            _run_each(
                self,
                request,
                queryset,
                _decision("reject", request.user, reason),
                lambda n: ngettext("%d revision turned down.", "%d revisions turned down.", n) % n,
            )

        return _ask_reason(
            self,
            request,
            queryset,
            action="reject_selected",
            title=_("Turn down revisions"),
            run=run,
        )


@admin.register(PracticeAttachment)
class PracticeAttachmentAdmin(admin.ModelAdmin):
    """Documents are added and removed on the practice's page (type and size checked)."""

    list_display = ["__str__", "practice", "content_type", "size", "uploaded_by", "created_at"]
    list_filter = ["content_type"]
    search_fields = ["title", "original_name", "practice__title"]
    list_select_related = ["practice", "uploaded_by"]
    readonly_fields = [
        "download",
        "practice",
        "title",
        "original_name",
        "content_type",
        "size",
        "uploaded_by",
        "created_at",
    ]
    exclude = ["file"]

    def get_queryset(self, request) -> QuerySet[PracticeAttachment]:
        return (
            super().get_queryset(request).defer("practice__search_vector", "practice__rank_vector")
        )

    @admin.display(description=_("Download"))
    def download(self, obj: PracticeAttachment) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse(
                "practices:attachment",
                kwargs={"slug": obj.practice.slug, "attachment_id": obj.pk},
            ),
            obj.original_name,
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(StakeholderInterview)
class StakeholderInterviewAdmin(admin.ModelAdmin):
    """Interviews are recorded by reviewers on the portal; deleting one here goes through
    the service, which refreshes the practice's transferability."""

    list_display = [
        "practice",
        "stakeholder_type",
        "country",
        "interviewed_on",
        "relevance",
        "feasibility",
        "preconditions",
        "impact",
        "reviewer",
    ]
    list_filter = ["stakeholder_type", "country"]
    search_fields = ["practice__title", "region", "adaptations"]
    list_select_related = ["practice", "reviewer"]
    date_hierarchy = "interviewed_on"

    def get_queryset(self, request) -> QuerySet[StakeholderInterview]:
        return (
            super().get_queryset(request).defer("practice__search_vector", "practice__rank_vector")
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def delete_model(self, request, obj: StakeholderInterview) -> None:
        reproducibility.interview_delete(interview=obj, by=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for interview in queryset.select_related("practice"):
            reproducibility.interview_delete(interview=interview, by=request.user)


@admin.register(SearchWord)
class SearchWordAdmin(admin.ModelAdmin):
    """The "did you mean" vocabulary, rebuilt from the catalogue: read-only."""

    list_display = ["word", "frequency"]
    search_fields = ["word"]
    ordering = ["-frequency", "word"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    """Built editions of the publication: read-only (built by a Celery task)."""

    list_display = ["fingerprint", "status", "progress", "practice_count", "created_at"]
    list_filter = ["status"]
    list_select_related = ["requested_by"]
    ordering = ["-created_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
