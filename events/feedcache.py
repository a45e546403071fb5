"""A cache for the subscribable feeds (iCalendar, Atom).

Calendar clients poll feeds every few minutes and building a feed (``icalendar``'s
objects, a few hundred events) costs far more than reading them. The cached body is
keyed by the request's path and query, the language and a fingerprint of the events
it holds (how many, and the latest ``updated_at``: one aggregate query), so any edit,
publication or cancellation of a listed event gives a new key. A change that does
not touch the event row (a host's renamed organisation) shows within ``TIMEOUT``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Count, Max, QuerySet, Sum
from django.utils import translation

TIMEOUT = 600


def cached(request, queryset: QuerySet, build: Callable[[], bytes]) -> bytes:
    """``queryset``: the feed's events, sliced as the feed shows them (the fingerprint
    reads those rows only, not every event matching the filters); the sum of their ids
    tells when one left the feed and another took its place."""
    fingerprint = queryset.aggregate(n=Count("pk"), latest=Max("updated_at"), ids=Sum("pk"))
    raw = "|".join(
        [
            request.path,
            request.META.get("QUERY_STRING", ""),
            translation.get_language() or "",
            str(fingerprint["n"]),
            str(fingerprint["ids"]),
            fingerprint["latest"].isoformat() if fingerprint["latest"] else "",
        ]
    )
    key = "events-feed:" + hashlib.sha256(raw.encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, TIMEOUT)
    return body
