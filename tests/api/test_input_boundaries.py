"""Input PostgreSQL would reject is a 400 problem in the API, never a 500 (issue 7, point 2).

Each class of input is checked at the boundary: the search query (operator-heavy
web-search syntax), the cursor (any string), JSON bodies (NUL, lone surrogates, deep
nesting, non-string values for text fields, oversized text), list fields.
"""

import json

import pytest

from netbioclue.registry import Kind
from netbioclue.rest.parsers import nesting_depth
from practices.fields import PRACTICE_FIELDS
from practices.models import Practice
from tests.api.helpers import bearer, problem, raw_cursor
from tests.api.practice_data import PRACTICES, published
from tests.factories import ClusterFactory
from tests.practices.factories_workflow import content

pytestmark = pytest.mark.django_db

OPERATOR_QUERIES = [
    "-" * 33,
    "-" * 200,
    '"-"(-)|!&<->' * 16,
    "a -" * 60,
    "-a " * 60,
    "!" * 100,
    '"' * 100,
    "or " * 60,
    "-(" * 90,
]


@pytest.mark.parametrize("query", OPERATOR_QUERIES)
def test_an_operator_heavy_query_gives_a_result_or_a_400(api_client, org, query):
    published(org, title="Proof-of-concept fund")
    response = api_client.get(PRACTICES, {"q": query})
    assert response.status_code in (200, 400), response.content
    if response.status_code == 400:
        assert "q" in problem(response)["errors"]


@pytest.mark.parametrize(
    "cursor",
    [
        "\x00",
        "a\x00",
        raw_cursor("o=0&r=0&p=a\x00b"),
        raw_cursor("o=0&r=0&p=a%00b"),
        raw_cursor("p=%00"),
        raw_cursor('p=["\x00",1]'),
    ],
)
def test_a_cursor_with_a_nul_is_a_400_on_every_list(api_client, org, cursor):
    published(org)
    ClusterFactory()
    for url, params in [
        (PRACTICES, {"cursor": cursor}),
        (PRACTICES, {"cursor": cursor, "q": "fund"}),
        (PRACTICES, {"cursor": cursor, "ordering": "title"}),
        ("/api/v1/clusters/", {"cursor": cursor}),
        ("/api/v1/organisations/", {"cursor": cursor}),
    ]:
        response = api_client.get(url, params)
        assert response.status_code == 400, (url, params, response.content)
        assert "cursor" in problem(response)["errors"]


@pytest.mark.parametrize("escaped", ["a\\u0000b", "\\ud800", "x\\udfffy", "\\udc00\\ud800"])
def test_a_keyset_cursor_with_unstorable_text_is_a_400(api_client, org, escaped):
    # The practices' keyset cursor holds JSON, where "\u0000" and "\ud800" are legal.
    published(org, title="Fund")
    cursor = raw_cursor(f'p=["{escaped}",1]')
    for direction in ("title", "-title"):
        response = api_client.get(PRACTICES, {"cursor": cursor, "ordering": direction})
        assert response.status_code == 400, response.content
        assert "cursor" in problem(response)["errors"]


@pytest.mark.parametrize("value", ["a%00b", "%00", "%ED%A0%80"])
def test_a_query_parameter_with_unstorable_text_is_a_400_or_harmless(api_client, value):
    # Query strings are percent-decoded as UTF-8 with replacement: a surrogate's bytes
    # arrive as U+FFFD (harmless); a NUL arrives as NUL and must be refused.
    response = api_client.get(f"{PRACTICES}?q={value}")
    if "%00" in value:
        assert response.status_code == 400, response.content
        assert "q" in problem(response)["errors"]
    else:
        assert response.status_code == 200, response.content


def _post_raw(api_client, key, body: str):
    return api_client.generic(
        "POST",
        PRACTICES,
        body.encode("utf-8", "surrogatepass"),
        content_type="application/json",
        headers=bearer(key),
    )


@pytest.mark.parametrize(
    ("field", "raw_value"),
    [
        ("title", r'"Fund\u0000"'),
        ("title", r'"Fund\ud800"'),
        ("description", r'"\udfff"'),
        ("dos", r'["ok", "bad\u0000"]'),
        ("donts", r'["\ud800"]'),
        ("links", r'["https://example.org/\u0000"]'),
        ("region", r'"\u0000"'),
    ],
)
def test_json_strings_with_unstorable_text_are_a_400(api_client, write_key, field, raw_value):
    data = content()
    data.pop(field)
    body = json.dumps(data)[:-1] + f', "{field}": {raw_value}}}'
    response = _post_raw(api_client, write_key, body)
    assert response.status_code == 400, response.content
    errors = problem(response)["errors"]
    assert any(name.split(".")[0] == field for name in errors), errors
    assert not Practice.objects.exists()


