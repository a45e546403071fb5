"""The PDF build page updates in place with a script (and reloads itself without one),
for anyone, signed in or not."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from practices.models import Publication, PublicationStatus

pytestmark = pytest.mark.django_db(transaction=True)


def test_progress_updates_without_reloading_the_page(page):
    build = Publication.objects.create(
        fingerprint="e2e-build",
        status=PublicationStatus.QUEUED,
        progress=0,
        message="Waiting for a worker to start the build.",
    )
    page.goto(f"/practices/publication/builds/{build.pk}/")
    page.evaluate("() => { window.__samePage = true; }")
    Publication.objects.filter(pk=build.pk).update(
        status=PublicationStatus.BUILDING,
        progress=70,
        message="Typesetting the pages.",
        heartbeat_at=timezone.now(),
    )
    expect(page.locator("progress.build-progress")).to_have_attribute("value", "70")
    expect(page.get_by_role("status")).to_have_text("Typesetting the pages.")
    expect(page.locator("[data-build-field='status']")).to_have_text("Building")
    assert page.evaluate("() => window.__samePage === true")  # updated, not reloaded
