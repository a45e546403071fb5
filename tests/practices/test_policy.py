"""practices.policy answers each "may X see / do Y" question once, for people and API keys
alike (a key's acting user holds the key's grants), and workflow.ACTIONS maps every
action to the one service the HTML views, the API and the admin call."""

import pytest
from django.contrib.auth.models import AnonymousUser
from rest_framework.test import APIRequestFactory

from netbioclue.rest.authentication import ApiKeyAuthentication
from organisations import services
from organisations.models import ApiKeyScope
from organisations.permissions import Role
from practices import policy
from practices.models import TRANSITIONS, PracticeRevision, StakeholderInterview, Status
from practices.services import workflow
from tests.api.helpers import bearer
from tests.factories import MembershipFactory, PracticeFactory, UserFactory

pytestmark = pytest.mark.django_db

ALL = [status.value for status in Status]


def _acting_user(organisation, scope):
    """The user a request authenticated with a new key of ``scope`` acts as."""
    admin = MembershipFactory(organisation=organisation, role=Role.ADMIN, user__password=None).user
    _key, raw = services.api_key_create(organisation=organisation, name="k", scope=scope, by=admin)
    request = APIRequestFactory().get("/api/v1/practices/", headers=bearer(raw))
    user, _key = ApiKeyAuthentication().authenticate(request)
    return user


@pytest.fixture
def actors(org, alice, bob, editor, charlie, coordinator, reviewer):
    return {
        "anonymous": AnonymousUser(),
        "alice": alice,  # admin of org
        "bob": bob,  # member of org
        "editor": editor,  # editor of org
        "charlie": charlie,  # other_org
        "coordinator": coordinator,
        "reviewer": reviewer,
        "read_key": _acting_user(org, ApiKeyScope.READ),
        "write_key": _acting_user(org, ApiKeyScope.WRITE),
    }


@pytest.fixture
def practices(org):
    practices = {}
    for status in ALL:
        extra = {"published": True} if status == Status.PUBLISHED else {"status": status}
        if status == Status.ARCHIVED:
            extra = {"published": True, "status": Status.ARCHIVED}
        practices[status] = PracticeFactory(owner=org, slug=f"p-{status}", **extra)
    return practices


# Which states of org's practices each actor sees.
VISIBLE = {
    "anonymous": {"published"},
    "alice": set(ALL),
    "bob": set(ALL),
    "editor": set(ALL),
    "charlie": {"published"},
    "coordinator": set(ALL),
    "reviewer": {"published", "submitted"},
    "read_key": set(ALL),
    "write_key": set(ALL),
}


@pytest.mark.parametrize("name", list(VISIBLE))
def test_visibility_is_one_rule_for_people_and_keys(actors, practices, name):
    actor = actors[name]
    seen = set(policy.visible_practices(actor).values_list("status", flat=True))
    assert seen == VISIBLE[name]
    for status, practice in practices.items():
        expected = status in VISIBLE[name]
        assert policy.can_view(actor, practice) is expected, status
        assert policy.can_view_attachment(actor, practice) is expected, status


EDITS = {"alice", "editor", "coordinator", "write_key"}
INSIDERS = {"alice", "bob", "editor", "coordinator", "read_key", "write_key"}


@pytest.mark.parametrize("name", list(VISIBLE))
def test_who_edits_and_who_is_an_insider(actors, practices, name):
    actor = actors[name]
    draft = practices[Status.DRAFT]
    assert policy.can_edit(actor, draft) is (name in EDITS)
    assert policy.is_insider(actor, draft) is (name in INSIDERS)
    assert policy.can_moderate(actor) is (name == "coordinator")
    # Members of any partner organisation (and keys) and the coordinator: not a reviewer
    # without a membership, and not someone who merely signed up (below).
    assert policy.can_see_contact(actor) is (name not in {"anonymous", "reviewer"})


def test_signing_up_is_not_enough_to_see_contact_details(db):
    assert policy.can_see_contact(UserFactory()) is False


