"""Fixtures shared by the practices tests (the people and organisations are in
tests/conftest.py)."""

import pytest

from practices.services import search_index


@pytest.fixture
def catalogue_changes(monkeypatch):
    """Each call of ``search_index.catalogue_changed`` (the published catalogue changed),
    recorded instead of rebuilding the search words."""
    calls = []
    monkeypatch.setattr(search_index, "catalogue_changed", lambda: calls.append(True))
    return calls
