import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from events import digest
from events.follows import follow_add
from events.models import DigestPreference, Follow
from tests.events.conftest import EventFactory
from tests.factories import ClusterFactory, PracticeFactory, UserFactory

pytestmark = pytest.mark.django_db

# A Monday, 06:30 UTC.
NOW = datetime.datetime(2031, 6, 2, 6, 30, tzinfo=datetime.UTC)


@pytest.fixture
def reader(db):
    user = UserFactory(email="reader@example.org", full_name="Rita Reader")
    return user


def _published(days_ago, **kwargs):
    moment = NOW - datetime.timedelta(days=days_ago)
    return PracticeFactory(published=True, published_at=moment, **kwargs)


def test_following_a_topic_then_receiving_a_digest(reader, org):
    follow_add(user=reader, kind="topic", topic="tool_type:incubator")
    DigestPreference.objects.filter(user=reader).update(weekday=0, language="en")
    _published(2, owner=org, title="Incubator vouchers", tool_types=["incubator"])
    _published(2, owner=org, title="Seed fund", tool_types=["funding"])
    _published(30, owner=org, title="Old incubator", tool_types=["incubator"])
    event = EventFactory(
        host=org,
        title="Incubator managers meet",
        topics=["incubator"],
        starts_at=NOW + datetime.timedelta(days=20),
        ends_at=NOW + datetime.timedelta(days=20, hours=3),
    )
    event.published_at = NOW - datetime.timedelta(days=1)
    event.save()
    counts = digest.send_digests(now=NOW)
    assert counts == {"people": 1, "sent": 1, "empty": 0}
    (message,) = mail.outbox
    assert message.to == ["reader@example.org"]
    assert "Incubator vouchers" in message.body and "Incubator managers meet" in message.body
    assert "Seed fund" not in message.body and "Old incubator" not in message.body
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body
    # Run again the same day: nothing new since, nothing sent.
    assert digest.send_digests(now=NOW)["sent"] == 0
    assert len(mail.outbox) == 1


def test_nothing_is_sent_when_nothing_is_new(reader, org):
    follow_add(user=reader, kind="organisation", organisation=org)
    assert digest.send_digests(now=NOW) == {"people": 1, "sent": 0, "empty": 1}
    assert mail.outbox == []


def test_only_people_whose_day_it_is(reader, org):
    follow_add(user=reader, kind="organisation", organisation=org)
    DigestPreference.objects.filter(user=reader).update(weekday=3)
    _published(1, owner=org)
    assert digest.send_digests(now=NOW)["people"] == 0


def test_cluster_and_saved_search_follows(reader, org):
    cluster = ClusterFactory(name="BioRegion Rhine-Neckar")
    follow_add(user=reader, kind="cluster", cluster=cluster)
    follow_add(user=reader, kind="search", search="/practices/?stage=mature&page=3")
    _published(1, owner=org, title="From the cluster", origin_cluster=cluster)
    _published(1, owner=org, title="Mature one", stages=["mature"])
    _published(1, owner=org, title="Emerging one", stages=["emerging"])
    result = digest.digest_for(
        list(Follow.objects.filter(user=reader)),
        NOW - datetime.timedelta(days=7),
        digest.collect_news(NOW),
    )
    assert sorted(p["title"] for p in result.practices) == ["From the cluster", "Mature one"]
    assert Follow.objects.get(user=reader, kind="search").search == "stage=mature"


def test_the_dry_run_prints_and_sends_nothing(reader, org, capsys):
    follow_add(user=reader, kind="organisation", organisation=org)
    _published(1, owner=org, title="Printed practice")
    call_command("send_digests", "--dry-run", "--now", NOW.isoformat())
    out = capsys.readouterr().out
    assert "reader@example.org" in out and "Printed practice" in out
    assert "1 of 1 people due would receive" in out
    assert mail.outbox == []
    assert DigestPreference.objects.get(user=reader).last_sent_at is None


def test_one_click_unsubscribe_without_signing_in(client, reader, org):
    follow_add(user=reader, kind="organisation", organisation=org)
    url = reverse("events:unsubscribe", args=[digest.unsubscribe_token(reader.pk)])
    assert client.get(url).status_code == 200
    assert DigestPreference.objects.get(user=reader).unsubscribed_at is None
    # What a mail client sends for RFC 8058: a POST without any CSRF token.
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert DigestPreference.objects.get(user=reader).unsubscribed_at is not None
    _published(1, owner=org)
    assert digest.send_digests(now=NOW)["people"] == 0
    bad = client.post(reverse("events:unsubscribe", args=["forged"]))
    assert bad.status_code == 400