@pytest.mark.parametrize("raw_value", ["1e309", "12", "true", "-1e309", "{}", "[1]", "12.5"])
def test_a_non_string_for_a_text_field_is_a_400(api_client, write_key, raw_value):
    data = content()
    data.pop("title")
    body = json.dumps(data)[:-1] + f', "title": {raw_value}}}'
    response = _post_raw(api_client, write_key, body)
    assert response.status_code == 400, response.content
    assert "title" in problem(response)["errors"]
    assert not Practice.objects.exists()


@pytest.mark.parametrize("depth", [100_000, 1_000])
def test_deeply_nested_json_is_a_400(api_client, write_key, depth):
    body = "[" * depth + "]" * depth
    response = _post_raw(api_client, write_key, body)
    assert response.status_code == 400, response.content
    document = problem(response)
    assert "nest" in document["detail"]


def test_deeply_nested_json_objects_are_a_400(api_client, write_key):
    body = '{"a":' * 50_000 + "1" + "}" * 50_000
    response = _post_raw(api_client, write_key, body)
    assert response.status_code == 400, response.content
    assert "nest" in problem(response)["detail"]


def test_json_nested_within_the_limit_reaches_the_serializer(api_client, write_key):
    data = content(dos=[["nested"]])
    response = api_client.post(PRACTICES, data, format="json", headers=bearer(write_key))
    assert response.status_code == 400, response.content
    assert "dos.0" in problem(response)["errors"] or "dos" in problem(response)["errors"]


@pytest.mark.parametrize(
    ("field", "size"),
    [("description", 5 * 1024 * 1024), ("lessons", 100_000), ("how_it_works", 60_000)],
)
def test_oversized_text_is_a_400(api_client, write_key, field, size):
    data = content(**{field: "x" * size})
    response = api_client.post(PRACTICES, data, format="json", headers=bearer(write_key))
    assert response.status_code in (400, 413), response.status_code
    assert not Practice.objects.exists()


def test_a_json_body_over_the_size_limit_is_a_400(api_client, write_key, settings):
    settings.API_JSON_MAX_BYTES = 10_000
    data = content(description="x" * 10_001)
    response = api_client.post(PRACTICES, data, format="json", headers=bearer(write_key))
    assert response.status_code == 400, response.content
    assert "larger than" in problem(response)["detail"]
    assert not Practice.objects.exists()


def test_a_body_that_is_not_utf8_is_a_400(api_client, write_key):
    response = api_client.generic(
        "POST",
        PRACTICES,
        b'{"title": "\xed\xa0\x80"}',
        content_type="application/json",
        headers=bearer(write_key),
    )
    assert response.status_code == 400, response.content
    assert "UTF-8" in problem(response)["detail"]


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("1", 0),
        ('"[[[["', 0),
        ("[]", 1),
        ('{"a": [1, {"b": "]]]]"}]}', 3),
        ('["\\"[[[", [[]]]', 3),
        ("[" * 100_000, 100_000),
        ('{"a":' * 10 + "1" + "}" * 10, 10),
    ],
)
def test_nesting_depth_ignores_brackets_in_strings(text, depth):
    assert nesting_depth(text) == depth


def test_the_schema_gives_the_maximum_lengths(api_client):
    response = api_client.get("/api/v1/schema/", headers={"Accept": "application/json"})
    schemas = json.loads(response.content)["components"]["schemas"]
    name = next(n for n in schemas if n.startswith("PracticeCreate") and "Request" in n)
    properties = schemas[name]["properties"]
    for name in [spec.name for spec in PRACTICE_FIELDS.of_kind(Kind.TEXT) if spec.editable]:
        assert properties[name]["maxLength"] == Practice._meta.get_field(name).max_length
    assert properties["dos"]["maxItems"] == 30


def _serializer_classes():
    from rest_framework import serializers

    import netbioclue.api  # noqa: F401 (every endpoint, so every serializer)

    seen, pending = set(), [serializers.Serializer]
    while pending:
        for subclass in pending.pop().__subclasses__():
            if subclass not in seen:
                seen.add(subclass)
                pending.append(subclass)
    return [
        cls
        for cls in seen
        if cls.__module__.split(".")[0] in ("clusters", "organisations", "practices", "netbioclue")
    ]


def test_every_serializer_that_reads_text_is_strict():
    from rest_framework import serializers

    from netbioclue.rest.serializers import StrictTextMixin

    lax = []
    for cls in _serializer_classes():
        try:
            fields = cls().fields
        except Exception:  # noqa: S112 (needs arguments: not an input serializer)
            continue
        reads_text = any(
            not field.read_only
            and isinstance(
                getattr(field, "child", field), serializers.CharField | serializers.ListField
            )
            for field in fields.values()
        )
        if reads_text and not issubclass(cls, StrictTextMixin):
            lax.append(cls.__qualname__)
    assert lax == []
