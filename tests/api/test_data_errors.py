"""A DataError that a boundary missed is a 400, never a 500 (issue 7, point 2)."""

import pytest
from django.db import DataError
from django.urls import reverse

from practices.services import workflow
from tests.api.helpers import bearer, problem
from tests.practices.factories_workflow import content, form_data

pytestmark = pytest.mark.django_db


def _refuse(**kwargs):
    raise DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")


def test_the_api_answers_a_data_error_with_a_400_problem(monkeypatch, api_client, write_key):
    monkeypatch.setattr(workflow, "practice_create", _refuse)
    response = api_client.post(
        "/api/v1/practices/", content(), format="json", headers=bearer(write_key)
    )
    assert response.status_code == 400
    document = problem(response)
    assert document["code"] == "unstorable_input"
    assert "cannot store" in document["detail"]


def test_a_page_answers_a_data_error_with_the_400_page(monkeypatch, client, editor, caplog):
    monkeypatch.setattr(workflow, "practice_create", _refuse)
    client.force_login(editor)
    response = client.post(reverse("practices:create"), form_data(content()))
    assert response.status_code == 400
    assert "cannot be stored" in response.content.decode()
    assert "refused reached it unchecked" in caplog.text
