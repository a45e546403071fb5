"""Cluster pages: permission matrix, query budgets (same for 1 and 25 rows), bad input."""

import datetime
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from clusters.models import (
    ClusterRevision,
    IndicatorDefinition,
    IndicatorStatus,
    IndicatorValue,
    SelfAssessment,
)
from clusters.services import (
    cluster_profile_propose,
    indicator_value_propose,
    refresh_latest,
)
from netbioclue.vocabulary import WorldRegion
from tests.clusters.answers import AARHUS, BRNO_2008, CAMBRIDGE
from tests.factories import PASSWORD, ClusterFactory, PracticeFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 10)


def add_values(cluster, *, indicators=None, years=(2020, 2021, 2022), scale=1):
    indicators = indicators or list(IndicatorDefinition.objects.all())
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            cluster=cluster,
            indicator=indicator,
            year=year,
            value=Decimal(10 * scale + year - 2000 + n),
            source="Test",
            recorded_on=TODAY,
            status=IndicatorStatus.APPROVED,
        )
        for n, indicator in enumerate(indicators)
        for year in years
    )
    refresh_latest(cluster_ids=[cluster.pk])


def login(client, user):
    client.login(email=user.email, password=PASSWORD)
    return client


# ---- Permission matrix -------------------------------------------------------------------

ACTORS = ["anonymous", "bob", "charlie", "editor", "alice", "coordinator"]


@pytest.fixture
def actor_client(request, client):
    def make(actor):
        if actor == "anonymous":
            return client
        return login(client, request.getfixturevalue(actor))

    return make


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("edit", {"anonymous": 302, "bob": 404, "charlie": 404, "editor": 200, "alice": 200,
                  "coordinator": 200}),
        ("indicator_add", {"anonymous": 302, "bob": 404, "charlie": 404, "editor": 200,
                           "alice": 200, "coordinator": 200}),
        ("moderation", {"anonymous": 302, "bob": 404, "charlie": 404, "editor": 404,
                        "alice": 404, "coordinator": 200}),
    ],
)  # fmt: skip
@pytest.mark.parametrize("actor", ACTORS)
def test_permission_matrix_of_the_editing_pages(home, actor_client, name, expected, actor):
    url = (
        reverse("clusters:moderation")
        if name == "moderation"
        else reverse(f"clusters:{name}", args=[home.slug])
    )
    assert actor_client(actor).get(url).status_code == expected[actor]


@pytest.mark.parametrize(
    ("actor", "expected", "pending"),
    [
        ("anonymous", 302, False),
        ("bob", 404, False),
        ("charlie", 404, False),
        ("editor", 302, True),
        ("alice", 302, True),
    ],
)
def test_only_the_clusters_editors_can_post_a_value(
    home, companies, actor_client, actor, expected, pending
):
    response = actor_client(actor).post(
        reverse("clusters:indicator_add", args=[home.slug]),
        {"indicator": companies.pk, "year": "2024", "value": "80", "source": "Report",
         "recorded_on": "2025-01-01"},
    )  # fmt: skip
    assert response.status_code == expected
    assert IndicatorValue.objects.filter(status="pending").exists() == pending


@pytest.mark.parametrize(
    ("actor", "expected", "decided"),
    [("editor", 404, False), ("alice", 404, False), ("charlie", 404, False),
     ("coordinator", 302, True)],
)  # fmt: skip
def test_only_the_coordinator_approves(
    home, editor, companies, actor_client, actor, expected, decided
):
    entry = indicator_value_propose(
        cluster=home, indicator=companies, year=2024, value=80, source="R",
        recorded_on=TODAY, by=editor,
    )  # fmt: skip
    revision = cluster_profile_propose(cluster=home, data={"description": "New"}, by=editor)
    client = actor_client(actor)
    for url in (
        reverse("clusters:value_decide", args=[entry.pk]),
        reverse("clusters:revision_decide", args=[revision.pk]),
    ):
        assert client.post(url, {"decision": "approve", "confirmed": "yes"}).status_code == expected
    entry.refresh_from_db()
    assert (entry.status == "approved") == decided
    assert ClusterRevision.objects.filter(status="approved").exists() == decided


