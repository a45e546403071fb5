"""Small helpers for the API tests."""

import json


def bearer(raw_key: str) -> dict[str, str]:
    """Headers for ``client.get(url, headers=bearer(key))``."""
    return {"Authorization": f"Bearer {raw_key}"}


def problem(response) -> dict:
    """The problem document of an error answer, checking its media type."""
    assert response["Content-Type"].startswith("application/problem+json"), response["Content-Type"]
    return json.loads(response.content)
