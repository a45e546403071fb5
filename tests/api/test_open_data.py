"""Open data: the published catalogue as JSON Lines and CSV, streamed, CC BY 4.0."""

import csv
import datetime
import io
import json

import pytest
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.http import http_date

from practices.models import Practice, Status
from practices.selectors.catalogue import EXPORT_COLUMNS
from tests.api.helpers import problem
from tests.api.practice_data import in_state, published

pytestmark = pytest.mark.django_db

JSONL = "/api/v1/open-data/practices.jsonl"
CSV = "/api/v1/open-data/practices.csv"
DATAPACKAGE = "/api/v1/open-data/datapackage.json"
LICENCE_LINK = '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'


def _text(response) -> str:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode()


@pytest.fixture
def catalogue(org, other_org):
    newer = published(org, slug="newer", title="Newer", contact_email="secret@example.org")
    older = published(other_org, slug="older", title="Older, with a comma", days_ago=2)
    for status in (Status.DRAFT, Status.SUBMITTED, Status.ARCHIVED, Status.REJECTED):
        in_state(org, status)
    return [newer, older]


def test_json_lines_hold_one_practice_per_line_and_nothing_else(api_client, catalogue):
    response = api_client.get(JSONL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/jsonl; charset=utf-8"
    assert response["Link"] == LICENCE_LINK
    assert "attachment" in response["Content-Disposition"]
    lines = [json.loads(line) for line in _text(response).splitlines()]
    # No metadata line: pandas.read_json(lines=True) and jq see practices only.
    assert [line["slug"] for line in lines] == ["newer", "older"]
    assert list(lines[0]) == list(EXPORT_COLUMNS)
    assert lines[0]["url"] == "http://testserver/practices/newer/"
    assert lines[0]["stages"] == ["emerging"]


def test_csv_is_a_plain_table_with_the_licence_in_the_headers(api_client, catalogue):
    response = api_client.get(CSV)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Link"] == LICENCE_LINK
    rows = list(csv.reader(io.StringIO(_text(response))))
    assert rows[0] == list(EXPORT_COLUMNS)
    assert [row[0] for row in rows[1:]] == ["newer", "older"]
    record = dict(zip(rows[0], rows[2], strict=True))
    assert record["title"] == "Older, with a comma"
    assert "licen" not in "".join(rows[-1]).lower()


@pytest.mark.parametrize("url", [JSONL, CSV])
def test_no_contact_data_is_published(api_client, catalogue, url):
    assert "secret@example.org" not in _text(api_client.get(url))


@pytest.mark.parametrize("url", [JSONL, CSV])
def test_if_modified_since_gives_304_until_the_catalogue_changes(api_client, catalogue, url):
    first = api_client.get(url)
    last_modified = first["Last-Modified"]
    assert api_client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    later = timezone.now() + datetime.timedelta(seconds=5)
    Practice.objects.filter(slug="older").update(updated_at=later)
    again = api_client.get(url, headers={"If-Modified-Since": last_modified})
    assert again.status_code == 200
    assert again["Last-Modified"] == http_date(int(later.timestamp()))


def test_archiving_a_practice_counts_as_a_change(api_client, catalogue):
    last_modified = api_client.get(JSONL)["Last-Modified"]
    later = timezone.now() + datetime.timedelta(seconds=5)
    Practice.objects.filter(slug="newer").update(status=Status.ARCHIVED, updated_at=later)
    response = api_client.get(JSONL, headers={"If-Modified-Since": last_modified})
    assert response.status_code == 200
    assert "newer" not in _text(response)


def test_rows_are_read_only_while_streaming(api_client, catalogue, django_assert_num_queries):
    # Before the first byte: the three Last-Modified aggregates and the first chunk of
    # rows (read before streaming so that a failing query is an error answer, not a cut
    # 200: netbioclue.streaming); then nothing more for a catalogue within one chunk.
    # (+1: the rate-limit counter, one upsert; none with Redis.)
    with django_assert_num_queries(5):
        response = api_client.get(JSONL)
    with django_assert_num_queries(0):
        lines = _text(response).splitlines()
    assert len(lines) == 2  # records only


def test_the_files_stream_in_blocks_not_row_by_row(api_client, org):
    for number in range(300):
        published(org, slug=f"practice-{number}", summary="x" * 400)
    response = api_client.get(JSONL)  # ~180 KB: a few blocks of 64 KB
    blocks = list(response.streaming_content)
    assert 1 < len(blocks) < 300


def test_an_empty_catalogue_is_an_empty_table(api_client, db):
    response = api_client.get(CSV)
    assert _text(response).splitlines() == [",".join(EXPORT_COLUMNS)]
    assert "Last-Modified" not in response  # nothing was ever published


def test_downloads_are_open_to_other_sites(api_client, catalogue):
    response = api_client.get(JSONL, headers={"Origin": "https://example.net"})
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_bad_key_is_a_401_problem_here_too(api_client):
    response = api_client.get(CSV, headers={"Authorization": "Bearer nope"})
    assert problem(response)["status"] == 401


def test_any_accept_header_gets_the_file(api_client, catalogue):
    response = api_client.get(CSV, headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


def test_downloads_are_rate_limited(api_client, catalogue, throttle_rates):
    throttle_rates(anon="1/min")
    assert api_client.get(CSV).status_code == 200
    response = api_client.get(CSV)
    assert problem(response)["status"] == 429
    assert int(response["Retry-After"]) >= 1


def test_the_getting_started_page_shows_how_to_use_practices_and_open_data(client, settings):
    settings.DEBUG = True
    html = client.get("/api/v1/getting-started/").content.decode()
    for example in (
        "http://testserver/api/v1/practices/?q=",
        "http://testserver/api/v1/open-data/practices.jsonl",
        "http://testserver/api/v1/open-data/practices.csv",
        "If-Modified-Since",
        "/submit/",
        "/attachments/",
        'export NBC_KEY="netbioclue-demo-erbi-key"',
        "jq -r '.next'",
    ):
        assert example in html, example


# --- the Data Package descriptor next to the files --------------------------------------------


def _download_package(api_client, folder):
    """datapackage.json and every file it lists, saved side by side in ``folder`` with the
    resources' paths made local (frictionless then reads them from disk)."""
    package = api_client.get(DATAPACKAGE).json()
    for resource in package["resources"]:
        name = resource["path"].rsplit("/", 1)[1]
        assert resource["path"] == f"http://testserver/api/v1/open-data/{name}"
        response = api_client.get(resource["path"])
        assert response.status_code == 200
        (folder / name).write_bytes(b"".join(response.streaming_content))
        resource["path"] = name
    (folder / "datapackage.json").write_text(json.dumps(package))
    return package


def test_the_files_are_described_by_a_valid_frictionless_data_package(
    api_client, catalogue, tmp_path
):
    import frictionless

    package = _download_package(api_client, tmp_path)

    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert {"practices-jsonl", "practices-csv", "indicator-values"} <= set(resources)
    assert package["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "CC BY 4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]
    # The rows frictionless reads are the practices, in both formats.
    frictionless_package = frictionless.Package(tmp_path / "datapackage.json")
    for name in ("practices-jsonl", "practices-csv"):
        rows = frictionless_package.get_resource(name).read_rows()
        assert [row["slug"] for row in rows] == ["newer", "older"], name


def test_column_descriptions_and_types_come_from_the_field_registry(api_client):
    from practices.fields import PRACTICE_FIELDS

    package = api_client.get(DATAPACKAGE).json()
    resources = {resource["name"]: resource for resource in package["resources"]}
    jsonl = {field["name"]: field for field in resources["practices-jsonl"]["schema"]["fields"]}
    csv_fields = {f["name"]: f for f in resources["practices-csv"]["schema"]["fields"]}

    assert list(jsonl) == list(EXPORT_COLUMNS) == list(csv_fields)
    for spec in PRACTICE_FIELDS.exported():
        assert jsonl[spec.name]["title"] == str(spec.label)
        if spec.help_text:
            assert str(spec.help_text) in jsonl[spec.name]["description"]
    assert jsonl["stages"]["type"] == "array"  # a JSON list
    assert csv_fields["stages"]["type"] == "string"  # "emerging; mature"
    assert "emerging" in csv_fields["stages"]["description"]
    assert jsonl["evidence_level"]["constraints"]["enum"]
    assert jsonl["interview_count"]["type"] == "integer"
    assert jsonl["published_at"]["type"] == "datetime"
    assert jsonl["title"]["constraints"]["required"] is True
