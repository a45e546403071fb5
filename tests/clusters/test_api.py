"""``/api/v1/clusters/`` profile additions, ``/api/v1/indicators/``, the stateless
self-assessment and the indicator open data."""

import csv
import datetime
import io

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from clusters.models import IndicatorDefinition, IndicatorStatus, IndicatorValue, SelfAssessment
from clusters.services import refresh_latest, self_assessment_attach
from tests.clusters.answers import AARHUS, BRNO_2008
from tests.factories import ClusterFactory, PracticeFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 10)


@pytest.fixture
def api():
    return APIClient()


def approved(cluster, indicator, year, value, **extra):
    value = IndicatorValue.objects.create(
        cluster=cluster, indicator=indicator, year=year, value=value, source="Report",
        recorded_on=TODAY, status=IndicatorStatus.APPROVED, **extra,
    )  # fmt: skip
    refresh_latest(cluster_ids=[cluster.pk])
    return value


def test_the_cluster_detail_has_profile_stage_history_assessments_and_indicators(api, companies):
    cluster = ClusterFactory(slug="genopole", key_actors="Génopole campus", force_support="Park")
    approved(cluster, companies, 2023, 80)
    IndicatorValue.objects.create(
        cluster=cluster, indicator=companies, year=2024, value=99, source="x",
        recorded_on=TODAY, status=IndicatorStatus.PENDING,
    )  # fmt: skip
    self_assessment_attach(cluster=cluster, answers=AARHUS, assessed_on=TODAY, by=None)
    body = api.get("/api/v1/clusters/genopole/").json()
    assert body["key_actors"] == "Génopole campus" and body["force_support"] == "Park"
    assert body["indicators"] == [
        {"indicator": "biotech-companies", "year": 2023, "value": 80.0, "source": "Report",
         "recorded_on": "2026-01-10", "is_illustrative": False}
    ]  # pending values stay out  # fmt: skip
    assert body["self_assessments"][0]["stage"] == "developing"
    assert "answers" not in body["self_assessments"][0]


def test_indicators_list_and_detail(api, django_assert_num_queries):
    # 1. the page of indicators  2. the rate-limit counter (one upsert; none with Redis)
    with django_assert_num_queries(2):
        body = api.get("/api/v1/indicators/?page_size=100").json()
    slugs = [row["slug"] for row in body["results"]]
    assert len(slugs) == IndicatorDefinition.objects.count() == 17
    assert slugs[0] == "research-institutions"
    detail = api.get("/api/v1/indicators/venture-capital/").json()
    assert detail["unit"] == "EUR million" and detail["growth_force"] == "financial"
    assert detail["higher_is_better"] is True


def test_the_self_assessment_endpoint_diagnoses_and_stores_nothing(api, django_assert_num_queries):
    practice = PracticeFactory(
        status="published", published_at=timezone.now(), stages=["emerging"],
        growth_forces=["financial"], transferability="high",
    )  # fmt: skip
    # 1. the recommended practices  2. the rate-limit counter (one upsert; none with Redis)
    with django_assert_num_queries(2):
        response = api.post("/api/v1/self-assessment/", BRNO_2008, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["stage"] == "emerging"
    assert body["weakest_forces"] == ["financial", "cooperation"]
    assert body["recommended_practices"][0]["slug"] == practice.slug
    assert body["recommended_practices"][0]["html_url"].endswith(practice.get_absolute_url())
    assert not SelfAssessment.objects.exists()


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({**BRNO_2008, "companies": -5}, "companies", "cannot be negative"),
        ({**BRNO_2008, "venture_capital": 1e12}, "venture_capital", "not plausible"),
        ({k: v for k, v in BRNO_2008.items() if k != "age"}, "age", "Answer this question"),
        ({**BRNO_2008, "large_pharma": "many"}, "large_pharma", "Choose one of"),
    ],
)
def test_bad_answers_are_a_problem_400_per_question(api, body, field, message):
    response = api.post("/api/v1/self-assessment/", body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert message in response.json()["errors"][field][0]


def test_a_non_object_body_is_a_400(api):
    response = api.post("/api/v1/self-assessment/", [1, 2], format="json")
    assert response.status_code == 400


def test_open_data_csv_and_datapackage_agree(api, companies):
    cluster = ClusterFactory(slug="biocat", name="Biocat")
    approved(cluster, companies, 2022, 60, is_illustrative=True)
    approved(cluster, companies, 2023, 64)
    response = api.get("/api/v1/open-data/indicators.csv")
    assert response.status_code == 200
    assert 'rel="license"' in response["Link"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["cluster"], r["year"], r["value"], r["illustrative"]) for r in rows] == [
        ("biocat", "2022", "60.00", "true"),
        ("biocat", "2023", "64.00", "false"),
    ]
    package = api.get("/api/v1/open-data/datapackage.json").json()
    resource = package["resources"][0]
    assert [f["name"] for f in resource["schema"]["fields"]] == list(rows[0])
    assert resource["path"].endswith("/api/v1/open-data/indicators.csv")
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
