"""Property-based tests of the whole API against its own OpenAPI schema (schemathesis).

Schemathesis reads ``/api/v1/schema/`` from the WSGI application in-process (at
collection; schemathesis 4's ``from_fixture`` does not work with pytest 9), generates
requests for every operation (from the schema's examples, a coverage phase of boundary
and invalid values per field and parameter, and random fuzzing) and runs all its checks
on each answer: no 5xx, status codes, content types and headers documented, bodies
matching the schema, valid data accepted, invalid data rejected, unsupported methods
answered 405 with ``Allow``, bad credentials refused, and so on. The module prints a
summary line (operations, cases, check runs, failures; ``-v`` adds the statuses seen).

What is covered: every operation of the schema. Reads are sent anonymously (the public
API); writes (POST/PUT/PATCH, and methods an operation does not declare) carry the
write key of the organisation that owns the seeded practices, so they reach the workflow
instead of stopping at 401. ``map_case`` points three cases in four at seeded records (a
practice in every state, clusters, organisations, facets), so details, edits, transitions
and uploads do real work.

Configuration, and why (``CONFIG`` and ``map_case``):

- For the write operations, ``missing_required_header`` also accepts 428 (Precondition
  Required: the answer RFC 6585 gives to a missing ``If-Match``), and
  ``positive_data_acceptance`` also accepts 400, 412 and 428: a request can be
  well-formed for the schema and still refused by the workflow (an end year before the
  start year, a file that is not really a PDF, an unknown cluster slug) or by the
  conditional request rules (a generated ``If-Match`` is not the practice's ETag).
- Valid read requests drop generated cursors and name seeded clusters in
  ``origin_cluster``: a cursor must come from a link and a cluster must exist, which a
  schema cannot say (both are 400 otherwise, as test_practices_read.py checks).
- PUT skips the coverage phase: its body is PATCH's with every field required, and
  PATCH and POST run it.
- Examples are bounded (about 80 s on this loaded 2-core machine); the seed is fixed.
"""

import logging
import zlib
from unittest import mock

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis.core.parameters import ParameterLocation

from netbioclue import ratelimit
from netbioclue.rest.taxonomy import vocabularies
from netbioclue.wsgi import application
from organisations.models import ApiKeyScope
from practices.models import Status
from tests.api.helpers import bearer
from tests.api.practice_data import in_state, published
from tests.factories import ClusterFactory, OrganisationFactory, StakeholderInterviewFactory

pytestmark = pytest.mark.django_db

WRITE_OPERATIONS = [
    "POST /api/v1/practices/",
    "PUT /api/v1/practices/{slug}/",
    "PATCH /api/v1/practices/{slug}/",
    "POST /api/v1/practices/{slug}/submit/",
    "POST /api/v1/practices/{slug}/publish/",
    "POST /api/v1/practices/{slug}/request-changes/",
    "POST /api/v1/practices/{slug}/reject/",
    "POST /api/v1/practices/{slug}/archive/",
    "POST /api/v1/practices/{slug}/withdraw/",
    "POST /api/v1/practices/{slug}/attachments/",
    # Events: a well-formed request may still be refused by the service (an unknown time
    # zone, an end before the start, a draft that is not the caller's).
    "POST /api/v1/events/",
    "PUT /api/v1/events/{slug}/",
    "PATCH /api/v1/events/{slug}/",
    "POST /api/v1/events/{slug}/publish/",
    "POST /api/v1/events/{slug}/cancel/",
    "POST /api/v1/expertise-requests/",
    "PATCH /api/v1/expertise-requests/{id}/",
    "POST /api/v1/expertise-requests/{id}/submit/",
]

WRITE_CHECKS = {
    # 428 Precondition Required is the answer to a missing If-Match (RFC 6585).
    "missing_required_header": {
        "expected-statuses": ["400", "401", "403", "406", "415", "422", "428"],
    },
    "positive_data_acceptance": {
        "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "412", "428", "429"],
    },
}
PUT = "PUT /api/v1/practices/{slug}/"

CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 20080314,
        "generation": {"max-examples": 5},
        "operations": [
            # PUT takes the body of PATCH (same fields, all required): the coverage phase's
            # field-by-field cases run on PATCH and POST, not a third time here.
            {
                "include-name": [PUT],
                "checks": WRITE_CHECKS,
                "phases": {"coverage": {"enabled": False}},
            },
            {
                "include-name": [name for name in WRITE_OPERATIONS if name != PUT],
                "checks": WRITE_CHECKS,
            },
        ],
    }
)


PRACTICE_SLUGS = ["seed-fund", "bioincubator", *(f"a-{status}" for status in Status.values)]
CLUSTER_SLUGS = ["genopole", "biovalley"]
ORGANISATION_SLUGS = ["erbi", "jic"]

# The schema as the application serves it, read through the WSGI application at import
# time (collection). Nothing in that request may use the database (no test database yet):
# the rate-limit counter (a PostgreSQL upsert without Redis) is skipped for this request.
with (
    override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        ALLOWED_HOSTS=["localhost"],
    ),
    mock.patch("netbioclue.ratelimit.hit", return_value=ratelimit.Decision(True, 1, 0)),
):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application, config=CONFIG)


