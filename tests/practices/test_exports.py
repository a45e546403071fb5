"""CSV and JSON exports of a catalogue search: streamed, same rows as the page, safe."""

import csv
import datetime
import io
import json
from urllib.parse import urlencode

import pytest
from django.db.models import QuerySet
from django.http import QueryDict, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from practices import exports
from practices.models import Status
from practices.selectors import catalogue
from practices.selectors.catalogue import EXPORT_COLUMNS, catalogue_filter, catalogue_search
from tests.factories import ClusterFactory, PracticeFactory

pytestmark = pytest.mark.django_db

CSV_URL = reverse("practices:export_csv")
JSON_URL = reverse("practices:export_json")


def practice(days_ago: int = 0, **fields):
    published = timezone.now() - datetime.timedelta(days=days_ago)
    return PracticeFactory(published=True, published_at=published, **fields)


def read_csv(response) -> list[dict]:
    content = b"".join(response.streaming_content).decode()
    assert content.startswith("\ufeff")  # the byte-order mark, for spreadsheet programs
    return list(csv.DictReader(io.StringIO(content.removeprefix("\ufeff"))))


def read_json(response) -> list[dict]:
    return json.loads(b"".join(response.streaming_content))


def test_the_csv_export_is_a_dated_streamed_attachment(client):
    practice()

    response = client.get(CSV_URL)

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    expected = f'attachment; filename="netbioclue-practices-{today}.csv"'
    assert response["Content-Disposition"] == expected


def test_the_csv_download_is_utf8_with_a_byte_order_mark_so_accents_survive(client):
    practice(title="Innovationsförderung in München", region="Île-de-France")

    body = b"".join(client.get(CSV_URL).streaming_content)

    # Spreadsheet programs take a UTF-8 file for their local code page unless it begins
    # with the byte-order mark; with it the accents open intact.
    assert body.startswith(b"\xef\xbb\xbf")
    assert body.count(b"\xef\xbb\xbf") == 1
    assert "Innovationsförderung in München" in body.decode("utf-8-sig")
    assert body.decode("utf-8-sig").startswith("slug,url,")


def test_the_csv_export_has_every_column_and_no_contact_data(client):
    cluster = ClusterFactory(name="Genopole")
    practice(
        slug="seed-fund",
        title="Seed fund",
        summary="A fund.",
        owner__name="Essonne Chamber of Commerce",
        country="FR",
        region="Île-de-France",
        origin_cluster=cluster,
        stages=["emerging", "developing"],
        tool_types=["funding", "grants"],
        transferability="high",
        interview_count=3,
        start_year=2004,
        end_year=2008,
        language="fr",
        contact_name="Jane Doe",
        contact_email="jane@example.org",
        contact_phone="+33 1 00 00 00 00",
    )

    response = client.get(CSV_URL)
    (row,) = read_csv(response)

    assert list(row) == list(EXPORT_COLUMNS)
    assert row["slug"] == "seed-fund"
    assert row["url"] == "http://testserver/practices/seed-fund/"
    assert row["owner"] == "Essonne Chamber of Commerce"
    assert row["region"] == "Île-de-France"
    assert row["origin_cluster"] == "Genopole"
    assert row["stages"] == "emerging; developing"
    assert row["tool_types"] == "funding; grants"
    assert (row["transferability"], row["interview_count"]) == ("high", "3")
    assert (row["start_year"], row["end_year"], row["language"]) == ("2004", "2008", "fr")
    content = b"".join(client.get(CSV_URL).streaming_content).decode()
    assert "Jane" not in content and "jane@example.org" not in content and "+33" not in content


