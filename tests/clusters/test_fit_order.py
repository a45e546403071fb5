"""The catalogue sorted by fit for a chosen cluster: the SQL order follows the rules of
``clusters.fit.assess_fit`` exactly, on the page and in the exports."""

import itertools
from decimal import Decimal

import pytest
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone

from clusters import fit
from clusters.models import IndicatorDefinition, IndicatorValue
from practices.models import Practice
from tests.factories import ClusterFactory, PracticeFactory

pytestmark = pytest.mark.django_db

PRACTICE_SHAPES = [
    # (stages, growth forces, budget range)
    (["emerging"], ["financial"], "lt-50k"),
    (["mature"], ["financial", "scientific"], "gt-1m"),
    (["emerging", "developing"], ["scientific", "industrial"], "250k-1m"),
    ([], ["cooperation"], ""),
    (["developing"], [], "50k-250k"),
    (["renewing"], ["support", "financial", "industrial"], "gt-1m"),
]
CLUSTER_FACTS = [
    # (stage, force scores, public funding)
    ("emerging", {"financial": 20.0, "scientific": 80.0, "industrial": 30.0,
                  "support": None, "cooperation": 60.0}, 1.0),
    ("mature", {"financial": 90.0, "scientific": 55.0, "industrial": 10.0,
                "support": 24.9, "cooperation": 25.0}, None),
    ("", dict.fromkeys(["financial", "scientific", "industrial", "support", "cooperation"]),
     50.0),
    ("developing", {"financial": 50.0, "scientific": 0.0, "industrial": 100.0,
                    "support": 50.0, "cooperation": 0.0}, 0.0),
]  # fmt: skip


@pytest.mark.parametrize(("stage", "scores", "funding"), CLUSTER_FACTS)
def test_the_sql_position_is_the_rules_grade_for_every_practice(stage, scores, funding):
    practices = [
        PracticeFactory(published=True, stages=s, growth_forces=f, budget_range=b)
        for s, f, b in PRACTICE_SHAPES
    ]
    sql, params = fit.fit_position_sql(
        cluster_stage=stage, force_scores=scores, public_funding=funding
    )
    position = RawSQL(sql, params)  # noqa: S611 (built by clusters.fit)
    positions = dict(Practice.objects.annotate(position=position).values_list("pk", "position"))
    for practice in practices:
        expected = fit.assess_fit(
            practice_stages=practice.stages, practice_forces=practice.growth_forces,
            budget_range=practice.budget_range, cluster_stage=stage, force_scores=scores,
            public_funding=funding,
        )  # fmt: skip
        assert positions[practice.pk] == fit.fit_position(expected), (practice.stages, expected)


def _cluster_with_facts():
    """An emerging cluster strong in science, weak in finance, EUR 1m public funding."""
    cluster = ClusterFactory(name="Fit test cluster", slug="fit-test", stage="emerging")
    other = ClusterFactory(name="Reference", slug="reference")
    rows = []
    for indicator in IndicatorDefinition.objects.all():
        high = indicator.growth_force == "scientific"
        for c, value in ((cluster, 100 if high else 1), (other, 1 if high else 100)):
            rows.append(IndicatorValue(
                cluster=c, indicator=indicator, year=2024, source="Test",
                recorded_on=timezone.localdate(), status="approved", is_latest=True,
                value=Decimal(1 if indicator.slug == "public-funding" and c == cluster
                              else value),
            ))  # fmt: skip
    IndicatorValue.objects.bulk_create(rows)
    return cluster


def test_the_catalogue_sorts_by_fit_for_the_chosen_cluster(client):
    cluster = _cluster_with_facts()
    now = timezone.now()
    poor = PracticeFactory(
        published=True,
        title="Poor fit",
        stages=["mature"],
        growth_forces=["financial"],
        budget_range="gt-1m",
        published_at=now,
    )
    good = PracticeFactory(
        published=True,
        title="Good fit",
        stages=["emerging"],
        growth_forces=["scientific"],
        budget_range="lt-50k",
        published_at=now - timezone.timedelta(days=30),
    )
    partial = PracticeFactory(published=True, title="Partial fit", stages=["emerging"],
                              growth_forces=["financial"], budget_range="",
                              published_at=now - timezone.timedelta(days=10))  # fmt: skip
    url = reverse("practices:list")
    response = client.get(url, {"sort": "fit", "fit": cluster.slug})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index("Good fit") < body.index("Partial fit") < body.index("Poor fit")
    assert "Fit for the chosen cluster: Fit test cluster" in body
    assert 'name="fit" value="fit-test"' in body  # kept when facets change
    # Newest first would be the other way round.
    newest = client.get(url).content.decode()
    assert newest.index("Poor fit") < newest.index("Partial fit") < newest.index("Good fit")
    # The exports read the FilterSet's order: the same.
    csv = client.get(reverse("practices:export_csv"), {"sort": "fit", "fit": cluster.slug})
    lines = b"".join(csv.streaming_content if csv.streaming else [csv.content]).decode()
    assert lines.index(good.title) < lines.index(partial.title) < lines.index(poor.title)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"sort": "fit"}, "Choose the cluster the practices should fit."),
        ({"sort": "fit", "fit": "atlantis"}, "Select a valid choice"),
        ({"sort": "fit", "fit": "a\x00b"}, ""),  # a NUL: a 400 page, never a 500
    ],
)
def test_sorting_by_fit_without_a_known_cluster_is_a_clear_400(client, params, message):
    response = client.get(reverse("practices:list"), params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_sorting_by_fit_costs_a_constant_few_queries_more_than_newest_first(
    client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cluster = _cluster_with_facts()
    for stages, forces in itertools.product([["emerging"], ["mature"]], [["financial"], []]):
        PracticeFactory(published=True, stages=stages, growth_forces=forces)
    url = reverse("practices:list")
    with CaptureQueriesContext(connection) as newest:
        client.get(url)
    with CaptureQueriesContext(connection) as by_fit:
        client.get(url, {"sort": "fit", "fit": cluster.slug})
    # + the cluster (the choice) + its public funding + the data version + every
    # cluster's force scores (then cached)
    assert len(by_fit) == len(newest) + 4
