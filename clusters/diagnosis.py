"""\"Where is my cluster?\": the scoring rules of the self-assessment, in one pure module.

No database, no request: ``clean_answers`` checks a set of answers and ``diagnose`` turns
clean answers into a ``Diagnosis``. The HTML form, the saved assessments of a cluster
profile and ``POST /api/v1/self-assessment/`` all call these two functions, and the page
"How the diagnosis works" is rendered from the tables below.

The rules
---------

1. **Questions.** Twenty questions over the five growth forces (``QUESTIONS``), plus the
   cluster's age. A numeric answer gets a *level* from 0 to 4: the number of thresholds
   of the question it reaches (``thresholds`` are ascending; 0 below the first, 4 at or
   above the last). A choice carries its level directly. Numbers must lie between 0 and
   the question's ``max_value`` (anything larger is refused as implausible, never
   capped); every question must be answered.
2. **Force scores.** A force's score is the mean level of its questions, scaled to
   0–100 (``mean / 4 * 100``, rounded). The overall score is the mean of the five
   force scores.
3. **Base stage** from the overall score: below ``EMERGING_BELOW`` (35) *emerging*,
   below ``MATURE_FROM`` (70) *developing*, otherwise *mature*.
4. **Critical mass.** Fewer than ``CRITICAL_MASS_COMPANIES`` (20) biotech companies keeps
   a cluster *emerging*, whatever the other scores.
5. **Age.** A cluster younger than ``MIN_MATURE_AGE`` (8 years) is at most *developing*:
   maturity takes time to build, whatever the money.
6. **Decline and renewal.** A cluster that would be *developing* or *mature* is
   *declining / renewing* when its number of companies is shrinking, or when it is
   mature, at least ``RENEWAL_AGE`` (25) years old, stable (not growing) and founds
   fewer than 3 companies a year (new-companies level ≤ 1).
7. **Reasoning.** The diagnosis lists the rules that fired and the answers that pushed
   the stage up (level 4) or held it back (level 0).
8. **Weakest forces.** The two forces with the lowest scores (ties in the order of the
   forces). Recommended practices are the published ones for the diagnosed stage that
   work on those forces, ranked by transferability (see ``clusters.selectors``).

Thresholds are indicative orders of magnitude for European bioclusters (NETBIOCLUE's
leading clusters reach the top thresholds; its emerging ones the first); they are
published so that anyone can disagree with them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netbioclue.vocabulary import GrowthForce, Stage

EMERGING_BELOW = 35
MATURE_FROM = 70
CRITICAL_MASS_COMPANIES = 20
MIN_MATURE_AGE = 8
RENEWAL_AGE = 25
MAX_LEVEL = 4


@dataclass(frozen=True)
class Choice:
    value: str
    label: Any
    level: int


@dataclass(frozen=True)
class Question:
    """One question. Numeric when ``thresholds`` is set, a choice otherwise.

    ``force`` is None for the cluster's age, which feeds the stage rules but no score.
    """

    key: str
    label: Any
    force: str | None
    unit: Any = ""
    thresholds: tuple[float, ...] = ()
    max_value: float = 0
    decimals: bool = False
    choices: tuple[Choice, ...] = ()
    help_text: Any = ""

    @property
    def is_number(self) -> bool:
        return not self.choices

    def level(self, answer: Any) -> int:
        if self.choices:
            return next(choice.level for choice in self.choices if choice.value == answer)
        return sum(1 for threshold in self.thresholds if answer >= threshold)


S, F, I, SU, C = (  # noqa: E741 (the five forces, short)
    GrowthForce.SCIENTIFIC,
    GrowthForce.FINANCIAL,
    GrowthForce.INDUSTRIAL,
    GrowthForce.SUPPORT,
    GrowthForce.COOPERATION,
)
_l = gettext_lazy

TREND = (
    Choice("shrinking", _l("Shrinking"), 0),
    Choice("stable", _l("Stable"), 2),
    Choice("growing", _l("Growing"), 3),
    Choice("fast", _l("Growing fast (more than 10 % a year)"), 4),
)

QUESTIONS: tuple[Question, ...] = (
    Question("age", _l("Years since the cluster's activity started"), None, _l("years"),
             max_value=200, help_text=_l("Count from the first park, association or policy.")),
    # Scientific base
    Question("research_institutions", _l("Universities and research institutes"), S,
             _l("institutions"), (1, 3, 10, 30), 5000),
    Question("researchers", _l("Researchers in life sciences"), S, _l("people"),
             (100, 500, 2000, 8000), 1_000_000),
    Question("publications", _l("Life-science publications per year"), S, _l("papers"),
             (50, 300, 1500, 6000), 1_000_000),
    Question("patents", _l("Biotech patent applications per year"), S, _l("patents"),
             (2, 10, 50, 250), 100_000),
    # Financial base
    Question("venture_capital", _l("Venture capital invested per year"), F, _l("EUR million"),
             (0.5, 5, 50, 300), 100_000, decimals=True),
    Question("public_funding", _l("Public R&D funding per year"), F, _l("EUR million"),
             (1, 10, 50, 200), 100_000, decimals=True),
    Question("seed_funds", _l("Seed or proof-of-concept funds active"), F, _l("funds"),
             (1, 2, 5, 10), 10_000),
    Question("business_angels", _l("Business angels investing in biotech"), F, choices=(
        Choice("none", _l("None that we know of"), 0),
        Choice("few", _l("A few individuals"), 1),
        Choice("network", _l("An organised angel network"), 3),
        Choice("several", _l("Several networks, co-investing with VC"), 4),
    )),
    # Industrial base
    Question("companies", _l("Biotech companies"), I, _l("companies"),
             (5, CRITICAL_MASS_COMPANIES, 80, 250), 100_000),
    Question("employees", _l("Employees of biotech companies"), I, _l("people"),
             (100, 1000, 5000, 20000), 10_000_000),
    Question("new_companies", _l("New biotech companies per year"), I, _l("companies"),
             (1, 3, 10, 25), 10_000),
    Question("large_pharma", _l("Large pharmaceutical companies with R&D in the cluster"), I,
             choices=(
                 Choice("none", _l("None"), 0),
                 Choice("one", _l("One"), 2),
                 Choice("several", _l("Several"), 4),
             )),
    Question("company_trend", _l("Number of companies over the last five years"), I,
             choices=TREND),
    # Support base
    Question("incubator_space", _l("Incubator and laboratory space for start-ups"), SU,
             _l("m²"), (500, 2000, 10000, 40000), 10_000_000),
    Question("tech_transfer_offices", _l("Technology-transfer offices"), SU, _l("offices"),
             (1, 2, 5, 10), 10_000),
    Question("support_programmes", _l("Support programmes open to biotech firms"), SU,
             _l("programmes"), (1, 3, 6, 12), 10_000),
    Question("policy_commitment", _l("Public policy for the cluster"), SU, choices=(
        Choice("none", _l("No specific policy"), 0),
        Choice("recent", _l("A recent regional initiative"), 2),
        Choice("regional", _l("A long-standing regional strategy"), 3),
        Choice("multilevel", _l("Regional, national and EU support aligned"), 4),
    )),
    # Cooperation & networking
    Question("members", _l("Members of the cluster organisation"), C, _l("members"),
             (10, 40, 120, 300), 100_000),
    Question("international_partnerships", _l("International partnership agreements"), C,
             _l("agreements"), (1, 5, 15, 40), 10_000),
    Question("joint_projects", _l("Joint research or business projects per year"), C,
             _l("projects"), (1, 5, 15, 40), 100_000),
)  # fmt: skip

QUESTION_BY_KEY = {question.key: question for question in QUESTIONS}
FORCES = tuple(GrowthForce)

PATHS = {
    Stage.EMERGING: (
        _l("Towards a developing cluster: build critical mass of companies around a "
           "scientific strength, with incubation and seed funding."),
        (_l("Dependence on a single research institute or on public funding"),
         _l("Talent leaving for larger clusters"),
         _l("Spreading resources over too many niches")),
    ),
    Stage.DEVELOPING: (
        _l("Towards maturity: attract private capital and large companies, and connect "
           "the cluster internationally."),
        (_l("A funding gap between seed and venture rounds"),
         _l("Too few experienced managers and serial entrepreneurs"),
         _l("Support services growing faster than companies")),
    ),
    Stage.MATURE: (
        _l("Sustained growth through renewal: new technologies, international alliances, "
           "spin-offs of large firms."),
        (_l("Lock-in in technologies that are losing ground"),
         _l("Rising costs of space and people"),
         _l("Complacency: cooperation weakening as firms grow")),
    ),
    Stage.RENEWING: (
        _l("Renewal or decline: redeploy skills and facilities towards new fields, or "
           "the cluster shrinks."),
        (_l("Closures of large sites taking skills away"),
         _l("Ageing infrastructure"),
         _l("Support policies aimed at the past")),
    ),
}  # fmt: skip


@dataclass
class Diagnosis:
    stage: str
    scores: dict[str, int]
    overall: int
    reasons: list[str] = field(default_factory=list)
    pushed_up: list[str] = field(default_factory=list)
    held_back: list[str] = field(default_factory=list)
    weakest: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        return str(PATHS[self.stage][0])

    @property
    def risks(self) -> list[str]:
        return [str(risk) for risk in PATHS[self.stage][1]]

    @property
    def stage_label(self) -> str:
        return str(Stage(self.stage).label)

    def force_rows(self) -> list[tuple[str, str, int]]:
        return [(force.value, str(force.label), self.scores[force.value]) for force in FORCES]

    def as_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "overall": self.overall,
            "scores": self.scores,
            "reasons": self.reasons,
            "pushed_up": self.pushed_up,
            "held_back": self.held_back,
            "weakest_forces": self.weakest,
            "path": self.path,
            "risks": self.risks,
        }


def _number(question: Question, raw: Any) -> tuple[Decimal | None, str | None]:
    if isinstance(raw, bool):
        return None, _("Enter a number.")
    text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
    if text == "" or raw is None:
        return None, _("Answer this question (0 if there is none).")
    try:
        number = Decimal(text)
        if not number.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        return None, _("Enter a number, such as 12.")
    if number < 0:
        return None, _("%(question)s cannot be negative.") % {"question": question.label}
    if not question.decimals and number != number.to_integral_value():
        return None, _("Enter a whole number.")
    if number > question.max_value:
        return None, _(
            "%(value)s %(unit)s is not plausible here (at most %(max)s %(unit)s). "
            "Check the unit."
        ) % {"value": f"{number:,f}".rstrip("0").rstrip("."), "unit": question.unit,
             "max": f"{question.max_value:,}"}  # fmt: skip
    return number, None


def clean_answers(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Check a full set of answers; raises ``ValidationError`` with one message per
    question key. Numbers come back as ``int`` or ``float``, choices as their value."""
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for question in QUESTIONS:
        value = raw.get(question.key)
        if question.choices:
            allowed = [choice.value for choice in question.choices]
            if value in (None, ""):
                errors[question.key] = _("Choose an answer.")
            elif value not in allowed:
                errors[question.key] = _("Choose one of: %(values)s.") % {
                    "values": ", ".join(allowed)
                }
            else:
                clean[question.key] = value
            continue
        number, error = _number(question, value)
        if error:
            errors[question.key] = error
        else:
            clean[question.key] = float(number) if question.decimals else int(number)
    if errors:
        raise ValidationError(errors)
    return clean