def test_following_from_the_page(client, reader, org):
    client.force_login(reader)
    response = client.post(
        reverse("events:follow"), {"kind": "organisation", "organisation": org.slug}
    )
    assert response.status_code == 302
    assert Follow.objects.filter(user=reader, organisation=org).count() == 1
    client.post(reverse("events:follow"), {"kind": "organisation", "organisation": org.slug})
    assert Follow.objects.filter(user=reader).count() == 1  # idempotent
    page = client.get(reverse("events:following"))
    assert org.name in page.text
    bad = client.post(reverse("events:follow"), {"kind": "search", "search": "stage=nope"})
    assert bad.status_code == 302
    assert Follow.objects.filter(user=reader).count() == 1
    follow = Follow.objects.get(user=reader)
    client.post(reverse("events:follow"), {"remove": follow.pk})
    assert not Follow.objects.filter(user=reader).exists()
    assert client.post(reverse("events:follow"), {"remove": "x"}).status_code == 302


def test_the_following_page_needs_a_sign_in(client):
    assert client.get(reverse("events:following")).status_code == 302


def test_atom_feeds_take_the_lists_filters(client, org):
    EventFactory(host=org, title="Webinar A", kind="webinar")
    EventFactory(host=org, title="Workshop B", kind="workshop")
    body = client.get(reverse("events:feed_atom"), {"kind": "webinar"}).content.decode()
    assert "<feed" in body and "Webinar A" in body and "Workshop B" not in body
    assert client.get(reverse("events:feed_atom"), {"kind": "x"}).status_code == 400
    PracticeFactory(owner=org, published=True, title="Mature P", stages=["mature"])
    PracticeFactory(owner=org, published=True, title="Emerging P", stages=["emerging"])
    body = client.get(reverse("events:practices_atom"), {"stage": "mature"}).content.decode()
    assert "Mature P" in body and "Emerging P" not in body


def _request(days_ago, **kwargs):
    from experts.models import RequestStatus
    from tests.experts.factories import RequestFactory

    request = RequestFactory(status=kwargs.pop("status", RequestStatus.OPEN), **kwargs)
    # created_at is auto_now_add: set the moment it opened afterwards.
    type(request).objects.filter(pk=request.pk).update(
        created_at=NOW - datetime.timedelta(days=days_ago)
    )
    return request


def _follow_funding(*users):
    for user in users:
        follow_add(user=user, kind="topic", topic="tool_type:funding")
        DigestPreference.objects.filter(user=user).update(weekday=0, language="en")


def test_requests_for_expertise_in_followed_topics_reach_those_who_may_see_them(
    org, alice, coordinator, charlie
):
    """The experts app decides who sees a request: its organisation's members and the
    coordinators get it in their digest; someone else following the topic does not."""
    from experts.models import RequestStatus

    _follow_funding(alice, coordinator, charlie)
    shown = _request(2, organisation=org, title="Seed fund for our region")
    _request(2, organisation=org, tool_types=["talent"], title="Training curriculum")
    _request(2, organisation=org, status=RequestStatus.DRAFT, title="A draft request")
    _request(2, organisation=org, status=RequestStatus.CLOSED, title="A closed request")
    _request(30, organisation=org, title="An old request")

    counts = digest.send_digests(now=NOW)

    assert counts == {"people": 3, "sent": 2, "empty": 1}
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert set(bodies) == {alice.email, coordinator.email}
    for body in bodies.values():
        assert "Requests for expertise in what you follow" in body
        assert "Seed fund for our region" in body
        assert reverse("experts:request_detail", kwargs={"pk": shown.pk}) in body
        for title in ("Training curriculum", "A draft request", "A closed request", "An old"):
            assert title not in body


def test_a_request_about_a_followed_cluster(alice, org):
    cluster = ClusterFactory()
    follow_add(user=alice, kind="cluster", cluster=cluster)
    DigestPreference.objects.filter(user=alice).update(weekday=0)
    _request(1, organisation=org, cluster=cluster, tool_types=["talent"], title="Cluster need")

    digest.send_digests(now=NOW)

    (message,) = mail.outbox
    assert "Cluster need" in message.body


def test_the_visibility_check_runs_only_for_people_with_a_candidate_request(
    org, alice, coordinator
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _follow_funding(alice, coordinator)
    for _n in range(20):
        reader = UserFactory()
        follow_add(user=reader, kind="topic", topic="tool_type:talent")
        DigestPreference.objects.filter(user=reader).update(weekday=0)
    _request(2, organisation=org)

    with CaptureQueriesContext(connection) as queries:
        digest.send_digests(now=NOW, dry_run=True)
    checks = [q for q in queries if "experts_expertiserequest" in q["sql"]]
    # the window's requests (once), then one check for each of the two candidates
    assert len(checks) == 3
