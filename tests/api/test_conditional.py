"""ETag with If-None-Match (304) on lists and details; If-Match (412/428) for updates."""

import pytest
from django.utils import timezone
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory

from clusters.api import ClusterViewSet
from clusters.models import Cluster
from tests.api.helpers import problem
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db

CLUSTERS = "/api/v1/clusters/"


@pytest.fixture
def cluster(db):
    return ClusterFactory(slug="genopole", name="Genopole")


@pytest.mark.parametrize("url", [CLUSTERS, f"{CLUSTERS}genopole/", "/api/v1/organisations/"])
def test_a_matching_if_none_match_gives_304_without_a_body(api_client, cluster, url):
    first = api_client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')

    again = api_client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert "Authorization" in again["Vary"]


def test_weak_and_listed_and_star_tags_match(api_client, cluster):
    etag = api_client.get(CLUSTERS)["ETag"]
    for header in (f"W/{etag}", f'"other", {etag}', "*"):
        assert api_client.get(CLUSTERS, headers={"If-None-Match": header}).status_code == 304


def test_a_change_gives_a_new_etag_and_a_full_answer(api_client, cluster):
    etag = api_client.get(f"{CLUSTERS}genopole/")["ETag"]
    Cluster.objects.filter(pk=cluster.pk).update(city="Évry-Courcouronnes")
    response = api_client.get(f"{CLUSTERS}genopole/", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert response.json()["city"] == "Évry-Courcouronnes"


def test_a_list_etag_depends_on_the_page(api_client):
    ClusterFactory.create_batch(3)
    whole = api_client.get(CLUSTERS)["ETag"]
    first_two = api_client.get(f"{CLUSTERS}?page_size=2")["ETag"]
    mature = api_client.get(f"{CLUSTERS}?stage=mature")["ETag"]
    assert len({whole, first_two, mature}) == 3


def test_reads_ask_caches_to_revalidate(api_client, cluster, editor):
    assert "no-cache" in api_client.get(CLUSTERS)["Cache-Control"]
    api_client.force_login(editor)
    cache_control = api_client.get(CLUSTERS)["Cache-Control"]
    assert "private" in cache_control and "no-cache" in cache_control


def test_errors_carry_no_etag(api_client):
    assert "ETag" not in api_client.get(f"{CLUSTERS}?stage=sleepy")


# --- A versioned resource: early 304 and If-Match ------------------------------------------------


class VersionedClusters(ClusterViewSet):
    """Like the practices API will be: the ETag is the record's version tag."""

    def get_object_etag(self, obj):
        return f'"{obj.pk}-{int(obj.updated_at.timestamp() * 1e6)}"'

    def partial_update(self, request, *args, **kwargs):
        instance = self.get_object()
        self.check_if_match(request, instance)
        Cluster.objects.filter(pk=instance.pk).update(
            city=request.data["city"], updated_at=timezone.now()
        )
        instance.refresh_from_db()
        response = Response({"city": instance.city})
        response["ETag"] = self.get_object_etag(instance)
        return response


def _call(method, headers=None, data=None, user=None):
    factory = APIRequestFactory()
    request = getattr(factory, method)(
        f"{CLUSTERS}genopole/", data=data, format="json", headers=headers or {}
    )
    if user is not None:
        from rest_framework.test import force_authenticate

        force_authenticate(request, user=user)
    view = VersionedClusters.as_view({"get": "retrieve", "patch": "partial_update"})
    response = view(request, slug="genopole")
    if hasattr(response, "render"):
        response.render()
    return response


def test_a_version_tag_answers_304_before_serializing(cluster, monkeypatch):
    etag = _call("get")["ETag"]
    assert etag == f'"{cluster.pk}-{int(cluster.updated_at.timestamp() * 1e6)}"'

    def no_serializing(*args, **kwargs):
        raise AssertionError("serialized for a 304")

    monkeypatch.setattr(VersionedClusters, "get_serializer", no_serializing)
    response = _call("get", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_an_update_without_if_match_is_428(cluster, editor):
    response = _call("patch", data={"city": "Paris"}, user=editor)
    assert response.status_code == 428
    assert problem(response)["type"].endswith("#problem-precondition-required")
    cluster.refresh_from_db()
    assert cluster.city != "Paris"


def test_an_update_with_a_stale_etag_is_412_with_the_current_one(cluster, editor):
    current = _call("get")["ETag"]
    stale = f'"{cluster.pk}-1"'
    response = _call("patch", headers={"If-Match": stale}, data={"city": "Paris"}, user=editor)
    assert response.status_code == 412
    assert response["ETag"] == current
    assert problem(response)["title"] == "The record changed meanwhile"
    cluster.refresh_from_db()
    assert cluster.city != "Paris"


def test_a_weak_etag_never_satisfies_if_match(cluster, editor):
    current = _call("get")["ETag"]
    response = _call(
        "patch", headers={"If-Match": f"W/{current}"}, data={"city": "Paris"}, user=editor
    )
    assert response.status_code == 412


def test_an_update_with_the_current_etag_goes_through(cluster, editor):
    current = _call("get")["ETag"]
    response = _call("patch", headers={"If-Match": current}, data={"city": "Paris"}, user=editor)
    assert response.status_code == 200
    assert response["ETag"] != current
    # The next writer holding the old tag is refused: no lost update.
    late = _call("patch", headers={"If-Match": current}, data={"city": "Lyon"}, user=editor)
    assert late.status_code == 412
    cluster.refresh_from_db()
    assert cluster.city == "Paris"


def test_if_match_star_accepts_any_current_version(cluster, editor):
    response = _call("patch", headers={"If-Match": "*"}, data={"city": "Paris"}, user=editor)
    assert response.status_code == 200