def answers_to_json(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers as stored and put in a permalink: only the questions' keys."""
    return {question.key: answers[question.key] for question in QUESTIONS}


def _describe(question: Question, answer: Any) -> str:
    if question.choices:
        label = next(c.label for c in question.choices if c.value == answer)
        return f"{question.label}: {label}"
    shown = f"{answer:,}" if isinstance(answer, int) else f"{answer:,g}"
    return f"{question.label}: {shown} {question.unit}".strip()


def diagnose(answers: Mapping[str, Any]) -> Diagnosis:
    """Apply the rules of the module docstring to clean answers."""
    levels: dict[str, list[int]] = {force.value: [] for force in FORCES}
    pushed_up, held_back = [], []
    for question in QUESTIONS:
        if question.force is None:
            continue
        level = question.level(answers[question.key])
        levels[question.force].append(level)
        if level == MAX_LEVEL:
            pushed_up.append(_describe(question, answers[question.key]))
        elif level == 0:
            held_back.append(_describe(question, answers[question.key]))
    scores = {
        force: round(sum(values) / len(values) / MAX_LEVEL * 100)
        for force, values in levels.items()
    }
    overall = round(sum(scores.values()) / len(scores))
    reasons = []
    if overall < EMERGING_BELOW:
        stage = Stage.EMERGING
        reasons.append(
            _("The overall score, %(score)d out of 100, is below %(limit)d: emerging.")
            % {"score": overall, "limit": EMERGING_BELOW}
        )
    elif overall < MATURE_FROM:
        stage = Stage.DEVELOPING
        reasons.append(
            _("The overall score, %(score)d out of 100, lies between %(low)d and %(high)d: "
              "developing.") % {"score": overall, "low": EMERGING_BELOW, "high": MATURE_FROM}
        )  # fmt: skip
    else:
        stage = Stage.MATURE
        reasons.append(
            _("The overall score, %(score)d out of 100, reaches %(limit)d: mature.")
            % {"score": overall, "limit": MATURE_FROM}
        )
    if answers["companies"] < CRITICAL_MASS_COMPANIES and stage != Stage.EMERGING:
        stage = Stage.EMERGING
        reasons.append(
            _("With fewer than %(count)d biotech companies the cluster has no critical mass "
              "yet: emerging.") % {"count": CRITICAL_MASS_COMPANIES}
        )  # fmt: skip
    if answers["age"] < MIN_MATURE_AGE and stage == Stage.MATURE:
        stage = Stage.DEVELOPING
        reasons.append(
            _("Younger than %(years)d years, the cluster cannot be mature yet: developing.")
            % {"years": MIN_MATURE_AGE}
        )
    new_level = QUESTION_BY_KEY["new_companies"].level(answers["new_companies"])
    if stage in (Stage.DEVELOPING, Stage.MATURE) and answers["company_trend"] == "shrinking":
        stage = Stage.RENEWING
        reasons.append(_("The number of companies is shrinking: declining / renewing."))
    elif (
        stage == Stage.MATURE
        and answers["age"] >= RENEWAL_AGE
        and answers["company_trend"] == "stable"
        and new_level <= 1
    ):
        stage = Stage.RENEWING
        reasons.append(
            _("A mature cluster over %(years)d years old, no longer growing and founding few "
              "companies: declining / renewing.") % {"years": RENEWAL_AGE}
        )  # fmt: skip
    order = {force.value: index for index, force in enumerate(FORCES)}
    weakest = sorted(scores, key=lambda force: (scores[force], order[force]))[:2]
    return Diagnosis(
        stage=str(stage),
        scores=scores,
        overall=overall,
        reasons=reasons,
        pushed_up=pushed_up,
        held_back=held_back,
        weakest=weakest,
    )