# What the run did, for the summary printed at the end of the module.
STATS = {
    "operations": set(),
    "cases": 0,
    "checks": 0,
    "check_names": set(),
    "failures": 0,
    "statuses": {},
}


@schema.hook
def after_validate(context, case, response, results):
    STATS["operations"].add(case.operation.label)
    STATS["cases"] += 1
    statuses = STATS["statuses"].setdefault(case.operation.label, {})
    statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    STATS["checks"] += len(results)
    STATS["check_names"].update(result.name for result in results)
    STATS["failures"] += sum(1 for result in results if result.failure is not None)


@pytest.fixture(scope="module", autouse=True)
def _summary(request):
    yield
    if not STATS["cases"]:
        return
    line = (
        f"\nschemathesis: {len(STATS['operations'])} operations, {STATS['cases']} cases, "
        f"{STATS['checks']} check runs of {len(STATS['check_names'])} checks "
        f"({', '.join(sorted(STATS['check_names']))}), {STATS['failures']} failures"
    )
    if request.config.getoption("verbose") > 0:
        line += "".join(
            f"\n  {label}: {dict(sorted(statuses.items()))}"
            for label, statuses in sorted(STATS["statuses"].items())
        )
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print(line)


def _known_path_values(path: str) -> tuple[str, list[str]] | None:
    if path.startswith("/api/v1/taxonomy/{key}"):
        return "key", list(vocabularies())
    if path.startswith("/api/v1/clusters/{slug}"):
        return "slug", CLUSTER_SLUGS
    if path.startswith("/api/v1/organisations/{slug}"):
        return "slug", ORGANISATION_SLUGS
    if path.startswith("/api/v1/practices/{slug}"):
        return "slug", PRACTICE_SLUGS
    return None


@schema.hook
def map_case(context, case):
    """Real records, and valid requests whose validity the schema cannot express.

    - Path slugs: three cases in four name a seeded record (a practice in every state),
      so that details, edits and transitions do real work; the rest stay as generated
      (404). Cases whose path is deliberately invalid are left alone.
    - A cursor is only ever taken from a ``next``/``previous`` link, and
      ``origin_cluster`` must name an existing cluster; any other string is refused with
      400 (test_practices_read.py checks that). Valid cases therefore start at the first
      page and name seeded clusters.
    """
    meta = case.meta
    known = _known_path_values(case.operation.path)
    if known and meta and not meta.is_negative_at(ParameterLocation.PATH):
        name, values = known
        value = str((case.path_parameters or {}).get(name, ""))
        # Spread cases over the records: the coverage phase sends one slug with many bodies.
        digest = zlib.crc32(f"{value}{case.body!r}{case.query!r}".encode())
        if value not in values and digest % 4:
            case.path_parameters = {**case.path_parameters, name: values[digest % len(values)]}
    if case.query and meta and meta.generation.mode.is_positive:
        query = {name: value for name, value in case.query.items() if name != "cursor"}
        if "origin_cluster" in query:
            values = query["origin_cluster"]
            count = len(values) if isinstance(values, list) else 1
            query["origin_cluster"] = CLUSTER_SLUGS[: max(1, min(count, len(CLUSTER_SLUGS)))]
        case.query = query
    return case


@pytest.fixture
def seeded(db):
    """A small portal: clusters, organisations, practices in every state, an interview."""
    owner = OrganisationFactory(slug="erbi", name="ERBI")
    other = OrganisationFactory(slug="jic", name="JIC")
    genopole = ClusterFactory(slug="genopole", name="Genopole")
    ClusterFactory(slug="biovalley", name="BioValley")
    fund = published(owner, slug="seed-fund", origin_cluster=genopole, transferability="high")
    published(other, slug="bioincubator", days_ago=3)
    for status in Status.values:
        in_state(owner, status, slug=f"a-{status}", title=f"A practice ({status})")
    StakeholderInterviewFactory(practice=fund)
    return owner


@pytest.fixture
def owner_write_key(seeded, key_for):
    return key_for(seeded, ApiKeyScope.WRITE)


@pytest.fixture
def in_process(settings, throttle_rates):
    """Calls go straight to the WSGI handler, which would close the test's database
    connection after each request; Django's own test client avoids it the same way.

    Thousands of 4xx answers would each log a warning ("Not Found: …"); only errors are
    logged during the run (a 5xx still is, and fails the not_a_server_error check).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    throttle_rates(anon="100000/min", key="100000/min", user="100000/min")
    request_logger = logging.getLogger("django.request")
    level = request_logger.level
    request_logger.setLevel(logging.ERROR)
    yield
    request_logger.setLevel(level)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_conforms_to_its_schema(case, in_process, owner_write_key):
    # Writes, and the methods an operation does not declare (TRACE, POST on a read-only
    # list…), carry the write key: anonymous, those are 401 by design (test_auth.py), and
    # public operations declare no security, so only 405 with Allow is a right answer.
    reads = {"GET", "HEAD", "OPTIONS"}
    headers = bearer(owner_write_key) if case.method.upper() not in reads else None
    case.call_and_validate(headers=headers)
