"""Best practices for biocluster development, their moderation, reproducibility and search.

The workflow is an explicit state machine (``Status`` + ``TRANSITIONS`` + a
``CheckConstraint``); each transition is a service in ``practices.services``.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from netbioclue.text import LONG_TEXT, MAX_LIST_ITEMS, MEDIUM_TEXT, SHORT_TEXT
from netbioclue.vocabulary import (
    Beneficiary,
    BusinessModel,
    ContentLanguage,
    EvidenceLevel,
    GrowthForce,
    Stage,
    ToolType,
    Transferability,
)

# The text search configuration created by migration 0001: English stemming with
# accents folded (unaccent), so "Genopôle" and "genopole" match.
SEARCH_CONFIG = "netbioclue"


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    ARCHIVED = "archived", _("Archived")


# action -> (states it may start from, state it leads to). The services enforce these.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({Status.DRAFT, Status.CHANGES_REQUESTED}), Status.SUBMITTED),
    "request_changes": (frozenset({Status.SUBMITTED}), Status.CHANGES_REQUESTED),
    "publish": (frozenset({Status.SUBMITTED}), Status.PUBLISHED),
    "reject": (frozenset({Status.SUBMITTED}), Status.REJECTED),
    "archive": (frozenset({Status.PUBLISHED}), Status.ARCHIVED),
    # The owner takes a submitted practice back before the coordinator has decided.
    "withdraw": (frozenset({Status.SUBMITTED}), Status.DRAFT),
}

# States in which the owner organisation edits the practice row directly; editing a
# published practice goes through a PracticeRevision instead.
EDITABLE_STATES = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED})


# Words the URLs use next to practice slugs (practices/urls.py); no practice takes them.
RESERVED_SLUGS = frozenset({"new", "moderation", "publication", "export", "export.csv"})


class BudgetRange(models.TextChoices):
    UNDER_50K = "lt-50k", _("Under EUR 50,000")
    FROM_50K = "50k-250k", _("EUR 50,000 – 250,000")
    FROM_250K = "250k-1m", _("EUR 250,000 – 1 million")
    OVER_1M = "gt-1m", _("Over EUR 1 million")


def _choice_array(choices: type[models.TextChoices], verbose_name) -> ArrayField:
    return ArrayField(
        models.CharField(max_length=32, choices=choices.choices),
        verbose_name=verbose_name,
        default=list,
        blank=True,
    )


def _join(field: str):
    """``dos``/``donts`` as one text for the search vector.

    ``array_to_string`` is only STABLE, so migration 0001 defines the IMMUTABLE
    ``netbioclue_join`` that a generated column may use.
    """
    return models.Func(models.F(field), function="netbioclue_join", output_field=models.TextField())


class PracticeQuerySet(models.QuerySet["Practice"]):
    def published(self) -> "PracticeQuerySet":
        return self.filter(status=Status.PUBLISHED)

    def owned_by(self, organisation_ids) -> "PracticeQuerySet":
        return self.filter(owner_id__in=organisation_ids)


class Practice(models.Model):
    """A best practice for biocluster development.

    Content fields hold the text the public sees once published; a pending edit of a
    published practice waits in ``PracticeRevision``. ``version`` increases with every
    saved edit: forms and the API send it back, and a stale one is refused (no lost
    updates). ``transferability`` and ``interview_count`` summarise the stakeholder
    interviews (kept by ``practices.services``). ``is_illustrative`` marks demo content.
    ``search_vector`` (title A, summary B, body C) finds matches through a GIN index;
    the small ``rank_vector`` (title A, summary B) ranks them without reading the
    body's large, TOASTed vector.
    """

    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    owner = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        related_name="practices",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("summary"), max_length=500)
    description = models.TextField(_("description"), blank=True, max_length=LONG_TEXT)
    problem = models.TextField(_("problem addressed"), blank=True, max_length=SHORT_TEXT)
    how_it_works = models.TextField(_("how it works"), blank=True, max_length=LONG_TEXT)
    results = models.TextField(_("results and evidence"), blank=True, max_length=MEDIUM_TEXT)
    evidence_level = models.CharField(
        _("evidence level"), max_length=16, choices=EvidenceLevel.choices, blank=True
    )
    budget_range = models.CharField(
        _("budget range"), max_length=16, choices=BudgetRange.choices, blank=True
    )
    staff = models.CharField(
        _("staff"), max_length=200, blank=True, help_text=_("e.g. 2 FTE project managers")
    )
    resources_notes = models.TextField(
        _("other resources needed"), blank=True, max_length=SHORT_TEXT
    )
    dos = ArrayField(
        models.CharField(max_length=300),
        size=MAX_LIST_ITEMS,
        verbose_name=_("do's"),
        default=list,
        blank=True,
    )
    donts = ArrayField(
        models.CharField(max_length=300),
        size=MAX_LIST_ITEMS,
        verbose_name=_("don'ts"),
        default=list,
        blank=True,
    )
    lessons = models.TextField(_("lessons learned"), blank=True, max_length=MEDIUM_TEXT)

    origin_cluster = models.ForeignKey(
        "clusters.Cluster",
        verbose_name=_("origin cluster"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
    )
    country = CountryField(_("country"), blank=True)
    region = models.CharField(_("region"), max_length=150, blank=True)

    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)

    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("end year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    links = ArrayField(
        models.URLField(max_length=500),
        size=MAX_LIST_ITEMS,
        verbose_name=_("links"),
        default=list,
        blank=True,
    )
    language = models.CharField(
        _("content language"),
        max_length=8,
        choices=ContentLanguage.choices,
        default=ContentLanguage.ENGLISH,
    )

    stages = _choice_array(Stage, _("life-cycle stages"))
    growth_forces = _choice_array(GrowthForce, _("growth forces"))
    tool_types = _choice_array(ToolType, _("tool types"))
    beneficiaries = _choice_array(Beneficiary, _("beneficiaries"))
    business_models = _choice_array(BusinessModel, _("business models"))

    transferability = models.CharField(
        _("transferability"), max_length=8, choices=Transferability.choices, blank=True
    )
    interview_count = models.PositiveIntegerField(_("interviews"), default=0)
    is_illustrative = models.BooleanField(
        _("illustrative example"),
        default=False,
        help_text=_("Demo content written for illustration, not a documented NETBIOCLUE case."),
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    search_vector = models.GeneratedField(
        expression=(
            SearchVector("title", config=SEARCH_CONFIG, weight="A")
            + SearchVector("summary", config=SEARCH_CONFIG, weight="B")
            + SearchVector(
                "description",
                "problem",
                "how_it_works",
                "results",
                "lessons",
                _join("dos"),
                _join("donts"),
                config=SEARCH_CONFIG,
                weight="C",
            )
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    rank_vector = models.GeneratedField(
        expression=(
            SearchVector("title", config=SEARCH_CONFIG, weight="A")
            + SearchVector("summary", config=SEARCH_CONFIG, weight="B")
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="practice_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(evidence_level__in=[*EvidenceLevel.values, ""]),
                name="practice_evidence_level_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(transferability__in=[*Transferability.values, ""]),
                name="practice_transferability_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(stages__contained_by=Stage.values)
                & models.Q(growth_forces__contained_by=GrowthForce.values)
                & models.Q(tool_types__contained_by=ToolType.values)
                & models.Q(beneficiaries__contained_by=Beneficiary.values)
                & models.Q(business_models__contained_by=BusinessModel.values),
                name="practice_facets_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(start_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="practice_years_ordered",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=Status.PUBLISHED) | models.Q(published_at__isnull=False),
                name="practice_published_has_date",
            ),
        ]
        indexes = [
            # Newest first, ties by id: a keyset page's (published_at, id) < (t, i) is one
            # range of this index at any depth (API cursors, the relevance order's tier 2).
            models.Index(fields=["status", "-published_at", "-id"], name="practice_newest"),
            models.Index(fields=["owner", "status"]),
            GinIndex(fields=["search_vector"], name="practice_search_gin"),
            GinIndex(fields=["rank_vector"], name="practice_rank_gin"),
            GinIndex(
                fields=[
                    "stages",
                    "growth_forces",
                    "tool_types",
                    "beneficiaries",
                    "business_models",
                ],
                name="practice_facets_gin",
            ),
            GinIndex(OpClass(Upper("title"), name="gin_trgm_ops"), name="practice_title_trgm"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year cannot be before the start year.")})

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class RevisionStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PracticeRevision(models.Model):
    """An edit of a published practice, waiting for a coordinator's approval.

    ``content`` holds the proposed values of the editable fields (``CONTENT_FIELDS`` of
    ``practices.fields``; JSON, ``origin_cluster`` as an id). ``base_version`` is the
    practice version it was written against. At most one pending revision per practice;
    ``version`` guards it against stale edits too.
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="revisions")
    status = models.CharField(
        max_length=16, choices=RevisionStatus.choices, default=RevisionStatus.PENDING
    )
    content = models.JSONField()
    base_version = models.PositiveIntegerField()
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True, max_length=SHORT_TEXT)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice"],
                condition=models.Q(status="pending"),
                name="revision_one_pending_per_practice",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=RevisionStatus.values), name="revision_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Revision of {self.practice} ({self.get_status_display()})"


