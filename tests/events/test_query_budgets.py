"""Query budgets: every events page costs a fixed number of queries, for 1 or 25 rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.events.conftest import EventFactory, RegistrationFactory
from tests.factories import ClusterFactory, OrganisationFactory, PracticeFactory

pytestmark = pytest.mark.django_db


def _count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.content[:500]
    return len(queries)


def _events(org, n, **kwargs):
    cluster = ClusterFactory()
    co_host = OrganisationFactory()
    for _ in range(n):
        event = EventFactory(host=org, cluster=cluster, **kwargs)
        event.co_hosts.add(co_host)


MONTH = datetime.datetime(2031, 3, 10, 9, tzinfo=datetime.UTC)
PAST = timezone.now() - datetime.timedelta(days=20)

# url name, args, expected queries, event kwargs
PUBLIC_PAGES = [
    # the earliest start among events in progress (the scan's bound); events joined with
    # host and cluster; their co-hosts
    ("events:index", [], 3, {}),
    # the month's events ranked by day (ids); those shown, with host and cluster; co-hosts
    ("events:month", [2031, 3], 3, {"starts_at": MONTH, "ends_at": MONTH + datetime.timedelta(1)}),
    # the page's count; events with host and cluster; co-hosts
    (
        "events:day",
        [2031, 3, 10],
        3,
        {"starts_at": MONTH, "ends_at": MONTH + datetime.timedelta(1)},
    ),
    # events with host and cluster; co-hosts; outcome practices
    ("events:archive", [], 3, {"starts_at": PAST, "ends_at": PAST + datetime.timedelta(hours=3)}),
    # the scan's bound; the feed's fingerprint (count, latest change); events with host
    # and cluster; co-hosts
    ("events:feed_ics", [], 4, {}),
    ("events:feed_atom", [], 4, {}),
]


@pytest.mark.parametrize(("name", "args", "expected", "kwargs"), PUBLIC_PAGES)
def test_public_lists_cost_the_same_for_1_and_25_events(client, org, name, args, expected, kwargs):
    url = reverse(name, args=args)
    _events(org, 1, **kwargs)
    assert _count(client, url) == expected
    _events(org, 24, **kwargs)
    assert _count(client, url) == expected
    assert _count(client, url, {"kind": "workshop", "country": "DE"}) == expected


def test_the_practices_atom_feed_costs_one_query(client, org):
    PracticeFactory(owner=org, published=True)
    # published practices joined with their owner
    assert _count(client, reverse("events:practices_atom")) == 1
    for _ in range(24):
        PracticeFactory(owner=org, published=True)
    assert _count(client, reverse("events:practices_atom")) == 1


def test_the_event_page_costs_the_same_for_1_and_25_registrations(client, org, event, bob):
    url = event.get_absolute_url()
    # the event with host and cluster; co-hosts; counts of places by status
    assert _count(client, url) == 3
    RegistrationFactory.create_batch(25, event=event, consent_to_share=True)
    assert _count(client, url) == 3


def test_the_ics_file_costs_two_queries(client, event):
    # the event with host and cluster; co-hosts
    assert _count(client, reverse("events:ics", args=[event.slug])) == 2


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # session, user, memberships (permissions), the event + co-hosts, registrations,
        # counts of places
        ("events:attendees", 7),
        # session, user, memberships, the event + co-hosts, registrations (streamed)
        ("events:attendees_csv", 6),
        # session, user, memberships, the event + co-hosts, confirmed registrations, count
        ("events:checkin", 7),
    ],
)
def test_organiser_pages_cost_the_same_for_1_and_25_registrations(
    client, editor, event, name, expected
):
    client.force_login(editor)
    url = reverse(name, args=[event.slug])
    RegistrationFactory(event=event)
    assert _count(client, url) == expected
    RegistrationFactory.create_batch(24, event=event)
    assert _count(client, url) == expected


def test_the_partner_page_adds_one_query_for_its_events(client, org):
    _events(org, 1)
    url = org.get_absolute_url()
    # the organisation with its home cluster; its published practices; its next events
    assert _count(client, url) == 3
    _events(org, 24)
    assert _count(client, url) == 3


@pytest.mark.parametrize("name", ["events:feed_ics", "events:feed_atom"])
def test_a_feed_asked_again_costs_one_query_until_an_event_changes(client, org, editor, name):
    from events import services

    _events(org, 3)
    url = reverse(name)
    assert _count(client, url) == 4
    # only the scan's bound and the fingerprint: the body comes from the cache
    assert _count(client, url) == 2
    event = org.hosted_events.first()
    services.event_update(event=event, by=editor, data={"title": "Renamed in the feed"})
    assert _count(client, url) == 4
    assert "Renamed in the feed" in client.get(url).content.decode()


def test_the_following_page_costs_the_same_for_1_and_25_follows(client, org):
    from events.follows import follow_add
    from tests.factories import UserFactory

    reader = UserFactory()
    client.force_login(reader)
    follow_add(user=reader, kind="organisation", organisation=org)
    url = reverse("events:following")
    # session, user, digest preference (get_or_create), follows with cluster and
    # organisation, the partner and cluster choices of the follow form
    first = _count(client, url)
    for n in range(24):
        follow_add(user=reader, kind="cluster", cluster=ClusterFactory(slug=f"followed-{n}"))
    assert _count(client, url) == first == 6


def test_filtered_lists_use_no_select_distinct(client, org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _events(org, 2)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("events:index"), {"kind": "workshop", "country": "DE"})
    assert not any("DISTINCT" in q["sql"] for q in queries.captured_queries)
