"""Reading practices: the published catalogue (filters, search, ordering, cursor pages) and
one practice (who sees drafts, contact data, documents, reproducibility), with ETags."""

import datetime
import json
from base64 import b64encode
from urllib.parse import quote

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from practices import relevance
from practices.models import Practice, PracticeRevision, Status
from practices.selectors.catalogue import catalogue_filter, catalogue_search, export_rows
from practices.services import workflow
from tests.api.helpers import bearer, problem, result_slugs
from tests.api.practice_data import LIST_FIELDS, PRACTICES, detail_url, in_state, published
from tests.factories import ClusterFactory, StakeholderInterviewFactory, UserFactory
from tests.practices.factories_workflow import PDF_BYTES, upload

pytestmark = pytest.mark.django_db


def _all_pages(client, url: str, **kwargs) -> list[str]:
    slugs, pages = [], 0
    while url:
        response = client.get(url, **kwargs)
        slugs += result_slugs(response)
        url = response.json()["next"]
        pages += 1
        assert pages < 50
    return slugs


def _cursor(position: str) -> str:
    return quote(b64encode(f"p={quote(position)}".encode()).decode())


# --- the list -----------------------------------------------------------------------------------


def test_the_list_shows_published_practices_only_newest_first(api_client, org, other_org):
    old = published(org, days_ago=3, slug="old")
    new = published(other_org, days_ago=1, slug="new")
    for status in (Status.DRAFT, Status.SUBMITTED, Status.REJECTED, Status.ARCHIVED):
        in_state(org, status)
    assert result_slugs(api_client.get(PRACTICES)) == [new.slug, old.slug]


def test_a_list_item_has_the_documented_fields(api_client, org):
    cluster = ClusterFactory(slug="genopole", name="Genopole")
    practice = published(
        org, slug="seed-fund", title="Seed fund", origin_cluster=cluster, start_year=2004
    )
    item = api_client.get(PRACTICES).json()["results"][0]
    assert list(item) == LIST_FIELDS
    assert item["url"] == "http://testserver/api/v1/practices/seed-fund/"
    assert item["html_url"] == "http://testserver/practices/seed-fund/"
    assert item["owner"] == {"slug": org.slug, "name": org.name}
    assert item["origin_cluster"] == {"slug": "genopole", "name": "Genopole"}
    assert item["stages"] == ["emerging"]
    assert item["start_year"] == 2004
    assert item["published_at"].endswith("Z")
    assert item["published_at"].startswith(practice.published_at.strftime("%Y-%m-%dT%H:%M:%S"))
    assert "contact" not in item and "description" not in item


def test_facets_filter_like_the_catalogue(api_client, org):
    emerging = published(org, slug="a", stages=["emerging"], country="GB")
    mature = published(org, slug="b", stages=["mature"], country="FR")
    both = published(org, slug="c", stages=["emerging", "mature"], country="DE")
    published(org, slug="d", stages=["developing"], country="GB")
    assert set(result_slugs(api_client.get(f"{PRACTICES}?stage=mature"))) == {
        mature.slug,
        both.slug,
    }
    # Repeated: either value; different facets: all must hold.
    either = result_slugs(api_client.get(f"{PRACTICES}?stage=mature&stage=emerging"))
    assert set(either) == {emerging.slug, mature.slug, both.slug}
    assert result_slugs(api_client.get(f"{PRACTICES}?stage=emerging&country=GB")) == [emerging.slug]


def test_an_empty_parameter_filters_nothing(api_client, org):
    practice = published(org)
    assert result_slugs(api_client.get(f"{PRACTICES}?stage=&country=&q=")) == [practice.slug]


def test_origin_cluster_takes_a_cluster_slug(api_client, org):
    cluster = ClusterFactory(slug="biovalley")
    inside = published(org, origin_cluster=cluster)
    published(org)
    assert result_slugs(api_client.get(f"{PRACTICES}?origin_cluster=biovalley")) == [inside.slug]
    response = api_client.get(f"{PRACTICES}?origin_cluster=atlantis")
    assert response.status_code == 400
    assert list(problem(response)["errors"]) == ["origin_cluster"]


