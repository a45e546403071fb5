"""Illustrative experts and requests for expertise (``manage.py seed_demo``).

Sixty-six invented experts (``is_illustrative``) spread over every value of the shared
vocabulary, every format, the partners' countries and every content language; some
partners-only, some hidden, a few applications waiting for validation. Three demo
accounts that wrote or reviewed demo practices (the ERBI and JIC editors, the reviewer)
get expert profiles, so their catalogue evidence shows and counts in matching. The
demo account ``expert@netbioclue.example`` (``DEMO_PASSWORD``) has pending offers.
Requests are created through the services, one in every state of the lifecycle.

Safe to run again: experts are found by e-mail, requests by title; nothing existing is
changed through a service twice.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from allauth.account.models import EmailAddress
from django.utils import timezone

from clusters.models import Cluster
from experts import services
from experts.models import (
    ExpertiseRequest,
    ExpertProfile,
    ExpertStatus,
    Format,
    LanguageLevel,
    MatchState,
    RequestStatus,
    Visibility,
)
from netbioclue.vocabulary import Beneficiary, ContentLanguage, GrowthForce, Stage, ToolType
from organisations.demo import DEMO_PASSWORD
from organisations.models import Organisation, User

EXPERT_EMAIL = "expert@netbioclue.example"
COUNT = 66

FIRST = ["Anna", "Lars", "Giulia", "Pierre", "Katrin", "Tomáš", "Eszter", "Henrik", "Sofia",
         "Marco", "Claire", "Jonas", "Petra", "Dávid", "Ingrid", "Luca", "Amélie", "Felix",
         "Mette", "Ondřej", "Réka", "Oliver"]  # fmt: skip
LAST = ["Bianchi", "Nilsson", "Dubois", "Schneider", "Novák", "Kovács", "Jensen", "Rossi",
        "Martin", "Weber", "Svoboda", "Nagy", "Larsen", "Ferrari", "Moreau", "Fischer",
        "Dvořák", "Tóth", "Andersen", "Conti", "Lefèvre", "Becker", "Horváth"]  # fmt: skip
COUNTRIES = ["IT", "GB", "FR", "DE", "SE", "DK", "CZ", "HU", "ES", "NL", "FI", "PL", "PT"]
HOME_LANGUAGE = {"IT": "it", "GB": "en", "FR": "fr", "DE": "de", "SE": "sv", "DK": "da",
                 "CZ": "cs", "HU": "hu", "ES": "es", "NL": "nl", "FI": "fi", "PL": "pl",
                 "PT": "pt"}  # fmt: skip
TOPICS = {
    ToolType.INCUBATOR: "running biotech incubators and science parks",
    ToolType.FUNDING: "setting up seed and venture funds for life-science start-ups",
    ToolType.GRANTS: "designing innovation vouchers and grant schemes",
    ToolType.TECH_TRANSFER: "technology transfer offices and university licensing",
    ToolType.TALENT: "training programmes and talent attraction for biotech",
    ToolType.EVENTS: "partnering events and matchmaking between companies and investors",
    ToolType.INTERNATIONALISATION: "internationalisation and market-entry missions",
    ToolType.BRANDING: "cluster branding and regional marketing",
    ToolType.FACILITIES: "shared laboratories and core facilities",
    ToolType.REGULATORY: "regulatory affairs and intellectual property support",
    ToolType.MANAGEMENT: "cluster management, strategy and peer reviews of cluster policy",
}


def _cycle(values, index: int, count: int) -> list[str]:
    values = list(values)
    return sorted({values[(index + k * 3) % len(values)] for k in range(count)})


def _expert_values(index: int, partners: list[Organisation]) -> dict:
    country = COUNTRIES[index % len(COUNTRIES)]
    languages = ["en", HOME_LANGUAGE[country]]
    extra = ContentLanguage.values[(index * 5) % len(ContentLanguage.values)]
    languages = list(dict.fromkeys([*languages, extra]))
    if index % 11 == 7:
        languages = [HOME_LANGUAGE[country]]  # some experts speak only their own language
    levels = dict.fromkeys(languages, LanguageLevel.C1)
    levels[HOME_LANGUAGE[country]] = LanguageLevel.NATIVE
    tools = _cycle(ToolType.values, index, 2)
    topic = TOPICS[ToolType(tools[0])]
    organisation = partners[index % len(partners)] if index % 3 else None
    return {
        "name": f"{FIRST[index % len(FIRST)]} {LAST[(index * 7) % len(LAST)]}",
        "headline": topic[0].upper() + topic[1:],
        "bio": (
            f"Illustrative expert profile. Fifteen years of {topic}; also worked on "
            f"{TOPICS[ToolType(tools[-1])]}. Advised clusters in "
            f"{', '.join(_cycle(COUNTRIES, index, 3))}."
        ),
        "organisation": organisation,
        "organisation_name": "" if organisation else "Independent consultant",
        "country": country,
        "countries": sorted({country, *_cycle(COUNTRIES, index + 1, 2)}),
        "languages": languages,
        "language_levels": levels,
        "growth_forces": _cycle(GrowthForce.values, index, 2),
        "tool_types": tools,
        "stages": _cycle(Stage.values, index, 2),
        "beneficiaries": _cycle(Beneficiary.values, index, 2),
        "formats": _cycle(Format.values, index, 2),
        "capacity": 1 + index % 3,
        "not_available_until": (
            timezone.localdate() + datetime.timedelta(days=60) if index % 13 == 5 else None
        ),
        "visibility": (
            Visibility.HIDDEN
            if index % 10 == 9
            else Visibility.PARTNERS
            if index % 5 == 3
            else Visibility.PUBLIC
        ),
        "status": ExpertStatus.APPLIED if index % 17 == 16 else ExpertStatus.VALIDATED,
    }


def _account(email: str, full_name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, DEMO_PASSWORD, full_name=full_name)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _upsert(email: str, values: dict, user: User | None = None) -> ExpertProfile:
    expert = ExpertProfile.objects.filter(email=email).first()
    if expert is None:
        expert = ExpertProfile(email=email, consent_at=timezone.now())
    for name, value in values.items():
        setattr(expert, name, value)
    expert.user = user
    expert.is_illustrative = True
    expert.consent_text = str(services.CONSENT_TEXT)
    expert.save()
    return expert


def seed(
    *,
    users: Mapping[str, User],
    partners: Mapping[str, Organisation],
    clusters: Mapping[str, Cluster],
) -> dict[str, object]:
    ordered = [partners[slug] for slug in sorted(partners)]
    experts = [
        _upsert(f"expert-{index:02d}@experts.netbioclue.example", _expert_values(index, ordered))
        for index in range(COUNT)
    ]
    # Accounts that authored or reviewed demo practices: their evidence is real.
    linked = {
        "editor@erbi.example": ("erbi", ToolType.MANAGEMENT),
        "editor@jic.example": ("jic", ToolType.TECH_TRANSFER),
        "reviewer@netbioclue.example": (None, ToolType.EVENTS),
    }
    for offset, (email, (org_slug, tool)) in enumerate(linked.items()):
        values = _expert_values(COUNT + offset, ordered)
        values.update(
            name=users[email].full_name,
            organisation=partners[org_slug] if org_slug else None,
            organisation_name="" if org_slug else "NETBIOCLUE reviewer",
            tool_types=sorted({tool, *values["tool_types"]}),
            status=ExpertStatus.VALIDATED,
            visibility=Visibility.PUBLIC,
        )
        experts.append(_upsert(email, values, user=users[email]))
    demo_user = _account(EXPERT_EMAIL, "Elena Expert")
    values = _expert_values(COUNT + 5, ordered)
    values.update(
        name="Elena Expert",
        organisation=None,
        organisation_name="Independent consultant",
        country="DK",
        languages=["en", "da", "cs"],
        language_levels={"en": "C2", "da": "native", "cs": "B2"},
        growth_forces=GrowthForce.values,
        tool_types=[ToolType.FUNDING, ToolType.MANAGEMENT, ToolType.TECH_TRANSFER],
        stages=Stage.values,
        beneficiaries=[Beneficiary.STARTUPS, Beneficiary.POLICY_MAKERS],
        formats=Format.values,
        capacity=4,
        not_available_until=None,
        status=ExpertStatus.VALIDATED,
        visibility=Visibility.PUBLIC,
    )
    elena = _upsert(EXPERT_EMAIL, values, user=demo_user)
    experts.append(elena)
    services.expert_refresh_evidence(expert_ids=[e.pk for e in experts if e.user_id])
    requests = _seed_requests(users=users, partners=partners, clusters=clusters, elena=elena)
    return {"experts": experts, "requests": requests, "expert_account": demo_user}


# title, requester e-mail, organisation slug, target state, fields
REQUESTS = [
    ("Seed fund for a young Szeged cluster", "editor@jic.example", "jic", RequestStatus.DRAFT,
     {"tool_types": [ToolType.FUNDING], "growth_forces": [GrowthForce.FINANCIAL],
      "stage": Stage.EMERGING, "format": Format.ADVICE}),
    ("Study visit on shared laboratories", "admin@erbi.example", "erbi", RequestStatus.OPEN,
     {"tool_types": [ToolType.FACILITIES], "growth_forces": [GrowthForce.SUPPORT],
      "stage": Stage.DEVELOPING, "format": Format.STUDY_VISIT}),
    ("Technology transfer office set-up in Brno", "editor@jic.example", "jic",
     RequestStatus.MATCHING,
     {"tool_types": [ToolType.TECH_TRANSFER], "growth_forces": [GrowthForce.SCIENTIFIC],
      "stage": Stage.DEVELOPING, "format": Format.MENTORING, "transnational_preferred": True}),
    ("Peer review of the South Moravian biotech strategy", "editor@jic.example", "jic",
     RequestStatus.PROPOSED,
     {"tool_types": [ToolType.MANAGEMENT], "growth_forces": [GrowthForce.COOPERATION],
      "stage": Stage.DEVELOPING, "format": Format.PEER_REVIEW, "experts_wanted": 2,
      "transnational_preferred": True}),
    ("Seed and venture funding advice for Cambridge spin-outs", "admin@erbi.example", "erbi",
     RequestStatus.PROPOSED,
     {"tool_types": [ToolType.FUNDING], "growth_forces": [GrowthForce.FINANCIAL],
      "stage": Stage.MATURE, "format": Format.ADVICE}),
    ("Partnering event design for Genopole", "admin@erbi.example", "erbi", RequestStatus.ACCEPTED,
     {"tool_types": [ToolType.EVENTS], "growth_forces": [GrowthForce.COOPERATION],
      "stage": Stage.MATURE, "format": Format.ADVICE}),
    ("Talent programme for Aarhus", "editor@jic.example", "jic", RequestStatus.IN_PROGRESS,
     {"tool_types": [ToolType.TALENT], "growth_forces": [GrowthForce.INDUSTRIAL],
      "stage": Stage.DEVELOPING, "format": Format.TRAINING}),
    ("Branding the Lombardy life-science cluster", "admin@erbi.example", "erbi",
     RequestStatus.CLOSED,
     {"tool_types": [ToolType.BRANDING], "growth_forces": [GrowthForce.SUPPORT],
      "stage": Stage.RENEWING, "format": Format.ADVICE}),
    ("Regulatory support for diagnostics start-ups", "editor@jic.example", "jic",
     RequestStatus.EXPIRED,
     {"tool_types": [ToolType.REGULATORY], "growth_forces": [GrowthForce.INDUSTRIAL],
      "stage": Stage.EMERGING, "format": Format.ADVICE}),
]  # fmt: skip


def _seed_requests(*, users, partners, clusters, elena: ExpertProfile) -> list[ExpertiseRequest]:
    coordinator = users["coordinator@netbioclue.example"]
    existing = set(
        ExpertiseRequest.objects.filter(is_illustrative=True).values_list("title", flat=True)
    )
    created = []
    for title, email, org_slug, target, fields in REQUESTS:
        if title in existing:
            continue
        requester = users[email]
        data = {
            "title": title,
            "description": (
                f"Illustrative request. {title}: we look for experience in "
                f"{TOPICS[ToolType(fields['tool_types'][0])]}."
            ),
            "languages": ["en"],
            "beneficiaries": [Beneficiary.STARTUPS, Beneficiary.SMES],
            "deadline": timezone.localdate() + datetime.timedelta(days=90),
            **fields,
        }
        request = services.request_create(data=data, by=requester, organisation=partners[org_slug])
        ExpertiseRequest.objects.filter(pk=request.pk).update(is_illustrative=True)
        created.append(request)
        if target == RequestStatus.DRAFT:
            continue
        if target == RequestStatus.EXPIRED:
            ExpertiseRequest.objects.filter(pk=request.pk).update(
                deadline=timezone.localdate() - datetime.timedelta(days=1)
            )
            services.requests_expire()
            continue
        request = services.request_submit(request=request, by=requester)
        if target == RequestStatus.OPEN:
            # Filed, waiting for the coordinator (matching not run yet).
            ExpertiseRequest.objects.filter(pk=request.pk).update(
                status=RequestStatus.OPEN, match_generation=0
            )
            continue
        services.match_compute(request_id=request.pk, generation=request.match_generation)
        if target == RequestStatus.MATCHING:
            continue
        request.refresh_from_db()
        if target == RequestStatus.PROPOSED:
            _put_elena_first(request, elena)
        services.request_release(request=request, by=coordinator)
        offers = services.request_propose(request=request, order=[], by=coordinator)
        if target == RequestStatus.PROPOSED:
            continue
        for offer in offers:
            services.offer_accept(match=offer)
        request.refresh_from_db()
        if request.status != RequestStatus.ACCEPTED:
            continue
        if target in (RequestStatus.IN_PROGRESS, RequestStatus.CLOSED):
            services.request_start(request=request, by=requester)
        if target == RequestStatus.CLOSED:
            services.request_close(request=request, by=requester)
    return created


def _put_elena_first(request: ExpertiseRequest, elena: ExpertProfile) -> None:
    """Proposed demo requests offer to the demo expert first (pending offers to try)."""
    match = request.matches.filter(expert=elena, state=MatchState.CANDIDATE).first()
    if match is not None:
        request.matches.filter(pk=match.pk).update(position=0)