def test_exports_have_the_same_rows_in_the_same_order_as_the_page(client):
    practice(days_ago=3, slug="body", description="An incubator.", stages=["emerging"])
    practice(days_ago=2, slug="title", title="Incubator", stages=["emerging"])
    practice(days_ago=1, slug="mature", title="Incubator", stages=["mature"])
    practice(days_ago=1, slug="other", title="Seed fund", stages=["emerging"])
    PracticeFactory(slug="draft", title="Incubator", status=Status.DRAFT, stages=["emerging"])
    params = {"q": "incubator", "stage": "emerging"}

    filterset = catalogue_filter(QueryDict(urlencode(params)))
    assert filterset.is_valid()
    page = [entry.slug for entry in catalogue_search(filterset).practices]
    csv_rows = [row["slug"] for row in read_csv(client.get(CSV_URL, params))]
    json_rows = [row["slug"] for row in read_json(client.get(JSON_URL, params))]

    assert page == csv_rows == json_rows == ["title", "body"]


def test_rows_arrive_in_chunks(client, monkeypatch):
    monkeypatch.setattr(exports, "EXPORT_CHUNK_ROWS", 2)
    for n in range(5):
        practice(days_ago=n)

    csv_chunks = list(client.get(CSV_URL).streaming_content)
    json_chunks = list(client.get(JSON_URL).streaming_content)

    # CSV: the byte order mark, the header, then rows 2 + 2 + 1. JSON: "[", rows
    # 2 + 2 + 1, "]".
    assert csv_chunks[0] == exports.SPREADSHEET_BOM.encode()
    assert [chunk.count(b"\n") for chunk in csv_chunks[1:]] == [1, 2, 2, 1]
    assert len(json_chunks) == 5


def test_rows_are_read_through_a_server_side_cursor_in_chunks(
    monkeypatch, django_assert_num_queries
):
    for days_ago in range(5):
        practice(days_ago=days_ago)
    calls = []
    real_iterator = QuerySet.iterator

    def spy(self, chunk_size=None):
        calls.append(chunk_size)
        return real_iterator(self, chunk_size=chunk_size)

    monkeypatch.setattr(QuerySet, "iterator", spy)
    filterset = catalogue_filter({})
    assert filterset.is_valid()

    # The first chunk is read at once (a failing query fails before streaming starts)...
    with django_assert_num_queries(1):
        rows = catalogue.export_rows(filterset, base_url="http://x/", chunk_size=2)
    # ...and the rest when the response is consumed, through one server-side cursor.
    with django_assert_num_queries(1):
        assert len(list(rows)) == 5
    assert calls == [2]


def test_a_result_within_one_chunk_needs_no_cursor(monkeypatch):
    practice()
    calls = []
    monkeypatch.setattr(QuerySet, "iterator", lambda *a, **k: calls.append(k))
    filterset = catalogue_filter({})
    assert filterset.is_valid()
    assert len(list(catalogue.export_rows(filterset, base_url="http://x/"))) == 1
    assert calls == []


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(1)", "+1+1", "-2+3", "@SUM(A1)", "\tx"])
def test_cells_that_a_spreadsheet_would_run_are_neutralised(client, dangerous):
    practice(title=dangerous, summary=dangerous, region=dangerous)

    (row,) = read_csv(client.get(CSV_URL))

    assert row["title"] == row["summary"] == row["region"] == "'" + dangerous


def test_the_json_export_is_an_array_of_objects_with_lists(client):
    practice(slug="seed-fund", stages=["emerging", "mature"], title="=1+1")

    response = client.get(JSON_URL)

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].endswith('.json"')
    (row,) = read_json(response)
    assert list(row) == list(EXPORT_COLUMNS)
    assert row["stages"] == ["emerging", "mature"]
    assert row["title"] == "=1+1"  # JSON is data, not a spreadsheet
    assert row["published_at"].startswith(str(timezone.now().year))


def test_an_empty_result_exports_a_header_or_an_empty_array(client):
    assert read_csv(client.get(CSV_URL, {"q": "nothing"})) == []
    assert read_json(client.get(JSON_URL, {"q": "nothing"})) == []


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_bad_parameters_are_refused_with_a_reason(client, url):
    response = client.get(url, {"stage": "boiling"})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain"
    assert "stage: Select a valid choice. boiling" in response.content.decode()
