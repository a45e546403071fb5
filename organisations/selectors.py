"""Reads for organisations and people."""

from collections.abc import Iterable
from itertools import groupby

from django.db.models import F, Prefetch, QuerySet
from django_countries import countries

from organisations.models import ApiKey, Invitation, Membership, Organisation, User


def partner_list() -> QuerySet[Organisation]:
    return (
        Organisation.objects.network_partners()
        .select_related("home_cluster")
        .order_by("country", "name")
    )


def partners_by_country(organisations: Iterable[Organisation]) -> list[tuple[str, list]]:
    """[(country name, [organisation, ...]), ...] sorted by country name."""
    groups = [
        (countries.name(code), list(group))
        for code, group in groupby(organisations, key=lambda o: o.country.code)
    ]
    return sorted(groups, key=lambda item: item[0])


def organisation_detail_queryset() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("home_cluster")


def published_practices_of(organisation: Organisation) -> list:
    """The organisation's published practices, newest first (one query)."""
    from practices.models import Practice

    return list(
        Practice.objects.published()
        .filter(owner=organisation)
        .only("title", "slug", "summary", "published_at", "status")
        .order_by("-published_at", "title")
    )


def memberships_of(user: User) -> QuerySet[Membership]:
    """The person's memberships with their organisations and colleagues, in 3 queries."""
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation", "organisation__home_cluster")
        .prefetch_related(
            Prefetch(
                "organisation__memberships",
                queryset=Membership.objects.select_related("user").order_by(
                    "user__full_name", "user__email"
                ),
                to_attr="colleagues",
            )
        )
        .order_by("organisation__name")
    )


def membership_of(user: User, organisation_slug: str) -> Membership | None:
    return (
        Membership.objects.select_related("organisation")
        .filter(user=user, organisation__slug=organisation_slug)
        .first()
    )


def organisation_people(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def pending_invitations(organisation: Organisation) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(organisation=organisation)
        .pending()
        .select_related("invited_by")
        .order_by("-created_at")
    )


def api_keys_of(organisation: Organisation) -> QuerySet[ApiKey]:
    """The organisation's keys, active first, newest first (for its admins)."""
    return (
        ApiKey.objects.filter(organisation=organisation)
        .select_related("created_by", "revoked_by")
        .order_by(F("revoked_at").desc(nulls_first=True), "-created_at", "-id")
    )
