"""Streamed exports never end as a truncated 200 (issue 7, point 3).

Before the first byte: an invalid query is a 400 and a query that fails in SQL is an
error answer (it used to be a 200 whose whole body was ``[``). After it: the server
drops the connection instead of ending a well-formed partial body.
"""

import http.client
import json
from urllib.parse import urlsplit

import pytest
from django.db import DataError
from django.urls import reverse

from netbioclue.streaming import StreamAborted
from practices.api import opendata
from practices.selectors.catalogue import EXPORT_COLUMNS
from practices.views import catalogue as catalogue_views

HTML_EXPORTS = ["practices:export_csv", "practices:export_json"]
OPEN_DATA = ["/api/v1/open-data/practices.jsonl", "/api/v1/open-data/practices.csv"]
ROWS = 1200  # more than one chunk of every writer


def _row(number: int) -> dict:
    row = dict.fromkeys(EXPORT_COLUMNS, "")
    row.update(slug=f"practice-{number}", title=f"Practice {number}", stages=["emerging"])
    return row


def _failing_rows(after: int):
    def export_rows(*args, **kwargs):
        for number in range(after):
            yield _row(number)
        raise DataError("the database went away")

    return export_rows


@pytest.fixture
def fail_after(monkeypatch):
    def patch(after: int):
        monkeypatch.setattr(catalogue_views, "export_rows", _failing_rows(after))
        monkeypatch.setattr(opendata, "export_rows", _failing_rows(after))

    return patch


# --- before the first byte --------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("export", HTML_EXPORTS)
@pytest.mark.parametrize("query", [{"q": "x" * 201}, {"q": "fund\x00"}, {"stage": "sleepy"}])
def test_an_invalid_query_is_a_400_before_streaming(client, export, query):
    response = client.get(reverse(export), query)
    assert response.status_code == 400
    assert not response.streaming


@pytest.mark.django_db
@pytest.mark.parametrize("export", HTML_EXPORTS)
def test_a_query_that_fails_at_once_is_an_error_not_a_200(client, fail_after, export):
    fail_after(0)
    response = client.get(reverse(export))
    assert response.status_code == 400  # DataError: netbioclue.dataerrors
    assert not response.streaming


@pytest.mark.django_db
@pytest.mark.parametrize("url", OPEN_DATA)
def test_open_data_that_fails_at_once_is_an_error_not_a_200(client, fail_after, url):
    fail_after(0)
    response = client.get(url)
    assert response.status_code == 400
    assert not response.streaming
    assert response["Content-Type"].startswith("application/problem+json")


# --- after it ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("export", HTML_EXPORTS)
def test_a_failure_mid_stream_raises_instead_of_ending_the_body(client, fail_after, export):
    fail_after(ROWS)
    response = client.get(reverse(export))
    assert response.status_code == 200
    chunks = []
    with pytest.raises(StreamAborted):
        for chunk in response.streaming_content:
            chunks.append(chunk)
    assert chunks  # something was sent before the failure
    assert not b"".join(chunks).rstrip().endswith(b"]")


@pytest.mark.django_db
@pytest.mark.parametrize("url", OPEN_DATA)
def test_open_data_failing_mid_stream_raises(client, fail_after, url):
    fail_after(ROWS)
    response = client.get(url)
    assert response.status_code == 200
    with pytest.raises(StreamAborted):
        b"".join(response.streaming_content)


def _download(live_server, path: str) -> tuple[int, bytes, bool]:
    """(status, body, whether the read was cut short) of a plain HTTP/1.1 GET."""
    address = urlsplit(live_server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        try:
            return response.status, response.read(), False
        except http.client.IncompleteRead as error:
            return response.status, error.partial, True
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "path", [reverse("practices:export_json"), "/api/v1/open-data/practices.jsonl"]
)
def test_a_client_can_tell_a_broken_download(live_server, fail_after, path, caplog):
    fail_after(ROWS)
    status, body, cut = _download(live_server, path)
    assert status == 200
    assert body  # the download had started
    # Either the transfer is reported incomplete or the document is not whole.
    if not cut:
        if path.endswith(".jsonl"):
            lines = body.decode().splitlines()
            assert len(lines) < ROWS + 1
        else:
            with pytest.raises(ValueError):
                json.loads(body)
            assert not body.rstrip().endswith(b"]")
    assert "dropping the connection" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_whole_download_is_well_formed(live_server, monkeypatch):
    # The same download without a failure: complete, parses, every row there.
    def export_rows(*args, **kwargs):
        for number in range(ROWS):
            yield _row(number)

    monkeypatch.setattr(catalogue_views, "export_rows", export_rows)
    status, body, cut = _download(live_server, reverse("practices:export_json"))
    assert (status, cut) == (200, False)
    assert len(json.loads(body)) == ROWS
