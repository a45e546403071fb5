"""Streamed exports never end as a truncated 200 (issue 7, point 3).

Before the first byte: an invalid query is a 400 and a query that fails in SQL is an
error answer (it used to be a 200 whose whole body was ``[``). After it: the server
drops the connection instead of ending a well-formed partial body.
"""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import DataError, connection
from django.urls import reverse

from netbioclue.streaming import StreamAborted
from practices.api import opendata
from practices.views import catalogue as catalogue_views
from tests.practices.export_rows import row as _row

HTML_EXPORTS = ["practices:export_csv", "practices:export_json"]
OPEN_DATA = ["/api/v1/open-data/practices.jsonl", "/api/v1/open-data/practices.csv"]
ROWS = 1200  # more than one chunk of every writer


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


# --- under gunicorn, the server the portal runs on in production ------------------------------


# More than the open-data writers' first 64 KB block: the failure comes after the first
# bytes of every export (before them, gunicorn still answers 500).
GUNICORN_ROWS = 5000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def gunicorn_failing_exports(transactional_db, tmp_path):
    """gunicorn (sync workers, as the Dockerfile runs it) on the test database, serving
    ``failing_export_wsgi``: every practice export fails after GUNICORN_ROWS rows."""
    database = connection.settings_dict
    port = _free_port()
    log = (tmp_path / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--access-logfile",
            "-",
            "tests.practices.failing_export_wsgi:application",
        ],
        env={
            **os.environ,
            "DATABASE_URL": (
                f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
                f"{database['PORT'] or 5432}/{database['NAME']}"
            ),
            "DATABASE_CONN_MAX_AGE": "0",
            "FAIL_AFTER_ROWS": str(GUNICORN_ROWS),
        },
        cwd=Path(__file__).resolve().parents[2],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "gunicorn did not start: " + (tmp_path / "gunicorn.log").read_text()
                    ) from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", tmp_path / "gunicorn.log"
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.mark.parametrize(
    "path",
    [
        reverse("practices:export_csv"),
        reverse("practices:export_json"),
        "/api/v1/open-data/practices.csv",
        "/api/v1/open-data/practices.jsonl",
    ],
)
def test_under_gunicorn_a_download_cut_mid_stream_is_an_incomplete_chunked_body(
    gunicorn_failing_exports, path
):
    url, log = gunicorn_failing_exports
    address = urlsplit(url)
    client = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        client.request("GET", path)
        response = client.getresponse()
        assert response.status == 200, log.read_text()
        assert response.getheader("Transfer-Encoding") == "chunked"
        # The terminating zero-length chunk never comes: the client is told the body is
        # incomplete instead of being handed a well-formed partial file.
        with pytest.raises(http.client.IncompleteRead) as cut:
            response.read()
    finally:
        client.close()

    assert cut.value.partial  # the first rows had arrived
    assert b"practice-0" in cut.value.partial
    assert "dropping the connection" in log.read_text()
