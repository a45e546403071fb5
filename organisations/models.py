"""People, partner organisations, their memberships and the activity log.

Tenancy follows pretix: an Organisation has members with a role; permissions come from
the role (see ``organisations.permissions``). Two portal-wide flags on the user stand
outside organisations: coordinators moderate everything, reviewers assess practices.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from netbioclue.text import MEDIUM_TEXT
from organisations import permissions
from organisations.permissions import Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("is_coordinator", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an e-mail address.

    ``is_coordinator``: moderates all content and may use the admin site.
    ``is_reviewer``: records stakeholder interviews and assesses reproducibility.
    """

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("Django staff"), default=False)
    is_coordinator = models.BooleanField(
        _("coordinator"), default=False, help_text=_("Moderates all content of the portal.")
    )
    is_reviewer = models.BooleanField(
        _("reviewer"), default=False, help_text=_("Assesses the reproducibility of practices.")
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name.split(" ")[0] if self.full_name else "") or self.email


class OrganisationKind(models.TextChoices):
    CHAMBER = "chamber", _("Chamber of commerce")
    UNIVERSITY = "university", _("University")
    SCIENCE_PARK = "science-park", _("Science park")
    DEVELOPMENT_AGENCY = "development-agency", _("Development agency")
    INNOVATION_CENTRE = "innovation-centre", _("Innovation centre")
    CLUSTER_ORGANISATION = "cluster-organisation", _("Cluster organisation")
    COMPANY = "company", _("Company")
    OTHER = "other", _("Other")


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def network_partners(self) -> "OrganisationQuerySet":
        return self.filter(is_network_partner=True)


class Organisation(models.Model):
    """A partner organisation: the tenant that owns content and has members.

    ``is_network_partner``: one of the NETBIOCLUE network's partners (shown on /partners/).
    ``is_network_coordinator``: the organisation that coordinated the network.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=MEDIUM_TEXT)
    # Re-encoded by Pillow on upload (organisations.logos); served by partner_logo_view.
    logo = models.FileField(_("logo"), upload_to="organisations/logos/", blank=True, max_length=200)
    is_network_partner = models.BooleanField(_("NETBIOCLUE network partner"), default=False)
    is_network_coordinator = models.BooleanField(_("network coordinator"), default=False)
    home_cluster = models.ForeignKey(
        "clusters.Cluster",
        verbose_name=_("home cluster"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:partner_detail", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Membership(models.Model):
    """A person's place in an organisation; the role decides what they may do."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) at {self.organisation}"


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> "InvitationQuerySet":
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )

    def by_token(self, token: str) -> "InvitationQuerySet":
        return self.filter(token_hash=_hash_token(token))


class Invitation(models.Model):
    """An e-mailed invitation to join an organisation with a role.

    Only a hash of the token is stored: the link in the e-mail is the only copy.
    """

    VALID_FOR = timedelta(days=14)

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                "organisation",
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="invitation_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation of {self.email} to {self.organisation}"

    @staticmethod
    def new_token() -> tuple[str, str]:
        """A fresh token and the hash to store."""
        token = secrets.token_urlsafe(32)
        return token, _hash_token(token)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired


class Activity(models.Model):
    """The audit trail: who did what to which record, with a namespaced action code.

    ``action`` is e.g. ``organisation.member_invited`` or ``practice.published``;
    ``data`` holds what changed. Shown to the owner organisation and coordinators.
    """

    action = models.CharField(max_length=64, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="activities"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True)
    object_id = models.BigIntegerField(null=True)
    target = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.action} by {self.actor} at {self.created_at:%Y-%m-%d %H:%M}"


class ApiKeyScope(models.TextChoices):
    READ = "read", _("Read")
    WRITE = "write", _("Read and write")


class ApiKeyQuerySet(models.QuerySet["ApiKey"]):
    def active(self) -> "ApiKeyQuerySet":
        return self.filter(revoked_at__isnull=True)


class ApiKey(models.Model):
    """A secret with which a program calls the REST API for an organisation.

    A key authenticates as the *organisation*, not as a person. Its ``acting_user`` is a
    service account made for the key alone (no password, no membership): services that
    take ``by`` receive it, and for the length of a request it holds exactly the
    permissions of ``scope`` in ``organisation`` (``read``: VIEW_ORGANISATION; ``write``:
    also EDIT_CONTENT, like an editor, who cannot publish). The audit trail thus names the
    key that did something, and keys outlive the staff who created them.

    Only a SHA-256 of the key is stored (``key_hash``); ``prefix`` (its first characters)
    identifies it in lists. ``last_used_at`` is updated at most once a minute.
    """

    PREFIX_LENGTH = 12
    LAST_USED_RESOLUTION = timedelta(minutes=1)

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="api_keys"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(
        _("scope"), max_length=8, choices=ApiKeyScope.choices, default=ApiKeyScope.READ
    )
    acting_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_key",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope__in=ApiKeyScope.values), name="apikey_scope_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…) of {self.organisation}"

    @staticmethod
    def hash_key(raw_key: str) -> str:
        # A fast hash is enough: keys are 190+ bits of randomness, so no dictionary or
        # brute-force attack on a leaked hash is possible (unlike passwords, which need
        # a slow salted hash). A fast hash also keeps per-request authentication cheap.
        return hashlib.sha256(raw_key.encode()).hexdigest()

    @staticmethod
    def new_raw_key() -> str:
        """``nbc_<8 characters>_<43 characters>``: the prefix part makes keys recognisable
        (in logs, by secret scanners) and the rest carries 256 bits of randomness."""
        return f"nbc_{secrets.token_hex(4)}_{secrets.token_urlsafe(32)}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def can_write(self) -> bool:
        return self.is_active and self.scope == ApiKeyScope.WRITE

    @property
    def granted_permissions(self) -> frozenset[str]:
        """What the key's acting user may do in the key's organisation."""
        if not self.is_active:
            return frozenset()
        if self.scope == ApiKeyScope.WRITE:
            return frozenset({permissions.VIEW_ORGANISATION, permissions.EDIT_CONTENT})
        return frozenset({permissions.VIEW_ORGANISATION})
