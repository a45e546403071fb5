"""The admin for events: a window on the records, with the workflow's own actions.

Events are edited on the portal (/events/<slug>/edit/); here their fields are
read-only and the actions call the same services as the portal (publish, cancel),
asking ``events.policy`` through them. Registrations are shown read-only to those who
may manage the event; nothing here writes around a service, and nothing is deleted
(the audit log is append-only, registrations are anonymised by the task).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from events import policy, services
from events.models import Event, Registration


class RegistrationInline(admin.TabularInline):
    model = Registration
    fields = ("name", "email", "organisation_name", "status", "waitlist_position", "checked_in_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


def _run(modeladmin, request, queryset, call, done: str) -> None:
    ok = 0
    for event in queryset:
        try:
            call(event)
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            modeladmin.message_user(request, f"{event}: {text}", messages.ERROR)
        else:
            ok += 1
    if ok:
        modeladmin.message_user(request, done % {"n": ok}, messages.SUCCESS)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "host", "starts_at", "timezone", "status", "capacity")
    list_filter = ("status", "kind", "language")
    search_fields = ("title", "slug", "host__name")
    list_select_related = ("host",)
    actions = ["publish", "cancel"]
    inlines = [RegistrationInline]

    def get_queryset(self, request):
        return policy.visible_events(request.user).select_related("host", "cluster")

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Event._meta.fields] + ["co_hosts", "outcome_practices"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_inlines(self, request, obj):
        if obj is not None and policy.can_manage_registrations(request.user, obj):
            return self.inlines
        return []

    @admin.action(description=_("Publish the selected events"))
    def publish(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda e: services.event_publish(event=e, by=request.user),
            _("%(n)d event(s) published."),
        )

    @admin.action(description=_("Cancel the selected events (registrants are told)"))
    def cancel(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda e: services.event_cancel(event=e, by=request.user),
            _("%(n)d event(s) cancelled."),
        )
