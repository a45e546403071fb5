"""The OpenAPI schema validates without warnings; the docs load nothing from elsewhere."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.django_db

EXTERNAL_URL = re.compile(r"""(?:https?:)?//(?!testserver[/"'])[a-z0-9.-]+\.[a-z]{2,}""", re.I)


def test_the_schema_validates_with_no_warnings(tmp_path):
    # --fail-on-warn turns any warning (an untyped field, a guessed parameter) into an error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "s.yaml")
    assert "openapi: 3" in (tmp_path / "s.yaml").read_text()


def test_the_schema_is_served(api_client):
    response = api_client.get("/api/v1/schema/", headers={"Accept": "application/json"})
    assert response.status_code == 200
    schema = response.json()
    assert {"/api/v1/clusters/", "/api/v1/clusters/{slug}/", "/api/v1/taxonomy/"} <= set(
        schema["paths"]
    )
    list_operation = schema["paths"]["/api/v1/clusters/"]["get"]
    parameters = {p["name"]: p for p in list_operation["parameters"]}
    assert set(parameters["stage"]["schema"]["enum"]) == {
        "emerging",
        "developing",
        "mature",
        "renewing",
    }
    assert "-name" in parameters["ordering"]["schema"]["enum"]
    assert {"cursor", "page_size", "q", "If-None-Match"} <= set(parameters)
    assert "application/problem+json" in list_operation["responses"]["400"]["content"]
    assert list_operation["security"] == []  # reading needs no credentials: no padlock
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    for path in schema["paths"].values():
        for operation in path.values():
            assert operation.get("summary"), operation["operationId"]
            assert operation.get("description"), operation["operationId"]


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_the_docs_load_only_local_assets(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert EXTERNAL_URL.findall(html) == []
    for asset in re.findall(r"""(?:src|href)="/static/([^"]+)\"""", html):
        assert finders.find(asset), asset


def test_public_operations_carry_no_padlock_and_writes_name_the_key(api_client):
    schema = api_client.get("/api/v1/schema/", headers={"Accept": "application/json"}).json()
    operations = {
        (method.upper(), path): operation
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    }

    public = {key for key, operation in operations.items() if operation.get("security") == []}
    assert ("GET", "/api/v1/practices/") in public
    assert ("POST", "/api/v1/self-assessment/") in public  # AllowAny
    assert ("GET", "/api/v1/organisations/") in public
    # What needs a key says so, with no "or nothing" alternative.
    create = operations[("POST", "/api/v1/practices/")]
    assert create["security"] and {} not in create["security"]
    assert {"bearerAuth": []} in create["security"]


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_the_docs_carry_the_portal_header_with_a_way_back(client, url):
    html = client.get(url).content.decode()

    header = html[html.index("<header") : html.index("</header>")]
    assert 'href="/"' in header
    assert 'href="/api/v1/getting-started/"' in header
    assert 'aria-current="page"' in header


def test_the_redoc_bundle_fetches_no_logo_from_redocly(client):
    response = client.get("/api/v1/redoc/redoc.standalone.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    bundle = response.content.decode()
    assert '"/static/netbioclue/logo.svg"' in bundle
    # No image of the bundle has an address on another site.
    assert not re.search(r'createElement\("img",\{[^{}]*src:"https?://', bundle)
    assert "Redoc.init" in bundle or "redoc" in bundle.lower()


def test_the_getting_started_page_has_curl_examples_and_explains_every_problem(client):
    response = client.get("/api/v1/getting-started/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "curl " in html
    assert "http://testserver/api/v1/clusters/" in html
    for slug in ("invalid-input", "invalid-credentials", "precondition-failed", "rate-limited"):
        assert f'id="problem-{slug}"' in html
    assert 'href="/api/v1/docs/"' in html


def test_the_site_navigation_leads_to_the_getting_started_page(client):
    html = client.get("/").content.decode()
    assert 'href="/api/v1/getting-started/"' in html


def test_the_api_root_links_every_list(api_client):
    body = api_client.get("/api/v1/").json()
    assert set(body["endpoints"]) >= {"clusters", "organisations", "taxonomy"}
    assert body["getting_started"] == "http://testserver/api/v1/getting-started/"
