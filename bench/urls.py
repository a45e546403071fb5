"""The product's URLs plus the benchmark's floor views (``bench/floor.py``).

Only the benchmark server (``bench.settings``) mounts these; ``netbioclue.urls`` never
includes them.
"""

from django.urls import include, path

from bench.floor import practices_floor_view

urlpatterns = [
    path("bench/floor/practices/", practices_floor_view, name="bench-floor-practices"),
    path("", include("netbioclue.urls")),
]