def attachment_path(instance: "PracticeAttachment", filename: str) -> str:
    return f"practices/{instance.practice_id}/{filename}"


class PracticeAttachment(models.Model):
    """A document attached to a practice (PDF, PNG or JPEG, at most 10 MB).

    ``content_type`` is what the file's bytes are (sniffed on upload), not what its name
    says; the file is always served as a download.
    """

    MAX_SIZE = 10 * 1024 * 1024
    ALLOWED_TYPES = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    title = models.CharField(_("title"), max_length=200, blank=True)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(size__lte=10 * 1024 * 1024), name="attachment_max_size"
            ),
            models.CheckConstraint(
                condition=models.Q(content_type__in=["application/pdf", "image/png", "image/jpeg"]),
                name="attachment_type_allowed",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.original_name


class StakeholderType(models.TextChoices):
    POLICY_MAKER = "policy-maker", _("Policy maker")
    CLUSTER_MANAGER = "cluster-manager", _("Cluster manager")
    COMPANY = "company", _("Company")
    RESEARCH = "research", _("Research organisation")
    INVESTOR = "investor", _("Investor")


def _score(verbose_name) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class StakeholderInterview(models.Model):
    """A reviewer's interview with a stakeholder about reproducing a practice locally.

    Scores run 1 (poor) to 5 (good): ``relevance`` to the stakeholder's region,
    ``feasibility`` with local resources, ``preconditions`` (5 = the institutional
    preconditions are in place) and expected ``impact``.
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="interviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    stakeholder_type = models.CharField(
        _("stakeholder type"), max_length=20, choices=StakeholderType.choices
    )
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=150, blank=True)
    interviewed_on = models.DateField(_("date of the interview"))
    relevance = _score(_("relevance"))
    feasibility = _score(_("feasibility with local resources"))
    preconditions = _score(_("institutional preconditions"))
    impact = _score(_("expected impact"))
    adaptations = models.TextField(
        _("preconditions or adaptations named"), blank=True, max_length=SHORT_TEXT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-interviewed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(relevance__range=(1, 5))
                & models.Q(feasibility__range=(1, 5))
                & models.Q(preconditions__range=(1, 5))
                & models.Q(impact__range=(1, 5)),
                name="interview_scores_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(stakeholder_type__in=StakeholderType.values),
                name="interview_stakeholder_type_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Interview on {self.practice} ({self.interviewed_on})"


class SearchWord(models.Model):
    """A word of the published catalogue, for the trigram "did you mean" suggestion.

    Suggesting from this small table costs ~0.1 ms where trigram search over full titles
    costs ~35 ms at 100,000 practices. Rebuilt when the published catalogue changes.
    """

    word = models.CharField(max_length=100, primary_key=True)
    frequency = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [GinIndex(OpClass("word", name="gin_trgm_ops"), name="searchword_trgm")]

    def __str__(self) -> str:
        return self.word


class PublicationStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    BUILDING = "building", _("Building")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class Publication(models.Model):
    """A built edition of "Do's and don'ts for biotech cluster development".

    ``fingerprint`` identifies the state of the published catalogue it was built from;
    an edition is reused until the catalogue changes. ``progress`` (0-100) and
    ``message`` are what the requester sees while the Celery task works.
    ``heartbeat_at`` is touched by the worker while it builds (each step, and every few
    seconds while WeasyPrint lays out pages): a build whose heartbeat stopped lost its
    worker. ``attempts`` counts the workers that started the current request, so a
    build that kills every worker it runs on is given up rather than redelivered forever.
    """

    fingerprint = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        max_length=16, choices=PublicationStatus.choices, default=PublicationStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    practice_count = models.PositiveIntegerField(default=0)
    pdf = models.FileField(upload_to="publications/", blank=True, max_length=300)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=PublicationStatus.values),
                name="publication_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="publication_progress_max_100"
            ),
        ]

    def __str__(self) -> str:
        return f"Publication {self.fingerprint[:8]} ({self.get_status_display()})"