def test_q_searches_and_orders_by_relevance_by_default(api_client, org):
    in_body = published(
        org, slug="body", title="Mentoring", description="A venture fund for spin-outs."
    )
    in_title = published(org, slug="title", title="Seed fund for spin-outs", days_ago=5)
    published(org, slug="other", title="Incubator", summary="Lab space.")
    assert result_slugs(api_client.get(f"{PRACTICES}?q=fund")) == [in_title.slug, in_body.slug]
    newest = result_slugs(api_client.get(f"{PRACTICES}?q=fund&ordering=-published_at"))
    assert newest == [in_body.slug, in_title.slug]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("title", ["alpha", "beta", "gamma"]),
        ("-title", ["gamma", "beta", "alpha"]),
        ("published_at", ["gamma", "alpha", "beta"]),
        ("-transferability", ["beta", "gamma", "alpha"]),
        ("transferability", ["alpha", "gamma", "beta"]),
    ],
)
def test_ordering(api_client, org, ordering, expected):
    published(org, slug="alpha", title="Alpha", days_ago=2, transferability="")
    published(org, slug="beta", title="Beta", days_ago=1, transferability="high")
    published(org, slug="gamma", title="Gamma", days_ago=3, transferability="low")
    assert result_slugs(api_client.get(f"{PRACTICES}?ordering={ordering}")) == expected


def test_relevance_without_a_search_text_is_newest_first_as_on_the_portal(api_client, org):
    published(org, slug="older", days_ago=2)
    published(org, slug="newer", days_ago=1)
    assert result_slugs(api_client.get(f"{PRACTICES}?ordering=relevance")) == ["newer", "older"]
    assert result_slugs(api_client.get(f"{PRACTICES}?ordering=-relevance")) == ["older", "newer"]


def test_the_catalogue_sort_parameter_is_not_the_api_one(api_client):
    response = api_client.get(f"{PRACTICES}?sort=newest")
    assert response.status_code == 400
    assert "ordering" in problem(response)["errors"]["sort"][0]


@pytest.mark.parametrize("ordering", ["-published_at", "title", "-transferability"])
def test_cursor_pages_cover_everything_once_even_among_ties(api_client, org, ordering):
    # Seven practices published at the very same moment: only the id tells them apart.
    moment = timezone.now()
    for number in range(7):
        published(org, slug=f"tie-{number}", title="Same title", transferability="medium")
    Practice.objects.update(published_at=moment)
    slugs = _all_pages(api_client, f"{PRACTICES}?page_size=2&ordering={ordering}")
    assert sorted(slugs) == [f"tie-{number}" for number in range(7)]


@pytest.mark.parametrize(
    "ordering", ["-published_at", "published_at", "-transferability", "transferability", "title"]
)
def test_cursor_pages_in_any_direction_follow_the_whole_order(api_client, org, ordering):
    # Mixed directions ("-transferability": position ascending, then newest first) and
    # ties on every field but id: the pages, joined, are the list read in one go.
    moments = [timezone.now() - datetime.timedelta(days=n % 3) for n in range(12)]
    grades = ["high", "", "low", "medium"]
    for number, moment in enumerate(moments):
        practice = published(
            org, slug=f"p-{number}", title=f"T{number % 2}", transferability=grades[number % 4]
        )
        Practice.objects.filter(pk=practice.pk).update(published_at=moment)
    whole = result_slugs(api_client.get(f"{PRACTICES}?page_size=100&ordering={ordering}"))
    assert _all_pages(api_client, f"{PRACTICES}?page_size=5&ordering={ordering}") == whole


def test_a_cursor_page_seeks_with_a_row_value_comparison(api_client, org):
    """(published_at, id) < (t, i): one range of the (status, published_at, id) index."""
    for number in range(3):
        published(org, slug=f"p-{number}", days_ago=number)
    following = api_client.get(f"{PRACTICES}?page_size=1").json()["next"]
    with CaptureQueriesContext(connection) as queries:
        assert result_slugs(api_client.get(following)) == ["p-1"]
    page_sql = next(q["sql"] for q in queries if '"practices_practice"."slug"' in q["sql"])
    assert '("practices_practice"."published_at", "practices_practice"."id") <' in page_sql, (
        page_sql
    )
    assert " OR " not in page_sql


def test_cursor_pages_through_search_results_and_back(api_client, org):
    for number in range(5):
        published(org, slug=f"fund-{number}", title="Seed fund", summary="A fund.")
    first = api_client.get(f"{PRACTICES}?q=fund&page_size=2").json()
    second = api_client.get(first["next"]).json()
    assert not set(_slugs_of(first)) & set(_slugs_of(second))
    back = api_client.get(second["previous"]).json()
    assert _slugs_of(back) == _slugs_of(first)
    assert len(_all_pages(api_client, f"{PRACTICES}?q=fund&page_size=2")) == 5


def _slugs_of(body: dict) -> list[str]:
    return [item["slug"] for item in body["results"]]


