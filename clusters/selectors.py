"""Reads for clusters, shared by the HTML pages and the API.

Comparisons and region views are single SQL statements over the latest approved value of
each cluster and indicator (the rows flagged ``is_latest``, served by a partial index), so
their query count does not grow with the clusters shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from clusters.filters import ClusterFilter
from clusters.models import (
    Cluster,
    ClusterRevision,
    IndicatorDefinition,
    IndicatorStatus,
    IndicatorValue,
    PolicyRecommendation,
    RecommendationStatus,
    RevisionStatus,
    SelfAssessment,
    StageAssessment,
)
from netbioclue.vocabulary import GrowthForce, Transferability, WorldRegion
from organisations.models import Organisation
from practices.models import Practice


def cluster_list(*, params) -> ClusterFilter:
    """The filtered cluster list: check ``.is_valid()``, then use ``.qs``.

    ``params`` is always given (``request.GET``, possibly empty): an unbound FilterSet
    would never be valid.
    """
    return ClusterFilter(params, queryset=Cluster.objects.order_by("name"))


def cluster_detail_queryset() -> QuerySet[Cluster]:
    return Cluster.objects.prefetch_related(
        Prefetch(
            "assessments",
            queryset=StageAssessment.objects.select_related("recorded_by").order_by("-year"),
        ),
        Prefetch(
            "organisations",
            queryset=Organisation.objects.order_by("name").only(
                "name", "short_name", "slug", "home_cluster_id", "is_network_partner"
            ),
        ),
    )


def cluster_profile_queryset() -> QuerySet[Cluster]:
    """The detail page's cluster: stage history, partners, saved self-assessments."""
    return cluster_detail_queryset().prefetch_related(
        Prefetch(
            "self_assessments",
            queryset=SelfAssessment.objects.order_by("-assessed_on"),
        )
    )


def cluster_practices(cluster: Cluster, *, limit: int = 20) -> list[Practice]:
    """The published practices that come from ``cluster``, newest first."""
    return list(
        Practice.objects.published()
        .filter(origin_cluster=cluster)
        .only("title", "slug", "summary", "published_at")
        .order_by("-published_at")[:limit]
    )


def pending_revision(cluster: Cluster) -> ClusterRevision | None:
    return cluster.revisions.filter(status=RevisionStatus.PENDING).first()


# ---- Indicators --------------------------------------------------------------------------


def indicator_definitions() -> list[IndicatorDefinition]:
    return list(IndicatorDefinition.objects.order_by("position", "name"))


@dataclass
class Series:
    indicator: IndicatorDefinition
    values: list[IndicatorValue]

    @property
    def points(self) -> list[tuple[int, Decimal]]:
        return [(value.year, value.value) for value in self.values]


def cluster_series(cluster: Cluster) -> list[Series]:
    """Each indicator with its approved yearly values for ``cluster`` (two queries);
    indicators without a value are left out."""
    by_indicator: dict[int, list[IndicatorValue]] = defaultdict(list)
    for value in (
        IndicatorValue.objects.approved().filter(cluster=cluster).order_by("indicator_id", "year")
    ):
        by_indicator[value.indicator_id].append(value)
    return [
        Series(indicator, by_indicator[indicator.pk])
        for indicator in indicator_definitions()
        if by_indicator.get(indicator.pk)
    ]


def latest_values(cluster_ids: Sequence[int]) -> dict[tuple[int, int], IndicatorValue]:
    """(cluster id, indicator id) -> the latest approved value, in one query."""
    rows = IndicatorValue.objects.filter(is_latest=True, cluster_id__in=list(cluster_ids)).only(
        "cluster_id", "indicator_id", "year", "value", "source", "is_illustrative"
    )
    return {(row.cluster_id, row.indicator_id): row for row in rows}


