"""Demo events: every kind, past and upcoming, several time zones and languages, some
full with a waiting list, one cancelled, past ones with outcomes linking to practices;
demo accounts follow a few things so ``manage.py send_digests --dry-run`` has content.

Illustrative content, not documented NETBIOCLUE events. Safe to run again: events are
keyed by slug and only created when missing; dates are relative to the day of seeding.
Rows are written directly (not through the services) so that a second run adds no
audit records and sends no e-mail.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Mapping
from decimal import Decimal

from django.utils import timezone

from clusters.models import Cluster
from events.models import (
    DigestPreference,
    Event,
    EventKind,
    Follow,
    FollowKind,
    Registration,
    RegistrationStatus,
    Status,
)
from organisations.models import Organisation, User

# slug, title, kind, host, co-hosts, cluster, days from today, local start hour, hours,
# zone, language, city, country, lat, lon, online, capacity, registrations, topics,
# status
EVENTS = [
    ("cambridge-partnering-day", "Cambridge partnering day", EventKind.PARTNERING, "erbi",
     ["jic"], "greater-cambridge", 21, 9, 8, "Europe/London", "en", "Cambridge", "GB",
     "52.20530", "0.12180", False, 12, 15, ["events", "funding"], Status.PUBLISHED),
    ("brno-study-visit", "Study visit: JIC's incubator in Brno", EventKind.STUDY_VISIT, "jic",
     [], "south-moravia-jic", 35, 10, 6, "Europe/Prague", "cs", "Brno", "CZ",
     "49.19510", "16.60680", False, 20, 6, ["incubator"], Status.PUBLISHED),
    ("tech-transfer-webinar", "Webinar: licensing university inventions",
     EventKind.WEBINAR, "polimi-som", [], None, 10, 16, 1, "Europe/Rome", "it", "", "",
     None, None, True, None, 4, ["tech-transfer"], Status.PUBLISHED),
    ("genopole-training", "Training: regulatory affairs for start-ups", EventKind.TRAINING,
     "essonne-cci", ["genoptics"], "genopole", 49, 9, 7, "Europe/Paris", "fr", "Évry", "FR",
     "48.62400", "2.44300", False, 25, 3, ["regulatory", "talent"], Status.PUBLISHED),
    ("heidelberg-conference", "BioRN cluster conference", EventKind.CONFERENCE,
     "heidelberg-technology-park", ["munich-gruender-regio"], "biorn", 63, 9, 9,
     "Europe/Berlin", "de", "Heidelberg", "DE", "49.39875", "8.67243", False, 150, 10,
     ["internationalisation", "branding"], Status.PUBLISHED),
    ("aarhus-workshop", "Workshop: shared lab facilities", EventKind.WORKSHOP,
     "east-jutland-innovation", [], "aarhus-incuba", 28, 13, 4, "Europe/Copenhagen", "da",
     "Aarhus", "DK", "56.16290", "10.20390", False, 8, 11, ["facilities"], Status.PUBLISHED),
    ("boston-benchmark-webinar", "Webinar: what Boston's cluster teaches Europe",
     EventKind.WEBINAR, "milan-chamber-innovhub", [], "boston-cambridge", 14, 11, 2,
     "America/New_York", "en", "", "", None, None, True, None, 2, ["management"],
     Status.PUBLISHED),
    ("szeged-matchmaking", "Szeged matchmaking meeting", EventKind.PARTNERING,
     "south-great-plain-rda", [], "szeged-brc", 42, 9, 8, "Europe/Budapest", "hu", "Szeged",
     "HU", "46.25300", "20.14140", False, 30, 0, ["events"], Status.CANCELLED),
    ("dundee-draft-workshop", "Workshop on spin-out funding (draft)", EventKind.WORKSHOP,
     "university-of-dundee", [], "dundee-tayside", 70, 10, 5, "Europe/London", "en", "Dundee",
     "GB", "56.46200", "-2.97070", False, 40, 0, ["funding"], Status.DRAFT),
    # Past events, with outcomes.
    ("milan-megacluster-workshop", "Lombardy–Piedmont megacluster workshop",
     EventKind.WORKSHOP, "milan-chamber-innovhub", ["bioindustry-park"],
     "lombardy-life-sciences", -120, 9, 7, "Europe/Rome", "it", "Milan", "IT", "45.46420",
     "9.19000", False, 40, 18, ["cooperation", "management"], Status.PUBLISHED),
    ("munich-study-visit", "Study visit to BioM in Martinsried", EventKind.STUDY_VISIT,
     "munich-gruender-regio", ["heidelberg-technology-park"], "munich-biom", -60, 10, 6,
     "Europe/Berlin", "de", "Martinsried", "DE", "48.10860", "11.45610", False, 15, 9,
     ["incubator", "funding"], Status.PUBLISHED),
    ("uppsala-training", "Training: running a proof-of-concept fund", EventKind.TRAINING,
     "biotech-valley", [], "uppsala-bio", -30, 9, 6, "Europe/Stockholm", "sv", "Uppsala",
     "SE", "59.85860", "17.63890", False, 20, 7, ["funding", "talent"], Status.PUBLISHED),
]  # fmt: skip

# Only the topics the events vocabulary knows (ToolType); "cooperation" above is a
# growth force and is dropped.
_NAMES = ["Anna Rossi", "Ben Clarke", "Chloé Martin", "Dominik Weber", "Eva Nováková",
          "Frida Lund", "Gábor Kiss", "Hanna Jensen", "Ivo Dvořák", "Julia Schmidt"]  # fmt: skip

FOLLOWS = {
    "editor@erbi.example": [("topic", "tool_type:incubator"), ("organisation", "jic")],
    # Tech transfer and shared facilities: the open demo requests for expertise
    # (experts.demo) that these people may see (their organisation's; a coordinator).
    "editor@jic.example": [
        ("cluster", "greater-cambridge"),
        ("topic", "stage:emerging"),
        ("topic", "tool_type:tech-transfer"),
    ],
    "coordinator@netbioclue.example": [
        ("topic", "tool_type:funding"),
        ("topic", "tool_type:facilities"),
    ],
}


def _topics(values: list[str]) -> list[str]:
    from netbioclue.vocabulary import ToolType

    return [value for value in values if value in ToolType.values]


def seed(
    *,
    users: Mapping[str, User],
    partners: Mapping[str, Organisation],
    clusters: Mapping[str, Cluster],
    practices: Mapping[str, object] | None = None,
) -> dict[str, Event]:
    today = timezone.localdate()
    now = timezone.now()
    events: dict[str, Event] = {}
    practice_list = list((practices or {}).values())
    for index, row in enumerate(EVENTS):
        (slug, title, kind, host, co_hosts, cluster, days, hour, hours, zone, language, city,
         country, lat, lon, online, capacity, registrations, topics, status) = row  # fmt: skip
        existing = Event.objects.filter(slug=slug).first()
        if existing is not None:
            events[slug] = existing
            continue
        day = today + datetime.timedelta(days=days)
        start = datetime.datetime(
            day.year, day.month, day.day, hour, tzinfo=zoneinfo.ZoneInfo(zone)
        )
        past = days < 0
        event = Event.objects.create(
            slug=slug,
            title=title,
            kind=kind,
            host=partners[host],
            cluster=clusters.get(cluster) if cluster else None,
            summary=f"{title}: an illustrative event of the NETBIOCLUE partners.",
            description="Programme, speakers and practical details are sent to registered "
            "participants.",
            topics=_topics(topics),
            language=language,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=hours),
            timezone=zone,
            is_online=online,
            online_url="https://meet.example.org/netbioclue-" + slug if online else "",
            venue_name="" if online else f"{city} conference centre",
            venue_address="" if online else f"1 Example Street, {city}",
            city=city,
            country=country,
            latitude=Decimal(lat) if lat else None,
            longitude=Decimal(lon) if lon else None,
            capacity=capacity,
            price_note="Free of charge" if index % 2 else "EUR 50, lunch included",
            questions=["Dietary requirements?"] if not online else [],
            status=status,
            published_at=None if status == Status.DRAFT else now - datetime.timedelta(days=3),
            cancelled_at=now if status == Status.CANCELLED else None,
            sequence=1 if status == Status.CANCELLED else 0,
            outcome_note=(
                "Participants compared their programmes and agreed to document what worked "
                "as practices in the catalogue."
                if past
                else ""
            ),
            outcome_links=["https://example.org/netbioclue/slides.pdf"] if past else [],
        )
        event.co_hosts.set([partners[slug_] for slug_ in co_hosts])
        if past and practice_list:
            event.outcome_practices.set(practice_list[index % len(practice_list) :][:2])
        _registrations(event, registrations)
        events[slug] = event
    _follows(users, partners, clusters)
    return events


def _registrations(event: Event, count: int) -> None:
    """``count`` registrations: places first, then the waiting list (full events)."""
    position = 0
    for number in range(count):
        name = _NAMES[number % len(_NAMES)]
        full = event.capacity is not None and number >= event.capacity
        if full:
            position += 1
        Registration.objects.create(
            event=event,
            name=name if number < len(_NAMES) else f"{name} {number}",
            email=f"attendee{number}.{event.pk}@example.org",
            organisation_name="Example Biotech",
            country=event.country or "BE",
            consent_to_share=number % 3 == 0,
            status=RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED,
            waitlist_position=position if full else None,
            confirmed_at=None if full else timezone.now(),
            checked_in_at=event.ends_at if event.is_past and not full else None,
            answers=["Vegetarian"] if event.questions and number % 4 == 0 else [],
        )


def _follows(users, partners, clusters) -> None:
    for email, follows in FOLLOWS.items():
        user = users.get(email)
        if user is None:
            continue
        DigestPreference.objects.get_or_create(
            user=user, defaults={"weekday": timezone.now().weekday(), "language": "en"}
        )
        for kind, value in follows:
            target: dict = {"kind": kind}
            if kind == FollowKind.CLUSTER:
                target["cluster"] = clusters[value]
            elif kind == FollowKind.ORGANISATION:
                target["organisation"] = partners[value]
            else:
                target["facet"], target["value"] = value.split(":", 1)
            Follow.objects.get_or_create(user=user, **target)
