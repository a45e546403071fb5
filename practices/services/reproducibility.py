"""Reproducibility: stakeholder interviews and the transferability they imply.

Reviewers (and coordinators) interview stakeholders of *other* regions about reproducing
a practice there and score four criteria from 1 (poor) to 5 (good): relevance,
feasibility with local resources, institutional preconditions and expected impact.

THE RULE (``transferability_from``), applied to the mean of each criterion over all the
interviews of a practice:

- **Not yet assessed**: no interview.
- **Low**: the mean of the four criteria is below 3.0, *or* any one criterion averages
  below 2.0. A practice that stakeholders judge infeasible with their resources, or whose
  institutional preconditions are missing, does not travel however relevant it looks.
- **High**: the mean of the four criteria is at least 4.0, no criterion averages below
  3.0, and at least 2 interviews agree. One interview is one opinion: it gives at most
  Medium.
- **Medium**: everything else.

The thresholds are compared on exact sums (no rounding), so a mean of exactly 4.0 is High
and 2.99 is Low. ``practice.transferability`` and ``practice.interview_count`` keep the
result on the practice row (for the catalogue's facets and sorting); every write here
refreshes them in the same transaction.

Interviews are recorded on submitted practices (reviewers assess them during moderation)
and on published ones; drafts, rejected and archived practices take none. Deleting an
interview is allowed in any state (it corrects the record).

One interview per reviewer and practice, unless the reviewer says explicitly that this is
another one (``another=True``, the form's "another interview" box): a double submit must
not count twice in the rule above. The check runs under the practice's row lock, so two
parallel submits see each other; the form's token (``idempotency_key``) makes a repeated
submit of the same page return the interview it recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.postgres.aggregates import ArrayAgg
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netbioclue import idempotency
from netbioclue.vocabulary import Transferability
from organisations.activity import log_action
from organisations.models import User
from practices import policy
from practices.models import Practice, StakeholderInterview, StakeholderType, Status
from practices.services import search_index

# The four criteria, in display order: (field name, label).
CRITERIA: tuple[tuple[str, Any], ...] = (
    ("relevance", _("Relevance")),
    ("feasibility", _("Feasibility with local resources")),
    ("preconditions", _("Institutional preconditions")),
    ("impact", _("Expected impact")),
)
CRITERION_FIELDS = tuple(name for name, _label in CRITERIA)

# The rule's thresholds (see the module docstring).
HIGH_MEAN = 4
HIGH_FLOOR = 3  # no criterion below this for High
HIGH_MIN_INTERVIEWS = 2
LOW_MEAN = 3  # below this: Low
LOW_FLOOR = 2  # any criterion below this: Low

RULE_TEXT = _(
    "High: the mean of the four criteria is at least 4.0, no criterion averages below 3.0 "
    "and at least two interviews were held (a single interview gives at most Medium). "
    "Low: the mean is below 3.0, or any criterion averages below 2.0. Medium: otherwise."
)

# States in which a practice takes new interviews.
INTERVIEWABLE_STATES = policy.INTERVIEWABLE_STATES

INTERVIEW_FIELDS = (
    "stakeholder_type",
    "country",
    "region",
    "interviewed_on",
    *CRITERION_FIELDS,
    "adaptations",
)

_ONE_DECIMAL = Decimal("0.1")


# ---- The rule (pure) ---------------------------------------------------------------------


def _transferability_from_totals(count: int, sums: Mapping[str, int]) -> str:
    """The rule on the number of interviews and each criterion's sum of scores.

    Integer arithmetic: "mean >= 4.0" is "sum >= 4 * count", so no float ever decides.
    """
    if count <= 0:
        return ""
    totals = [sums[name] for name in CRITERION_FIELDS]
    overall = sum(totals)
    criteria = len(CRITERION_FIELDS)
    if overall < LOW_MEAN * criteria * count or any(t < LOW_FLOOR * count for t in totals):
        return Transferability.LOW
    if (
        count >= HIGH_MIN_INTERVIEWS
        and overall >= HIGH_MEAN * criteria * count
        and all(t >= HIGH_FLOOR * count for t in totals)
    ):
        return Transferability.HIGH
    return Transferability.MEDIUM


def transferability_from(scores: Iterable[Iterable[int]]) -> str:
    """THE RULE: the transferability that interviews' scores imply ('' for none).

    ``scores`` holds one ``(relevance, feasibility, preconditions, impact)`` per interview.
    """
    count = 0
    sums = dict.fromkeys(CRITERION_FIELDS, 0)
    for row in scores:
        values = tuple(row)
        if len(values) != len(CRITERION_FIELDS):
            raise ValueError("Each interview has exactly four scores.")
        count += 1
        for name, value in zip(CRITERION_FIELDS, values, strict=True):
            sums[name] += value
    return _transferability_from_totals(count, sums)


# ---- The summary the practice page shows -------------------------------------------------


@dataclass(frozen=True)
class CriterionMean:
    key: str
    label: str
    mean: Decimal

    @property
    def percent(self) -> int:
        """Width of the bar: the mean on the 1-5 scale as a share of 5."""
        return round(self.mean * 20)


@dataclass(frozen=True)
class ReproducibilitySummary:
    """What the stakeholder interviews of one practice say.

    Means are rounded to one decimal for display; ``transferability`` is '' when the
    practice has not been assessed yet.
    """

    interview_count: int
    means: dict[str, Decimal] = field(default_factory=dict)
    overall_mean: Decimal | None = None
    transferability: str = ""
    adaptations: list[str] = field(default_factory=list)
    stakeholder_types: list[str] = field(default_factory=list)

    @property
    def is_assessed(self) -> bool:
        return self.interview_count > 0

    @property
    def transferability_label(self) -> str:
        if not self.transferability:
            return str(_("Not yet assessed"))
        return str(Transferability(self.transferability).label)

    @property
    def criteria(self) -> list[CriterionMean]:
        return [
            CriterionMean(key=name, label=str(label), mean=self.means[name])
            for name, label in CRITERIA
            if name in self.means
        ]

    @property
    def stakeholder_type_labels(self) -> list[str]:
        return [str(StakeholderType(value).label) for value in self.stakeholder_types]

    rule = RULE_TEXT


def _mean(total: int, count: int) -> Decimal:
    return (Decimal(total) / Decimal(count)).quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _aggregate(practice_id: int, *, details: bool) -> dict[str, Any]:
    """One aggregate query over the interviews of a practice."""
    aggregates: dict[str, Any] = {"count": Count("id")}
    aggregates.update({name: Sum(name) for name in CRITERION_FIELDS})
    if details:
        aggregates["adaptations"] = ArrayAgg(
            "adaptations",
            filter=~Q(adaptations=""),
            order_by=("interviewed_on", "id"),
        )
        aggregates["stakeholder_types"] = ArrayAgg("stakeholder_type", distinct=True)
    return StakeholderInterview.objects.filter(practice_id=practice_id).aggregate(**aggregates)


def summary(practice: Practice) -> ReproducibilitySummary:
    """The reproducibility block of a practice, read with one query."""
    row = _aggregate(practice.pk, details=True)
    count = row["count"]
    if not count:
        return ReproducibilitySummary(interview_count=0)
    sums = {name: row[name] for name in CRITERION_FIELDS}
    order = {value: index for index, value in enumerate(StakeholderType.values)}
    return ReproducibilitySummary(
        interview_count=count,
        means={name: _mean(sums[name], count) for name in CRITERION_FIELDS},
        overall_mean=_mean(sum(sums.values()), count * len(CRITERION_FIELDS)),
        transferability=_transferability_from_totals(count, sums),
        adaptations=[text.strip() for text in row["adaptations"] or [] if text.strip()],
        stakeholder_types=sorted(row["stakeholder_types"] or [], key=order.__getitem__),
    )


# ---- Writes ------------------------------------------------------------------------------


# Who may record and delete interviews: practices.policy.
can_record_interviews = policy.can_record_interviews
can_delete_interview = policy.can_delete_interview


def practice_refresh_transferability(*, practice: Practice) -> Practice:
    """Store the transferability and interview count the interviews imply.

    Call it inside the transaction that changed the interviews (with the practice row
    locked); the demo seed calls it after creating interviews in bulk.
    """
    row = _aggregate(practice.pk, details=False)
    count = row["count"]
    transferability = _transferability_from_totals(
        count, {name: row[name] or 0 for name in CRITERION_FIELDS}
    )
    if practice.transferability != transferability or practice.interview_count != count:
        practice.transferability = transferability
        practice.interview_count = count
        practice.save(update_fields=["transferability", "interview_count", "updated_at"])
    return practice


def _lock_practice(practice: Practice) -> Practice:
    return Practice.objects.select_for_update().get(pk=practice.pk)


def has_interviewed(user: User, practice: Practice) -> bool:
    """Has ``user`` already recorded an interview on ``practice``?"""
    return StakeholderInterview.objects.filter(practice=practice, reviewer=user).exists()


def interview_record(
    *,
    practice: Practice,
    data: Mapping[str, Any],
    by: User,
    another: bool = False,
    idempotency_key: str | None = None,
) -> StakeholderInterview:
    """Record a stakeholder interview on ``practice`` and refresh its transferability.

    ``data`` holds the interview's fields (``INTERVIEW_FIELDS``), e.g. a form's
    ``cleaned_data``. Reviewers and coordinators only; submitted or published practices.
    A reviewer's second interview on the same practice needs ``another=True``
    (``ValidationError`` code ``already_interviewed`` otherwise). With
    ``idempotency_key`` a repeated submit of the same form returns the first interview.
    """
    if not can_record_interviews(by):
        raise PermissionDenied(_("Only reviewers and coordinators record interviews."))
    interview, _created = idempotency.create_once(
        key=idempotency_key,
        by=by,
        action=f"practices.interview_record:{practice.pk}",
        model=StakeholderInterview,
        create=lambda: _record_interview(practice=practice, data=data, by=by, another=another),
    )
    return interview


def _record_interview(
    *, practice: Practice, data: Mapping[str, Any], by: User, another: bool
) -> StakeholderInterview:
    with transaction.atomic():
        practice = _lock_practice(practice)
        if practice.status not in INTERVIEWABLE_STATES:
            raise ValidationError(
                _("Interviews are recorded on submitted or published practices only."),
                code="invalid_state",
            )
        # Under the practice's lock: a parallel submit waits here and then sees this one.
        if not another and has_interviewed(by, practice):
            raise ValidationError(
                _(
                    "You have already recorded an interview on this practice. If this is "
                    "another interview, with another stakeholder, tick “This is another "
                    "interview” and send the form again."
                ),
                code="already_interviewed",
            )
        interview = StakeholderInterview(
            practice=practice,
            reviewer=by,
            **{name: data[name] for name in INTERVIEW_FIELDS if name in data},
        )
        interview.full_clean(exclude=["practice", "reviewer"])
        if interview.interviewed_on > timezone.localdate():
            message = _("The date of the interview cannot be in the future.")
            raise ValidationError({"interviewed_on": ValidationError(message, code="future")})
        interview.save()
        practice_refresh_transferability(practice=practice)
        log_action(
            action="practice.interview_recorded",
            actor=by,
            target=practice,
            organisation=practice.owner,
            data={
                "interview": interview.pk,
                "stakeholder_type": interview.stakeholder_type,
                "transferability": practice.transferability,
                "interview_count": practice.interview_count,
            },
        )
        if practice.status == Status.PUBLISHED:
            search_index.catalogue_changed()
    return interview


def interview_delete(*, interview: StakeholderInterview, by: User) -> None:
    """Delete an interview (its reviewer or a coordinator) and refresh the practice."""
    if not can_delete_interview(by, interview):
        raise PermissionDenied(
            _("Only the reviewer who recorded an interview, or a coordinator, may delete it.")
        )
    with transaction.atomic():
        practice = _lock_practice(interview.practice)
        interview_id = interview.pk
        deleted, _rows = StakeholderInterview.objects.filter(
            pk=interview_id, practice=practice
        ).delete()
        if not deleted:
            return
        practice_refresh_transferability(practice=practice)
        log_action(
            action="practice.interview_deleted",
            actor=by,
            target=practice,
            organisation=practice.owner,
            data={
                "interview": interview_id,
                "transferability": practice.transferability,
                "interview_count": practice.interview_count,
            },
        )
        if practice.status == Status.PUBLISHED:
            search_index.catalogue_changed()
