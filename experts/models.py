"""Experts, requests for expertise, and the matches between them.

Three workflows are explicit state machines (``Status`` + ``TRANSITIONS`` + a
``CheckConstraint``); every transition is a service in ``experts.services``:

- an ``ExpertProfile`` is applied -> validated (or rejected), and erased by its owner;
- an ``ExpertiseRequest`` goes draft -> open -> matching -> proposed -> accepted ->
  in progress -> closed, or expired when its deadline passes;
- a ``Match`` (one candidate expert for one request) is a candidate, then offered,
  then accepted / declined / lapsed (no answer in time) / withdrawn.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from netbioclue.text import validate_text, validate_text_list
from netbioclue.vocabulary import Beneficiary, ContentLanguage, GrowthForce, Stage, ToolType
from practices.models import SEARCH_CONFIG


class Format(models.TextChoices):
    """How an expert helps (and which kind of help a request asks for)."""

    ADVICE = "advice", _("Advice")
    PEER_REVIEW = "peer-review", _("Peer review")
    STUDY_VISIT = "study-visit", _("Study visit host")
    TRAINING = "training", _("Training")
    MENTORING = "mentoring", _("Mentoring")


class LanguageLevel(models.TextChoices):
    """CEFR levels, plus native speaker."""

    B1 = "B1", _("B1 (intermediate)")
    B2 = "B2", _("B2 (upper intermediate)")
    C1 = "C1", _("C1 (advanced)")
    C2 = "C2", _("C2 (proficient)")
    NATIVE = "native", _("Native")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    PARTNERS = "partners", _("Partners only")
    HIDDEN = "hidden", _("Hidden (matching only)")


class ExpertStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    VALIDATED = "validated", _("Validated")
    REJECTED = "rejected", _("Rejected")
    ERASED = "erased", _("Erased")


EXPERT_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "validate": (frozenset({ExpertStatus.APPLIED, ExpertStatus.REJECTED}), ExpertStatus.VALIDATED),
    "reject": (frozenset({ExpertStatus.APPLIED}), ExpertStatus.REJECTED),
    "erase": (
        frozenset({ExpertStatus.APPLIED, ExpertStatus.VALIDATED, ExpertStatus.REJECTED}),
        ExpertStatus.ERASED,
    ),
}

MAX_BIO = 5000
MAX_DESCRIPTION = 5000
MAX_CAPACITY = 20
MAX_EXPERTS_WANTED = 5


def choice_array(choices: type[models.TextChoices], verbose_name) -> ArrayField:
    return ArrayField(
        models.CharField(max_length=32, choices=choices.choices),
        verbose_name=verbose_name,
        default=list,
        blank=True,
    )


def country_array(verbose_name) -> ArrayField:
    return ArrayField(
        models.CharField(max_length=2), verbose_name=verbose_name, default=list, blank=True
    )


class ExpertQuerySet(models.QuerySet["ExpertProfile"]):
    def validated(self) -> ExpertQuerySet:
        return self.filter(status=ExpertStatus.VALIDATED)


class ExpertProfile(models.Model):
    """A person who helps clusters, with their consent and the coordinator's validation.

    ``languages`` lists language codes (what matching filters on); ``language_levels``
    maps each of them to a ``LanguageLevel``. ``active_assignments`` counts accepted
    offers on requests not yet closed; the services keep it under the row lock, and
    matching compares it with ``capacity``. ``evidence_text``, ``practice_count`` and
    ``interview_count`` summarise the catalogue evidence (practices the expert's user
    created, stakeholder interviews they conducted), refreshed by
    ``services.expert_refresh_evidence``; the text feeds ``search_vector`` (weight C)
    so that matching finds it in the same GIN index as the headline (A) and bio (B).
    ``email`` is how imports recognise a person; it stays private (policy).
    Erasing blanks every personal field and keeps the row as an anonymised trace.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_profile",
    )
    email = models.EmailField(_("e-mail address"), max_length=254, blank=True)
    name = models.CharField(_("name"), max_length=150, validators=[validate_text])
    headline = models.CharField(_("headline"), max_length=200, validators=[validate_text])
    bio = models.TextField(
        _("biography"), max_length=MAX_BIO, blank=True, validators=[validate_text]
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("partner organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experts",
    )
    organisation_name = models.CharField(
        _("organisation (if not a partner)"),
        max_length=200,
        blank=True,
        validators=[validate_text],
    )
    country = CountryField(_("country of residence"), blank=True)
    countries = country_array(_("countries worked in"))
    languages = ArrayField(
        models.CharField(max_length=8, choices=ContentLanguage.choices),
        verbose_name=_("languages"),
        default=list,
        blank=True,
    )
    language_levels = models.JSONField(_("language levels"), default=dict, blank=True)
    growth_forces = choice_array(GrowthForce, _("growth forces"))
    tool_types = choice_array(ToolType, _("tool types"))
    stages = choice_array(Stage, _("stages"))
    beneficiaries = choice_array(Beneficiary, _("beneficiaries"))
    formats = choice_array(Format, _("formats offered"))
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_CAPACITY)],
        help_text=_("How many assignments at once."),
    )
    not_available_until = models.DateField(_("not available until"), null=True, blank=True)
    links = ArrayField(
        models.URLField(max_length=500),
        verbose_name=_("links"),
        default=list,
        blank=True,
        validators=[validate_text_list],
    )
    conflict_organisations = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("declared conflicts of interest"),
        blank=True,
        related_name="+",
        help_text=_("Organisations you should not be matched with (employer, client, board)."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ExpertStatus.choices, default=ExpertStatus.APPLIED
    )
    consent_text = models.TextField(_("consent agreed to"), max_length=MAX_BIO, blank=True)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    active_assignments = models.PositiveSmallIntegerField(default=0, editable=False)
    evidence_text = models.TextField(blank=True, default="", editable=False)
    practice_count = models.PositiveIntegerField(default=0, editable=False)
    interview_count = models.PositiveIntegerField(default=0, editable=False)
    # The id of the last transaction that wrote the row (or its declared conflicts), set
    # by a database trigger so that no write can skip it: the in-memory shortlist of
    # ``experts.shortlist`` re-reads the rows changed since it last looked.
    changed_xid = models.BigIntegerField(default=0, editable=False)
    is_illustrative = models.BooleanField(_("illustrative example"), default=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    validated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_vector = models.GeneratedField(
        expression=(
            SearchVector("headline", config=SEARCH_CONFIG, weight="A")
            + SearchVector("bio", config=SEARCH_CONFIG, weight="B")
            + SearchVector("evidence_text", config=SEARCH_CONFIG, weight="C")
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ExpertQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ExpertStatus.values), name="expert_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(visibility__in=Visibility.values),
                name="expert_visibility_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__lte=MAX_CAPACITY), name="expert_capacity_max"
            ),
            models.CheckConstraint(
                condition=models.Q(growth_forces__contained_by=GrowthForce.values)
                & models.Q(tool_types__contained_by=ToolType.values)
                & models.Q(stages__contained_by=Stage.values)
                & models.Q(beneficiaries__contained_by=Beneficiary.values)
                & models.Q(formats__contained_by=Format.values)
                & models.Q(languages__contained_by=ContentLanguage.values),
                name="expert_vocabulary_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ExpertStatus.VALIDATED)
                | models.Q(consent_at__isnull=False),
                name="expert_validated_has_consent",
            ),
            models.UniqueConstraint(
                Lower("email"), condition=~models.Q(email=""), name="expert_email_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "visibility"]),
            models.Index(fields=["changed_xid"], name="expert_changed_xid"),
            GinIndex(fields=["search_vector"], name="expert_search_gin"),
            GinIndex(
                fields=["growth_forces", "tool_types", "stages", "beneficiaries", "languages"],
                name="expert_facets_gin",
            ),
        ]

    def __str__(self) -> str:
        return self.name or _("Erased expert #%(id)s") % {"id": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("experts:detail", kwargs={"pk": self.pk})

    @property
    def is_erased(self) -> bool:
        return self.status == ExpertStatus.ERASED

    @property
    def organisation_label(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name

    @property
    def free_slots(self) -> int:
        return max(self.capacity - self.active_assignments, 0)

    def is_available_on(self, day) -> bool:
        return self.not_available_until is None or self.not_available_until <= day

    def language_list(self) -> list[tuple[str, str]]:
        labels = dict(ContentLanguage.choices)
        return [
            (str(labels.get(code, code)), self.language_levels.get(code, ""))
            for code in self.languages
        ]


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    MATCHING = "matching", _("Matching")
    PROPOSED = "proposed", _("Proposed to experts")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")
    EXPIRED = "expired", _("Expired")


# action -> (states it may start from, state it leads to). The services enforce these.
REQUEST_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({RequestStatus.DRAFT}), RequestStatus.OPEN),
    "match": (
        frozenset({RequestStatus.OPEN, RequestStatus.MATCHING, RequestStatus.PROPOSED}),
        RequestStatus.MATCHING,
    ),
    "propose": (
        frozenset({RequestStatus.MATCHING, RequestStatus.PROPOSED}),
        RequestStatus.PROPOSED,
    ),
    "accept": (frozenset({RequestStatus.PROPOSED}), RequestStatus.ACCEPTED),
    "start": (frozenset({RequestStatus.ACCEPTED}), RequestStatus.IN_PROGRESS),
    "close": (
        frozenset({RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS, RequestStatus.OPEN}),
        RequestStatus.CLOSED,
    ),
    "expire": (
        frozenset(
            {
                RequestStatus.DRAFT,
                RequestStatus.OPEN,
                RequestStatus.MATCHING,
                RequestStatus.PROPOSED,
            }
        ),
        RequestStatus.EXPIRED,
    ),
}

# The request's own text can change only before any offer has gone out.
REQUEST_EDITABLE_STATES = frozenset(
    {RequestStatus.DRAFT, RequestStatus.OPEN, RequestStatus.MATCHING}
)
# States in which accepted experts are at work (they count against their capacity).
REQUEST_ACTIVE_STATES = frozenset(
    {RequestStatus.PROPOSED, RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS}
)


class ExpertiseRequest(models.Model):
    """A need for expertise, filed by a partner member or a verified public requester.

    ``organisation`` is the requester's partner organisation (``None`` for a public
    requester); its members follow the request and it is a conflict of interest for
    matching. ``match_generation`` increases at every (re-)match: a matching task
    carries the generation it was queued for and does nothing if the request moved on.
    ``matched_at`` is set when candidates are ready (the page shows "matching…" until
    then). ``released`` says whether the coordinator has shown the candidates and their
    scores to the requester.
    """

    title = models.CharField(_("title"), max_length=150, validators=[validate_text])
    description = models.TextField(
        _("description of the need"), max_length=MAX_DESCRIPTION, validators=[validate_text]
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="expertise_requests",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expertise_requests",
    )
    cluster = models.ForeignKey(
        "clusters.Cluster",
        verbose_name=_("cluster concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cluster_country = CountryField(_("country of the cluster"), blank=True)
    stage = models.CharField(_("cluster stage"), max_length=16, choices=Stage.choices, blank=True)
    growth_forces = choice_array(GrowthForce, _("growth forces"))
    tool_types = choice_array(ToolType, _("tool types"))
    beneficiaries = choice_array(Beneficiary, _("beneficiaries"))
    languages = ArrayField(
        models.CharField(max_length=8, choices=ContentLanguage.choices),
        verbose_name=_("languages acceptable"),
        default=list,
        blank=True,
    )
    countries_preferred = country_array(_("countries preferred"))
    countries_excluded = country_array(_("countries excluded"))
    transnational_preferred = models.BooleanField(_("transnational preferred"), default=False)
    format = models.CharField(_("format"), max_length=16, choices=Format.choices)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    experts_wanted = models.PositiveSmallIntegerField(
        _("how many experts"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_EXPERTS_WANTED)],
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.DRAFT
    )
    match_generation = models.PositiveIntegerField(default=0, editable=False)
    matched_at = models.DateTimeField(null=True, blank=True, editable=False)
    released = models.BooleanField(_("candidates shown to the requester"), default=False)
    is_illustrative = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("request for expertise")
        verbose_name_plural = _("requests for expertise")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RequestStatus.values), name="request_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(format__in=Format.values), name="request_format_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(experts_wanted__gte=1)
                & models.Q(experts_wanted__lte=MAX_EXPERTS_WANTED),
                name="request_experts_wanted_range",
            ),
            models.CheckConstraint(
                condition=models.Q(growth_forces__contained_by=GrowthForce.values)
                & models.Q(tool_types__contained_by=ToolType.values)
                & models.Q(beneficiaries__contained_by=Beneficiary.values)
                & models.Q(languages__contained_by=ContentLanguage.values)
                & models.Q(stage__in=[*Stage.values, ""]),
                name="request_vocabulary_valid",
            ),
        ]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("experts:request_detail", kwargs={"pk": self.pk})

    @property
    def is_matching(self) -> bool:
        return self.status == RequestStatus.MATCHING and self.matched_at is None

    @property
    def reference_day(self):
        """The day an expert must be free by: the deadline, or today without one."""
        return self.deadline or timezone.localdate()


