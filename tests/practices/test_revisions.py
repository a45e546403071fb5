"""Editing a published practice: the pending revision keeps the public text unchanged
until a coordinator approves it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from organisations.activity import activities_for
from practices.models import PracticeRevision, RevisionStatus, Status
from practices.services import workflow
from tests.factories import ClusterFactory, PracticeFactory
from tests.practices.factories_workflow import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(org):
    return PracticeFactory(
        owner=org,
        published=True,
        slug="biotech-vouchers",
        title="Biotech vouchers",
        summary="The published summary.",
        version=4,
    )


def _propose(practice, by, expected_version, **changes):
    return workflow.practice_update(
        practice=practice, data=changes, expected_version=expected_version, by=by
    )


def test_editing_a_published_practice_creates_a_pending_revision(published, editor):
    revision = _propose(published, editor, 4, title="Innovation vouchers", summary="New summary.")

    assert isinstance(revision, PracticeRevision)
    assert revision.status == RevisionStatus.PENDING
    assert revision.base_version == 4
    assert revision.version == 5  # continues the practice's sequence
    assert revision.content["title"] == "Innovation vouchers"
    assert revision.content["summary"] == "New summary."
    published.refresh_from_db()
    assert published.title == "Biotech vouchers"  # the public text is untouched
    assert published.version == 4
    assert published.status == Status.PUBLISHED
    proposed = activities_for(published).get(action="practice.revision_proposed")
    assert proposed.data["revision"] == revision.pk
    assert [change["field"] for change in proposed.data["changes"]] == ["title", "summary"]


def test_the_public_page_keeps_the_published_text_until_approval(
    client, published, editor, coordinator
):
    revision = _propose(published, editor, 4, title="Innovation vouchers")
    url = published.get_absolute_url()

    page = client.get(url)
    assert "Biotech vouchers" in page.text
    assert "Innovation vouchers" not in page.text
    assert "waiting for approval" not in page.text

    workflow.revision_approve(revision=revision, by=coordinator)

    page = client.get(url)
    assert "Innovation vouchers" in page.text
    assert page.wsgi_request.path == url  # the slug, and so the URL, did not change


def test_further_edits_update_the_same_revision(published, editor, alice):
    first = _propose(published, editor, 4, title="Innovation vouchers")
    second = _propose(published, alice, 5, summary="Another summary.")

    assert second.pk == first.pk
    assert second.version == 6
    assert second.content["title"] == "Innovation vouchers"  # builds on the revision
    assert second.content["summary"] == "Another summary."
    assert PracticeRevision.objects.filter(status=RevisionStatus.PENDING).count() == 1
    edited = activities_for(published).get(action="practice.edited")
    assert edited.data["revision"] == first.pk


def test_a_stale_revision_edit_is_refused(published, editor, alice):
    _propose(published, editor, 4, title="Editor's title")

    # Alice opened the form before the revision existed (version 4).
    with pytest.raises(workflow.StaleEdit) as caught:
        _propose(published, alice, 4, title="Alice's title")
    assert caught.value.current_version == 5
    revision = PracticeRevision.objects.get()
    assert revision.content["title"] == "Editor's title"


def test_approving_publishes_the_text_and_moves_the_version_above_the_revision(
    published, editor, coordinator, catalogue_changes
):
    cluster = ClusterFactory(name="Munich Biotech Cluster")
    revision = _propose(published, editor, 4, title="Innovation vouchers", origin_cluster=cluster)
    revision = _propose(published, editor, 5, dos=["Keep the form short"])

    practice = workflow.revision_approve(revision=revision, by=coordinator, expected_version=6)

    practice.refresh_from_db()
    assert practice.title == "Innovation vouchers"
    assert practice.origin_cluster == cluster
    assert practice.dos == ["Keep the form short"]
    assert practice.version == 7
    assert practice.status == Status.PUBLISHED
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.APPROVED
    assert revision.decided_by == coordinator
    assert revision.decided_at is not None
    assert catalogue_changes == [True]
    approved = activities_for(practice).get(action="practice.revision_approved")
    assert {change["field"] for change in approved.data["changes"]} == {
        "title",
        "origin_cluster",
        "dos",
    }


def test_after_approval_the_old_form_is_stale(published, editor, coordinator):
    revision = _propose(published, editor, 4, title="Innovation vouchers")
    workflow.revision_approve(revision=revision, by=coordinator)

    for stale in (4, 5):
        with pytest.raises(workflow.StaleEdit):
            _propose(published, editor, stale, title="From an old form")
    assert _propose(published, editor, 6, title="From a fresh form").version == 7


def test_rejecting_a_revision_keeps_the_published_text(published, editor, coordinator):
    revision = _propose(published, editor, 4, title="Innovation vouchers")

    workflow.revision_reject(revision=revision, comment="Keep the old title.", by=coordinator)

    revision.refresh_from_db()
    published.refresh_from_db()
    assert revision.status == RevisionStatus.REJECTED
    assert revision.comment == "Keep the old title."
    assert published.title == "Biotech vouchers"
    assert published.version == 4
    # A new revision starts above every version seen so far.
    assert _propose(published, editor, 4, title="Third try").version == 6


def test_rejecting_a_revision_needs_a_comment(published, editor, coordinator):
    revision = _propose(published, editor, 4, title="Innovation vouchers")
    with pytest.raises(ValidationError) as caught:
        workflow.revision_reject(revision=revision, comment=" ", by=coordinator)
    assert "comment" in caught.value.message_dict
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.PENDING


@pytest.mark.parametrize("actor", ["editor", "alice", "reviewer", "charlie"])
def test_only_coordinators_decide_on_revisions(request, published, editor, actor):
    revision = _propose(published, editor, 4, title="Innovation vouchers")
    person = request.getfixturevalue(actor)
    with pytest.raises(PermissionDenied):
        workflow.revision_approve(revision=revision, by=person)
    with pytest.raises(PermissionDenied):
        workflow.revision_reject(revision=revision, comment="No", by=person)
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.PENDING


def test_a_decided_revision_cannot_be_decided_again(published, editor, coordinator):
    revision = _propose(published, editor, 4, title="Innovation vouchers")
    workflow.revision_approve(revision=revision, by=coordinator)
    with pytest.raises(ValidationError) as caught:
        workflow.revision_reject(revision=revision, comment="Too late", by=coordinator)
    assert caught.value.code == "invalid_transition"


def test_approving_a_revision_changed_since_it_was_read_is_refused(published, editor, coordinator):
    revision = _propose(published, editor, 4, title="Innovation vouchers")
    _propose(published, editor, 5, title="Something else entirely")
    with pytest.raises(workflow.StaleEdit):
        workflow.revision_approve(revision=revision, by=coordinator, expected_version=5)
    published.refresh_from_db()
    assert published.title == "Biotech vouchers"


# ---- Through the pages -------------------------------------------------------------------


def test_the_edit_form_of_a_published_practice_starts_from_the_pending_revision(
    client, published, editor
):
    _propose(published, editor, 4, title="Innovation vouchers")
    client.force_login(editor)

    page = client.get(reverse("practices:edit", kwargs={"slug": published.slug}))

    assert page.status_code == 200
    assert page.context["form"]["title"].value() == "Innovation vouchers"
    assert page.context["form"]["version"].value() == 5
    assert "You are editing the revision waiting for approval" in page.text


def test_saving_the_form_of_a_published_practice_proposes_a_revision(client, published, editor):
    client.force_login(editor)
    response = client.post(
        reverse("practices:edit", kwargs={"slug": published.slug}),
        form_data(published, version=4, title="Innovation vouchers"),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == published.get_absolute_url()
    assert "saved as a revision" in response.text
    assert PracticeRevision.objects.get().content["title"] == "Innovation vouchers"
    published.refresh_from_db()
    assert published.title == "Biotech vouchers"


def test_owners_see_the_pending_notice_and_coordinators_the_changes_and_buttons(
    client, published, editor, bob, coordinator
):
    _propose(published, editor, 4, title="Innovation vouchers")
    url = published.get_absolute_url()

    client.force_login(bob)
    page = client.get(url)
    assert "A revision is waiting for approval" in page.text
    assert "Approve and publish the revision" not in page.text

    client.force_login(coordinator)
    page = client.get(url)
    changes = page.context["revision_changes"]
    assert [(c.name, c.before, c.after) for c in changes] == [
        ("title", "Biotech vouchers", "Innovation vouchers")
    ]
    assert "Approve and publish the revision" in page.text


def test_a_coordinator_approves_from_the_page(client, published, editor, coordinator):
    _propose(published, editor, 4, title="Innovation vouchers")
    client.force_login(coordinator)

    response = client.post(
        reverse(
            "practices:revision_decision", kwargs={"slug": published.slug, "decision": "approve"}
        ),
        {"version": "5", "confirmed": "yes"},
    )

    assert response.status_code == 302
    published.refresh_from_db()
    assert published.title == "Innovation vouchers"


def test_turning_down_without_a_comment_keeps_the_page_with_an_error(
    client, published, editor, coordinator
):
    _propose(published, editor, 4, title="Innovation vouchers")
    client.force_login(coordinator)

    response = client.post(
        reverse(
            "practices:revision_decision", kwargs={"slug": published.slug, "decision": "reject"}
        ),
        {"version": "5", "revision-comment": ""},
    )

    assert response.status_code == 400
    assert response.context["revision_comment_form"].errors["comment"]
    assert PracticeRevision.objects.get().status == RevisionStatus.PENDING


def test_an_editor_cannot_approve_from_the_page(client, published, editor):
    _propose(published, editor, 4, title="Innovation vouchers")
    client.force_login(editor)
    response = client.post(
        reverse(
            "practices:revision_decision", kwargs={"slug": published.slug, "decision": "approve"}
        ),
        {"version": "5"},
    )
    assert response.status_code == 403
    assert PracticeRevision.objects.get().status == RevisionStatus.PENDING
