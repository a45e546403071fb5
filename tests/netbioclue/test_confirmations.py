"""Actions that cannot be undone ask first, on a page of their own (netbioclue.confirm).

Each action's first POST changes nothing and answers with a page naming what will happen,
whose form repeats what was posted (a typed reason survives); the confirmed POST acts and
redirects, so reloading the result never repeats the action.
"""

import pytest
from django.urls import reverse

from organisations import services as organisation_services
from organisations.models import ApiKey, Membership
from organisations.permissions import Role
from practices.models import Status
from tests.factories import MembershipFactory, PracticeFactory


def _ask_then_confirm(client, url, data, *, names: str):
    """POST once: the question, nothing done; POST with the confirmation: a redirect."""
    first = client.post(url, data)
    assert first.status_code == 200
    page = first.content.decode()
    assert 'name="confirmed" value="yes"' in page
    assert names in page
    assert f'action="{url}"' in page
    for name, value in data.items():  # what was posted is carried to the confirmation
        assert f'name="{name}" value="{value}"' in page
    second = client.post(url, {**data, "confirmed": "yes"})
    assert second.status_code == 302
    return first, second


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "start", "data", "end", "names"),
    [
        ("publish", Status.SUBMITTED, {}, Status.PUBLISHED, "public catalogue"),
        (
            "reject",
            Status.SUBMITTED,
            {"reject-comment": "Out of scope"},
            Status.REJECTED,
            "will be rejected",
        ),
        ("archive", Status.PUBLISHED, {}, Status.ARCHIVED, "leave the public catalogue"),
    ],
)
def test_moderation_actions_ask_first(client, coordinator, org, action, start, data, end, names):
    practice = PracticeFactory(owner=org, status=start, published=start == Status.PUBLISHED)
    practice.status = start
    practice.save()
    client.force_login(coordinator)
    url = reverse("practices:transition", kwargs={"slug": practice.slug, "action": action})

    first = client.post(url, data)
    practice.refresh_from_db()
    assert practice.status == start  # asking changed nothing
    assert names in first.content.decode()

    _first, done = _ask_then_confirm(client, url, data, names=names)
    practice.refresh_from_db()
    assert practice.status == end
    assert done["Location"] == practice.get_absolute_url()


@pytest.mark.django_db
def test_a_reject_without_a_reason_is_refused_without_asking(client, coordinator, org):
    practice = PracticeFactory(owner=org, status=Status.SUBMITTED)
    client.force_login(coordinator)
    url = reverse("practices:transition", kwargs={"slug": practice.slug, "action": "reject"})
    response = client.post(url, {"reject-comment": "  "})
    assert response.status_code == 400
    assert 'name="confirmed"' not in response.content.decode()


@pytest.mark.django_db
def test_an_editor_is_not_asked_to_confirm_what_they_may_not_do(client, editor, org):
    practice = PracticeFactory(owner=org, status=Status.SUBMITTED)
    client.force_login(editor)
    url = reverse("practices:transition", kwargs={"slug": practice.slug, "action": "publish"})
    response = client.post(url)
    assert response.status_code == 403
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


@pytest.mark.django_db
def test_revoking_a_key_asks_first(client, org, alice):
    key, _raw = organisation_services.api_key_create(
        organisation=org, name="Nightly sync", scope="read", by=alice
    )
    client.force_login(alice)
    url = reverse("organisations:revoke_api_key", args=[org.slug, key.pk])
    _ask_then_confirm(client, url, {}, names="Nightly sync")
    assert ApiKey.objects.get(pk=key.pk).revoked_at is not None


@pytest.mark.django_db
def test_removing_a_member_asks_first(client, org, alice, bob):
    client.force_login(alice)
    url = reverse("organisations:remove_member", args=[org.slug, bob.memberships.get().pk])
    client.post(url)
    assert bob.memberships.exists()
    _ask_then_confirm(client, url, {}, names="would need a new invitation")
    assert not bob.memberships.exists()


@pytest.mark.django_db
def test_leaving_an_organisation_asks_first(client, org, alice, bob):
    client.force_login(bob)
    url = reverse("organisations:remove_member", args=[org.slug, bob.memberships.get().pk])
    _first, done = _ask_then_confirm(client, url, {}, names="Leave")
    assert done["Location"] == reverse("dashboard")
    assert not Membership.objects.filter(user=bob).exists()


@pytest.mark.django_db
def test_the_last_admin_is_told_at_once_instead_of_asked(client, org, alice):
    client.force_login(alice)
    url = reverse("organisations:remove_member", args=[org.slug, alice.memberships.get().pk])
    response = client.post(url)
    assert response.status_code == 302  # no question about an impossible action
    assert Membership.objects.filter(user=alice, role=Role.ADMIN).exists()


@pytest.mark.django_db
def test_a_cancel_link_leads_back_and_outsiders_see_no_question(client, org, other_org, charlie):
    victim = MembershipFactory(organisation=org, role=Role.EDITOR)
    client.force_login(charlie)
    url = reverse("organisations:remove_member", args=[org.slug, victim.pk])
    assert client.post(url).status_code == 404
