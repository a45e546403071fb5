"""Writes for clusters: stage history, profile revisions, indicator values, self-assessments.

Every service is keyword-only, runs in one transaction, locks the cluster it changes,
checks the permission (``clusters.policy``) and the current state, records an audit
entry (``organisations.activity.log_action``) and queues notifications after commit.
"""

from __future__ import annotations

import copy
import datetime
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusters import diagnosis, policy
from clusters.fields import PROFILE
from clusters.models import (
    MAX_YEAR,
    MIN_YEAR,
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
from netbioclue.text import validate_text
from organisations.activity import log_action
from organisations.models import Activity, User
from organisations.permissions import EDIT_CONTENT, can
from practices.models import Practice


def _notify(activity: Activity) -> None:
    from clusters.tasks import notify_cluster_activity

    notify_cluster_activity.delay_on_commit(activity.pk)


def _lock(cluster: Cluster | int) -> Cluster:
    pk = cluster if isinstance(cluster, int) else cluster.pk
    return Cluster.objects.select_for_update().prefetch_related("organisations").get(pk=pk)


def _require_editor(user: User, cluster: Cluster):
    if not policy.can_edit_cluster(user, cluster):
        raise PermissionDenied(_("Only the partners based in this cluster may edit it."))
    return policy.editing_organisation(user, cluster)


def _require_moderator(user: User) -> None:
    if not policy.can_moderate_clusters(user):
        raise PermissionDenied(_("Only the coordinator approves cluster data."))


# ---- Stage history -----------------------------------------------------------------------


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


# ---- Profile revisions -------------------------------------------------------------------


def _json(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def profile_content(cluster: Cluster) -> dict[str, Any]:
    """The cluster's current editable profile, as a revision stores it."""
    return {name: _json(getattr(cluster, name)) for name in PROFILE.names(editable=True)}


def _apply(cluster: Cluster, content: Mapping[str, Any]) -> None:
    for name in PROFILE.names(editable=True):
        if name not in content:
            continue
        value = content[name]
        if PROFILE[name].kind == "decimal":
            value = None if value in (None, "") else Decimal(str(value))
        elif value is None:
            value = ""
        setattr(cluster, name, value)


def _diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The audit trail's view of a change, per the registry's audit treatment."""
    changes = []
    for spec in PROFILE:
        old, new = before.get(spec.name), after.get(spec.name)
        if old == new:
            continue
        if spec.audit == "value":
            changes.append({"field": spec.name, "old": old, "new": new})
        else:
            changes.append({"field": spec.name})
    return changes


def _validate_profile(cluster: Cluster, content: Mapping[str, Any]) -> Cluster:
    errors: dict[str, list[str]] = {}
    for spec in PROFILE:
        value = content.get(spec.name)
        if isinstance(value, str):
            try:
                validate_text(value)
            except ValidationError as error:
                errors[spec.name] = error.messages
                continue
            if spec.max_length and len(value) > spec.max_length:
                errors[spec.name] = [
                    _("At most %(max)d characters (this has %(count)d).")
                    % {"max": spec.max_length, "count": len(value)}
                ]
    if errors:
        raise ValidationError(errors)
    candidate = copy.copy(cluster)
    try:
        _apply(candidate, content)
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({"latitude": [_("Enter a number.")]}) from None
    candidate.full_clean(exclude=["slug", "name", "countries"], validate_unique=False)
    return candidate


def profile_version(cluster: Cluster, pending: ClusterRevision | None) -> str:
    """What an editor started from: the pending revision as last saved, or the public
    profile as last changed. ``cluster_profile_propose(base=...)`` compares it."""
    if pending is not None:
        return f"revision-{pending.pk}-{pending.updated_at.isoformat()}"
    return f"profile-{cluster.updated_at.isoformat()}"


class EditConflict(ValidationError):
    """Someone saved the profile after the editor opened it (``base`` is stale)."""


def cluster_profile_propose(
    *, cluster: Cluster, data: Mapping[str, Any], by: User, base: str | None = None
) -> ClusterRevision | None:
    """Propose new profile values (the cluster's editors, or the coordinator).

    The proposal becomes (or updates) the cluster's one pending revision; nothing changes
    on the public profile until ``cluster_revision_approve``. Returns None when ``data``
    changes nothing.

    ``base`` is the ``profile_version`` the editor's form was built from (optimistic
    locking): when the pending revision or the profile changed since, under the lock,
    nothing is written and ``EditConflict`` is raised, so that two editors never
    silently overwrite each other. None skips the check (API, imports).
    """
    with transaction.atomic():
        cluster = _lock(cluster)
        organisation = _require_editor(by, cluster)
        revision = (
            ClusterRevision.objects.select_for_update()
            .filter(cluster=cluster, status=RevisionStatus.PENDING)
            .first()
        )
        if base is not None and base != profile_version(cluster, revision):
            raise EditConflict(
                _(
                    "Someone else saved changes to this profile while you were editing it. "
                    "Your text is kept below: compare it with their version, then save again."
                ),
                code="conflict",
            )
        base = revision.content if revision is not None else profile_content(cluster)
        proposed = {
            **base,
            **{k: _json(v) for k, v in data.items() if k in PROFILE.names(editable=True)},
        }
        _validate_profile(cluster, proposed)
        changes = _diff(profile_content(cluster), proposed)
        if not changes and revision is None:
            return None
        if revision is None:
            revision = ClusterRevision.objects.create(
                cluster=cluster, organisation=organisation, content=proposed, created_by=by
            )
            action = "cluster.revision_proposed"
        else:
            revision.content = proposed
            revision.save(update_fields=["content", "updated_at"])
            action = "cluster.revision_edited"
        activity = log_action(
            action=action,
            actor=by,
            target=cluster,
            organisation=organisation,
            data={"revision": revision.pk, "changes": changes},
        )
        if action == "cluster.revision_proposed":
            _notify(activity)
    return revision


def _lock_revision(revision: ClusterRevision, by: User) -> tuple[Cluster, ClusterRevision]:
    _require_moderator(by)
    cluster = _lock(revision.cluster_id)
    revision = ClusterRevision.objects.select_for_update().get(pk=revision.pk)
    if revision.status != RevisionStatus.PENDING:
        raise ValidationError(
            _("This revision was already %(status)s.")
            % {"status": str(revision.get_status_display()).lower()},
            code="invalid_transition",
        )
    return cluster, revision


def cluster_revision_approve(*, revision: ClusterRevision, by: User) -> Cluster:
    """Publish the pending profile revision (coordinator)."""
    with transaction.atomic():
        cluster, revision = _lock_revision(revision, by)
        before = profile_content(cluster)
        cluster = _validate_profile(cluster, revision.content)
        cluster.save()
        revision.status = RevisionStatus.APPROVED
        revision.decided_by = by
        revision.decided_at = timezone.now()
        revision.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
        activity = log_action(
            action="cluster.revision_approved",
            actor=by,
            target=cluster,
            organisation=revision.organisation,
            data={"revision": revision.pk, "changes": _diff(before, profile_content(cluster))},
        )
        _notify(activity)
    return cluster


def cluster_revision_reject(
    *, revision: ClusterRevision, comment: str, by: User
) -> ClusterRevision:
    """Turn down the pending profile revision with a reason (coordinator)."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": [_("Say why the revision is not accepted.")]})
    validate_text(comment)
    with transaction.atomic():
        cluster, revision = _lock_revision(revision, by)
        revision.status = RevisionStatus.REJECTED
        revision.decided_by = by
        revision.decided_at = timezone.now()
        revision.comment = comment[:2000]
        revision.save(update_fields=["status", "decided_by", "decided_at", "comment", "updated_at"])
        activity = log_action(
            action="cluster.revision_rejected",
            actor=by,
            target=cluster,
            organisation=revision.organisation,
            data={"revision": revision.pk, "comment": revision.comment},
        )
        _notify(activity)
    return revision


