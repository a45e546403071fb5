"""Settings of the benchmark server: the product's, plus routes that exist only here.

``bench/run.py`` starts gunicorn with ``DJANGO_SETTINGS_MODULE=bench.settings``: the same
application and database as production mode, with ``bench/urls.py`` (the product's URLs
and the benchmark's floor views) and rate limits high enough for a benchmark's
thousands of requests from one address. Never used by the product.
"""

from netbioclue.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "1000000/min", "key": "1000000/min", "user": "1000000/min"},
}