def test_practices_published_while_paging_neither_shift_nor_repeat(api_client, org):
    for number in range(4):
        published(org, slug=f"p{number}", days_ago=10 - number)
    first = api_client.get(f"{PRACTICES}?page_size=2").json()
    published(org, slug="brand-new")
    second = api_client.get(first["next"]).json()
    assert _slugs_of(first) == ["p3", "p2"]
    assert _slugs_of(second) == ["p1", "p0"]


def test_the_link_header_carries_the_next_page(api_client, org):
    published(org)
    published(org)
    response = api_client.get(f"{PRACTICES}?page_size=1")
    assert response["Link"] == f'<{response.json()["next"]}>; rel="next"'


# The catalogue's relevance: the RANKED_CANDIDATES most recent title/summary matches by
# rank (tier 1), then every other match newest first (tier 2). With 2 ranked candidates:
RANKED_ORDER = ["recent-title", "recent-summary", "body", "older-title", "old-body", "oldest"]


@pytest.fixture
def two_tiers(org, monkeypatch):
    monkeypatch.setattr(relevance, "RANKED_CANDIDATES", 2)
    published(org, days_ago=1, slug="recent-summary", summary="About an incubator.")
    published(org, days_ago=2, slug="recent-title", title="Incubator")
    published(org, days_ago=3, slug="older-title", title="Incubator for SMEs")
    published(org, days_ago=0, slug="body", description="An incubator.")
    published(org, days_ago=4, slug="old-body", description="Incubator.")
    published(org, days_ago=5, slug="oldest", title="Incubator")
    published(org, days_ago=0, slug="unrelated", title="Seed fund")


def test_the_relevance_order_is_the_catalogue_pages_and_the_exports(api_client, two_tiers):
    filterset = catalogue_filter(QueryDict("q=incubator"))
    assert filterset.is_valid()
    html = [entry.slug for entry in catalogue_search(filterset).practices]
    exported = [row["slug"] for row in export_rows(filterset, base_url="/")]
    assert (
        result_slugs(api_client.get(f"{PRACTICES}?q=incubator")) == html == exported == RANKED_ORDER
    )
    assert (
        result_slugs(api_client.get(f"{PRACTICES}?q=incubator&ordering=relevance")) == RANKED_ORDER
    )
    reverse = result_slugs(api_client.get(f"{PRACTICES}?q=incubator&ordering=-relevance"))
    assert reverse == RANKED_ORDER[::-1]


@pytest.mark.parametrize("ordering", ["", "&ordering=-relevance"])
def test_relevance_pages_cover_both_tiers_once_and_lead_back(api_client, two_tiers, ordering):
    expected = RANKED_ORDER[::-1] if ordering else RANKED_ORDER
    url = f"{PRACTICES}?q=incubator&page_size=2{ordering}"
    assert _all_pages(api_client, url) == expected
    pages = [api_client.get(url).json()]
    while pages[-1]["next"]:
        pages.append(api_client.get(pages[-1]["next"]).json())
    assert [len(page["results"]) for page in pages] == [2, 2, 2]
    assert pages[0]["previous"] is None
    # Back from the last page, through the tier boundary, to the first.
    back = api_client.get(pages[2]["previous"]).json()
    assert _slugs_of(back) == _slugs_of(pages[1])
    assert _slugs_of(api_client.get(back["previous"]).json()) == _slugs_of(pages[0])


def test_a_cursor_in_the_second_tier_continues_with_older_matches(api_client, two_tiers):
    body = Practice.objects.get(slug="body")
    position = json.dumps([2, 0.0, body.published_at.isoformat(), body.pk])
    response = api_client.get(f"{PRACTICES}?q=incubator&cursor={_cursor(position)}")
    assert result_slugs(response) == ["older-title", "old-body", "oldest"]
    # After the last of the first tier: the second tier from its start.
    first = api_client.get(f"{PRACTICES}?q=incubator&page_size=1").json()
    second = api_client.get(first["next"]).json()
    assert _slugs_of(second) == ["recent-summary"]
    assert result_slugs(api_client.get(second["next"])) == ["body"]