def test_a_partner_cannot_attach_an_assessment_to_another_cluster(client, editor, home, elsewhere):
    login(client, editor)
    data = {**AARHUS, "cluster": elsewhere.pk, "assessed_on": "2025-06-01"}
    response = client.post(reverse("clusters:assess_attach"), data)
    assert response.status_code == 302
    assert not SelfAssessment.objects.exists()
    response = client.post(reverse("clusters:assess_attach"), {**data, "cluster": home.pk})
    saved = SelfAssessment.objects.get()
    assert response["Location"] == saved.get_absolute_url()
    assert saved.cluster == home and saved.created_by == editor
    page = client.get(home.get_absolute_url()).content.decode()
    assert "2025-06-01" in page or "June 1, 2025" in page


# ---- Profiles ----------------------------------------------------------------------------


def test_the_profile_shows_completeness_and_provisional_status(client, home):
    body = client.get(home.get_absolute_url()).content.decode()
    assert "provisional" in body
    assert "Scientific base" in body and "Stage assessment" in body  # listed as missing


def test_an_editor_proposes_a_profile_edit_through_the_form(client, editor, home):
    login(client, editor)
    url = reverse("clusters:edit", args=[home.slug])
    form = client.get(url).context["form"]
    data = {k: v if v is not None else "" for k, v in form.initial.items()}
    data["description"] = "A leading cluster."
    data["latitude"] = "95"  # out of range: form error, typed text kept
    response = client.post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "A leading cluster." in body and "less than or equal to 90" in body
    data["latitude"] = "52.2"
    assert client.post(url, data).status_code == 302
    assert ClusterRevision.objects.get().content["description"] == "A leading cluster."


def test_a_bad_indicator_value_keeps_what_was_typed(client, editor, home, companies):
    login(client, editor)
    response = client.post(
        reverse("clusters:indicator_add", args=[home.slug]),
        {"indicator": companies.pk, "year": "2024", "value": "1000000000000",
         "source": "My source", "recorded_on": "2025-01-01"},
    )  # fmt: skip
    assert response.status_code == 400
    body = response.content.decode()
    assert "not plausible" in body and "1000000000000" in body and "My source" in body


# ---- Self-assessment pages ---------------------------------------------------------------


