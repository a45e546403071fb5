"""The admin: roster import page (dry run, errors), actions through services."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from experts.models import ExpertProfile, ExpertStatus
from tests.experts.factories import ExpertFactory
from tests.experts.test_import import GOOD, HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_coordinator(coordinator):
    coordinator.is_staff = True
    coordinator.is_superuser = True
    coordinator.save()
    return coordinator


def test_import_page_dry_run_then_import(client, admin_coordinator):
    client.force_login(admin_coordinator)
    url = reverse("admin:experts_expertprofile_import")
    upload = SimpleUploadedFile("r.csv", (HEADER + GOOD).encode())
    response = client.post(url, {"file": upload, "dry_run": "on"})
    assert "Dry run: 1 valid rows" in response.content.decode()
    assert not ExpertProfile.objects.exists()
    upload = SimpleUploadedFile("r.csv", (HEADER + GOOD).encode())
    client.post(url, {"file": upload})
    assert ExpertProfile.objects.count() == 1


def test_admin_validate_action_uses_the_service(client, admin_coordinator):
    expert = ExpertFactory(status=ExpertStatus.APPLIED)
    client.force_login(admin_coordinator)
    client.post(
        reverse("admin:experts_expertprofile_changelist"),
        {"action": "validate_selected", "_selected_action": [expert.pk]},
    )
    expert.refresh_from_db()
    assert expert.status == ExpertStatus.VALIDATED
    assert (
        client.get(reverse("admin:experts_expertprofile_change", args=[expert.pk])).status_code
        == 200
    )
    assert client.get(reverse("admin:experts_expertiserequest_changelist")).status_code == 200