def indicator_counts(cluster_ids: Iterable[int]) -> dict[int, int]:
    """How many indicators each cluster has at least one approved value for."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT cluster_id, count(DISTINCT indicator_id) FROM clusters_indicatorvalue "
            "WHERE status = 'approved' AND cluster_id = ANY(%s) GROUP BY cluster_id",
            [list(cluster_ids)],
        )
        return dict(cursor.fetchall())


# The latest approved value of each cluster and indicator (kept by
# ``clusters.services.refresh_latest``; partial index ``indicator_value_is_latest``).
_LATEST = """
    SELECT v.cluster_id, v.indicator_id, v.year, v.value
    FROM clusters_indicatorvalue v
    WHERE v.is_latest
"""

FORCE_SCORE_METHOD = (
    "For each indicator, every cluster's latest approved value is ranked among all "
    "clusters that report it (percent rank: 0 for the lowest, 100 for the highest; "
    "reversed where lower is better; ties share a rank). A force's score is the mean "
    "rank of its indicators that the cluster reports; a force with no reported "
    "indicator has no score."
)


def data_version() -> int | None:
    """The token under which figures derived from the approved indicator values are
    cached (``DataVersion``; one query); None: do not cache."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM clusters_dataversion WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


def force_scores(cluster_ids: Sequence[int]) -> dict[int, dict[str, float | None]]:
    """cluster id -> growth force -> score 0–100, normalised across all clusters
    (``FORCE_SCORE_METHOD``).

    Ranking every cluster's latest values is the costly part (~100 ms at 1,000 clusters
    × 20 indicators) and the same for every page until a value is approved: the scores
    of all clusters are computed at once and cached under the ``data_version``. Two
    queries and a cache read (the cache table's query without Redis); three on a miss.
    """
    version = data_version()
    if version is None:
        return _force_scores(cluster_ids)
    key = f"clusters:force-scores:{version}"
    every = cache.get(key)
    if every is None:
        every = _force_scores(None)
        cache.set(key, every, timeout=24 * 3600)
    return {pk: every.get(pk) or dict.fromkeys(GrowthForce.values) for pk in cluster_ids}


def _force_scores(cluster_ids: Sequence[int] | None) -> dict[int, dict[str, float | None]]:
    """The scores of ``cluster_ids`` (of every cluster with a value when None), in one
    query."""
    sql = f"""
        WITH latest AS ({_LATEST}),
        ranked AS (
            SELECT l.cluster_id, d.growth_force,
                   CASE WHEN d.higher_is_better
                        THEN percent_rank() OVER (PARTITION BY l.indicator_id ORDER BY l.value)
                        ELSE 1 - percent_rank() OVER (PARTITION BY l.indicator_id
                                                      ORDER BY l.value)
                   END AS r
            FROM latest l JOIN clusters_indicatordefinition d ON d.id = l.indicator_id
        )
        SELECT cluster_id, growth_force, avg(r) FROM ranked
        WHERE %s::bigint[] IS NULL OR cluster_id = ANY(%s) GROUP BY cluster_id, growth_force
    """  # noqa: S608 (no user input in the SQL text)
    ids = list(cluster_ids) if cluster_ids is not None else None
    scores: dict[int, dict[str, float | None]] = {
        pk: dict.fromkeys(GrowthForce.values) for pk in ids or []
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, [ids, ids])
        for cluster_id, force, rank in cursor.fetchall():
            scores.setdefault(cluster_id, dict.fromkeys(GrowthForce.values))
            scores[cluster_id][force] = round(float(rank) * 100, 1)
    return scores


@dataclass(frozen=True)
class RegionFigure:
    clusters: int
    total: Decimal
    median: float
    latest_year: int


REGION_METHOD = (
    "For each world region and indicator: the latest approved value of each cluster in "
    "the region, summed (total) and its median; 'clusters' says how many report it."
)


