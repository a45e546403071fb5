"""Reads behind the publication "Do's and don'ts for biotech cluster development".

``catalogue_state()`` fingerprints the published catalogue in one aggregate query, so an
edition is reused until the catalogue changes. ``publication_contents()`` loads every
published practice in ONE query and groups it in Python by life-cycle stage, then by
growth force: a practice suited to two stages and two forces appears under all four
combinations.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import CharField, Count, F, Max, StringAgg, Subquery, Value
from django.db.models.functions import MD5, Cast, Concat, Lower
from django.utils.translation import gettext_lazy as _

from netbioclue.vocabulary import GrowthForce, Stage
from practices.models import Practice, Publication, PublicationStatus

# Bump when the publication's templates or grouping change: editions built with the old
# layout then stop being offered, as if the catalogue had changed.
LAYOUT_VERSION = 1

# What each chapter opens with: the situation of a cluster at that stage.
STAGE_INTRODUCTIONS: dict[str, Any] = {
    Stage.EMERGING: _(
        "The cluster is taking shape around a research base: few companies, little local "
        "capital, and support driven mostly by public policy. The task is to turn science "
        "into the first companies and to make the actors know one another."
    ),
    Stage.DEVELOPING: _(
        "Companies are multiplying and the first investors arrive. The task is to grow "
        "them, to close the gaps in finance, premises and skills, and to give the cluster "
        "an organisation that speaks for it."
    ),
    Stage.MATURE: _(
        "A dense, largely self-sustaining ecosystem with international reach. The task is "
        "to stay open and connected, to keep talent and capital coming, and to avoid "
        "lock-in."
    ),
    Stage.RENEWING: _(
        "Growth has stalled or the cluster's technologies are ageing. The task is to find "
        "new combinations of competences, to reconvert people and sites, and to renew the "
        "cluster's purpose."
    ),
}
UNCLASSIFIED_STAGE_INTRODUCTION = _(
    "Practices whose authors did not tie them to a particular life-cycle stage."
)


@dataclass(frozen=True)
class CatalogueState:
    """The published catalogue as a fingerprint (what an edition is built from)."""

    fingerprint: str
    practice_count: int


def catalogue_state() -> CatalogueState:
    """Fingerprint the published catalogue in one aggregate query.

    Publishing, archiving or approving a revision saves the practice, which bumps its
    ``version`` and ``updated_at``; renaming its cluster or owner bumps theirs. The count
    and the ordered (id, version) digest catch what a maximum alone would miss (a
    practice archived while another is published in the same second).
    """
    row = Practice.objects.published().aggregate(
        count=Count("id"),
        last_updated=Max("updated_at"),
        versions=MD5(
            StringAgg(
                Concat(
                    Cast("id", CharField()),
                    Value(":"),
                    Cast("version", CharField()),
                    output_field=CharField(),
                ),
                delimiter=Value(","),
                order_by=F("id").asc(),
            )
        ),
        clusters_updated=Max("origin_cluster__updated_at"),
        owners_updated=Max("owner__updated_at"),
        recommendations=Max(Subquery(_recommendations_digest())),
    )
    parts = [
        f"layout={LAYOUT_VERSION}",
        f"count={row['count']}",
        f"updated={_iso(row['last_updated'])}",
        f"versions={row['versions'] or ''}",
        f"clusters={_iso(row['clusters_updated'])}",
        f"owners={_iso(row['owners_updated'])}",
        f"recommendations={row['recommendations'] or ''}",
    ]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()
    return CatalogueState(fingerprint=digest, practice_count=row["count"])


def _recommendations_digest():
    """The published policy recommendations (each chapter prints its stage's), as a
    digest of (id, updated_at): publishing, editing or withdrawing one changes it. A
    subquery of ``catalogue_state``'s one statement (an empty catalogue, which has no
    chapter to print them in, leaves it out)."""
    from clusters.models import PolicyRecommendation

    return (
        PolicyRecommendation.objects.published()
        .order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(
            digest=MD5(
                StringAgg(
                    Concat(Cast("id", CharField()), Value(":"), Cast("updated_at", CharField()),
                           output_field=CharField()),
                    delimiter=Value(","),
                    order_by=F("id").asc(),
                )
            )
        )
        .values("digest")
    )  # fmt: skip


def _iso(value) -> str:
    return value.isoformat() if value is not None else ""


def publication_for(fingerprint: str) -> Publication | None:
    return Publication.objects.filter(fingerprint=fingerprint).first()


def latest_ready_publication() -> Publication | None:
    """The newest built edition, whatever catalogue it was built from."""
    return (
        Publication.objects.filter(status=PublicationStatus.READY)
        .exclude(pdf="")
        .order_by("-finished_at", "-id")
        .first()
    )


# --- The contents ------------------------------------------------------------------------


@dataclass(frozen=True)
class CompiledPractice:
    """A published practice as the publication cites it: ``number`` in the appendix."""

    number: int
    practice: Practice

    @property
    def anchor(self) -> str:
        return f"practice-{self.number}"

    @cached_property
    def url(self) -> str:
        return self.practice.get_absolute_url()

    @property
    def cluster_name(self) -> str:
        cluster = self.practice.origin_cluster
        if cluster is None:
            return ""
        return cluster.short_name or cluster.name

    @property
    def country_name(self) -> str:
        return self.practice.country.name if self.practice.country else ""

    @property
    def has_advice(self) -> bool:
        return bool(self.practice.dos or self.practice.donts)

    @property
    def stage_labels(self) -> list[Any]:
        return [Stage(value).label for value in self.practice.stages]

    @property
    def force_labels(self) -> list[Any]:
        return [GrowthForce(value).label for value in self.practice.growth_forces]

    @property
    def years(self) -> str:
        start, end = self.practice.start_year, self.practice.end_year
        if start and end and end != start:
            return f"{start}\u2013{end}"
        if start and not end:
            return f"{start}\u2013"  # still running
        return str(start or end or "")


@dataclass
class ForceSection:
    """The do's and don'ts of one growth force within one stage."""

    stage: str
    value: str
    label: Any
    entries: list[CompiledPractice] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"{self.stage or 'any-stage'}-{self.value or 'any-force'}"

    @property
    def do_count(self) -> int:
        return sum(len(entry.practice.dos) for entry in self.entries)

    @property
    def dont_count(self) -> int:
        return sum(len(entry.practice.donts) for entry in self.entries)


@dataclass
class StageChapter:
    """One chapter: a life-cycle stage, its sections by growth force."""

    number: int
    value: str
    label: Any
    introduction: Any
    sections: list[ForceSection]
    # The published policy recommendations for this stage (clusters.PolicyRecommendation).
    recommendations: list[Any] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"stage-{self.value or 'any'}"

    @property
    def practice_count(self) -> int:
        return len({entry.number for section in self.sections for entry in section.entries})


@dataclass
class PublicationContents:
    chapters: list[StageChapter]
    practices: list[CompiledPractice]  # the appendix, by title

    @property
    def practice_count(self) -> int:
        return len(self.practices)

    @property
    def illustrative_count(self) -> int:
        return sum(1 for entry in self.practices if entry.practice.is_illustrative)


# What the publication reads of a practice; the large text fields and the search
# vectors stay in the database.
_FIELDS = (
    "id",
    "slug",
    "title",
    "summary",
    "dos",
    "donts",
    "stages",
    "growth_forces",
    "country",
    "region",
    "start_year",
    "end_year",
    "evidence_level",
    "transferability",
    "interview_count",
    "is_illustrative",
    "owner",
    "owner__name",
    "owner__short_name",
    "owner__slug",
    "origin_cluster",
    "origin_cluster__name",
    "origin_cluster__short_name",
    "origin_cluster__slug",
)


def published_practices_for_publication():
    return (
        Practice.objects.published()
        .select_related("owner", "origin_cluster")
        .only(*_FIELDS)
        .order_by(Lower("title"), "id")
    )


def publication_contents() -> PublicationContents:
    """The published catalogue as chapters (stages) of sections (growth forces), each
    chapter with the stage's policy recommendations. One query for the practices, one
    for the recommendations and one for the practices behind them (when there are any)."""
    from clusters.selectors import recommendations

    practices = [
        CompiledPractice(number=number, practice=practice)
        for number, practice in enumerate(published_practices_for_publication(), start=1)
    ]
    contents = group_practices(practices)
    by_stage: dict[str, list[Any]] = {}
    for recommendation in recommendations():
        by_stage.setdefault(recommendation.stage, []).append(recommendation)
    for chapter in contents.chapters:
        chapter.recommendations = by_stage.get(chapter.value, [])
    return contents


def group_practices(practices: list[CompiledPractice]) -> PublicationContents:
    stage_labels: list[tuple[str, Any, Any]] = [
        (value, label, STAGE_INTRODUCTIONS[value]) for value, label in Stage.choices
    ]
    stage_labels.append(("", _("Not classified by stage"), UNCLASSIFIED_STAGE_INTRODUCTION))
    force_labels: list[tuple[str, Any]] = [*GrowthForce.choices, ("", _("Other advice"))]

    # (stage, force) -> entries, in appendix (title) order.
    cells: dict[tuple[str, str], list[CompiledPractice]] = {}
    for entry in practices:
        if not entry.has_advice:
            continue
        stages = entry.practice.stages or [""]
        forces = entry.practice.growth_forces or [""]
        for stage in dict.fromkeys(stages):
            for force in dict.fromkeys(forces):
                cells.setdefault((stage, force), []).append(entry)

    chapters: list[StageChapter] = []
    for stage, stage_label, introduction in stage_labels:
        sections = [
            ForceSection(stage=stage, value=force, label=force_label, entries=cells[stage, force])
            for force, force_label in force_labels
            if (stage, force) in cells
        ]
        if not sections and stage == "":
            continue  # every practice has a stage: no "unclassified" chapter
        chapters.append(
            StageChapter(
                number=len(chapters) + 1,
                value=stage,
                label=stage_label,
                introduction=introduction,
                sections=sections,
            )
        )
    return PublicationContents(chapters=chapters, practices=practices)
