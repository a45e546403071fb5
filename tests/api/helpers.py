"""Small helpers for the API tests."""

import json
from base64 import b64encode


def bearer(raw_key: str) -> dict[str, str]:
    """Headers for ``client.get(url, headers=bearer(key))``."""
    return {"Authorization": f"Bearer {raw_key}"}


def problem(response) -> dict:
    """The problem document of an error answer, checking its media type."""
    assert response["Content-Type"].startswith("application/problem+json"), response["Content-Type"]
    return json.loads(response.content)


def result_slugs(response) -> list[str]:
    """The slugs of a list answer's ``results``, checking it is a 200."""
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def raw_cursor(querystring: str) -> str:
    """A cursor as a client could forge it: any text, base64-encoded like the real ones."""
    return b64encode(querystring.encode()).decode()