@pytest.mark.parametrize("name", list(VISIBLE))
def test_who_creates_for_which_organisation(actors, org, other_org, name):
    expected = [org.pk] if name in EDITS - {"coordinator"} else []
    if name == "charlie":  # admin of the other organisation
        expected = [other_org.pk]
    assert policy.creatable_organisation_ids(actors[name]) == expected
    assert [o.pk for o in policy.creatable_organisations(actors[name])] == expected


def test_actions_by_actor_and_state(actors, practices):
    submitted, draft = practices[Status.SUBMITTED], practices[Status.DRAFT]
    assert policy.allowed_actions(actors["editor"], draft) == ["submit"]
    assert policy.allowed_actions(actors["write_key"], draft) == ["submit"]
    assert policy.allowed_actions(actors["read_key"], draft) == []
    assert policy.allowed_actions(actors["coordinator"], draft) == []  # not on the owner's behalf
    assert policy.allowed_actions(actors["coordinator"], submitted) == [
        "request_changes",
        "publish",
        "reject",
    ]
    # A key never publishes; like the editors it may take the submission back.
    assert policy.allowed_actions(actors["write_key"], submitted) == ["withdraw"]
    assert policy.allowed_actions(actors["editor"], submitted) == ["withdraw"]
    assert policy.allowed_actions(actors["reviewer"], submitted) == []


def test_attachments_follow_the_state(actors, practices):
    editor, coordinator = actors["editor"], actors["coordinator"]
    assert policy.attachments_open(editor, practices[Status.DRAFT])
    assert not policy.attachments_open(editor, practices[Status.SUBMITTED])
    assert policy.attachments_open(coordinator, practices[Status.SUBMITTED])
    assert policy.attachments_open(coordinator, practices[Status.PUBLISHED])
    assert not policy.attachments_open(coordinator, practices[Status.ARCHIVED])
    assert not policy.attachments_open(actors["bob"], practices[Status.DRAFT])


def test_interviews(actors, practices):
    reviewer, coordinator = actors["reviewer"], actors["coordinator"]
    for status, practice in practices.items():
        expected = status in (Status.SUBMITTED, Status.PUBLISHED)
        assert policy.can_interview(reviewer, practice) is expected
        assert policy.can_interview(coordinator, practice) is expected
        assert not policy.can_interview(actors["editor"], practice)
    interview = StakeholderInterview(practice=practices[Status.PUBLISHED], reviewer=reviewer)
    other_reviewer = UserFactory(is_reviewer=True)
    assert policy.can_delete_interview(reviewer, interview)
    assert policy.can_delete_interview(coordinator, interview)
    assert not policy.can_delete_interview(other_reviewer, interview)


def test_every_transition_and_decision_has_one_service():
    assert set(workflow.ACTIONS) == set(TRANSITIONS)
    assert set(workflow.REVISION_DECISIONS) == {"approve", "reject"}


@pytest.mark.parametrize(
    ("action", "comment", "status"),
    [
        ("publish", "", Status.PUBLISHED),
        ("request_changes", "Add figures.", Status.CHANGES_REQUESTED),
        ("reject", "Out of scope.", Status.REJECTED),
    ],
)
def test_a_transition_goes_through_its_service(practices, coordinator, action, comment, status):
    practice = workflow.practice_transition(
        action=action, practice=practices[Status.SUBMITTED], by=coordinator, comment=comment
    )
    assert practice.status == status


def test_a_revision_decision_goes_through_its_service(practices, editor, coordinator):
    published = practices[Status.PUBLISHED]
    revision = workflow.practice_update(
        practice=published,
        data={"title": "New title"},
        expected_version=published.version,
        by=editor,
    )
    assert isinstance(revision, PracticeRevision)
    workflow.revision_decide(decision="reject", revision=revision, by=coordinator, comment="No.")
    revision.refresh_from_db()
    assert revision.status == "rejected"
