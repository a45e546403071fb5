"""Atom feeds of events and of published practices, for people who prefer a reader.

Both take the same query parameters as their HTML lists (``EventFilter``,
``practices.filters.PracticeFilter``: one filter definition); an unknown value is a
400, not a feed of everything. Built on ``django.contrib.syndication`` (Atom 1.0); the
events feed is cached (``events.feedcache``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from events import feedcache, selectors
from events.models import Event

FEED_SIZE = 50


def _bad_filter(filterset) -> HttpResponse:
    errors = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in filterset.errors.items())
    return HttpResponse(
        f"{_('Unknown filter value')}: {errors}", status=400, content_type="text/plain"
    )


class EventsAtomFeed(Feed):
    feed_type = Atom1Feed
    title = _("NETBIOCLUE events")
    subtitle = _("Events announced by the NETBIOCLUE partners.")

    def __call__(self, request, *args, **kwargs):
        filterset = selectors.calendar_filter(request.GET)
        if not filterset.is_valid():
            return _bad_filter(filterset)
        # The latest announcements among upcoming events (index event_published_desc).
        latest = filterset.qs.upcoming().order_by("-published_at", "-id")[:FEED_SIZE]
        self._items = selectors.with_related(latest)
        body = feedcache.cached(
            request, latest, lambda: super(EventsAtomFeed, self).__call__(request).content
        )
        return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")

    def link(self):
        return reverse("events:index")

    def items(self):
        return list(self._items)

    def item_title(self, item: Event) -> str:
        prefix = f"[{_('Cancelled')}] " if item.is_cancelled else ""
        return f"{prefix}{item.title} ({item.local_starts_at:%Y-%m-%d %H:%M} {item.timezone})"

    def item_description(self, item: Event) -> str:
        return item.summary

    def item_pubdate(self, item: Event):
        return item.published_at

    def item_updateddate(self, item: Event):
        return item.updated_at

    def item_author_name(self, item: Event) -> str:
        return item.host.name

    def item_guid(self, item: Event) -> str:
        return f"{settings.SITE_URL}/events/{item.uid}"

    def item_categories(self, item: Event):
        return [item.get_kind_display(), *item.topic_labels]


class PracticesAtomFeed(Feed):
    feed_type = Atom1Feed
    title = _("NETBIOCLUE best practices")
    subtitle = _("Practices published in the NETBIOCLUE catalogue.")

    def __call__(self, request, *args, **kwargs):
        from practices.filters import PracticeFilter
        from practices.models import Practice

        filterset = PracticeFilter(request.GET, queryset=Practice.objects.published())
        if not filterset.is_valid():
            return _bad_filter(filterset)
        self._items = list(
            filterset.qs.select_related("owner").order_by("-published_at", "-id")[:FEED_SIZE]
        )
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return reverse("practices:list")

    def items(self):
        return self._items

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item) -> str:
        return item.owner.name