def region_aggregates() -> dict[tuple[int, str], RegionFigure]:
    """(indicator id, world region) -> figures over the latest values (one query)."""
    sql = f"""
        WITH latest AS ({_LATEST})
        SELECT l.indicator_id, c.world_region, count(*), sum(l.value),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY l.value), max(l.year)
        FROM latest l JOIN clusters_cluster c ON c.id = l.cluster_id
        GROUP BY l.indicator_id, c.world_region
    """  # noqa: S608 (no user input in the SQL text)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {
            (indicator_id, region): RegionFigure(count, total, float(median), year)
            for indicator_id, region, count, total, median, year in cursor.fetchall()
        }


REGIONS = [
    WorldRegion.EUROPE,
    WorldRegion.UNITED_STATES,
    WorldRegion.CHINA,
    WorldRegion.INDIA,
]


# ---- Recommendations ---------------------------------------------------------------------

TRANSFERABILITY_ORDER = Case(
    When(transferability=Transferability.HIGH, then=Value(0)),
    When(transferability=Transferability.MEDIUM, then=Value(1)),
    When(transferability=Transferability.LOW, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def recommended_practices(*, stage: str, forces: Sequence[str], limit: int = 10) -> list[Practice]:
    """Published practices for ``stage`` that work on any of ``forces``: the most
    transferable first, then those covering more of the forces, then by title (one
    query)."""
    forces = list(forces)
    return list(
        Practice.objects.published()
        .filter(stages__contains=[stage], growth_forces__overlap=forces)
        .annotate(
            transfer_rank=TRANSFERABILITY_ORDER,
            forces_matched=RawSQL(
                "cardinality(ARRAY(SELECT unnest(practices_practice.growth_forces) "
                "INTERSECT SELECT unnest(%s::varchar[])))",
                (forces,),
                output_field=IntegerField(),
            ),
        )
        .only("title", "slug", "summary", "transferability", "growth_forces", "stages")
        .order_by("transfer_rank", "-forces_matched", "title")[:limit]
    )


def clusters_by_slugs(slugs: Sequence[str]) -> list[Cluster]:
    """The clusters named in ``slugs``, in that order (unknown slugs dropped)."""
    found = {c.slug: c for c in Cluster.objects.filter(slug__in=list(slugs))}
    return [found[slug] for slug in slugs if slug in found]


def pending_for_moderation() -> tuple[list[ClusterRevision], list[IndicatorValue]]:
    revisions = list(
        ClusterRevision.objects.filter(status=RevisionStatus.PENDING)
        .select_related("cluster", "created_by", "organisation")
        .order_by("created_at")
    )
    values = list(
        IndicatorValue.objects.filter(status=IndicatorStatus.PENDING)
        .select_related("cluster", "indicator", "submitted_by")
        .order_by("created_at")[:200]
    )
    return revisions, values


def map_clusters() -> list[Cluster]:
    """Every cluster with its number of published practices (one query)."""
    return list(
        Cluster.objects.annotate(
            practice_count=Count("practices", filter=Q(practices__status="published"))
        )
        .only("name", "slug", "latitude", "longitude", "world_region", "city")
        .order_by("world_region", "name")
    )


def recommendations(*, stage: str | None = None, audience: str | None = None):
    """Published recommendations, with their practices (two queries)."""
    queryset = PolicyRecommendation.objects.published()
    if stage:
        queryset = queryset.filter(stage=stage)
    if audience:
        queryset = queryset.filter(audience=audience)
    return list(
        queryset.prefetch_related(
            Prefetch(
                "practices",
                queryset=Practice.objects.published().only("title", "slug").order_by("title"),
            )
        ).order_by("stage", "audience", "title")
    )


def pending_recommendations() -> list[PolicyRecommendation]:
    return list(
        PolicyRecommendation.objects.filter(status=RecommendationStatus.PENDING)
        .select_related("organisation", "created_by")
        .order_by("created_at")
    )


# ---- Experts for a diagnosis -------------------------------------------------------------


@dataclass(frozen=True)
class ProposedExpert:
    expert: object  # experts.models.ExpertProfile
    reasons: list[str]


def proposed_experts(*, stage: str, forces: Sequence[str], user, limit: int = 3):
    """The experts the experts app's matching engine proposes to a cluster at ``stage``
    whose weakest growth forces are ``forces``, best first, each with its reasons.

    The diagnosis asks the engine (``experts.matching.rank``, its public entry point) the
    question a request for advice with only those two facts would ask; nothing of the
    engine is copied here. Hidden and partners-only profiles take part in matching but
    only those the viewer may see are shown (``experts.policy.directory_experts``), so a
    few more candidates are ranked than shown. Two queries (one without candidates).
    """
    from experts import matching
    from experts import policy as experts_policy
    from experts.models import ExpertiseRequest, Format

    need = ExpertiseRequest(
        title="", description="", stage=stage, growth_forces=list(forces), format=Format.ADVICE
    )
    candidates = matching.rank(need, limit=limit * 4, excluded_limit=0)
    if not candidates:
        return []
    position = {c.expert_id: index for index, c in enumerate(candidates)}
    reasons = {c.expert_id: matching.explain(c.breakdown) for c in candidates}
    visible = (
        experts_policy.directory_experts(user)
        .filter(pk__in=list(position))
        .only("name", "headline", "country", "organisation_name")
    )
    chosen = sorted(visible, key=lambda expert: position[expert.pk])[:limit]
    return [ProposedExpert(expert, reasons[expert.pk]) for expert in chosen]


def cluster_fit_facts(cluster: Cluster) -> tuple[dict[str, float | None], float | None]:
    """What "Does it fit my cluster?" knows of ``cluster`` besides its stage: its force
    scores (``force_scores``) and its latest approved public funding, EUR million a
    year (None when not reported). Two queries."""
    funding = (
        IndicatorValue.objects.filter(
            cluster=cluster, is_latest=True, indicator__slug="public-funding"
        )
        .values_list("value", flat=True)
        .first()
    )
    scores = force_scores([cluster.pk])[cluster.pk]
    return scores, float(funding) if funding is not None else None


@dataclass(frozen=True)
class HistoryEntry:
    when: object  # datetime
    action: str
    who: str
    fields: list[str]
    comment: str


HISTORY_ACTIONS = {
    "cluster.revision_proposed": "proposed",
    "cluster.revision_edited": "edited",
    "cluster.revision_approved": "approved",
    "cluster.revision_rejected": "rejected",
}


def profile_history(cluster: Cluster, *, everything: bool, limit: int = 20) -> list[HistoryEntry]:
    """The edit history of ``cluster``'s profile from the audit log, newest first (one
    query). The public sees approved changes (which fields, when, by which partner);
    ``everything`` (the cluster's editors, the coordinator) adds proposals, edits and
    rejections with who made them."""
    from django.contrib.contenttypes.models import ContentType

    from clusters.fields import PROFILE
    from organisations.models import Activity

    actions = list(HISTORY_ACTIONS) if everything else ["cluster.revision_approved"]
    rows = (
        Activity.objects.filter(
            content_type=ContentType.objects.get_for_model(Cluster),
            object_id=cluster.pk,
            action__in=actions,
        )
        .select_related("actor", "organisation")
        .order_by("-created_at", "-id")[:limit]
    )
    entries = []
    for row in rows:
        names = [c.get("field") for c in row.data.get("changes", []) if isinstance(c, dict)]
        if everything:
            who = (row.actor.get_full_name() or row.actor.email) if row.actor else ""
            if row.organisation:
                who = f"{who} ({row.organisation.name})" if who else row.organisation.name
        else:
            who = row.organisation.name if row.organisation else ""
        entries.append(
            HistoryEntry(
                when=row.created_at,
                action=HISTORY_ACTIONS[row.action],
                who=who,
                fields=[str(PROFILE[n].label) for n in names if n in PROFILE],
                comment=str(row.data.get("comment", "")) if everything else "",
            )
        )
    return entries
