"""Rendering: the practice detail page, the catalogue page and the home page against the
bare Django round trip (``/healthz``), measured in the same run.

Issue 12's target: a page spends at most ``TARGET_RENDERING`` times the bare round trip on
top of its SQL, i.e. (p95 - SQL p95) / healthz p95 <= 3 (the "ratio" column).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass

from common import TARGET_P95_MS, Client, Scenario, measure

MODULE = "pages"
TARGET_RENDERING = 3.0


@dataclass
class PageScenario(Scenario):
    rendering_ratio: float = 0.0

    @property
    def ratio(self) -> float:
        return self.rendering_ratio

    @property
    def meets_targets(self) -> bool:
        return self.http_p95 <= TARGET_P95_MS and self.rendering_ratio <= TARGET_RENDERING


def _detail_slug() -> str:
    from practices.models import Practice

    return (
        Practice.objects.published()
        .filter(slug__startswith="bench-")
        .order_by("-published_at")
        .values_list("slug", flat=True)[1000]
    )


def run(server_url: str, db: str) -> list[Scenario]:
    import search
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.sessions.backends.base import SessionBase
    from django.test import RequestFactory
    from django.urls import resolve

    requests = int(os.environ.get("BENCH_REQUESTS", "200"))
    warmup = int(os.environ.get("BENCH_WARMUP", "20"))
    factory = RequestFactory()
    client = Client(server_url)
    pages = [
        ("/healthz (bare round trip)", "/healthz", b"ok"),
        ("home page", "/", b"<main"),
        ("practice detail page", f"/practices/{_detail_slug()}/", b"<main"),
        ("catalogue, selective term", f"/practices/?q={search.SELECTIVE_TERM}", b"catalogue"),
        ("catalogue, no query", "/practices/", b"catalogue"),
    ]
    results = []
    try:
        for name, path, expect in pages:

            def view(path=path):
                request = factory.get(path)
                request.user = AnonymousUser()
                request.session = SessionBase()
                match = resolve(request.path)
                response = match.func(request, *match.args, **match.kwargs)
                if hasattr(response, "render"):
                    response.render()
                assert response.status_code == 200, response.status_code
                return response

            measured = measure(
                module=MODULE,
                name=name,
                path=path,
                client=client,
                in_process=view,
                requests=requests,
                warmup=warmup,
                expect=expect,
            )
            results.append(PageScenario(**asdict(measured)))
    finally:
        client.close()
    bare = results[0].http_p95
    for result in results:
        result.rendering_ratio = max(result.http_p95 - result.sql_p95, 0) / bare
    return results
