"""Rate limits, counted atomically in Redis or PostgreSQL so that they hold across processes.

Three scopes, rates from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (set from the
environment: ``API_THROTTLE_ANON``, ``API_THROTTLE_KEY``, ``API_THROTTLE_USER``):

- ``anon``: callers without credentials, per IP address (``NUM_PROXIES`` decides whether
  ``X-Forwarded-For`` is trusted);
- ``key``: per API key;
- ``user``: per signed-in person (browser session).

Each request applies exactly one of them. Counting is a fixed window through
``netbioclue.ratelimit.hit``: an atomic ``INCR`` on Redis, an atomic upsert of one row in
PostgreSQL otherwise, so parallel requests never share a count. Over the limit DRF
answers 429 with ``Retry-After``: the seconds until the window ends.

A viewset may set its own ``throttle_classes`` or a different ``throttle_scope`` rate by
subclassing; the practices' write endpoints, for instance, could add a stricter scope.
"""

import time

from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from netbioclue import ratelimit
from netbioclue.rest.permissions import api_key
from netbioclue.rest.rates import parse_rate


class WindowThrottle(BaseThrottle):
    scope = ""
    timer = time.time

    def __init__(self):
        # Read per request, so that a settings override (tests) takes effect at once.
        self.rate = parse_rate(api_settings.DEFAULT_THROTTLE_RATES[self.scope])
        self._wait: float | None = None

    def get_identity(self, request) -> str | None:
        """Who is counted, or ``None`` when this scope does not apply to the request."""
        raise NotImplementedError

    def allow_request(self, request, view) -> bool:
        identity = self.get_identity(request)
        if identity is None:
            return True
        decision = ratelimit.hit(f"{self.scope}:{identity}", self.rate, now=self.timer())
        if decision.allowed:
            return True
        self._wait = decision.retry_after
        return False

    def wait(self) -> float | None:
        return self._wait


class AnonymousThrottle(WindowThrottle):
    scope = "anon"

    def get_identity(self, request):
        if request.user and request.user.is_authenticated:
            return None
        return ratelimit.client_ip(request)


class ApiKeyThrottle(WindowThrottle):
    scope = "key"

    def get_identity(self, request):
        key = api_key(request)
        return str(key.pk) if key is not None else None


class UserThrottle(WindowThrottle):
    scope = "user"

    def get_identity(self, request):
        if api_key(request) is not None or not request.user.is_authenticated:
            return None
        return str(request.user.pk)
