"""The admin for experts: a window on the records; every change goes through a service.

Actions call ``experts.services`` (validate, erase, run matching, lapse offers); the
roster import (``experts.importing``) has an admin page with a dry run. Scores, states
and consent are read-only here: the admin never writes around the workflow.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from experts import services
from experts.importing import import_experts
from experts.models import BatchAssignment, ExpertiseRequest, ExpertProfile, Match


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV roster"))
    dry_run = forms.BooleanField(label=_("Dry run (validate only)"), required=False, initial=True)


@admin.register(ExpertProfile)
class ExpertProfileAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "organisation",
        "status",
        "visibility",
        "capacity",
        "active_assignments",
    ]
    list_filter = ["status", "visibility", "is_illustrative"]
    search_fields = ["name", "email", "headline"]
    list_select_related = ["organisation"]
    actions = ["validate_selected", "erase_selected"]
    exclude = ["conflict_organisations"]
    readonly_fields = [f.name for f in ExpertProfile._meta.fields if f.name != "is_illustrative"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("search_vector")

    def has_add_permission(self, request) -> bool:
        return False  # experts apply on the portal or arrive by roster import

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # erasing keeps an anonymised trace: use the action

    @admin.action(description=_("Validate the selected applications"))
    def validate_selected(self, request, queryset):
        for expert in queryset:
            try:
                services.expert_validate(expert=expert, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                messages.error(
                    request, f"{expert}: {' '.join(getattr(error, 'messages', [str(error)]))}"
                )

    @admin.action(description=_("Erase the selected profiles (keeps an anonymised trace)"))
    def erase_selected(self, request, queryset):
        for expert in queryset:
            try:
                services.expert_erase(expert=expert, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                messages.error(
                    request, f"{expert}: {' '.join(getattr(error, 'messages', [str(error)]))}"
                )

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="experts_expertprofile_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not request.user.is_coordinator and not request.user.is_superuser:
            raise PermissionDenied
        report = None
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            report = import_experts(
                upload,
                dry_run=form.cleaned_data["dry_run"],
                source=upload.name,
                by=request.user,
            )
        return render(
            request,
            "admin/experts/import.html",
            {
                **self.admin_site.each_context(request),
                "form": form,
                "report": report,
                "title": _("Import experts"),
            },
        )


class MatchInline(admin.TabularInline):
    model = Match
    extra = 0
    fields = ["expert", "state", "position", "score", "breakdown", "reasons", "offer_expires_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ExpertiseRequest)
class ExpertiseRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "requester", "status", "format", "deadline"]
    list_filter = ["status", "format", "is_illustrative"]
    search_fields = ["title"]
    list_select_related = ["organisation", "requester"]
    inlines = [MatchInline]
    actions = ["match_selected"]
    readonly_fields = [f.name for f in ExpertiseRequest._meta.fields if f.name != "is_illustrative"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Run matching again"))
    def match_selected(self, request, queryset):
        for expertise_request in queryset:
            try:
                services.request_match(request=expertise_request, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                messages.error(
                    request,
                    f"{expertise_request}: {' '.join(getattr(error, 'messages', [str(error)]))}",
                )


@admin.register(BatchAssignment)
class BatchAssignmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "total_score", "created_at"]
    readonly_fields = ["status", "result", "total_score", "created_by", "created_at", "decided_at"]

    def has_add_permission(self, request) -> bool:
        return False  # proposed by ``services.batch_propose`` on the portal

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # confirmed through ``services.batch_confirm``; kept as a record