# ---- Indicator values --------------------------------------------------------------------


@dataclass(frozen=True)
class CleanValue:
    indicator: IndicatorDefinition
    year: int
    value: Decimal
    source: str
    recorded_on: datetime.date


def clean_indicator_value(
    *,
    indicator: IndicatorDefinition,
    year: Any,
    value: Any,
    source: Any,
    recorded_on: Any,
    today: datetime.date | None = None,
) -> CleanValue:
    """Check one yearly value; raises ``ValidationError`` with a message per field.

    Shared by the entry form, the CSV import and the services: a value is a number
    between 0 and the indicator's largest plausible value, for a year between 1950 and
    this year, with a source, recorded on a date not in the future.
    """
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    try:
        year = int(str(year).strip())
        if not (MIN_YEAR <= year <= min(MAX_YEAR, today.year)):
            errors["year"] = _("The year must be between %(min)d and %(max)d.") % {
                "min": MIN_YEAR,
                "max": today.year,
            }
    except (TypeError, ValueError):
        errors["year"] = _("Enter a whole year, such as 2024.")
    try:
        number = Decimal(str(value).strip().replace(",", ""))
        if not number.is_finite():
            raise InvalidOperation
        if number < 0:
            errors["value"] = _("%(name)s cannot be negative.") % {"name": indicator.name}
        elif number > indicator.max_value:
            errors["value"] = _(
                "%(value)s %(unit)s is not plausible for %(name)s (at most %(max)s)."
            ) % {
                "value": f"{number:,.0f}",
                "unit": indicator.unit,
                "name": indicator.name,
                "max": f"{indicator.max_value:,.0f}",
            }
        number = number.quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError):
        errors["value"] = _("Enter a number, such as 42 or 3.5.")
        number = Decimal(0)
    source = str(source or "").strip()
    if not source:
        errors["source"] = _("Say where the figure comes from.")
    elif len(source) > 300:
        errors["source"] = _("At most 300 characters.")
    else:
        try:
            validate_text(source)
        except ValidationError as error:
            errors["source"] = error.messages[0]
    if isinstance(recorded_on, datetime.date):
        date = recorded_on
    else:
        try:
            date = datetime.date.fromisoformat(str(recorded_on or "").strip())
        except ValueError:
            errors["recorded_on"] = _("Enter a date as YYYY-MM-DD.")
            date = today
    if date > today:
        errors["recorded_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    return CleanValue(indicator, year, number, source, date)


def indicator_value_propose(
    *,
    cluster: Cluster,
    indicator: IndicatorDefinition,
    year: Any,
    value: Any,
    source: Any,
    recorded_on: Any,
    by: User,
) -> IndicatorValue:
    """A partner proposes a yearly value; it is public once the coordinator approves.

    A pending value for the same cluster, indicator and year is replaced.
    """
    clean = clean_indicator_value(
        indicator=indicator, year=year, value=value, source=source, recorded_on=recorded_on
    )
    with transaction.atomic():
        cluster = _lock(cluster)
        organisation = _require_editor(by, cluster)
        entry, created = IndicatorValue.objects.update_or_create(
            cluster=cluster,
            indicator=indicator,
            year=clean.year,
            status=IndicatorStatus.PENDING,
            defaults={
                "value": clean.value,
                "source": clean.source,
                "recorded_on": clean.recorded_on,
                "submitted_by": by,
            },
        )
        activity = log_action(
            action="cluster.indicator_proposed",
            actor=by,
            target=cluster,
            organisation=organisation,
            data={
                "value_id": entry.pk,
                "indicator": indicator.slug,
                "year": clean.year,
                "value": str(clean.value),
                "new": created,
            },
        )
        if created:
            _notify(activity)
    return entry


REFRESH_LATEST_SQL = """
    UPDATE clusters_indicatorvalue v SET is_latest = (v.id = l.id)
    FROM (
        SELECT DISTINCT ON (cluster_id, indicator_id) id, cluster_id, indicator_id
        FROM clusters_indicatorvalue
        WHERE status = 'approved' AND cluster_id = ANY(%s)
        ORDER BY cluster_id, indicator_id, year DESC
    ) l
    WHERE v.cluster_id = l.cluster_id AND v.indicator_id = l.indicator_id
      AND (v.is_latest OR v.id = l.id)
"""


def refresh_latest(*, cluster_ids: Iterable[int]) -> None:
    """Mark, for each indicator of these clusters, the approved value of the latest year
    as ``is_latest`` (and only it). Called by every service that approves values."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(REFRESH_LATEST_SQL, [sorted(set(cluster_ids))])
    data_version_bump()


def data_version_bump() -> None:
    """A new ``DataVersion`` token, in the caller's transaction: caches of figures
    derived from the approved values are left behind (``selectors.data_version``)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO clusters_dataversion (id, token) VALUES (1, %s) "
            "ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token",
            [secrets.randbits(62)],
        )


