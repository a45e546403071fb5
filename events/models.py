"""Partner events, their registrations, reminders sent and what people follow.

The event workflow is an explicit state machine (``Status`` + ``TRANSITIONS`` + a
``CheckConstraint``): draft → published → cancelled. "Past" is not a stored state: it
is derived from ``ends_at`` (``Event.is_past``), so no task has to flip rows at
midnight. Each transition is a service in ``events.services``.

Times are stored in UTC (``starts_at``/``ends_at``) next to the IANA ``timezone`` the
event happens in; pages show both the event's local time and the visitor's.

Registrations hold personal data: they are shown to the host organisation's editors
only (``events.policy``), never exposed in the API, and anonymised
``settings.EVENTS_ERASE_REGISTRATIONS_AFTER`` after the event (``events.tasks``).
"""

from __future__ import annotations

import zoneinfo
from functools import cache

from django.conf import settings
from django.contrib.postgres.fields import ArrayField, DateTimeRangeField
from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from netbioclue.vocabulary import ContentLanguage, ToolType


class EventKind(models.TextChoices):
    STUDY_VISIT = "study-visit", _("Study visit")
    WORKSHOP = "workshop", _("Workshop")
    CONFERENCE = "conference", _("Conference")
    WEBINAR = "webinar", _("Webinar")
    PARTNERING = "partnering", _("Partnering / matchmaking meeting")
    TRAINING = "training", _("Training")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


# action -> (states it may start from, state it leads to). The services enforce these.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "publish": (frozenset({Status.DRAFT}), Status.PUBLISHED),
    "cancel": (frozenset({Status.DRAFT, Status.PUBLISHED}), Status.CANCELLED),
}

# Words the URLs use next to event slugs (events/urls.py); no event takes them.
RESERVED_SLUGS = frozenset(
    {"new", "month", "archive", "feed", "feeds", "r", "follow", "following", "digest"}
)


@cache
def timezone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(name: str) -> None:
    if name not in timezone_names():
        raise ValidationError(_("“%(name)s” is not a known time zone."), params={"name": name})


