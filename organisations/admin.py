"""The admin for people and organisations.

Coordinators use it as well as superusers (``netbioclue.admin_site``), so it guards what
only a superuser may touch: Django privileges and passwords, superuser accounts. Writes
that have a service go through it or are not offered here: memberships are changed on the
organisation's people page (where the last admin cannot be removed and each change is
logged), invitations are sent and withdrawn there, API keys are minted there and only
revoked here. The audit log is append-only for everyone. No token or key hash is shown.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from organisations import services
from organisations.models import Activity, ApiKey, Invitation, Membership, Organisation, User

# What only a superuser may set: granting any of these makes a person a Django admin.
PRIVILEGE_FIELDS = ["is_staff", "is_superuser", "groups", "user_permissions"]
# The sign-in address: whoever sets it can reset the account's password by e-mail, so
# people change their own (verified, on the account's e-mail page) and only a superuser
# corrects it here.
IDENTITY_FIELDS = ["email"]


class ReadOnlyAdminMixin:
    """Listed and viewed in the admin, never added, changed or deleted there (not even
    by superusers: the rows are written by services or are an audit record). Without
    the delete permission the admin also drops its "delete selected" action."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class MembershipInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Members and their roles, read-only: change them on the people page."""

    model = Membership
    extra = 0
    fields = ["user", "role", "created_at"]
    readonly_fields = fields


class CoordinatorUserChangeForm(UserChangeForm):
    """The change form without the password field, whose link leads to the password
    form only superusers may use."""

    password = None


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "full_name",
        "is_coordinator",
        "is_reviewer",
        "is_active",
        "last_login",
    ]
    list_filter = ["is_coordinator", "is_reviewer", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["full_name"]}),
        (_("Portal roles"), {"fields": ["is_coordinator", "is_reviewer", "is_active"]}),
        (
            _("Django permissions"),
            {
                "classes": ["collapse"],
                "fields": ["is_staff", "is_superuser", "groups", "user_permissions"],
            },
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined"]

    # Coordinators administer the portal's people, not Django's privileges: they may not
    # grant staff/superuser status, groups or permissions, set anyone's password or
    # sign-in address (either hands them the account), create accounts with a password of
    # their choosing, or touch a superuser's account. The fields are read-only, so the
    # form ignores whatever the POST says about them.

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += PRIVILEGE_FIELDS
            if obj is not None:
                fields += IDENTITY_FIELDS
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser or obj is None:
            return fieldsets
        # The password field links to the password form, which they may not use.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "password"]})
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None and not request.user.is_superuser:
            kwargs["form"] = CoordinatorUserChangeForm
        return super().get_form(request, obj, **kwargs)

    def has_add_permission(self, request) -> bool:
        # People join through invitations; only a superuser creates accounts here.
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Deleting an account would drop its memberships around the services (possibly
        # an organisation's last admin): deactivate it instead.
        return False

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "country", "city", "is_network_partner"]
    list_filter = ["is_network_partner", "kind", "country"]
    search_fields = ["name", "short_name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["home_cluster"]
    inlines = [MembershipInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        # Deleting an organisation would delete its audit log and memberships with it.
        return False


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: roles change on the organisation's people page, through the services
    that keep an admin in every organisation and log each change."""

    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__email", "organisation__name"]
    list_select_related = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: invitations are sent and withdrawn on the people page (the e-mailed
    link is the only copy of the token; its hash is not shown)."""

    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation"]
    exclude = ["token_hash"]


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit log: append-only, for superusers too."""

    list_display = ["created_at", "action", "actor", "organisation"]
    list_filter = ["action", "organisation"]
    search_fields = ["action", "actor__email"]
    list_select_related = ["actor", "organisation"]
    date_hierarchy = "created_at"


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are created on the organisation's dashboard (shown once there); the admin
    lists them and can revoke, never reveal or mint them."""

    list_display = ["prefix", "name", "organisation", "scope", "last_used_at", "revoked_at"]
    list_filter = ["scope", "organisation"]
    search_fields = ["prefix", "name", "organisation__name"]
    list_select_related = ["organisation"]
    actions = ["revoke"]

    exclude = ["key_hash"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in ApiKey._meta.fields if field.name != "key_hash"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoke instead: the service records who did it

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request, queryset):
        for key in queryset.filter(revoked_at__isnull=True).select_related("organisation"):
            services.api_key_revoke(key=key, by=request.user)