def test_relevance_pages_cost_the_same_queries_whatever_their_size(
    api_client, org, django_assert_num_queries
):
    for number in range(30):
        published(org, slug=f"fund-{number}", title="Seed fund" if number % 2 else "Fund")
    for size in (1, 100):
        # A savepoint and its release around the search (a transaction outside tests),
        # the planner setting and its reset, the page's positions; then its rows.
        # (+1: the rate-limit counter, one upsert; none with Redis.)
        with django_assert_num_queries(7):
            response = api_client.get(f"{PRACTICES}?q=fund&page_size={size}")
        assert len(response.json()["results"]) == min(size, 30)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("stage=sleepy", "stage"),
        ("transferability=huge", "transferability"),
        ("language=xx", "language"),
        ("page_size=abc", "page_size"),
        ("page_size=101", "page_size"),
        ("cursor=%%%", "cursor"),
        ("cursor=" + _cursor("not json"), "cursor"),
        ("cursor=" + _cursor('{"a": 1}'), "cursor"),
        ("cursor=" + _cursor('["2008-01-01T00:00:00Z"]'), "cursor"),  # id missing
        ("cursor=" + _cursor('["yesterday", 3]'), "cursor"),
        ("cursor=" + _cursor('["2008-01-01T00:00:00Z", "x"]'), "cursor"),
        ("cursor=" + _cursor("[null, 3]"), "cursor"),
        ("q=fund&cursor=" + _cursor('[true, NaN, "2008-01-01T00:00:00Z", 3]'), "cursor"),
        ("q=fund&cursor=" + _cursor('[true, "high", "2008-01-01T00:00:00Z", 3]'), "cursor"),
        ("q=fund&cursor=" + _cursor('[3, 0.5, "2008-01-01T00:00:00Z", 3]'), "cursor"),
        ("q=fund&cursor=" + _cursor('[1, 0.5, "2008-01-01T00:00:00Z"]'), "cursor"),
        ("ordering=popularity", "ordering"),
        ("q=" + "x" * 201, "q"),
        ("stages=mature", "stages"),
    ],
)
def test_bad_query_parameters_are_400_problems(api_client, org, query, parameter):
    published(org)
    response = api_client.get(f"{PRACTICES}?{query}")
    assert response.status_code == 400, response.content
    body = problem(response)
    assert list(body["errors"]) == [parameter]
    assert body["detail"].startswith(f"{parameter}: ")


def test_a_page_costs_one_query_whatever_its_size(api_client, org, django_assert_num_queries):
    for number in range(30):
        published(org, slug=f"practice-{number}", origin_cluster=ClusterFactory())
    for size in (1, 100):
        # 1: the page (practices joined with owner and cluster; no COUNT).
        # (+1: the rate-limit counter, one upsert; none with Redis.)
        with django_assert_num_queries(2):
            response = api_client.get(f"{PRACTICES}?page_size={size}&stage=emerging")
        assert len(response.json()["results"]) == min(size, 30)
    with django_assert_num_queries(2):
        assert (
            api_client.get(f"{PRACTICES}?q=practice&ordering=-transferability").status_code == 200
        )


# --- one practice ------------------------------------------------------------------------------


@pytest.fixture
def practice(org):
    return published(
        org,
        slug="seed-fund",
        title="Seed fund",
        contact_name="Jane Doe",
        contact_email="jane@example.org",
        dos=["Pay in tranches"],
        links=["https://example.org/fund"],
    )


def test_the_detail_adds_the_body_documents_and_reproducibility(api_client, practice, editor):
    StakeholderInterviewFactory(practice=practice, relevance=5, feasibility=4)
    StakeholderInterviewFactory(practice=practice, relevance=3, feasibility=4)
    # Documents are added while a practice is editable; then it is published.
    Practice.objects.filter(pk=practice.pk).update(status=Status.DRAFT)
    workflow.attachment_add(
        practice=practice, uploaded_file=upload("plan.pdf", PDF_BYTES), title="Plan", by=editor
    )
    Practice.objects.filter(pk=practice.pk).update(status=Status.PUBLISHED)

    body = api_client.get(detail_url(practice)).json()
    assert list(body)[: len(LIST_FIELDS)] == LIST_FIELDS
    assert body["status"] == "published"
    assert body["dos"] == ["Pay in tranches"]
    assert body["links"] == ["https://example.org/fund"]
    [attachment] = body["attachments"]
    assert attachment["title"] == "Plan"
    assert attachment["name"] == "plan.pdf"
    assert attachment["content_type"] == "application/pdf"
    assert attachment["size"] == len(PDF_BYTES)
    assert attachment["url"].startswith("http://testserver/practices/seed-fund/attachments/")
    reproducibility = body["reproducibility"]
    assert reproducibility["interview_count"] == 2
    assert reproducibility["means"]["relevance"] == 4.0
    assert body["pending_revision"] is None
    assert body["actions"] == []