def _lock_value(entry: IndicatorValue, by: User) -> IndicatorValue:
    _require_moderator(by)
    _lock(entry.cluster_id)
    entry = IndicatorValue.objects.select_for_update().select_related("indicator").get(pk=entry.pk)
    if entry.status != IndicatorStatus.PENDING:
        raise ValidationError(
            _("This value was already %(status)s.")
            % {"status": str(entry.get_status_display()).lower()},
            code="invalid_transition",
        )
    return entry


def indicator_value_approve(*, entry: IndicatorValue, by: User) -> IndicatorValue:
    """Publish a pending value (coordinator); the approved value it replaces, if any,
    becomes ``superseded`` (kept for the history)."""
    with transaction.atomic():
        entry = _lock_value(entry, by)
        IndicatorValue.objects.filter(
            cluster_id=entry.cluster_id,
            indicator_id=entry.indicator_id,
            year=entry.year,
            status=IndicatorStatus.APPROVED,
        ).update(status=IndicatorStatus.SUPERSEDED)
        entry.status = IndicatorStatus.APPROVED
        entry.decided_by = by
        entry.decided_at = timezone.now()
        entry.save(update_fields=["status", "decided_by", "decided_at"])
        refresh_latest(cluster_ids=[entry.cluster_id])
        activity = log_action(
            action="cluster.indicator_approved",
            actor=by,
            target=entry.cluster,
            data={"value_id": entry.pk, "indicator": entry.indicator.slug, "year": entry.year},
        )
        _notify(activity)
    return entry


