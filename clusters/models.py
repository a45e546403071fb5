"""Biotechnology clusters and the history of their life-cycle stage."""

from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from netbioclue.text import LONG_TEXT, MEDIUM_TEXT
from netbioclue.vocabulary import Genesis, GrowthForce, PolicyAudience, Stage, WorldRegion


class NetworkTier(models.TextChoices):
    """How NETBIOCLUE itself grouped the partner clusters."""

    LEADING = "leading", _("Leading")
    DEVELOPED = "developed", _("Developed")
    EMERGING = "emerging", _("Emerging")


def validate_country_codes(codes: list[str]) -> None:
    unknown = [code for code in codes if code not in dict(countries)]
    if unknown:
        raise ValidationError(
            _("Unknown country code(s): %(codes)s"), params={"codes": ", ".join(unknown)}
        )


class ClusterQuerySet(models.QuerySet["Cluster"]):
    def european(self) -> "ClusterQuerySet":
        return self.filter(world_region=WorldRegion.EUROPE)

    def comparators(self) -> "ClusterQuerySet":
        return self.exclude(world_region=WorldRegion.EUROPE)


class Cluster(models.Model):
    """A biotechnology cluster.

    ``countries``: ISO codes, first the main one (cross-border clusters have several).
    ``year`` / ``year_label``: the year the profile gives and what it marks; founding dates
    of clusters are ambiguous, so the label says what the year is.
    ``stage``: the current life-cycle stage, kept equal to the latest ``StageAssessment``
    by ``clusters.services.cluster_assess_stage``.
    ``network_tier``: NETBIOCLUE's own grouping of its partner clusters (blank otherwise).
    ``force_*``: the five growth forces described in words by the partners; ``key_actors``
    the main universities, companies and agencies. Partners change the profile through a
    ``ClusterRevision`` that the coordinator approves.
    """

    name = models.CharField(_("name"), max_length=150, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    countries = ArrayField(
        models.CharField(max_length=2),
        verbose_name=_("countries"),
        validators=[validate_country_codes],
        size=6,
    )
    region = models.CharField(_("region"), max_length=150, blank=True)
    city = models.CharField(_("city"), max_length=150, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    year_label = models.CharField(
        _("what the year marks"),
        max_length=100,
        blank=True,
        help_text=_("e.g. association founded"),
    )
    genesis = models.CharField(_("genesis"), max_length=16, choices=Genesis.choices)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, blank=True)
    world_region = models.CharField(
        _("world region"), max_length=16, choices=WorldRegion.choices, default=WorldRegion.EUROPE
    )
    network_tier = models.CharField(
        _("NETBIOCLUE tier"), max_length=16, choices=NetworkTier.choices, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=LONG_TEXT)
    key_actors = models.TextField(_("key actors"), blank=True, max_length=MEDIUM_TEXT)
    force_scientific = models.TextField(
        _("scientific base, in words"), blank=True, max_length=MEDIUM_TEXT
    )
    force_financial = models.TextField(
        _("financial base, in words"), blank=True, max_length=MEDIUM_TEXT
    )
    force_industrial = models.TextField(
        _("industrial base, in words"), blank=True, max_length=MEDIUM_TEXT
    )
    force_support = models.TextField(
        _("support base, in words"), blank=True, max_length=MEDIUM_TEXT
    )
    force_cooperation = models.TextField(
        _("cooperation & networking, in words"), blank=True, max_length=MEDIUM_TEXT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClusterQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(genesis__in=Genesis.values), name="cluster_genesis_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(stage__in=[*Stage.values, ""]), name="cluster_stage_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(world_region__in=WorldRegion.values),
                name="cluster_world_region_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(countries__len__gte=1), name="cluster_has_country"
            ),
        ]
        indexes = [models.Index(fields=["stage"]), models.Index(fields=["world_region"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("clusters:detail", kwargs={"slug": self.slug})

    @property
    def is_comparator(self) -> bool:
        """Clusters outside Europe are there for comparison (US, China, India)."""
        return self.world_region != WorldRegion.EUROPE

    @property
    def country_names(self) -> list[str]:
        return [countries.name(code) for code in self.countries]


class StageAssessment(models.Model):
    """One judgement of a cluster's life-cycle stage in a given year, with its reasons."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="assessments")
    year = models.PositiveSmallIntegerField(_("year"))
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    rationale = models.TextField(_("rationale"), max_length=MEDIUM_TEXT)
    source = models.CharField(_("source"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cluster", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="assessment_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(stage__in=Stage.values), name="assessment_stage_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cluster}: {self.get_stage_display()} in {self.year}"


# ---- Profiles kept by partners -----------------------------------------------------------


class RevisionStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ClusterRevision(models.Model):
    """A partner's proposed edit of a cluster profile, waiting for the coordinator.

    ``content`` holds the proposed values of the editable profile fields of
    ``clusters.fields.PROFILE`` (JSON; decimals as strings). ``organisation`` is the
    partner on whose behalf it was written (its home cluster is ``cluster``). At most one
    pending revision per cluster: a second save by an editor updates it.
    """

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="revisions")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        max_length=16, choices=RevisionStatus.choices, default=RevisionStatus.PENDING
    )
    content = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster"],
                condition=models.Q(status="pending"),
                name="cluster_revision_one_pending",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=RevisionStatus.values),
                name="cluster_revision_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Revision of {self.cluster} ({self.get_status_display()})"


# ---- Indicators --------------------------------------------------------------------------


class IndicatorDefinition(models.Model):
    """One framework indicator (DOMAIN.md), kept as data so partners can add more.

    ``higher_is_better``: the direction used when clusters are compared (False for an
    indicator where less is better). ``max_value``: the largest plausible value; anything
    above is refused as a typing error (10^12 companies). ``position``: display order.
    """

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    unit = models.CharField(_("unit"), max_length=40)
    growth_force = models.CharField(_("growth force"), max_length=16, choices=GrowthForce.choices)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    max_value = models.DecimalField(
        _("largest plausible value"), max_digits=16, decimal_places=2, default=Decimal("1e9")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(growth_force__in=GrowthForce.values),
                name="indicator_growth_force_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("clusters:indicator", kwargs={"slug": self.slug})


class IndicatorStatus(models.TextChoices):
    """Moderation of a yearly value: partners' entries wait for the coordinator;
    an approved value replaced by a newer approved one becomes ``superseded``."""

    PENDING = "pending", _("Pending approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SUPERSEDED = "superseded", _("Superseded")


class IndicatorValueQuerySet(models.QuerySet["IndicatorValue"]):
    def approved(self) -> "IndicatorValueQuerySet":
        return self.filter(status=IndicatorStatus.APPROVED)


MIN_YEAR, MAX_YEAR = 1950, 2100


class IndicatorValue(models.Model):
    """The value of one indicator for one cluster in one year, with where it comes from.

    ``source``: publication or database the figure comes from; ``recorded_on``: the date
    it was recorded. ``is_illustrative``: invented demo data, labelled as such. At most
    one approved and one pending value per cluster, indicator and year; ``is_latest``
    marks the approved value of the most recent year.
    """

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey(
        IndicatorDefinition, on_delete=models.PROTECT, related_name="values"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    source = models.CharField(_("source"), max_length=300)
    recorded_on = models.DateField(_("recorded on"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=IndicatorStatus.choices,
        default=IndicatorStatus.PENDING,
    )
    is_illustrative = models.BooleanField(_("illustrative (demo data)"), default=False)
    # The approved value of the latest year for its cluster and indicator, kept by
    # ``clusters.services.refresh_latest``: comparisons read 20 rows per cluster instead
    # of sorting every year of every cluster.
    is_latest = models.BooleanField(default=False, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        ordering = ["cluster", "indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "indicator", "year"],
                condition=models.Q(status="approved"),
                name="indicator_value_one_approved",
            ),
            models.UniqueConstraint(
                fields=["cluster", "indicator", "year"],
                condition=models.Q(status="pending"),
                name="indicator_value_one_pending",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=IndicatorStatus.values),
                name="indicator_value_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0), name="indicator_value_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="indicator_value_year_range",
            ),
        ]
        indexes = [
            models.Index(
                fields=["indicator", "cluster", "-year"],
                condition=models.Q(status="approved"),
                name="indicator_value_latest",
            ),
            models.Index(
                fields=["cluster", "indicator"],
                condition=models.Q(is_latest=True),
                name="indicator_value_is_latest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} for {self.cluster} in {self.year}: {self.value}"


# ---- Self-assessments ("Where is my cluster?") ------------------------------------------


class SelfAssessment(models.Model):
    """A dated self-assessment a partner attached to its cluster profile.

    ``answers`` are the answers to ``clusters.diagnosis.QUESTIONS`` and nothing else (no
    personal data); ``stage`` and ``scores`` are the diagnosis at the time it was saved,
    kept so the profile shows how the cluster moved even if the rules change later.
    ``token`` makes the saved result's permalink unguessable.
    """

    token = models.CharField(max_length=32, unique=True)
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="self_assessments")
    assessed_on = models.DateField(_("date of the assessment"))
    answers = models.JSONField()
    stage = models.CharField(_("diagnosed stage"), max_length=16, choices=Stage.choices)
    scores = models.JSONField()
    is_illustrative = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cluster", "-assessed_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stage__in=Stage.values), name="self_assessment_stage_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cluster}: {self.get_stage_display()} ({self.assessed_on})"

    def get_absolute_url(self) -> str:
        return reverse("clusters:saved_assessment", kwargs={"token": self.token})


# ---- Policy recommendations ---------------------------------------------------------------


class RecommendationStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


class RecommendationQuerySet(models.QuerySet["PolicyRecommendation"]):
    def published(self) -> "RecommendationQuerySet":
        return self.filter(status=RecommendationStatus.PUBLISHED)


class PolicyRecommendation(models.Model):
    """A policy recommendation for clusters at one stage, addressed to one audience.

    Written by the coordinator or a partner (``organisation``); public once the
    coordinator publishes it. ``practices`` are the published practices behind it.
    """

    title = models.CharField(_("title"), max_length=200)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    audience = models.CharField(_("audience"), max_length=16, choices=PolicyAudience.choices)
    rationale = models.TextField(_("rationale"), max_length=4000)
    practices = models.ManyToManyField(
        "practices.Practice", blank=True, related_name="+", verbose_name=_("practices")
    )
    status = models.CharField(
        max_length=16, choices=RecommendationStatus.choices, default=RecommendationStatus.PENDING
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    is_illustrative = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["stage", "audience", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stage__in=Stage.values), name="recommendation_stage_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(audience__in=PolicyAudience.values),
                name="recommendation_audience_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=RecommendationStatus.values),
                name="recommendation_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title


# ---- Cache invalidation --------------------------------------------------------------------


class DataVersion(models.Model):
    """One row (id 1): a random token replaced, in the same transaction, whenever the
    approved indicator values change (``clusters.services.refresh_latest``). Figures
    derived from all of them (force scores, charts) are cached under it
    (``clusters.selectors.data_version``); a missing row means "do not cache"."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="data_version_one_row")
        ]

    def __str__(self) -> str:
        return f"data version {self.token}"
