"""Uploaded files are never served by URL (issue 7, point 13).

In development ``static(MEDIA_URL)`` handed any file under MEDIA_ROOT to whoever knew its
path, a draft's attachment included. Files now reach browsers only through views that
check who is asking; the URL configuration is rebuilt here with DEBUG on, as
``make run`` has it.
"""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.urls import clear_url_caches, get_resolver, reverse
from django.views.static import serve

from practices.models import PracticeAttachment
from tests.factories import PracticeFactory
from tests.practices.factories_workflow import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug_urls(settings):
    """The project's URLs as built when DEBUG is on."""
    import netbioclue.urls

    settings.DEBUG = True
    importlib.reload(netbioclue.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(netbioclue.urls)
    clear_url_caches()


@pytest.fixture
def draft_attachment(org):
    draft = PracticeFactory(owner=org)
    attachment = PracticeAttachment(
        practice=draft,
        original_name="confidential.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )
    attachment.file.save("confidential.pdf", ContentFile(PDF_BYTES), save=False)
    attachment.save()
    return attachment


def _patterns(resolver):
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _patterns(pattern)
        else:
            yield pattern


def test_no_url_serves_files_straight_from_storage(debug_urls):
    assert not [pattern for pattern in _patterns(get_resolver()) if pattern.callback is serve]


@pytest.mark.parametrize("actor", [None, "charlie"])
def test_a_drafts_attachment_is_not_handed_out_by_its_media_url(
    request, client, debug_urls, draft_attachment, actor
):
    if actor:
        client.force_login(request.getfixturevalue(actor))
    response = client.get(draft_attachment.file.url)
    assert response.status_code == 404
    assert PDF_BYTES not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_its_editors_still_download_it_through_the_checked_view(
    client, debug_urls, draft_attachment, editor
):
    url = reverse(
        "practices:attachment",
        kwargs={"slug": draft_attachment.practice.slug, "attachment_id": draft_attachment.pk},
    )
    assert client.get(url).status_code == 404  # anonymous: the draft does not exist
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