def indicator_value_reject(*, entry: IndicatorValue, comment: str, by: User) -> IndicatorValue:
    """Turn down a pending value with a reason (coordinator)."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": [_("Say why the value is not accepted.")]})
    validate_text(comment)
    with transaction.atomic():
        entry = _lock_value(entry, by)
        entry.status = IndicatorStatus.REJECTED
        entry.decided_by = by
        entry.decided_at = timezone.now()
        entry.comment = comment[:2000]
        entry.save(update_fields=["status", "decided_by", "decided_at", "comment"])
        activity = log_action(
            action="cluster.indicator_rejected",
            actor=by,
            target=entry.cluster,
            data={"value_id": entry.pk, "comment": entry.comment},
        )
        _notify(activity)
    return entry


@dataclass(frozen=True)
class ImportRow:
    line: int
    cluster: Cluster
    value: CleanValue


def indicator_values_import(
    *, rows: Iterable[ImportRow], by: User | None, is_illustrative: bool = False
) -> int:
    """Write checked CSV rows as approved values (an operator's import is the source of
    record), superseding the approved value of the same cluster, indicator and year.
    All rows or none: one transaction."""
    rows = list(rows)
    with transaction.atomic():
        now = timezone.now()
        for row in rows:
            IndicatorValue.objects.filter(
                cluster=row.cluster,
                indicator=row.value.indicator,
                year=row.value.year,
                status=IndicatorStatus.APPROVED,
            ).update(status=IndicatorStatus.SUPERSEDED)
        IndicatorValue.objects.bulk_create(
            [
                IndicatorValue(
                    cluster=row.cluster,
                    indicator=row.value.indicator,
                    year=row.value.year,
                    value=row.value.value,
                    source=row.value.source,
                    recorded_on=row.value.recorded_on,
                    status=IndicatorStatus.APPROVED,
                    is_illustrative=is_illustrative,
                    submitted_by=by,
                    decided_by=by,
                    decided_at=now,
                )
                for row in rows
            ],
            batch_size=2000,
        )
        refresh_latest(cluster_ids=[row.cluster.pk for row in rows])
        log_action(
            action="cluster.indicators_imported",
            actor=by,
            data={"rows": len(rows), "clusters": sorted({row.cluster.slug for row in rows})},
        )
    return len(rows)


# ---- Self-assessments --------------------------------------------------------------------


def self_assessment_attach(
    *,
    cluster: Cluster,
    answers: Mapping[str, Any],
    assessed_on: datetime.date,
    by: User | None,
    is_illustrative: bool = False,
) -> SelfAssessment:
    """Attach a dated self-assessment to ``cluster`` (its editors or the coordinator;
    ``by=None`` only for the demo seed). ``answers`` are checked by the diagnosis."""
    clean = diagnosis.clean_answers(answers)
    result = diagnosis.diagnose(clean)
    with transaction.atomic():
        cluster = _lock(cluster)
        organisation = _require_editor(by, cluster) if by is not None else None
        assessment = SelfAssessment.objects.create(
            token=secrets.token_urlsafe(16),
            cluster=cluster,
            assessed_on=assessed_on,
            answers=diagnosis.answers_to_json(clean),
            stage=result.stage,
            scores=result.scores,
            is_illustrative=is_illustrative,
            created_by=by,
        )
        log_action(
            action="cluster.self_assessment_attached",
            actor=by,
            target=cluster,
            organisation=organisation,
            data={"self_assessment": assessment.pk, "stage": result.stage},
        )
    return assessment


# ---- Policy recommendations --------------------------------------------------------------


def recommendation_propose(
    *,
    title: str,
    stage: str,
    audience: str,
    rationale: str,
    practice_ids: Iterable[int] = (),
    by: User,
    is_illustrative: bool = False,
) -> PolicyRecommendation:
    """Write a recommendation (coordinator or a partner's editor); it waits for the
    coordinator. Only published practices may back it."""
    if not policy.can_propose_recommendation(by):
        raise PermissionDenied(_("Only partners' editors and the coordinator write these."))
    organisation = next(
        (m.organisation for m in by.memberships.select_related("organisation")
         if can(by, m.organisation_id, EDIT_CONTENT)),
        None,
    )  # fmt: skip
    with transaction.atomic():
        recommendation = PolicyRecommendation(
            title=(title or "").strip(),
            stage=stage,
            audience=audience,
            rationale=(rationale or "").strip(),
            organisation=organisation,
            created_by=by,
            is_illustrative=is_illustrative,
        )
        recommendation.full_clean()
        for text in (recommendation.title, recommendation.rationale):
            validate_text(text)
        recommendation.save()
        ids = list(Practice.objects.published().filter(pk__in=list(practice_ids)).values_list(
            "pk", flat=True))  # fmt: skip
        recommendation.practices.set(ids)
        activity = log_action(
            action="cluster.recommendation_proposed",
            actor=by,
            target=recommendation,
            organisation=organisation,
            data={"stage": stage, "audience": audience},
        )
        _notify(activity)
    return recommendation


def _decide_recommendation(recommendation, by, status, action) -> PolicyRecommendation:
    _require_moderator(by)
    with transaction.atomic():
        recommendation = PolicyRecommendation.objects.select_for_update().get(pk=recommendation.pk)
        if recommendation.status != RecommendationStatus.PENDING:
            raise ValidationError(
                _("This recommendation was already %(status)s.")
                % {"status": str(recommendation.get_status_display()).lower()},
                code="invalid_transition",
            )
        recommendation.status = status
        recommendation.decided_by = by
        recommendation.save(update_fields=["status", "decided_by", "updated_at"])
        log_action(action=action, actor=by, target=recommendation,
                   organisation=recommendation.organisation)  # fmt: skip
    return recommendation


def recommendation_publish(*, recommendation: PolicyRecommendation, by: User):
    """Publish a pending recommendation (coordinator)."""
    return _decide_recommendation(
        recommendation, by, RecommendationStatus.PUBLISHED, "cluster.recommendation_published"
    )


def recommendation_reject(*, recommendation: PolicyRecommendation, by: User):
    """Turn down a pending recommendation (coordinator)."""
    return _decide_recommendation(
        recommendation, by, RecommendationStatus.REJECTED, "cluster.recommendation_rejected"
    )