class TsTzRange(models.Func):
    """PostgreSQL's ``tstzrange(starts_at, ends_at)``: an event's span, half-open."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def span() -> TsTzRange:
    """The expression the ``event_span_gist`` index holds (lookups must use this one)."""
    return TsTzRange("starts_at", "ends_at")


class EventQuerySet(models.QuerySet["Event"]):
    """Time windows that an index can answer without reading every event.

    "Ends after T" ordered by start is the shape of the list, the feeds and the API's
    ``when=upcoming``; on its own it matches every later event and the start index
    would be read from the first event ever. ``ending_after`` adds the equivalent
    bound ``starts_at >= S``, S being the earliest start among the events in progress
    at T (``span @> T``, answered by the GiST index of spans; T when none is), so the
    start index is read from S only.
    """

    def listed(self) -> EventQuerySet:
        """What the public calendar shows: published and cancelled events."""
        return self.filter(status__in=(Status.PUBLISHED, Status.CANCELLED))

    def ending_after(self, instant) -> EventQuerySet:
        earliest = (
            Event.objects.alias(span=span())
            .filter(span__contains=instant)
            .aggregate(first=models.Min("starts_at"))["first"]
        )
        bound = min(earliest, instant) if earliest else instant
        return self.filter(ends_at__gt=instant, starts_at__gte=bound)

    def upcoming(self, now=None) -> EventQuerySet:
        return self.ending_after(now or timezone.now())

    def past(self, now=None) -> EventQuerySet:
        now = now or timezone.now()
        # starts_at < now is implied; said so that a newest-first scan starts at now.
        return self.filter(ends_at__lte=now, starts_at__lt=now)

    def overlapping(self, start, end) -> EventQuerySet:
        """Events whose span meets [start, end) (the GiST index of spans)."""
        from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

        return self.alias(span=span()).filter(span__overlap=DateTimeTZRange(start, end))


class Event(models.Model):
    """An event run by a partner organisation (``host``) and maybe ``co_hosts``.

    ``starts_at``/``ends_at`` are UTC instants; ``timezone`` is the IANA zone of the
    venue (or of the organiser, online). ``venue_address``, ``latitude``/``longitude``
    and ``online_url`` are revealed to registered people and the host only.
    ``capacity`` null means unlimited. ``questions`` are the organiser's optional
    questions; each registration answers them in order. ``sequence`` is iCalendar's
    SEQUENCE: it increases whenever a change matters to a calendar (time, venue,
    status). ``outcome_note``, ``outcome_practices`` and ``outcome_links`` are added by
    the host after the event.
    """

    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    host = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("host organisation"),
        on_delete=models.PROTECT,
        related_name="hosted_events",
    )
    co_hosts = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("co-hosts"),
        blank=True,
        related_name="co_hosted_events",
    )
    cluster = models.ForeignKey(
        "clusters.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=160)
    summary = models.CharField(_("summary"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    topics = ArrayField(
        models.CharField(max_length=32, choices=ToolType.choices),
        verbose_name=_("topics"),
        default=list,
        blank=True,
    )
    language = models.CharField(
        _("language"), max_length=8, choices=ContentLanguage.choices, default="en"
    )

    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels", validators=[validate_timezone]
    )

    is_online = models.BooleanField(_("online"), default=False)
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("venue address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    online_url = models.URLField(_("online link"), max_length=500, blank=True)

    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    price_note = models.CharField(_("price"), max_length=200, blank=True)
    questions = ArrayField(
        models.CharField(max_length=200),
        verbose_name=_("questions for registrants"),
        default=list,
        blank=True,
        size=10,
    )

    sequence = models.PositiveIntegerField(default=0, editable=False)
    outcome_note = models.TextField(_("outcome"), blank=True)
    outcome_practices = models.ManyToManyField(
        "practices.Practice", verbose_name=_("practices it produced"), blank=True, related_name="+"
    )
    outcome_links = ArrayField(
        models.URLField(max_length=500), verbose_name=_("outcome links"), default=list, blank=True
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="event_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=EventKind.values), name="event_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(topics__contained_by=ToolType.values),
                name="event_topics_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="event_capacity_positive",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=Status.DRAFT) | models.Q(published_at__isnull=True),
                name="event_draft_unpublished",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=Status.PUBLISHED) | models.Q(published_at__isnull=False),
                name="event_published_has_date",
            ),
            models.CheckConstraint(
                condition=models.Q(registration_closes_at__isnull=True)
                | models.Q(registration_opens_at__isnull=True)
                | models.Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="event_registration_window_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["status", "ends_at"]),
            models.Index(fields=["host", "status"]),
            models.Index(fields=["country", "starts_at"]),
            GinIndex(fields=["topics"], name="event_topics_gin"),
            # In order of start across statuses ((status, starts_at) orders within one
            # status only): the list, the feeds and the API read their first rows here.
            models.Index(fields=["starts_at", "id"], name="event_start_order"),
            # Month views and "in progress at T" (EventQuerySet.ending_after).
            GistIndex(span(), name="event_span_gist"),
            # Newest announcements first (the Atom feed, the digest's news of the week).
            models.Index(fields=["-published_at", "-id"], name="event_published_desc"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if self.is_online and not self.online_url:
            errors["online_url"] = _("An online event needs its link.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if errors:
            raise ValidationError(errors)

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def local_starts_at(self):
        return self.starts_at.astimezone(self.tzinfo)

    @property
    def local_ends_at(self):
        return self.ends_at.astimezone(self.tzinfo)

    @property
    def topic_labels(self) -> list[str]:
        return [str(ToolType(topic).label) for topic in self.topics if topic in ToolType.values]

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_cancelled(self) -> bool:
        return self.status == Status.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def display_status(self) -> str:
        """Status as people read it: a published event that has ended is "past"."""
        if self.status == Status.PUBLISHED and self.is_past:
            return str(_("Past"))
        return str(self.get_status_display())

    def registration_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.status == Status.PUBLISHED
            and now < (self.registration_closes_at or self.starts_at)
            and (self.registration_opens_at is None or now >= self.registration_opens_at)
        )

    @property
    def uid(self) -> str:
        """iCalendar UID: stable across every edit (slugs may change, the pk never)."""
        return f"event-{self.pk}@netbioclue"


class RegistrationStatus(models.TextChoices):
    PENDING = "pending_confirmation", _("Waiting for e-mail confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    OFFERED = "offered", _("Place offered")
    CANCELLED = "cancelled", _("Cancelled")


# States that hold one of the event's places: a place offered from the waiting list is
# kept for the person until the offer expires.
HOLDS_PLACE = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
ACTIVE = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.OFFERED,
)


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def holding_place(self) -> RegistrationQuerySet:
        return self.filter(status__in=HOLDS_PLACE)

    def active(self) -> RegistrationQuerySet:
        return self.filter(status__in=ACTIVE)


class Registration(models.Model):
    """One person's registration for an event: a signed-in ``user`` or a guest.

    A guest's address is confirmed by a signed link before the registration counts
    (``pending_confirmation``). ``waitlist_position`` orders the waiting list (lower
    first, assigned under the event's row lock); ``offer_expires_at`` is when a place
    offered from the waiting list goes to the next person. ``answers`` follow the
    event's ``questions`` in order. ``consent_to_share`` allows showing name and
    organisation to co-participants. ``anonymised_at`` is set when the personal data
    were erased after the event.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    answers = models.JSONField(_("answers"), default=list, blank=True)
    consent_to_share = models.BooleanField(
        _("share my name and organisation with the other participants"), default=False
    )
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
    )
    waitlist_position = models.PositiveIntegerField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RegistrationStatus.values),
                name="registration_status_valid",
            ),
            # One live registration per address per event; a cancelled one may be redone,
            # and anonymised rows (no address) are out of the rule.
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~models.Q(status=RegistrationStatus.CANCELLED) & ~models.Q(email=""),
                name="registration_one_per_email",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=RegistrationStatus.WAITLISTED)
                | models.Q(waitlist_position__isnull=False),
                name="registration_waitlisted_has_position",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=RegistrationStatus.OFFERED)
                | models.Q(offer_expires_at__isnull=False),
                name="registration_offer_has_expiry",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "waitlist_position"]),
            models.Index(fields=["status", "offer_expires_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} for {self.event}"

    @property
    def holds_place(self) -> bool:
        return self.status in HOLDS_PLACE


class ReminderSent(models.Model):
    """The marker that makes reminders idempotent: one row per registration and kind.

    The task inserts the marker and sends in one transaction; a second run (another
    worker, a retry) finds the marker and sends nothing.
    """

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=16, default="24h")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder for registration {self.registration_id}"


class FollowKind(models.TextChoices):
    CLUSTER = "cluster", _("Cluster")
    ORGANISATION = "organisation", _("Partner")
    TOPIC = "topic", _("Topic")
    SEARCH = "search", _("Saved catalogue search")


class Follow(models.Model):
    """Something a signed-in person follows; the weekly digest lists what is new in it.

    Exactly one target per kind: ``cluster``, ``organisation``, a vocabulary value
    (``facet`` is a key of ``netbioclue.vocabulary.FACETS``, ``value`` one of its
    values) or a saved catalogue ``search`` (the query string of the practices list).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    kind = models.CharField(max_length=16, choices=FollowKind.choices)
    cluster = models.ForeignKey(
        "clusters.Cluster", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    facet = models.CharField(max_length=32, blank=True)
    value = models.CharField(max_length=64, blank=True)
    search = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind=FollowKind.CLUSTER, cluster__isnull=False)
                    | models.Q(kind=FollowKind.ORGANISATION, organisation__isnull=False)
                    | (models.Q(kind=FollowKind.TOPIC) & ~models.Q(facet="") & ~models.Q(value=""))
                    | (models.Q(kind=FollowKind.SEARCH) & ~models.Q(search=""))
                ),
                name="follow_has_its_target",
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "cluster", "organisation", "facet", "value", "search"],
                nulls_distinct=False,
                name="follow_once",
            ),
        ]
        indexes = [models.Index(fields=["kind", "facet", "value"])]

    def __str__(self) -> str:
        return f"{self.user} follows {self.kind}"


class DigestPreference(models.Model):
    """When and in which language a person receives the weekly digest.

    ``weekday``: 0 Monday … 6 Sunday. ``last_sent_at`` starts the next digest's window
    (what is new since), so a digest that failed is caught up by the next run.
    ``unsubscribed_at`` is set by the one-click unsubscribe link.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference"
    )
    weekday = models.PositiveSmallIntegerField(
        _("day of the week"),
        default=0,
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
            (6, _("Sunday")),
        ],
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    last_sent_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weekday__gte=0, weekday__lte=6), name="digest_weekday_valid"
            ),
        ]
        indexes = [models.Index(fields=["weekday", "unsubscribed_at"])]

    def __str__(self) -> str:
        return f"Digest of {self.user}"
