"""``Idempotency-Key`` on API POSTs: a retried POST runs once and gets the first answer.

Before: a client that retried a POST (a timeout, a lost answer) created the practice
twice, and parallel retries created as many as were sent. Now the same key and body
replay the stored answer (same status, body, Location), another body is a 422, keys are
scoped per caller and expire after 24 hours.
"""

import datetime
import json
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from netbioclue import idempotency
from netbioclue.models import IdempotencyRecord
from organisations.models import ApiKeyScope
from practices.models import Practice, PracticeAttachment, Status
from tests.api.helpers import bearer, problem
from tests.api.practice_data import PRACTICES, detail_url, in_state
from tests.concurrency import in_parallel
from tests.practices.factories_workflow import PDF_BYTES, content, upload

KEY = "8e03978e-40d5-43e8-bc93-6894a57f9324"


def _headers(raw_key, key=KEY):
    return {**bearer(raw_key), "Idempotency-Key": f'"{key}"'}


@pytest.mark.django_db
class TestReplay:
    def test_a_retried_create_returns_the_first_answer_and_creates_nothing(
        self, api_client, write_key
    ):
        first = api_client.post(PRACTICES, content(), format="json", headers=_headers(write_key))
        again = api_client.post(PRACTICES, content(), format="json", headers=_headers(write_key))

        assert Practice.objects.count() == 1
        assert first.status_code == again.status_code == 201
        assert again.content == first.content
        assert again["Location"] == first["Location"]
        assert again["ETag"] == first["ETag"]
        assert again["Content-Type"] == first["Content-Type"]
        assert again["Idempotent-Replayed"] == "true"
        assert "Idempotent-Replayed" not in first

    def test_the_body_is_compared_as_json_not_as_bytes(self, api_client, write_key):
        data = content()
        reordered = json.dumps(dict(reversed(list(data.items()))), indent=2)
        api_client.post(PRACTICES, data, format="json", headers=_headers(write_key))
        again = api_client.post(
            PRACTICES, reordered, content_type="application/json", headers=_headers(write_key)
        )
        assert again.status_code == 201
        assert Practice.objects.count() == 1

    def test_a_bare_key_without_quotes_works_too(self, api_client, write_key):
        headers = {**bearer(write_key), "Idempotency-Key": KEY}
        api_client.post(PRACTICES, content(), format="json", headers=headers)
        api_client.post(PRACTICES, content(), format="json", headers=_headers(write_key))
        assert Practice.objects.count() == 1

    def test_the_same_key_with_another_body_is_a_422(self, api_client, write_key):
        api_client.post(PRACTICES, content(), format="json", headers=_headers(write_key))
        response = api_client.post(
            PRACTICES, content(title="Another practice"), format="json", headers=_headers(write_key)
        )
        assert response.status_code == 422
        body = problem(response)
        assert body["type"].endswith("#problem-idempotency-key-reused")
        assert body["code"] == "idempotency_key_reused"
        assert Practice.objects.count() == 1

    def test_the_same_key_on_another_endpoint_is_a_422(self, api_client, org, write_key):
        draft = in_state(org, Status.DRAFT)
        api_client.post(PRACTICES, content(), format="json", headers=_headers(write_key))
        response = api_client.post(
            detail_url(draft, "submit"), {}, format="json", headers=_headers(write_key)
        )
        assert response.status_code == 422

    def test_keys_are_scoped_per_api_key(self, api_client, org, key_for):
        first, second = key_for(org, ApiKeyScope.WRITE), key_for(org, ApiKeyScope.WRITE)
        one = api_client.post(PRACTICES, content(), format="json", headers=_headers(first))
        two = api_client.post(PRACTICES, content(), format="json", headers=_headers(second))
        assert one.status_code == two.status_code == 201
        assert one["Location"] != two["Location"]
        assert Practice.objects.count() == 2

    def test_a_signed_in_person_has_their_own_keys(self, api_client, editor, write_key):
        api_client.post(PRACTICES, content(), format="json", headers=_headers(write_key))
        api_client.force_login(editor)
        response = api_client.post(
            PRACTICES, content(), format="json", headers={"Idempotency-Key": KEY}
        )
        assert response.status_code == 201
        assert "Idempotent-Replayed" not in response
        assert Practice.objects.count() == 2

    def test_a_key_expires_after_24_hours(self, api_client, write_key):
        api_client.post(PRACTICES, content(), format="json", headers=_headers(write_key))
        IdempotencyRecord.objects.update(
            created_at=timezone.now() - idempotency.KEY_LIFETIME - datetime.timedelta(seconds=1)
        )
        response = api_client.post(PRACTICES, content(), format="json", headers=_headers(write_key))
        assert response.status_code == 201
        assert "Idempotent-Replayed" not in response
        assert Practice.objects.count() == 2
        assert idempotency.purge_expired() == 0  # the record was renewed, not left behind

    def test_an_error_answer_is_replayed_too(self, api_client, write_key):
        bad = content(title="")
        first = api_client.post(PRACTICES, bad, format="json", headers=_headers(write_key))
        again = api_client.post(PRACTICES, bad, format="json", headers=_headers(write_key))
        assert first.status_code == again.status_code == 400
        assert again.content == first.content
        assert again["Idempotent-Replayed"] == "true"

    def test_a_workflow_action_runs_once(self, api_client, org, write_key):
        draft = in_state(org, Status.DRAFT)
        url = detail_url(draft, "submit")
        first = api_client.post(url, {}, format="json", headers=_headers(write_key))
        again = api_client.post(url, {}, format="json", headers=_headers(write_key))
        assert first.status_code == again.status_code == 200
        # Without the key the second submit is a 409 (already submitted).
        assert api_client.post(url, {}, format="json", headers=bearer(write_key)).status_code == 409

    def test_a_multipart_upload_is_compared_by_its_fields_and_bytes(
        self, api_client, org, write_key
    ):
        draft = in_state(org, Status.DRAFT, slug="seed-fund")
        url = detail_url(draft, "attachments")
        for _attempt in range(2):  # each request has its own multipart boundary
            response = api_client.post(
                url,
                {"file": upload("plan.pdf", PDF_BYTES), "title": "Plan"},
                format="multipart",
                headers=_headers(write_key),
            )
            assert response.status_code == 201
        assert PracticeAttachment.objects.count() == 1
        other = api_client.post(
            url,
            {"file": upload("plan.pdf", PDF_BYTES + b"\n"), "title": "Plan"},
            format="multipart",
            headers=_headers(write_key),
        )
        assert other.status_code == 422

    @pytest.mark.parametrize("key", ["", "with space", "é", "x" * 256])
    def test_a_malformed_key_is_a_400(self, api_client, write_key, key):
        response = api_client.post(
            PRACTICES, content(), format="json", headers=_headers(write_key, key)
        )
        assert response.status_code == 400
        assert "Idempotency-Key" in problem(response)["errors"]
        assert not Practice.objects.exists()

    def test_without_the_header_nothing_changes(self, api_client, write_key):
        for _attempt in range(2):
            response = api_client.post(
                PRACTICES, content(), format="json", headers=bearer(write_key)
            )
            assert response.status_code == 201
        assert Practice.objects.count() == 2

    def test_a_refused_caller_stores_nothing(self, api_client, read_key):
        response = api_client.post(PRACTICES, content(), format="json", headers=_headers(read_key))
        assert response.status_code == 403
        assert not IdempotencyRecord.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_parallel_retries_with_one_key_create_one_practice(org, key_for):
    raw = key_for(org, ApiKeyScope.WRITE)
    body = json.dumps(content())
    key = str(uuid.uuid4())
    count = 16

    def post(_index):
        return Client().post(
            PRACTICES,
            body,
            content_type="application/json",
            headers={**bearer(raw), "Idempotency-Key": key},
        )

    responses = in_parallel(post, count)

    assert Practice.objects.count() == 1
    assert [response.status_code for response in responses] == [201] * count
    assert len({response["Location"] for response in responses}) == 1
    assert sum(response.has_header("Idempotent-Replayed") for response in responses) == count - 1


@pytest.mark.django_db
def test_the_schema_documents_the_header_and_the_422(api_client):
    schema = api_client.get("/api/v1/schema/", {"format": "json"}, HTTP_ACCEPT="application/json")
    operations = json.loads(schema.content)["paths"]
    posts = [path["post"] for path in operations.values() if "post" in path]
    assert posts
    for operation in posts:
        names = [parameter["name"] for parameter in operation.get("parameters", [])]
        assert "Idempotency-Key" in names
        assert "422" in operation["responses"]
    gets = [path["get"] for path in operations.values() if "get" in path]
    assert all(
        "Idempotency-Key" not in [p["name"] for p in operation.get("parameters", [])]
        for operation in gets
    )


@pytest.mark.django_db
def test_the_getting_started_page_explains_it(client):
    html = client.get("/api/v1/getting-started/").content.decode()
    assert 'id="idempotency"' in html
    assert "Idempotency-Key" in html
    assert 'id="problem-idempotency-key-reused"' in html
