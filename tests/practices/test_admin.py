"""The practices admin: read-only records whose actions call the workflow services."""

import pytest
from django.contrib.admin import helpers
from django.core import mail
from django.urls import reverse

from organisations.activity import activities_for
from practices.models import Practice, PracticeRevision, RevisionStatus, Status
from practices.services import workflow
from practices.services.reproducibility import practice_refresh_transferability
from tests.factories import PracticeFactory, StakeholderInterviewFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:practices_practice_changelist"


@pytest.fixture
def admin_client(client, coordinator):
    # A coordinator (not Django staff) administers the portal's data.
    client.force_login(coordinator)
    return client


def _action(client, action, objects, changelist=CHANGELIST, follow=False, **extra):
    data = {
        "action": action,
        helpers.ACTION_CHECKBOX_NAME: [str(obj.pk) for obj in objects],
        **extra,
    }
    return client.post(reverse(changelist), data, follow=follow)


@pytest.mark.parametrize(
    "name",
    [
        "practices_practice",
        "practices_practicerevision",
        "practices_practiceattachment",
        "practices_stakeholderinterview",
        "practices_searchword",
        "practices_publication",
    ],
)
def test_every_practices_model_has_a_changelist(admin_client, org, name):
    PracticeFactory(owner=org)
    assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200


def test_the_practice_page_is_read_only_with_links_to_the_portal(admin_client, org):
    practice = PracticeFactory(owner=org)
    page = admin_client.get(reverse("admin:practices_practice_change", args=[practice.pk]))
    assert page.status_code == 200
    assert reverse("practices:edit", kwargs={"slug": practice.slug}) in page.text
    form_fields = page.context["adminform"].form.fields
    assert list(form_fields) == ["is_illustrative"]


def test_practices_are_not_added_or_deleted_in_the_admin(admin_client, org):
    practice = PracticeFactory(owner=org)
    assert admin_client.get(reverse("admin:practices_practice_add")).status_code == 403
    assert (
        admin_client.get(reverse("admin:practices_practice_delete", args=[practice.pk])).status_code
        == 403
    )


def test_the_publish_action_uses_the_workflow(
    admin_client, org, editor, coordinator, django_capture_on_commit_callbacks
):
    submitted = PracticeFactory(owner=org, status=Status.SUBMITTED)
    draft = PracticeFactory(owner=org, status=Status.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        response = _action(admin_client, "publish_selected", [submitted, draft], follow=True)

    submitted.refresh_from_db()
    draft.refresh_from_db()
    assert submitted.status == Status.PUBLISHED
    assert draft.status == Status.DRAFT  # refused, and said so
    texts = [str(message) for message in response.context["messages"]]
    assert "1 practice published." in texts
    assert any("Only a submitted practice can be published" in text for text in texts)
    assert activities_for(submitted).get().actor == coordinator
    assert [message.to for message in mail.outbox] == [[editor.email]]


def test_the_reject_action_asks_for_the_reason_first(admin_client, org):
    practice = PracticeFactory(owner=org, status=Status.SUBMITTED)

    page = _action(admin_client, "reject_selected", [practice], index="0")
    assert page.status_code == 200
    assert "Reason (sent to the owner organisation)" in page.text
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED

    missing = _action(admin_client, "reject_selected", [practice], apply="Confirm", reason="")
    assert missing.status_code == 200
    assert missing.context["form"].errors["reason"]

    done = _action(
        admin_client, "reject_selected", [practice], apply="Confirm", reason="Out of scope."
    )
    assert done.status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.REJECTED
    assert activities_for(practice).get().data["reason"] == "Out of scope."


def test_the_archive_action(admin_client, org):
    practice = PracticeFactory(owner=org, published=True)
    _action(admin_client, "archive_selected", [practice])
    practice.refresh_from_db()
    assert practice.status == Status.ARCHIVED


def test_revision_actions_approve_and_turn_down(admin_client, org, editor):
    first = PracticeFactory(owner=org, published=True, title="First")
    second = PracticeFactory(owner=org, published=True, title="Second")
    approve = workflow.practice_update(
        practice=first, data={"title": "First, revised"}, expected_version=1, by=editor
    )
    turn_down = workflow.practice_update(
        practice=second, data={"title": "Second, revised"}, expected_version=1, by=editor
    )
    changelist = "admin:practices_practicerevision_changelist"

    _action(admin_client, "approve_selected", [approve], changelist=changelist)
    _action(
        admin_client,
        "reject_selected",
        [turn_down],
        changelist=changelist,
        apply="Confirm",
        reason="Keep it.",
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.title == "First, revised"
    assert second.title == "Second"
    assert PracticeRevision.objects.get(pk=turn_down.pk).status == RevisionStatus.REJECTED


def test_people_without_admin_access_are_told_so(client, editor):
    # Signed in already: sending them to sign in would bounce them back here, a loop.
    client.force_login(editor)
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 403
    assert "administration pages" in response.content.decode()
    assert Practice.objects.count() == 0


def test_deleting_an_interview_in_the_admin_refreshes_the_practice(admin_client, org):
    interview = StakeholderInterviewFactory(practice__owner=org)
    practice = interview.practice
    practice_refresh_transferability(practice=practice)
    assert practice.interview_count == 1

    response = admin_client.post(
        reverse("admin:practices_stakeholderinterview_delete", args=[interview.pk]),
        {"post": "yes"},
    )

    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.interview_count == 0