def test_contact_data_are_for_partners_and_their_keys(api_client, practice, charlie, key_for):
    assert api_client.get(detail_url(practice)).json()["contact"] is None
    api_client.force_login(UserFactory(email="signed-up@example.org"))  # no organisation
    assert api_client.get(detail_url(practice)).json()["contact"] is None
    api_client.logout()
    other_key = key_for(charlie.memberships.get().organisation, "read")
    contact = api_client.get(detail_url(practice), headers=bearer(other_key)).json()["contact"]
    assert contact == {"name": "Jane Doe", "email": "jane@example.org", "phone": ""}
    api_client.force_login(charlie)
    assert api_client.get(detail_url(practice)).json()["contact"]["name"] == "Jane Doe"


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.ARCHIVED])
def test_records_in_progress_are_found_by_their_organisation_only(
    api_client, org, other_org, status, read_key, key_for, bob, charlie
):
    practice = in_state(org, status)
    url = detail_url(practice)
    assert problem(api_client.get(url))["status"] == 404
    other_key = key_for(other_org, "write")
    assert api_client.get(url, headers=bearer(other_key)).status_code == 404
    assert api_client.get(url, headers=bearer(read_key)).json()["status"] == status
    api_client.force_login(charlie)
    assert api_client.get(url).status_code == 404
    api_client.force_login(bob)
    assert api_client.get(url).json()["status"] == status


def test_the_owner_sees_the_pending_revision_and_the_public_the_published_text(
    api_client, practice, editor, read_key
):
    workflow.practice_update(
        practice=practice, data={"title": "Seed fund, revised"}, expected_version=1, by=editor
    )
    assert PracticeRevision.objects.filter(practice=practice).exists()
    public = api_client.get(detail_url(practice)).json()
    assert public["title"] == "Seed fund"
    assert public["pending_revision"] is None
    owner = api_client.get(detail_url(practice), headers=bearer(read_key)).json()
    assert owner["title"] == "Seed fund"
    assert owner["pending_revision"]["content"]["title"] == "Seed fund, revised"
    assert owner["pending_revision"]["version"] == 2


def test_the_owner_learns_which_actions_are_open(api_client, org, write_key, read_key):
    draft = in_state(org, Status.DRAFT)
    assert api_client.get(detail_url(draft), headers=bearer(write_key)).json()["actions"] == [
        "submit"
    ]
    assert api_client.get(detail_url(draft), headers=bearer(read_key)).json()["actions"] == []


def test_an_unknown_practice_is_a_404_problem(api_client):
    body = problem(api_client.get(f"{PRACTICES}no-such-practice/"))
    assert body["status"] == 404
    assert body["type"].endswith("#problem-not-found")


def test_a_detail_costs_a_fixed_number_of_queries(api_client, practice, django_assert_num_queries):
    StakeholderInterviewFactory.create_batch(3, practice=practice)
    # 1 the practice with owner and cluster, 2 its documents, 3 the interview aggregate.
    # (+1: the rate-limit counter, one upsert; none with Redis.)
    with django_assert_num_queries(4):
        assert api_client.get(detail_url(practice)).status_code == 200


# --- ETags and CORS ---------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["list", "detail"])
def test_if_none_match_gives_304_until_something_changes(api_client, practice, which):
    url = PRACTICES if which == "list" else detail_url(practice)
    first = api_client.get(url)
    etag = first["ETag"]
    again = api_client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    Practice.objects.filter(pk=practice.pk).update(title="Seed fund (2nd edition)")
    changed = api_client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_new_document_changes_the_etag(api_client, org, editor, write_key):
    draft = in_state(org, Status.DRAFT)
    etag = api_client.get(detail_url(draft), headers=bearer(write_key))["ETag"]
    workflow.attachment_add(practice=draft, uploaded_file=upload("a.pdf", PDF_BYTES), by=editor)
    response = api_client.get(
        detail_url(draft), headers={**bearer(write_key), "If-None-Match": etag}
    )
    assert response.status_code == 200


def test_answers_vary_with_the_caller(api_client, practice):
    response = api_client.get(detail_url(practice))
    assert "Authorization" in response["Vary"]


def test_cors_is_open_for_reading(api_client, practice):
    response = api_client.get(PRACTICES, headers={"Origin": "https://example.net"})
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = api_client.options(
        PRACTICES,
        headers={"Origin": "https://example.net", "Access-Control-Request-Method": "POST"},
    )
    assert "POST" not in preflight.get("Access-Control-Allow-Methods", "")


def test_list_pages_render_valid_json_for_every_item(api_client, org):
    published(org, title='Quotes " and \\ and ünïcode')
    body = json.loads(api_client.get(PRACTICES).content)
    assert body["results"][0]["title"] == 'Quotes " and \\ and ünïcode'


def test_the_benchmark_floor_view_is_not_part_of_the_product(client):
    from django.urls import NoReverseMatch, reverse

    with pytest.raises(NoReverseMatch):
        reverse("bench-floor-practices")
    assert client.get("/bench/floor/practices/").status_code == 404
