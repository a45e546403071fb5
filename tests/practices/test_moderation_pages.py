"""Moderation that remembers (issue 11, point 7): the coordinator's request on the edit
form, distinct comment fields, word-level revision diffs, status counts that open the
filtered queue, and the editor withdrawing a submission."""

import pytest
from django.urls import reverse

from organisations.activity import activities_for
from practices.models import Status
from practices.services import workflow
from practices.textdiff import word_diff
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def transition(client, practice, action, **data):
    url = reverse("practices:transition", kwargs={"slug": practice.slug, "action": action})
    return client.post(url, data)


def test_the_edit_form_opens_with_the_changes_the_coordinator_asked_for(
    client, org, editor, coordinator
):
    practice = PracticeFactory(owner=org, status=Status.SUBMITTED, slug="handed-back")
    workflow.practice_request_changes(
        practice=practice, comment="Add the 2023 figures.\nName the funders.", by=coordinator
    )
    client.force_login(editor)

    page = client.get(reverse("practices:edit", kwargs={"slug": practice.slug})).text

    assert "The coordinator asked for these changes" in page
    assert "<blockquote>Add the 2023 figures.<br>Name the funders.</blockquote>" in page
    # Above the form, where the editor starts reading.
    assert page.index("Add the 2023 figures.") < page.index('<form method="post"')


def test_once_submitted_again_the_old_request_is_not_shown(client, org, editor, coordinator):
    practice = PracticeFactory(owner=org, status=Status.SUBMITTED, slug="resubmitted")
    workflow.practice_request_changes(practice=practice, comment="Add figures.", by=coordinator)
    workflow.practice_submit(practice=practice, by=editor)
    workflow.practice_withdraw(practice=practice, by=editor)
    client.force_login(editor)

    page = client.get(reverse("practices:edit", kwargs={"slug": practice.slug})).text

    assert "Add figures." not in page


def test_the_two_comment_fields_say_what_each_is_for(client, org, coordinator):
    practice = PracticeFactory(owner=org, status=Status.SUBMITTED)
    client.force_login(coordinator)

    page = client.get(practice.get_absolute_url()).text

    assert '<label for="id_request_changes-comment">What should change</label>' in page
    assert '<label for="id_reject-comment">Why it is rejected</label>' in page
    assert ">Comment</label>" not in page


def test_a_missing_reason_is_reported_under_its_own_label(client, org, coordinator):
    practice = PracticeFactory(owner=org, status=Status.SUBMITTED)
    client.force_login(coordinator)

    response = transition(client, practice, "reject", **{"reject-comment": ""})

    assert response.status_code == 400
    assert '<label for="id_reject-comment">Why it is rejected</label>' in response.text


def test_a_word_diff_marks_only_the_changed_words():
    before, after = word_diff(
        "The fund invests <early> in spin-offs.", "The fund invests late in spin-offs."
    )
    assert before == "The fund invests <del>&lt;early&gt;</del> in spin-offs."
    assert after == "The fund invests <ins>late</ins> in spin-offs."


def test_a_word_diff_keeps_line_breaks():
    before, after = word_diff("One.\nTwo.", "One.\nThree.")
    assert before == "One.<br><del>Two.</del>"
    assert after == "One.<br><ins>Three.</ins>"


def test_the_revision_table_highlights_the_changed_words(client, org, editor, coordinator):
    practice = PracticeFactory(owner=org, published=True, summary="A desk for young firms.")
    data = workflow.content_of(practice) | {"summary": "A desk for young biotech firms."}
    workflow.practice_update(
        practice=practice, data=data, expected_version=practice.version, by=editor
    )
    client.force_login(coordinator)

    page = client.get(practice.get_absolute_url()).text

    assert '<td class="diff-before">A desk for young firms.</td>' in page
    assert '<td class="diff-after">A desk for young <ins>biotech</ins> firms.</td>' in page


def test_each_status_count_opens_the_queue_filtered_by_it(client, org, coordinator):
    PracticeFactory(owner=org, status=Status.DRAFT, title="A draft in progress")
    PracticeFactory(owner=org, published=True, title="A published one")
    client.force_login(coordinator)
    queue = reverse("practices:moderation")

    page = client.get(queue).text
    assert '<a href="?status=draft#status-title">' in page

    response = client.get(queue, {"status": "draft"})
    assert response.status_code == 200
    assert "1 practice: Draft" in response.text
    assert "A draft in progress" in response.text
    assert "A published one" not in response.text
    assert '<a href="?status=draft#status-title" aria-current="page">' in response.text


def test_an_unknown_status_is_a_400_that_says_so(client, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("practices:moderation"), {"status": "<nope>"})

    assert response.status_code == 400
    assert "There is no status “&lt;nope&gt;”" in response.text


def test_the_dashboard_counts_link_to_the_queue(client, coordinator):
    PracticeFactory(status=Status.SUBMITTED)
    client.force_login(coordinator)

    page = client.get(reverse("dashboard")).text

    assert '<a href="/practices/moderation/#submitted-title">1 submitted practice(s)</a>' in page


def test_an_editor_withdraws_a_submission_back_to_draft(client, org, editor):
    practice = PracticeFactory(owner=org, status=Status.SUBMITTED)
    client.force_login(editor)

    page = client.get(practice.get_absolute_url()).text
    assert "Withdraw to draft</button>" in page
    assert "withdraw it to draft below" in page

    response = transition(client, practice, "withdraw")

    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.DRAFT
    assert activities_for(practice).filter(action="practice.withdrawn", actor=editor).exists()
    # A draft again: editable, and submittable.
    assert client.get(reverse("practices:edit", kwargs={"slug": practice.slug})).status_code == 200


def test_only_a_submitted_practice_can_be_withdrawn(client, org, editor):
    practice = PracticeFactory(owner=org, status=Status.DRAFT)
    client.force_login(editor)

    response = transition(client, practice, "withdraw")

    assert response.status_code == 409
    assert "Only a practice waiting for review can be withdrawn" in response.text


def test_the_coordinator_cannot_withdraw_for_the_owner(org, coordinator):
    practice = PracticeFactory(owner=org, status=Status.SUBMITTED)

    with pytest.raises(workflow.PermissionDenied):
        workflow.practice_transition(action="withdraw", practice=practice, by=coordinator)
