"""The practice workflow's services: creation, edits, every transition and the refused
ones, the audit trail, and the e-mails each transition sends."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from organisations.activity import activities_for
from organisations.models import Activity
from organisations.permissions import Role
from practices.models import Practice, PracticeRevision, RevisionStatus, Status
from practices.services import notifications, workflow
from practices.tasks import notify_transition
from tests.factories import MembershipFactory, PracticeFactory, UserFactory
from tests.practices.factories_workflow import content

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(org, editor):
    return workflow.practice_create(organisation=org, data=content(), by=editor)


def _in_state(org, status, **extra):
    if status == Status.PUBLISHED:
        return PracticeFactory(owner=org, published=True, **extra)
    return PracticeFactory(owner=org, status=status, **extra)


def _actions(practice):
    return [activity.action for activity in activities_for(practice)]


# ---- Creation ----------------------------------------------------------------------------


def test_an_editor_creates_a_draft_with_a_slug_from_the_title(org, editor):
    practice = workflow.practice_create(organisation=org, data=content(), by=editor)

    assert practice.status == Status.DRAFT
    assert practice.slug == "proof-of-concept-fund-for-academic-spin-outs"
    assert practice.owner == org
    assert practice.version == 1
    assert practice.created_by == editor
    assert practice.dos == ["Involve investors in the jury", "Pay in tranches"]
    assert _actions(practice) == ["practice.created"]


def test_an_organisation_admin_may_create_a_practice(org, alice):
    assert workflow.practice_create(organisation=org, data=content(), by=alice).pk


@pytest.mark.parametrize("actor", ["bob", "charlie", "coordinator", "reviewer"])
def test_only_editors_of_the_organisation_create_practices(request, org, actor):
    with pytest.raises(PermissionDenied):
        workflow.practice_create(
            organisation=org, data=content(), by=request.getfixturevalue(actor)
        )
    assert not Practice.objects.exists()


def test_slugs_are_unique_and_never_reserved(org, editor):
    first = workflow.practice_create(organisation=org, data=content(title="New"), by=editor)
    second = workflow.practice_create(organisation=org, data=content(title="New"), by=editor)
    third = workflow.practice_create(organisation=org, data=content(title="Pôle ÉTÉ"), by=editor)
    fourth = workflow.practice_create(organisation=org, data=content(title="Pôle été"), by=editor)
    nothing = workflow.practice_create(organisation=org, data=content(title="???"), by=editor)

    assert first.slug == "new-2"  # "new" is /practices/new/
    assert second.slug == "new-3"
    assert third.slug == "pole-ete"
    assert fourth.slug == "pole-ete-2"
    assert nothing.slug == "practice"


def test_the_slug_stays_when_the_title_changes(draft, editor):
    slug = draft.slug
    workflow.practice_update(
        practice=draft, data={"title": "A different title"}, expected_version=1, by=editor
    )
    draft.refresh_from_db()
    assert draft.title == "A different title"
    assert draft.slug == slug


def test_creation_validates_the_content(org, editor):
    with pytest.raises(ValidationError) as caught:
        workflow.practice_create(
            organisation=org,
            data=content(title="x" * 121, start_year=2008, end_year=2001, stages=["bogus"]),
            by=editor,
        )
    assert set(caught.value.message_dict) >= {"title", "end_year", "stages"}


def test_unknown_fields_are_refused(org, editor):
    with pytest.raises(ValidationError, match="status"):
        workflow.practice_create(
            organisation=org, data={**content(), "status": "published"}, by=editor
        )


# ---- Editing in place -------------------------------------------------------------------


def test_an_edit_changes_the_row_bumps_the_version_and_records_what_changed(draft, editor):
    result = workflow.practice_update(
        practice=draft,
        data={"title": "Seed fund", "description": "Longer text", "stages": ["mature"]},
        expected_version=1,
        by=editor,
    )

    assert result == draft
    draft.refresh_from_db()
    assert draft.version == 2
    assert draft.title == "Seed fund"
    edited = activities_for(draft).filter(action="practice.edited").get()
    assert edited.actor == editor
    assert edited.data["changes"] == [
        {"field": "title", "before": content()["title"], "after": "Seed fund"},
        {"field": "description"},  # long text: only that it changed
        {"field": "stages", "before": ["emerging", "developing"], "after": ["mature"]},
    ]


def test_saving_without_changes_writes_nothing(draft, editor):
    workflow.practice_update(practice=draft, data=content(), expected_version=1, by=editor)
    draft.refresh_from_db()
    assert draft.version == 1
    assert _actions(draft) == ["practice.created"]


def test_a_stale_edit_is_refused_and_says_who_saved(draft, editor, alice):
    workflow.practice_update(
        practice=draft, data={"title": "Alice's"}, expected_version=1, by=alice
    )

    with pytest.raises(workflow.StaleEdit) as caught:
        workflow.practice_update(
            practice=draft, data={"title": "Editor's"}, expected_version=1, by=editor
        )

    assert caught.value.current_version == 2
    assert str(alice) in caught.value.messages[0]
    assert "Someone else saved this practice since you opened it" in caught.value.messages[0]
    draft.refresh_from_db()
    assert draft.title == "Alice's"


@pytest.mark.parametrize("actor", ["bob", "charlie", "reviewer"])
def test_members_outsiders_and_reviewers_cannot_edit(request, draft, actor):
    with pytest.raises(PermissionDenied):
        workflow.practice_update(
            practice=draft,
            data={"title": "Hijacked"},
            expected_version=1,
            by=request.getfixturevalue(actor),
        )


def test_a_coordinator_may_correct_a_draft(draft, coordinator):
    workflow.practice_update(
        practice=draft, data={"title": "Typo fixed"}, expected_version=1, by=coordinator
    )
    draft.refresh_from_db()
    assert draft.title == "Typo fixed"


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.REJECTED, Status.ARCHIVED])
def test_submitted_rejected_and_archived_practices_are_locked(org, editor, coordinator, status):
    practice = _in_state(org, status)
    for person in (editor, coordinator):
        with pytest.raises(ValidationError) as caught:
            workflow.practice_update(
                practice=practice, data={"title": "Changed"}, expected_version=1, by=person
            )
        assert caught.value.code == "locked"
    practice.refresh_from_db()
    assert practice.title != "Changed"


# ---- Transitions -------------------------------------------------------------------------


def test_the_full_happy_path(draft, editor, coordinator, catalogue_changes):
    workflow.practice_submit(practice=draft, by=editor)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.submitted_at is not None

    workflow.practice_request_changes(practice=draft, comment="Add figures.", by=coordinator)
    draft.refresh_from_db()
    assert draft.status == Status.CHANGES_REQUESTED

    workflow.practice_update(
        practice=draft, data={"results": "14 companies"}, expected_version=1, by=editor
    )
    workflow.practice_submit(practice=draft, by=editor)
    assert catalogue_changes == []
    workflow.practice_publish(practice=draft, by=coordinator)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_at is not None
    assert len(catalogue_changes) == 1

    workflow.practice_archive(practice=draft, by=coordinator)
    draft.refresh_from_db()
    assert draft.status == Status.ARCHIVED
    assert len(catalogue_changes) == 2

    assert _actions(draft)[::-1] == [
        "practice.created",
        "practice.submitted",
        "practice.changes_requested",
        "practice.edited",
        "practice.submitted",
        "practice.published",
        "practice.archived",
    ]
    requested = activities_for(draft).get(action="practice.changes_requested")
    assert requested.data["comment"] == "Add figures."
    assert requested.actor == coordinator
    assert requested.organisation == draft.owner


def test_rejecting_records_the_reason(org, coordinator):
    practice = _in_state(org, Status.SUBMITTED)
    workflow.practice_reject(practice=practice, reason="Not a biocluster practice.", by=coordinator)
    practice.refresh_from_db()
    assert practice.status == Status.REJECTED
    assert activities_for(practice).get().data["reason"] == "Not a biocluster practice."


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (
            lambda p, by: workflow.practice_request_changes(practice=p, comment="  ", by=by),
            "comment",
        ),
        (lambda p, by: workflow.practice_reject(practice=p, reason="", by=by), "reason"),
    ],
)
def test_handing_back_and_rejecting_need_a_comment(org, coordinator, call, field):
    practice = _in_state(org, Status.SUBMITTED)
    with pytest.raises(ValidationError) as caught:
        call(practice, coordinator)
    assert field in caught.value.message_dict
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


@pytest.mark.parametrize(
    ("actor", "action"),
    [
        ("editor", "publish"),
        ("alice", "publish"),
        ("reviewer", "publish"),
        ("editor", "reject"),
        ("editor", "request_changes"),
        ("reviewer", "request_changes"),
        ("alice", "archive"),
        ("bob", "submit"),
        ("charlie", "submit"),
        ("coordinator", "submit"),
        ("reviewer", "submit"),
    ],
)
def test_forbidden_transitions_raise_permission_denied(request, org, actor, action):
    source = Status.DRAFT if action == "submit" else Status.SUBMITTED
    if action == "archive":
        source = Status.PUBLISHED
    practice = _in_state(org, source)
    person = request.getfixturevalue(actor)
    calls = {
        "submit": lambda: workflow.practice_submit(practice=practice, by=person),
        "publish": lambda: workflow.practice_publish(practice=practice, by=person),
        "archive": lambda: workflow.practice_archive(practice=practice, by=person),
        "reject": lambda: workflow.practice_reject(practice=practice, reason="No", by=person),
        "request_changes": lambda: workflow.practice_request_changes(
            practice=practice, comment="No", by=person
        ),
    }
    with pytest.raises(PermissionDenied):
        calls[action]()
    practice.refresh_from_db()
    assert practice.status == source
    assert not activities_for(practice).exists()


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (Status.DRAFT, "publish"),
        (Status.DRAFT, "reject"),
        (Status.DRAFT, "request_changes"),
        (Status.DRAFT, "archive"),
        (Status.CHANGES_REQUESTED, "publish"),
        (Status.PUBLISHED, "publish"),
        (Status.PUBLISHED, "submit"),
        (Status.REJECTED, "submit"),
        (Status.REJECTED, "publish"),
        (Status.ARCHIVED, "publish"),
        (Status.ARCHIVED, "archive"),
        (Status.SUBMITTED, "submit"),
        (Status.SUBMITTED, "archive"),
    ],
)
def test_transitions_from_the_wrong_state_are_refused(org, editor, coordinator, status, action):
    practice = _in_state(org, status)
    person = editor if action == "submit" else coordinator
    calls = {
        "submit": lambda: workflow.practice_submit(practice=practice, by=person),
        "publish": lambda: workflow.practice_publish(practice=practice, by=person),
        "archive": lambda: workflow.practice_archive(practice=practice, by=person),
        "reject": lambda: workflow.practice_reject(practice=practice, reason="No", by=person),
        "request_changes": lambda: workflow.practice_request_changes(
            practice=practice, comment="No", by=person
        ),
    }
    with pytest.raises(ValidationError) as caught:
        calls[action]()
    assert caught.value.code == "invalid_transition"
    assert "this practice is" in caught.value.messages[0]
    practice.refresh_from_db()
    assert practice.status == status


def test_allowed_actions_follow_role_and_state(org, editor, coordinator, reviewer, bob):
    draft = _in_state(org, Status.DRAFT)
    submitted = _in_state(org, Status.SUBMITTED)
    published = _in_state(org, Status.PUBLISHED)

    assert workflow.allowed_actions(editor, draft) == ["submit"]
    assert workflow.allowed_actions(coordinator, draft) == []
    assert workflow.allowed_actions(coordinator, submitted) == [
        "request_changes",
        "publish",
        "reject",
    ]
    assert workflow.allowed_actions(coordinator, published) == ["archive"]
    assert workflow.allowed_actions(reviewer, submitted) == []
    assert workflow.allowed_actions(bob, draft) == []


def test_archiving_withdraws_a_pending_revision(org, editor, coordinator):
    practice = _in_state(org, Status.PUBLISHED)
    revision = workflow.practice_update(
        practice=practice, data={"title": "Proposed"}, expected_version=1, by=editor
    )
    workflow.practice_archive(practice=practice, by=coordinator)
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.WITHDRAWN


# ---- E-mails -----------------------------------------------------------------------------


def test_submitting_emails_the_coordinators(
    draft, editor, coordinator, settings, django_capture_on_commit_callbacks
):
    other_coordinator = UserFactory(email="second@example.org", is_coordinator=True)
    UserFactory(email="retired@example.org", is_coordinator=True, is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        workflow.practice_submit(practice=draft, by=editor)

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == [coordinator.email, other_coordinator.email]
    message = mail.outbox[0]
    assert message.subject == f"[NETBIOCLUE] Submitted for review: {draft.title}"
    assert f"{settings.SITE_URL}/practices/{draft.slug}/" in message.body
    assert f"{settings.SITE_URL}/practices/moderation/" in message.body


def test_publishing_emails_the_owner_editors_and_not_outsiders(
    org,
    draft,
    editor,
    alice,
    bob,
    charlie,
    coordinator,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.SITE_URL = "https://portal.example"
    with django_capture_on_commit_callbacks(execute=True):
        workflow.practice_submit(practice=draft, by=editor)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.practice_publish(practice=draft, by=coordinator)

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == [alice.email, editor.email]  # editors and admins, not bob or charlie
    assert all(len(message.to) == 1 for message in mail.outbox)
    assert mail.outbox[0].subject == f"[NETBIOCLUE] Published: {draft.title}"
    assert f"https://portal.example/practices/{draft.slug}/" in mail.outbox[0].body


def test_the_submitter_hears_back_even_after_leaving_the_editors(
    org, draft, editor, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.practice_submit(practice=draft, by=editor)
    editor.memberships.update(role=Role.MEMBER)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        workflow.practice_reject(practice=draft, reason="Out of scope.", by=coordinator)

    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "Out of scope." in mail.outbox[0].body
    assert mail.outbox[0].subject == f"[NETBIOCLUE] Not accepted: {draft.title}"


def test_request_changes_email_carries_the_comment(
    org, editor, coordinator, django_capture_on_commit_callbacks
):
    practice = _in_state(org, Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.practice_request_changes(
            practice=practice, comment="Add the budget.", by=coordinator
        )
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "Add the budget." in mail.outbox[0].body


def test_the_actor_is_not_emailed_about_their_own_action(
    org, coordinator, django_capture_on_commit_callbacks
):
    MembershipFactory(organisation=org, user=coordinator, role=Role.EDITOR)
    practice = _in_state(org, Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.practice_publish(practice=practice, by=coordinator)
    assert mail.outbox == []


def test_emails_are_queued_after_commit_not_before(
    draft, editor, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.practice_submit(practice=draft, by=editor)
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_the_task_run_twice_sends_once(
    draft, editor, coordinator, django_capture_on_commit_callbacks
):
    workflow.practice_submit(practice=draft, by=editor)  # callbacks not run: no e-mail yet
    activity = Activity.objects.get(action="practice.submitted")

    with django_capture_on_commit_callbacks(execute=True):
        notify_transition(activity.pk)
        notify_transition(activity.pk)

    assert len(mail.outbox) == 1
    activity.refresh_from_db()
    assert activity.data["notified_at"]
    assert notifications.send_transition_emails(activity_id=activity.pk) == 0


def test_the_task_ignores_unknown_activities(db):
    assert notifications.send_transition_emails(activity_id=987654) == 0


def test_every_transition_has_an_email_template(
    org, editor, coordinator, django_capture_on_commit_callbacks
):
    practice = workflow.practice_create(organisation=org, data=content(), by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.practice_submit(practice=practice, by=editor)
        workflow.practice_request_changes(practice=practice, comment="More.", by=coordinator)
        workflow.practice_submit(practice=practice, by=editor)
        workflow.practice_publish(practice=practice, by=coordinator)
        revision = workflow.practice_update(
            practice=practice, data={"title": "New title"}, expected_version=1, by=editor
        )
        workflow.revision_reject(revision=revision, comment="Keep the old one.", by=coordinator)
        revision = workflow.practice_update(
            practice=practice, data={"title": "Newer title"}, expected_version=1, by=editor
        )
        assert revision.version == 3  # above the rejected revision's 2
        workflow.revision_approve(revision=revision, by=coordinator)
        workflow.practice_archive(practice=practice, by=coordinator)
    subjects = [message.subject.split(":")[0] for message in mail.outbox]
    assert subjects == [
        "[NETBIOCLUE] Submitted for review",
        "[NETBIOCLUE] Changes requested",
        "[NETBIOCLUE] Submitted for review",
        "[NETBIOCLUE] Published",
        "[NETBIOCLUE] Revision to review",
        "[NETBIOCLUE] Revision not accepted",
        "[NETBIOCLUE] Revision to review",
        "[NETBIOCLUE] Revision published",
        "[NETBIOCLUE] Archived",
    ]
    assert PracticeRevision.objects.count() == 2
