"""Quality of expert matching on a labelled set: precision@1 and precision@3.

``bench/data/experts_eval.py`` holds an illustrative roster and 32 requests, each with
the experts a coordinator would choose (and why), and a second labelling by rule
(``rule_labels``: topics read from the request's and the experts' texts through a
keyword lexicon, plus the coordinator's exclusions; it uses nothing of the scorer). For
every request we rank the roster with ``experts.matching.rank`` and compare with both:

- precision@1: share of requests whose top candidate is one of the expected experts;
- precision@3: mean over requests of |top 3 ∩ expected| / min(3, |expected|) (a request
  with one expected expert scores 1 when that expert is in the top 3).

The rule labels are the reference of the regression test (they cannot have been tuned
to the scorer); a request for which the rule finds nobody is left out and counted.

Everything is written inside a transaction that is rolled back, so the script can run
against any database (``DATABASE_URL``) without leaving rows. Run it with
``python bench/experts_eval.py``; ``tests/experts/test_eval.py`` keeps the thresholds.
"""

from __future__ import annotations

import os
import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "experts_eval.py"


class _Rollback(Exception):
    pass


def evaluate() -> dict:
    from django.db import transaction
    from django.utils import timezone

    data = runpy.run_path(str(DATA))
    EXPERTS, FULL, REQUESTS = data["EXPERTS"], data["FULL"], data["REQUESTS"]
    RULE_LABELS = data["rule_labels"]()
    from experts import matching
    from experts.models import ExpertiseRequest, ExpertProfile, ExpertStatus
    from organisations.models import Organisation, User

    outcome: dict = {}
    try:
        with transaction.atomic():
            orgs = {
                key: Organisation.objects.create(
                    name=f"Evaluation {key}", slug=f"eval-{key}", kind="cluster-organisation"
                )
                for key in ("erbi", "jic")
            }
            requester = User.objects.create_user("eval-requester@example.invalid", None)
            ids = {}
            for key, (headline, bio, country, langs, gf, tt, st, ben, fmt, org) in EXPERTS.items():
                expert = ExpertProfile.objects.create(
                    email=f"{key}@eval.invalid", name=key, headline=headline, bio=bio,
                    country=country, countries=[country], languages=langs,
                    growth_forces=gf, tool_types=tt, stages=st, beneficiaries=ben,
                    formats=fmt, organisation=orgs.get(org) if org else None,
                    capacity=2, active_assignments=2 if key in FULL else 0,
                    status=ExpertStatus.VALIDATED, consent_at=timezone.now(),
                )  # fmt: skip
                ids[expert.pk] = key
            rows = []
            for (title, description, facets, expected, why, org), by_rule in zip(
                REQUESTS, RULE_LABELS, strict=True
            ):
                request = ExpertiseRequest(
                    title=title, description=description, requester=requester,
                    organisation=orgs.get(org) if org else None,
                    languages=facets.get("languages", ["en"]),
                    **{k: v for k, v in facets.items() if k != "languages"},
                )  # fmt: skip
                request.save()
                # The roster only, whatever else the database holds (make bench).
                ranked = [ids[c.expert_id] for c in matching.rank_among(request, list(ids))]
                top3 = ranked[:3]
                rows.append(
                    {
                        "title": title,
                        "expected": expected,
                        "why": why,
                        "ranked": ranked[:5],
                        "p1": 1.0 if ranked[:1] and ranked[0] in expected else 0.0,
                        "p3": len(set(top3) & set(expected)) / min(3, len(expected)),
                        "by_rule": sorted(by_rule),
                        "rule_p1": 1.0 if ranked[:1] and ranked[0] in by_rule else 0.0,
                        "rule_p3": len(set(top3) & by_rule) / min(3, len(by_rule or [1])),
                    }
                )
            outcome = {
                "requests": len(rows),
                "precision_at_1": round(sum(r["p1"] for r in rows) / len(rows), 3),
                "precision_at_3": round(sum(r["p3"] for r in rows) / len(rows), 3),
                "misses": [r for r in rows if r["p1"] < 1],
                "rule_requests": len(ruled := [r for r in rows if r["by_rule"]]),
                "rule_precision_at_1": round(sum(r["rule_p1"] for r in ruled) / len(ruled), 3),
                "rule_precision_at_3": round(sum(r["rule_p3"] for r in ruled) / len(ruled), 3),
                "rule_misses": [r for r in ruled if r["rule_p1"] < 1],
            }
            raise _Rollback
    except _Rollback:
        pass
    return outcome


def lines(result: dict) -> list[str]:
    out = [
        f"expert matching, labels by rule ({result['rule_requests']} of {result['requests']}"
        f" requests have one): precision@1 = {result['rule_precision_at_1']:.3f},"
        f" precision@3 = {result['rule_precision_at_3']:.3f}",
        f"expert matching, labels by hand ({result['requests']} requests):"
        f" precision@1 = {result['precision_at_1']:.3f},"
        f" precision@3 = {result['precision_at_3']:.3f}",
    ]
    for miss in result["rule_misses"]:
        out.append(
            f"  top-1 miss (rule): {miss['title']!r}: relevant {miss['by_rule']},"
            f" got {miss['ranked']}"
        )
    return out


def main() -> int:
    sys.path[:0] = [str(ROOT)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netbioclue.settings")
    import django

    django.setup()
    result = evaluate()
    for line in lines(result):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
