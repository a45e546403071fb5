"""Writes for clusters."""

from django.db import transaction

from clusters.models import Cluster, StageAssessment
from organisations.activity import log_action
from organisations.models import User


def cluster_refresh_stage(*, cluster: Cluster) -> Cluster:
    """Make ``cluster.stage`` the stage of its latest assessment (blank without one)."""
    latest = cluster.assessments.order_by("-year").values_list("stage", flat=True).first()
    stage = latest or ""
    if cluster.stage != stage:
        cluster.stage = stage
        cluster.save(update_fields=["stage", "updated_at"])
    return cluster


def cluster_assess_stage(
    *, cluster: Cluster, year: int, stage: str, rationale: str, source: str = "", by: User | None
) -> StageAssessment:
    """Record (or correct) the stage of ``cluster`` in ``year``."""
    with transaction.atomic():
        cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
        assessment, created = StageAssessment.objects.update_or_create(
            cluster=cluster,
            year=year,
            defaults={"stage": stage, "rationale": rationale, "source": source, "recorded_by": by},
        )
        cluster_refresh_stage(cluster=cluster)
        log_action(
            action="cluster.stage_assessed",
            actor=by,
            target=cluster,
            data={"year": year, "stage": stage, "new": created},
        )
    return assessment