class MatchState(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    EXCLUDED = "excluded", _("Excluded")
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    LAPSED = "lapsed", _("No answer in time")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# States in which the expert answered (or can no longer answer) an offer.
MATCH_FINAL_STATES = frozenset(
    {MatchState.ACCEPTED, MatchState.DECLINED, MatchState.LAPSED, MatchState.WITHDRAWN}
)


class Match(models.Model):
    """One expert considered for one request, with the score and why.

    ``breakdown`` maps each scoring dimension to its points (``experts.matching``);
    ``reasons`` lists the hard rules that exclude the expert (state ``excluded``).
    ``position`` is the order the coordinator confirmed (lower first; the rank by
    score until then). ``offer_nonce`` is part of the signed accept/decline link: each
    offer gets a new one, and a link works only while its offer is open, so a reused
    or superseded link is refused. ``generation`` is the request's match generation
    that produced the row. ``reminded_at``: when the expert was reminded of the open
    offer (once per offer).
    """

    request = models.ForeignKey(ExpertiseRequest, on_delete=models.CASCADE, related_name="matches")
    expert = models.ForeignKey(ExpertProfile, on_delete=models.PROTECT, related_name="matches")
    generation = models.PositiveIntegerField(default=0)
    score = models.FloatField(default=0)
    breakdown = models.JSONField(default=dict)
    reasons = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(default=0)
    state = models.CharField(
        max_length=10, choices=MatchState.choices, default=MatchState.CANDIDATE
    )
    offer_nonce = models.CharField(max_length=32, blank=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    responded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "-score", "id"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(fields=["request", "expert"], name="match_one_per_expert"),
            models.CheckConstraint(
                condition=models.Q(state__in=MatchState.values), name="match_state_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(state=MatchState.OFFERED)
                | models.Q(offer_expires_at__isnull=False),
                name="match_offer_has_expiry",
            ),
        ]
        indexes = [
            models.Index(fields=["request", "state", "position"]),
            models.Index(fields=["state", "offer_expires_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.expert} for {self.request} ({self.get_state_display()})"


class BatchStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    DISCARDED = "discarded", _("Discarded")


class BatchAssignment(models.Model):
    """A joint assignment of many open requests, computed by ``experts.batch``.

    ``result`` lists ``{"request": id, "expert": id, "score": x, "breakdown": {...}}``
    rows and the requests left without enough experts, for the coordinator to confirm.
    """

    status = models.CharField(
        max_length=10, choices=BatchStatus.choices, default=BatchStatus.PROPOSED
    )
    result = models.JSONField(default=dict)
    total_score = models.FloatField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=BatchStatus.values), name="batch_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Batch assignment {self.pk} ({self.get_status_display()})"
