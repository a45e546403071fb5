"""Every error under /api/ is application/problem+json; bad input is 400, never 500."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from clusters.api import ClusterViewSet
from netbioclue.rest.exceptions import flatten_errors
from netbioclue.rest.viewsets import ApiViewMixin
from tests.api.helpers import problem, raw_cursor
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db

CLUSTERS = "/api/v1/clusters/"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("stage=sleepy", "stage"),
        ("country=XX", "country"),
        ("world_region=mars", "world_region"),
        ("page_size=abc", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=-3", "page_size"),
        ("page_size=101", "page_size"),
        ("cursor=%%%", "cursor"),
        ("cursor=bm90LWEtY3Vyc29y", "cursor"),  # base64 of text that is no cursor
        ("cursor=" + raw_cursor("o=-5"), "cursor"),
        ("ordering=-updated_at&cursor=" + raw_cursor("p=not-a-date"), "cursor"),
        ("ordering=population", "ordering"),
        ("stages=mature", "stages"),  # a typo of a parameter name
    ],
)
def test_bad_query_parameters_are_400_with_an_explanation(api_client, query, parameter):
    ClusterFactory.create_batch(2)
    response = api_client.get(f"{CLUSTERS}?{query}")
    assert response.status_code == 400
    body = problem(response)
    assert body["status"] == 400
    assert body["title"] == "Invalid input"
    assert body["type"] == "http://testserver/api/v1/getting-started/#problem-invalid-input"
    assert body["instance"].startswith(CLUSTERS)
    assert list(body["errors"]) == [parameter]
    assert body["errors"][parameter][0]
    assert body["detail"].startswith(f"{parameter}: ")


def test_an_unknown_facet_value_names_the_value(api_client):
    body = problem(api_client.get(f"{CLUSTERS}?stage=sleepy"))
    assert "sleepy" in body["errors"]["stage"][0]
    assert body["code"] == "invalid_choice"


def test_an_unknown_parameter_lists_the_known_ones(api_client):
    message = problem(api_client.get(f"{CLUSTERS}?stages=mature"))["errors"]["stages"][0]
    for known in ("stage", "q", "country", "cursor", "page_size", "ordering"):
        assert known in message


def test_a_forged_cursor_position_never_reaches_the_database_as_500(api_client):
    ClusterFactory.create_batch(3)
    for position in ("abc", "2026-13-45", "9" * 40):
        response = api_client.get(
            f"{CLUSTERS}?ordering=-created_at&cursor={raw_cursor('p=' + position)}"
        )
        assert response.status_code == 400, position


def test_an_unknown_api_url_is_a_404_problem(api_client):
    response = api_client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    body = problem(response)
    assert body["type"].endswith("#problem-not-found")
    assert body["instance"] == "/api/v1/no-such-thing/"


def test_an_unknown_record_is_a_404_problem(api_client):
    response = api_client.get(f"{CLUSTERS}atlantis/")
    assert response.status_code == 404
    assert problem(response)["title"] == "Not found"


def test_an_unknown_url_outside_the_api_stays_html(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_wrong_method_is_a_405_problem_with_allow(api_client, editor):
    api_client.force_login(editor)
    response = api_client.delete(f"{CLUSTERS}")
    assert response.status_code == 405
    assert "GET" in response["Allow"]
    assert problem(response)["code"] == "method_not_allowed"


def test_a_crash_is_a_500_problem_without_internals(api_client, monkeypatch):
    def explode(self):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(ClusterViewSet, "get_queryset", explode)
    api_client.raise_request_exception = False
    response = api_client.get(CLUSTERS)
    assert response.status_code == 500
    body = problem(response)
    assert body["type"].endswith("#problem-server-error")
    assert "secret" not in response.content.decode()


# --- What services raise, through the handler ---------------------------------------------------


class _ServiceView(ApiViewMixin, APIView):
    permission_classes = ()
    error_code_status = {"invalid_transition": 409}
    raises: Exception = RuntimeError("set by the test")

    def post(self, request):
        request.data  # noqa: B018 (parse the body: a broken one must be a problem too)
        raise self.raises

    def get(self, request):
        return Response({})


def _post(exception, data=None, content_type="application/json"):
    factory = APIRequestFactory()
    request = factory.post("/api/v1/service/", data=data or "{}", content_type=content_type)
    request.user = None
    view = _ServiceView.as_view(raises=exception)
    response = view(request)
    response.render()
    return response


def test_a_service_validation_error_gives_per_field_errors():
    response = _post(
        DjangoValidationError(
            {"title": ["Too long.", "Not unique."], "__all__": ["Fix the practice."]}
        )
    )
    assert response.status_code == 400
    body = problem(response)
    assert body["errors"] == {
        "title": ["Too long.", "Not unique."],
        "non_field_errors": ["Fix the practice."],
    }
    assert body["detail"] == "title: Too long. (and 2 more; see errors)"


def test_a_service_error_code_may_map_to_another_status():
    response = _post(DjangoValidationError("Already submitted.", code="invalid_transition"))
    assert response.status_code == 409
    body = problem(response)
    assert body["type"].endswith("#problem-conflict")
    assert body["code"] == "invalid_transition"
    assert body["errors"] == {"non_field_errors": ["Already submitted."]}


def test_a_service_permission_denied_is_403():
    response = _post(PermissionDenied("Editors only."))
    assert response.status_code == 403
    body = problem(response)
    assert body["detail"] == "Editors only."
    assert body["type"].endswith("#problem-forbidden")


def test_http404_is_a_404_problem_without_the_model_name():
    response = _post(Http404("No Practice matches the given query."))
    assert response.status_code == 404
    assert "Practice" not in problem(response)["detail"]


def test_a_broken_json_body_is_a_400_problem():
    response = _post(RuntimeError("not reached"), data="{not json", content_type="application/json")
    assert response.status_code == 400
    body = problem(response)
    assert body["type"].endswith("#problem-malformed-request")
    assert "errors" not in body


def test_nested_errors_are_flattened_with_dotted_names():
    detail = ValidationError(
        {"links": {2: ["Enter a valid URL."]}, "dos": [{}, {"text": ["Too long."]}]}
    ).detail
    assert flatten_errors(detail) == {
        "links.2": ["Enter a valid URL."],
        "dos.1.text": ["Too long."],
    }