def test_the_result_is_a_permalink_of_the_answers(client):
    practice = PracticeFactory(
        status="published", published_at=timezone.now(), stages=["emerging"],
        growth_forces=["financial"], transferability="high", title="Seed fund for spin-offs",
    )  # fmt: skip
    url = reverse("clusters:assess_result") + "?" + urlencode(BRNO_2008)
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Diagnosed stage: Emerging" in body
    assert "no critical mass" in body
    assert practice.title in body and practice.get_absolute_url() in body
    assert '<svg class="chart radar"' in body and "<title>" in body
    assert "Permalink" in body and "?age=5&amp;research_institutions=5&amp;" in body
    assert (
        client.get(reverse("clusters:assess_print") + "?" + urlencode(BRNO_2008)).status_code == 200
    )


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("companies", "-5", "cannot be negative"),
        ("venture_capital", "1000000000000", "is not plausible here"),
        ("companies", "", "Answer this question"),
        ("business_angels", "bogus", "Choose one of"),
    ],
)
def test_bad_answers_show_field_errors_and_keep_the_typed_values(client, key, value, message):
    response = client.get(
        reverse("clusters:assess_result") + "?" + urlencode({**CAMBRIDGE, key: value})
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert 'value="9000"' in body  # the other answers stay on screen
    if value and key != "business_angels":
        assert f'value="{value}"' in body


def test_the_form_and_how_it_works_pages(client):
    assert client.get(reverse("clusters:assess")).status_code == 200
    body = client.get(reverse("clusters:assess_how")).content.decode()
    assert "Fewer than 20 biotech companies" in body and "300" in body


def test_result_query_budget_is_the_same_for_1_and_25_practices(client, django_assert_num_queries):
    url = reverse("clusters:assess_result") + "?" + urlencode(BRNO_2008)
    kwargs = {"status": "published", "published_at": timezone.now(), "stages": ["emerging"],
              "growth_forces": ["financial"]}  # fmt: skip
    PracticeFactory(**kwargs)
    client.get(url)  # a process's first ranking reads the experts' roster in full
    # 1. the recommended practices 2. the policy recommendations for the stage
    # (none here, so no query for their practices) 3-4. the experts' matching engine once
    # warm (tests/experts/test_matching.py; no candidate here, so no query for profiles)
    with django_assert_num_queries(4):
        client.get(url)
    PracticeFactory.create_batch(24, **kwargs)
    with django_assert_num_queries(4):
        response = client.get(url)
    assert len(response.context["practices"]) == 10


def test_a_saved_assessment_has_its_own_page(client, home):
    from clusters.services import self_assessment_attach

    saved = self_assessment_attach(cluster=home, answers=AARHUS, assessed_on=TODAY, by=None)
    body = client.get(saved.get_absolute_url()).content.decode()
    assert "Diagnosed stage: Developing" in body and home.name in body
    assert client.get(reverse("clusters:saved_assessment", args=["nope"])).status_code == 404


# ---- Indicators and comparison -----------------------------------------------------------


def test_indicator_charts_are_svg_with_a_table(client, home, django_assert_num_queries):
    add_values(home, indicators=list(IndicatorDefinition.objects.all()[:1]))
    url = reverse("clusters:indicators", args=[home.slug])
    # 1. cluster 2. its assessments 3. its organisations 4. the data version
    # 5. values 6. definitions (the charts are drawn and cached)
    with django_assert_num_queries(6):
        client.get(url)
    add_values(home, indicators=list(IndicatorDefinition.objects.all()[1:]))
    with django_assert_num_queries(6):  # new values, a new data version: drawn again
        drawn = client.get(url).content
    # 1-4 as above; the charts come from the cache
    with django_assert_num_queries(4):
        response = client.get(url)
    start = drawn.index(b'<section class="indicator"')
    assert response.content[start:].startswith(drawn[start : drawn.index(b"</main>")])
    body = response.content.decode()
    assert body.count('role="img"') == IndicatorDefinition.objects.count()
    assert "<title" in body and "<caption>" in body
    csv = client.get(url + "?format=csv").content.decode()
    assert csv.startswith("cluster,indicator,year,value")


def test_compare_page_query_budget_is_the_same_for_2_and_5_clusters(
    client, django_assert_num_queries
):
    clusters = ClusterFactory.create_batch(5)
    for n, cluster in enumerate(clusters):
        add_values(cluster, scale=n + 1)
    url = reverse("clusters:compare")
    # 1. the chosen clusters 2. all clusters (the picker) 3. definitions
    # 4. latest values 5. the data version 6. every cluster's force scores, then cached
    with django_assert_num_queries(6):
        client.get(url + "?" + urlencode([("c", c.slug) for c in clusters[:3]]))
    # 1-5 as above; the scores come from the cache
    with django_assert_num_queries(5):
        client.get(url + "?" + urlencode([("c", c.slug) for c in clusters[:2]]))
    with django_assert_num_queries(5):
        response = client.get(url + "?" + urlencode([("c", c.slug) for c in clusters]))
    body = response.content.decode()
    assert '<svg class="chart radar"' in body and "percent rank" in body
    assert "(2022)" in body  # the year of each value is shown
    scores = response.context["scores"]
    # The biggest cluster ranks highest on every force, the smallest lowest.
    assert all(values[-1] == 100 and values[0] == 0 for _axis, values in scores)


def test_compare_refuses_too_few_too_many_or_unknown_clusters(client):
    clusters = ClusterFactory.create_batch(6)
    url = reverse("clusters:compare")
    for query, message in [
        ([("c", clusters[0].slug)], "between 2 and 5"),
        ([("c", c.slug) for c in clusters], "between 2 and 5"),
        ([("c", clusters[0].slug), ("c", "atlantis")], "Unknown cluster: atlantis"),
    ]:
        response = client.get(url + "?" + urlencode(query))
        assert response.status_code == 400
        assert message in response.content.decode()
    assert client.get(url).status_code == 200


def test_compare_csv_export(client):
    a, b = ClusterFactory.create_batch(2)
    add_values(a)
    response = client.get(reverse("clusters:compare") + f"?c={a.slug}&c={b.slug}&format=csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "indicator,name,unit,cluster,year,value,source"
    assert f"research-institutions,Research institutions,institutions,{a.slug},2022" in lines[1]


def test_world_regions_aggregate_europe_and_the_comparators(client, django_assert_num_queries):
    europe = ClusterFactory()
    add_values(europe)
    # 1. definitions 2. aggregates
    with django_assert_num_queries(2):
        client.get(reverse("clusters:regions"))
    for region in (WorldRegion.UNITED_STATES, WorldRegion.CHINA, WorldRegion.INDIA):
        for _ in range(8):
            add_values(ClusterFactory(world_region=region))
    with django_assert_num_queries(2):
        response = client.get(reverse("clusters:regions"))
    body = response.content.decode()
    assert "United States" in body and "(8 clusters)" in body and "(1 clusters)" in body
    csv = client.get(reverse("clusters:regions") + "?format=csv").content.decode()
    assert "research-institutions,institutions,us,8," in csv


def test_indicator_page_query_budget(client, django_assert_num_queries):
    definition = IndicatorDefinition.objects.get(slug="patents")
    add_values(ClusterFactory(), indicators=[definition])
    # 1. the indicator 2. the latest value per cluster
    with django_assert_num_queries(2):
        client.get(definition.get_absolute_url())
    for cluster in ClusterFactory.create_batch(24):
        add_values(cluster, indicators=[definition])
    with django_assert_num_queries(2):
        response = client.get(definition.get_absolute_url())
    assert len(response.context["rows"]) == 25


def test_moderation_query_budget(client, coordinator, editor, home, companies,
                                 django_assert_num_queries):  # fmt: skip
    login(client, coordinator)
    indicator_value_propose(cluster=home, indicator=companies, year=2000, value=1, source="s",
                            recorded_on=TODAY, by=editor)  # fmt: skip
    cluster_profile_propose(cluster=home, data={"description": "d"}, by=editor)
    # 1. user (the session is in the cache) 2. revisions 3. values (each with cluster,
    # indicator, person) 4. pending recommendations
    with django_assert_num_queries(4):
        client.get(reverse("clusters:moderation"))
    for year in range(2001, 2025):
        indicator_value_propose(cluster=home, indicator=companies, year=year, value=1,
                                source="s", recorded_on=TODAY, by=editor)  # fmt: skip
    with django_assert_num_queries(4):
        response = client.get(reverse("clusters:moderation"))
    assert len(response.context["values"]) == 25


def test_the_map_links_every_cluster_and_lists_them(client, django_assert_num_queries):
    ClusterFactory(name="Genopole", slug="genopole-map")
    # 1. the clusters with their practice counts; 2-3. the next events (events.maps)
    with django_assert_num_queries(3):
        client.get(reverse("clusters:map"))
    ClusterFactory.create_batch(24, world_region=WorldRegion.INDIA, latitude=17.4, longitude=78.5)
    ClusterFactory(name="Nowhere", latitude=None, longitude=None)
    with django_assert_num_queries(3):
        response = client.get(reverse("clusters:map"))
    body = response.content.decode()
    assert body.count("<circle") == 25  # every placed cluster is a point
    assert body.count('<a href="/clusters/') >= 2 * 25  # a link on the map and in the list
    assert 'class="land" aria-hidden="true" d="M' in body and "Natural Earth" in body
    assert "1 cluster has no coordinates" in body and "India" in body


def test_business_models_page_links_needs_to_tools_and_practices(client, django_assert_num_queries):
    # static data: no query
    with django_assert_num_queries(0):
        response = client.get(reverse("clusters:business_models"))
    body = response.content.decode()
    assert "Services (CRO / CMO)" in body and "Seed capital" in body
    assert "stage=emerging&amp;tool_type=incubator&amp;business_model=product" in body
    result = client.get(reverse("clusters:assess_result") + "?" + urlencode(BRNO_2008))
    assert "What companies need at this stage" in result.content.decode()


def test_does_it_fit_grades_a_practice_for_a_cluster_or_a_saved_assessment(
    client, home, django_assert_num_queries
):
    from clusters.services import self_assessment_attach

    practice = PracticeFactory(
        status="published", published_at=timezone.now(), stages=["emerging"],
        growth_forces=["financial", "scientific"], budget_range="gt-1m",
    )  # fmt: skip
    detail = client.get(practice.get_absolute_url()).content.decode()
    assert reverse("clusters:fit", args=[practice.slug]) in detail
    saved = self_assessment_attach(cluster=home, answers=BRNO_2008, assessed_on=TODAY, by=None)
    url = reverse("clusters:fit", args=[practice.slug])
    response = client.get(url, {"assessment": saved.get_absolute_url()})
    body = response.content.decode()
    # Stage met (emerging); financial 25 (partly); scientific 44 (partly); budget: EUR 8m
    # of public funding is below the 10 needed: not met -> partial.
    assert "partial fit" in body
    assert "It needs about EUR 10 million" in body
    home.stage = "mature"
    home.save()
    add_values(home)
    # 1. practice 2. interviews 3. all clusters 4. the cluster 5. its latest public
    # funding 6. the data version 7. every cluster's force scores (cached after)
    with django_assert_num_queries(7):
        response = client.get(url, {"cluster": home.slug})
    assert "It worked at: Emerging" in response.content.decode()
    assert client.get(url, {"cluster": "atlantis"}).status_code == 404
    assert client.get(url, {"assessment": "nope"}).status_code == 404
