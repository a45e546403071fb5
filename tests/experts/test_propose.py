"""A partner organisation's admin proposes a colleague as an expert; the colleague agrees
on the portal; the coordinator validates. Pages over the services, bad input kept."""

import pytest
from django.core import mail
from django.urls import reverse

from experts.models import ExpertProfile, ExpertStatus
from tests.experts.factories import ExpertFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROFILE = {
    "email": "colleague@example.org",
    "name": "Jana Novak",
    "headline": "Seed funding for biotech start-ups",
    "bio": "Ran a regional seed fund for ten years.",
    "languages": "en:C1; cs:native",
    "capacity": "2",
    "visibility": "public",
    "tool_types": ["funding"],
}


def _propose(client, org, **changes):
    return client.post(reverse("experts:propose"), {**PROFILE, "organisation": org.pk, **changes})


def test_an_org_admin_proposes_the_colleague_agrees_the_coordinator_validates(
    client, org, alice, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    assert client.get(reverse("experts:propose")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = _propose(client, org)
    assert response.status_code == 302, response.content.decode()[:2000]
    expert = ExpertProfile.objects.get(email="colleague@example.org")
    assert (expert.status, expert.organisation, expert.proposed_by) == (
        ExpertStatus.APPLIED, org, alice,
    )  # fmt: skip
    assert expert.user is None and expert.consent_at is None
    (invitation,) = mail.outbox
    assert invitation.to == ["colleague@example.org"]
    assert reverse("experts:consent") in invitation.body
    # Not in the directory, and the coordinator cannot validate before consent.
    assert expert not in client.get(reverse("experts:index")).context["experts"]
    client.force_login(coordinator)
    queue = client.get(reverse("experts:validation_queue")).content.decode()
    assert "Jana Novak" in queue and "Not yet" in queue
    client.post(reverse("experts:decide", kwargs={"pk": expert.pk}), {"decision": "validate"})
    expert.refresh_from_db()
    assert expert.status == ExpertStatus.APPLIED

    colleague = UserFactory(email="colleague@example.org")
    client.force_login(colleague)
    page = client.get(reverse("experts:consent"))
    assert page.status_code == 200 and "Jana Novak" in page.content.decode()
    assert client.post(reverse("experts:consent"), {}).status_code == 400  # box not ticked
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("experts:consent"), {"consent": "on"})
    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.user == colleague and expert.consent_at is not None
    assert [m.to for m in mail.outbox] == [["coordinator@example.org"]]

    client.force_login(coordinator)
    client.post(reverse("experts:decide", kwargs={"pk": expert.pk}), {"decision": "validate"})
    expert.refresh_from_db()
    assert expert.status == ExpertStatus.VALIDATED


@pytest.mark.parametrize("actor", ["anonymous", "bob", "editor", "coordinator", "stranger"])
def test_only_org_admins_reach_the_page(client, org, bob, editor, coordinator, actor):
    people = {"bob": bob, "editor": editor, "coordinator": coordinator, "stranger": UserFactory()}
    if actor != "anonymous":
        client.force_login(people[actor])
    status = client.get(reverse("experts:propose")).status_code
    assert status == (302 if actor == "anonymous" else 404)
    assert not ExpertProfile.objects.exists()


def test_an_admin_proposes_only_for_their_own_organisation(client, org, other_org, charlie):
    client.force_login(charlie)  # admin of other_org
    response = _propose(client, org)
    assert response.status_code == 400
    assert not ExpertProfile.objects.exists()
    assert _propose(client, other_org).status_code == 302


def test_bad_input_keeps_what_was_typed(client, org, alice):
    client.force_login(alice)
    response = _propose(client, org, email="not an address", languages="xx:C9")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Jana Novak" in body and "not an address" in body and "xx:C9" in body
    assert not ExpertProfile.objects.exists()


def test_a_person_with_a_profile_is_not_proposed_twice(client, org, alice):
    existing = ExpertFactory(email="colleague@example.org", user=None)
    client.force_login(alice)
    response = _propose(client, org)
    assert response.status_code == 400
    assert "already has an expert profile" in response.content.decode()
    assert list(ExpertProfile.objects.all()) == [existing]


def test_nobody_else_consents_for_the_colleague(client, org, alice):
    client.force_login(alice)
    _propose(client, org)
    client.force_login(UserFactory(email="someone.else@example.org"))
    assert client.get(reverse("experts:consent")).status_code == 404
    assert client.post(reverse("experts:consent"), {"consent": "on"}).status_code == 404
    client.force_login(UserFactory(email="colleague@example.org", verified=False))
    assert client.get(reverse("experts:consent")).status_code == 404
    assert ExpertProfile.objects.get().consent_at is None
