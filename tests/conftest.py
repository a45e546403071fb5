"""Fixtures shared by the whole suite.

The organisation trio follows healthchecks: ``alice`` administers ``org``, ``bob`` is a
plain member of it, ``charlie`` belongs to ``other_org`` (an outsider to ``org``).
``editor`` edits for ``org``; ``coordinator`` and ``reviewer`` hold the portal-wide roles.
"""

import uuid

import pytest

from organisations.permissions import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The factories set a password for every person; the real hasher costs ~1 s each here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{uuid.uuid4().hex}",
        }
    }


@pytest.fixture(autouse=True)
def _no_automatic_pdf_builds(settings):
    # Publishing queues a PDF build after commit; without a broker it would typeset the
    # publication inside every test that commits a publication. Its own tests turn it on.
    settings.PUBLICATION_AUTO_REFRESH = False


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    # Uploaded files of a test never land in the developer's .local/media.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def org(db):
    return OrganisationFactory(name="East Region Biotech Initiative", slug="erbi-test")


@pytest.fixture
def other_org(db):
    return OrganisationFactory(name="South Moravian Innovation Centre", slug="jic-test")


@pytest.fixture
def alice(org):
    return MembershipFactory(
        organisation=org, role=Role.ADMIN, user__email="alice@example.org"
    ).user


@pytest.fixture
def bob(org):
    return MembershipFactory(organisation=org, role=Role.MEMBER, user__email="bob@example.org").user


@pytest.fixture
def editor(org):
    return MembershipFactory(
        organisation=org, role=Role.EDITOR, user__email="editor@example.org"
    ).user


@pytest.fixture
def charlie(other_org):
    return MembershipFactory(
        organisation=other_org, role=Role.ADMIN, user__email="charlie@example.org"
    ).user


@pytest.fixture
def coordinator(db):
    return UserFactory(email="coordinator@example.org", is_coordinator=True)


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.org", is_superuser=True, is_staff=True)


@pytest.fixture
def reviewer(db):
    return UserFactory(email="reviewer@example.org", is_reviewer=True)
