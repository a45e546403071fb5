"""Biotechnology clusters and the history of their life-cycle stage."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from netbioclue.text import LONG_TEXT, MEDIUM_TEXT
from netbioclue.vocabulary import Genesis, Stage, WorldRegion


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
