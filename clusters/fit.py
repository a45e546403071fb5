"""\"Does it fit my cluster?\": a practice's needs against one cluster, point by point.

Pure rules over plain values, stated here and on the page:

- **Stage**: met when the cluster's stage is one of the practice's stages; not met when
  the practice lists stages and the cluster's is not among them.
- **Growth forces** the practice relied on: each is met when the cluster's score for it
  is at least ``STRONG`` (50 of 100), partly met from ``WEAK`` (25), not met below.
- **Budget**: the practice's budget range needs yearly public funding of at least
  ``FUNDING_FOR_BUDGET`` (EUR million) in the cluster; met or not met accordingly.
- Anything the cluster's data does not tell is *unknown*, never guessed.

The grade: **good** with no point unmet and at least two met; **poor** with two or more
points unmet; **partial** otherwise. Stakeholder interviews' preconditions and
adaptations are listed beside the grade for the reader to check, not scored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from netbioclue.vocabulary import GrowthForce, Stage

STRONG, WEAK = 50, 25
FUNDING_FOR_BUDGET = {"lt-50k": 0, "50k-250k": 0.5, "250k-1m": 2, "gt-1m": 10}
MET, PARTLY, NOT_MET, UNKNOWN = "met", "partly", "not-met", "unknown"


@dataclass(frozen=True)
class Point:
    label: str
    outcome: str
    reason: str


@dataclass(frozen=True)
class Fit:
    grade: str
    points: list[Point]


def assess_fit(
    *,
    practice_stages: Sequence[str],
    practice_forces: Sequence[str],
    budget_range: str,
    cluster_stage: str,
    force_scores: Mapping[str, float | None],
    public_funding: float | None,
) -> Fit:
    points = []
    if not practice_stages or not cluster_stage:
        points.append(Point(_("Stage"), UNKNOWN, _("The stage is not known on one side.")))
    elif cluster_stage in practice_stages:
        points.append(Point(_("Stage"), MET, _("It worked in clusters at this stage.")))
    else:
        stages = ", ".join(str(Stage(s).label) for s in practice_stages)
        points.append(
            Point(_("Stage"), NOT_MET, _("It worked at: %(stages)s.") % {"stages": stages})
        )
    for force in practice_forces:
        label = str(GrowthForce(force).label)
        score = force_scores.get(force)
        if score is None:
            points.append(Point(label, UNKNOWN, _("No score for this force.")))
        elif score >= STRONG:
            points.append(Point(label, MET, _("Score %(s).0f of 100.") % {"s": score}))
        elif score >= WEAK:
            points.append(Point(label, PARTLY, _("Score %(s).0f of 100: weak.") % {"s": score}))
        else:
            points.append(Point(label, NOT_MET, _("Score %(s).0f of 100: missing.") % {"s": score}))
    needed = FUNDING_FOR_BUDGET.get(budget_range)
    if needed is not None:
        if public_funding is None:
            points.append(
                Point(_("Budget"), UNKNOWN, _("The cluster's public funding is not known."))
            )
        elif public_funding >= needed:
            points.append(
                Point(
                    _("Budget"),
                    MET,
                    _("Public funding of EUR %(f)g million a year covers it.")
                    % {"f": public_funding},
                )
            )
        else:
            points.append(
                Point(
                    _("Budget"),
                    NOT_MET,
                    _("It needs about EUR %(n)g million of public funding a year.") % {"n": needed},
                )
            )
    unmet = sum(p.outcome == NOT_MET for p in points)
    met = sum(p.outcome == MET for p in points)
    grade = "poor" if unmet >= 2 else "good" if unmet == 0 and met >= 2 else "partial"
    return Fit(grade=grade, points=points)


def _count_sql(table: str, forces: Sequence[str]) -> tuple[str, list]:
    if not forces:
        return "0", []
    return (
        f"(SELECT count(*) FROM unnest({table}.growth_forces) f WHERE f = ANY(%s::varchar[]))",  # noqa: S608 (table: a constant)
        [list(forces)],
    )


def fit_position_sql(
    *,
    cluster_stage: str,
    force_scores: Mapping[str, float | None],
    public_funding: float | None,
    table: str = "practices_practice",
) -> tuple[str, list]:
    """``assess_fit`` for every practice at once, as an SQL expression to sort by.

    Over ``table``'s ``stages``, ``growth_forces`` and ``budget_range`` columns, for one
    cluster's facts: ``grade * 100 - met``, where ``grade`` is 0 for *good*, 1 for
    *partial* and 2 for *poor*, and ``met`` the number of points met. Ascending order
    puts the best fits first, and within a grade those meeting more points. The same
    rules as ``assess_fit`` (a test holds them equal); returns (SQL, parameters).
    """
    met_parts: list[tuple[str, list]] = []
    unmet_parts: list[tuple[str, list]] = []
    if cluster_stage:
        known = f"coalesce(cardinality({table}.stages), 0) > 0"
        met_parts.append(
            (f"(CASE WHEN {known} AND %s = ANY({table}.stages) THEN 1 ELSE 0 END)",
             [cluster_stage])
        )  # fmt: skip
        unmet_parts.append(
            (f"(CASE WHEN {known} AND NOT %s = ANY({table}.stages) THEN 1 ELSE 0 END)",
             [cluster_stage])
        )  # fmt: skip
    strong = [f for f, s in force_scores.items() if s is not None and s >= STRONG]
    missing = [f for f, s in force_scores.items() if s is not None and s < WEAK]
    met_parts.append(_count_sql(table, strong))
    unmet_parts.append(_count_sql(table, missing))
    if public_funding is not None:
        covered = [r for r, needed in FUNDING_FOR_BUDGET.items() if public_funding >= needed]
        short = [r for r in FUNDING_FOR_BUDGET if r not in covered]
        for parts, ranges in ((met_parts, covered), (unmet_parts, short)):
            if ranges:
                parts.append(
                    (f"(CASE WHEN {table}.budget_range = ANY(%s::varchar[]) THEN 1 ELSE 0 END)",
                     [ranges])
                )  # fmt: skip

    def total(parts: list[tuple[str, list]]) -> tuple[str, list]:
        return "(" + " + ".join(sql for sql, _ in parts) + ")", [p for _, ps in parts for p in ps]

    met, met_params = total(met_parts)
    unmet, unmet_params = total(unmet_parts)
    sql = (
        f"((CASE WHEN {unmet} >= 2 THEN 2 WHEN {unmet} = 0 AND {met} >= 2 THEN 0 ELSE 1 END)"
        f" * 100 - {met})"
    )
    return sql, [*unmet_params, *unmet_params, *met_params, *met_params]


GRADE_POSITION = {"good": 0, "partial": 1, "poor": 2}


def fit_position(fit: Fit) -> int:
    """The position ``fit_position_sql`` gives a practice whose fit is ``fit``."""
    return GRADE_POSITION[fit.grade] * 100 - sum(p.outcome == MET for p in fit.points)
