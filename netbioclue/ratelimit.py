"""Fixed-window rate limits whose counters are atomic in every configuration.

One entry point, ``hit(bucket, rate)``: it counts one request in ``bucket`` for the
current window and says whether it is within ``rate`` and, if not, how long to wait.
The API throttles (``netbioclue.rest.throttling``) and the HTML catalogue
(``rate_limited``) both use it.

Where the counters live (``RATE_LIMIT_REDIS_URL``, set from ``REDIS_URL``):

- **Redis**: ``INCR`` then ``EXPIRE`` on a key per bucket and window, in one
  ``MULTI``/``EXEC`` pipeline; ``INCR`` is atomic, so N parallel hits read N distinct
  counts.
- **PostgreSQL** otherwise: one row per bucket in ``netbioclue_ratecounter``, raised with a
  single ``INSERT ... ON CONFLICT (bucket) DO UPDATE ... RETURNING count``. PostgreSQL
  serialises the upserts of one row, so again every hit reads its own count.

Written by hand because the cache API cannot do it: ``cache.add`` + ``cache.incr`` on the
database cache is a read followed by a write (10 parallel clients got 167 of a 60/min
budget), and django-ratelimit counts through that same cache API. The counter is
independent of ``CACHES``, so tests (which swap in a per-test LocMem cache) exercise the
same table as production.

Call ``hit`` outside long transactions: inside one, the counter row stays locked (and the
count uncommitted) until it ends.
"""

from __future__ import annotations

import datetime
import functools
import math
import threading
import time
from dataclasses import dataclass

import redis
from django.conf import settings
from django.db import connection
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from netbioclue.rest.rates import Rate, parse_rate

_UPSERT = """
INSERT INTO netbioclue_ratecounter AS counter (bucket, "window", count, expires_at)
VALUES (%(bucket)s, %(window)s, 1, %(expires_at)s)
ON CONFLICT (bucket) DO UPDATE SET
    count = CASE WHEN counter."window" < EXCLUDED."window" THEN 1 ELSE counter.count + 1 END,
    "window" = GREATEST(counter."window", EXCLUDED."window"),
    expires_at = GREATEST(counter.expires_at, EXCLUDED.expires_at)
RETURNING count
"""


@dataclass(frozen=True)
class Decision:
    allowed: bool
    count: int
    retry_after: int  # whole seconds until the window ends (0 when allowed)


_local = threading.local()


def _redis_client(url: str) -> redis.Redis:
    # One client per thread and URL. A client shared by threads lost connections under
    # parallel load in tests (a connection's reader went to None mid-reply); a thread's own
    # pool rules that out, and threads are few (gunicorn sync workers have one).
    clients = _local.__dict__.setdefault("clients", {})
    if url not in clients:
        clients[url] = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
    return clients[url]


def _count_in_redis(url: str, bucket: str, window: int, period: int) -> int:
    key = f"netbioclue:rate:{bucket}:{window}"
    pipeline = _redis_client(url).pipeline(transaction=True)
    pipeline.incr(key)
    pipeline.expire(key, period + 1)
    count, _expiry_set = pipeline.execute()
    return int(count)


def _count_in_database(bucket: str, window: int, period: int) -> int:
    expires_at = datetime.datetime.fromtimestamp((window + 1) * period, tz=datetime.UTC)
    with connection.cursor() as cursor:
        cursor.execute(
            _UPSERT, {"bucket": bucket[:255], "window": window, "expires_at": expires_at}
        )
        return cursor.fetchone()[0]


def hit(bucket: str, rate: Rate, *, now: float | None = None) -> Decision:
    """Count one request in ``bucket``; allowed while the window's count is <= the rate."""
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    url = getattr(settings, "RATE_LIMIT_REDIS_URL", "")
    if url:
        count = _count_in_redis(url, bucket, window, rate.seconds)
    else:
        count = _count_in_database(bucket, window, rate.seconds)
    if count <= rate.requests:
        return Decision(allowed=True, count=count, retry_after=0)
    wait = max(1, math.ceil((window + 1) * rate.seconds - now))
    return Decision(allowed=False, count=count, retry_after=wait)


def purge_expired() -> int:
    """Delete the counters of windows that have ended (a daily task)."""
    from netbioclue.models import RateCounter

    deleted, _rows = RateCounter.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted


# ---- The client's address ------------------------------------------------------------------


def client_ip(request) -> str:
    """The caller's address, trusting ``X-Forwarded-For`` only behind ``API_NUM_PROXIES``.

    The same rule as DRF's throttles (``REST_FRAMEWORK["NUM_PROXIES"]``): with N trusted
    proxies the address is the N-th from the right of ``X-Forwarded-For``; with none
    (the default), ``REMOTE_ADDR``, because the header is written by the client.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    num_proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if num_proxies and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-min(num_proxies, len(addresses))]
    return remote_addr


# ---- The HTML pages ------------------------------------------------------------------------


def html_rate(name: str) -> Rate:
    """``page`` (the API's anonymous rate) or ``export`` (``CATALOGUE_EXPORT_THROTTLE``)."""
    if name == "export":
        return parse_rate(settings.CATALOGUE_EXPORT_THROTTLE)
    return parse_rate(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"])


def too_many_requests(request, decision: Decision):
    """429 with ``Retry-After`` and a page that says when to try again."""
    retry_at = timezone.localtime() + datetime.timedelta(seconds=decision.retry_after)
    response = render(
        request,
        "429.html",
        {
            "retry_after": decision.retry_after,
            "retry_at": retry_at,
            "title": _("Too many requests"),
        },
        status=429,
    )
    response["Retry-After"] = str(decision.retry_after)
    response["Cache-Control"] = "no-store"
    return response


def rate_limited(name: str):
    """Limit an HTML view per client address, with the ``page`` or ``export`` budget.

    Each budget has its own counter (``html-page:<ip>``, ``html-export:<ip>``), so that
    browsing does not eat the export budget and the other way round.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            decision = hit(f"html-{name}:{client_ip(request)}", html_rate(name))
            if not decision.allowed:
                return too_many_requests(request, decision)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
