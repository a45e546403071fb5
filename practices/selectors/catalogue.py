"""Reads of the public catalogue: search, facets, "did you mean", related practices, exports.

Every read starts from the published practices and is filtered by the one
``PracticeFilter``. The search stays fast at 100,000 practices (README, "Benchmark")
because each request does a bounded amount of work, whatever the query:

- Matching uses the GIN index on ``search_vector`` (title, summary, body).
- Relevance: ``practices.relevance`` (its one definition, also used by the API and the
  exports): the ``RANKED_CANDIDATES`` most recent practices whose title and summary alone
  match come first, ranked by ``ts_rank`` over the small ``rank_vector`` (kept in the row
  by migration 0002); then every other match, newest first.
- Counts: the total and the facet counts come from one statement over at most
  ``FACET_SAMPLE`` + 1 matching rows, exact below that. Above, the facet counts are the
  proportions read scaled to the planner's row estimates, the total is exact up to
  ``MAX_RESULTS`` and an estimate beyond; the page says "about" and "≈". A phrase
  whose words match more than that is checked on ``PHRASE_SAMPLE`` rows only when its
  share makes its total surely larger than the threshold (``_counts``).
- Only the first ``MAX_RESULTS`` results can be paged through; the exports give them all.
  A deep page of the relevance order starts after a remembered position rather than at
  an offset (``_relevance_page``).

The SQL is assembled from fragments that Django compiles from the FilterSet's own
conditions (``relevance.compile_search``); values always travel as query parameters.
"""

# The statements below are assembled from constant fragments and WHERE clauses compiled
# by Django; every value is a query parameter.
# ruff: noqa: S608

import hashlib
import itertools
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

import orjson
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django_countries import countries

from clusters.models import Cluster
from netbioclue.registry import Kind, Registry
from organisations.models import Organisation
from practices import relevance, snippets
from practices.fields import PRACTICE_FIELDS, column, facet_columns
from practices.filters import (
    TRANSFERABILITY_POSITION_SQL,
    PracticeFilter,
    Sort,
    fit_order,
)
from practices.models import SEARCH_CONFIG, Practice

PER_PAGE = 20
MAX_RESULTS = 500
FACET_SAMPLE = 500
RELATED_CANDIDATES = 200

TABLE = Practice._meta.db_table

# ts_headline marks matches with these private-use characters; the text is HTML-escaped
# and only then do they become <mark> elements, so a practice's text cannot add markup.
_MARK_START, _MARK_END = "\ue000", "\ue001"


# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int | None  # None: not counted (the search was not run)
    selected: bool


@dataclass(frozen=True)
class Facet:
    parameter: str
    label: str
    values: list[FacetValue]


@dataclass(frozen=True)
class Suggestion:
    """A corrected query: ``query`` with each unknown word replaced by a known one."""

    query: str
    corrections: list[tuple[str, str]]


@dataclass(frozen=True)
class CatalogueEntry:
    """A practice as a search result: what the result list shows (HTML already safe)."""

    slug: str
    url: str
    title: str
    title_html: SafeString
    snippet_html: SafeString
    stages: list[str]
    transferability: str
    is_illustrative: bool
    country: str
    owner: str
    cluster: str

    def get_absolute_url(self) -> str:
        return self.url

    @property
    def stage_labels(self) -> list[str]:
        labels = _labels("stage", get_language())[1]
        return [labels.get(stage, stage) for stage in self.stages]

    @property
    def transferability_label(self) -> str:
        return _labels("transferability", get_language())[1].get(self.transferability, "")

    @property
    def country_name(self) -> str:
        return _country_name(self.country, get_language()) if self.country else ""


@dataclass
class CatalogueResult:
    filterset: PracticeFilter
    page: Page
    total: int
    total_is_estimate: bool
    facets: list[Facet]
    facets_are_estimates: bool
    suggestion: Suggestion | None = None
    practices: list[CatalogueEntry] = field(default_factory=list)

    @property
    def more_than_shown(self) -> bool:
        """True when only the first MAX_RESULTS results can be paged through."""
        return self.total > MAX_RESULTS


# --- entry points -----------------------------------------------------------------------------


def catalogue_filter(params=None) -> PracticeFilter:
    """The catalogue's filter bound to a query string: check ``is_valid()`` before use."""
    return PracticeFilter(params, queryset=Practice.objects.published())


def catalogue_search(filterset: PracticeFilter, *, page_number=None) -> CatalogueResult:
    """One page of the public catalogue, with the total and the facet counts.

    Queries, in autocommit: the counts (1; 2 more when over FACET_SAMPLE rows match: a
    bounded count and the planner's estimates), the page's ids in relevance order (1, for
    a text query sorted by relevance), the page's rows with owner, cluster and snippets
    (1), the "did you mean" suggestion when a text query finds nothing (1); with a text
    query they run in a transaction that first sets ``enable_seqscan`` off (1).
    """
    if not filterset.is_valid():
        raise ValueError("catalogue_search() needs a valid filter; check is_valid() first.")
    sql = relevance.compile_search(filterset)
    with _search_transaction(sql.text):
        counts = _counts(filterset, sql)
        source = _PageSource(filterset, sql, length=min(counts.total, MAX_RESULTS))
        page = Paginator(source, PER_PAGE).get_page(page_number)
    text = sql.text
    return CatalogueResult(
        filterset=filterset,
        page=page,
        practices=list(page.object_list),
        total=counts.total,
        total_is_estimate=counts.total_estimated,
        facets=counts.facets,
        facets_are_estimates=counts.facets_estimated,
        suggestion=search_suggestion(text) if text and counts.total == 0 else None,
    )


def relevance_keyset_page(
    filterset: PracticeFilter,
    *,
    after: Sequence | None,
    limit: int,
    backward: bool = False,
) -> list[relevance.Position]:
    """One page of a text query in the catalogue's relevance order, by position.

    For readers that page with a keyset cursor (the API): the page continues strictly
    after ``after``, a position (tier, rank, published_at, id) as this function returns
    them, or starts at the beginning when it is None; ``backward`` reads the order in
    reverse (from the end, or back from ``after``). Each row comes with its position.
    The work is bounded like the HTML pages' (at most RANKED_CANDIDATES ranked rows and
    ``limit`` rows of the newest-first tier), whatever the position. One query (plus the
    planner setting of ``_search_transaction``).

    A practice published between two pages may push the oldest ranked practice into
    tier 2, where a cursor already past tier 1 shows it once more.
    """
    _check_relevance_filter(filterset, "relevance_keyset_page")
    position = relevance.Position(*after) if after is not None else None
    sql = relevance.compile_search(filterset)
    with _search_transaction(sql.text):
        return relevance.rows(sql, after=position, limit=limit, backward=backward)


def _check_relevance_filter(filterset: PracticeFilter, name: str) -> None:
    if not filterset.is_valid() or not filterset.query_text:
        raise ValueError(f"{name}() needs a valid filter with a text query.")


# The number of published practices, cached until the catalogue changes
# (``practices.services.search_index.catalogue_changed`` deletes it on commit).
PUBLISHED_COUNT_KEY = "practices:published-count"
PUBLISHED_COUNT_TIMEOUT = 3600  # a safety net: every change that alters it deletes it


def published_count() -> int:
    """How many practices are published: one cache read (a count of ~25 ms at 100,000
    practices when the cache has none)."""
    count = cache.get(PUBLISHED_COUNT_KEY)
    if count is None:
        count = Practice.objects.published().count()
        cache.set(PUBLISHED_COUNT_KEY, count, PUBLISHED_COUNT_TIMEOUT)
    return count


def search_suggestion(text: str) -> Suggestion | None:
    """The query with each word the catalogue does not know replaced by its nearest word.

    Words are compared unaccented and lower-case, by trigram similarity (pg_trgm's
    threshold, 0.3 by default) with ``SearchWord``, the words of the published titles and
    summaries. None when no word needs or finds a correction. One query.
    """
    typed = list(dict.fromkeys(re.findall(r"[^\W\d_]{3,}", text)))[:10]
    if not typed:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT typed.original, (
                SELECT known.word FROM practices_searchword known
                WHERE known.word %% typed.word
                ORDER BY similarity(known.word, typed.word) DESC, known.frequency DESC,
                         known.word
                LIMIT 1)
            FROM (
                SELECT original, lower(unaccent(original)) AS word, position
                FROM unnest(%s::text[]) WITH ORDINALITY AS t(original, position)
            ) typed
            WHERE NOT EXISTS (
                SELECT 1 FROM practices_searchword known WHERE known.word = typed.word)
            ORDER BY typed.position
            """,
            [typed],
        )
        corrections = [(original, word) for original, word in cursor.fetchall() if word]
    if not corrections:
        return None
    query = text
    for original, word in corrections:
        query = re.sub(rf"(?<!\w){re.escape(original)}(?!\w)", word, query)
    return Suggestion(query=query, corrections=corrections)


def related_practices(practice: Practice, *, limit: int = 5) -> list[Practice]:
    """Published practices most like ``practice``: same origin cluster, shared facets.

    One query. Scores the RELATED_CANDIDATES most recently published practices that share
    the cluster, a tool type or a beneficiary (a bound that keeps it at ~5 ms at 100,000
    practices): 3 points for the cluster, 2 per shared tool type, 1 per other shared value.
    """
    shares = Q(tool_types__overlap=practice.tool_types) | Q(
        beneficiaries__overlap=practice.beneficiaries
    )
    if practice.origin_cluster_id:
        shares |= Q(origin_cluster_id=practice.origin_cluster_id)
    candidates = (
        Practice.objects.published()
        .exclude(pk=practice.pk)
        .filter(shares)
        .order_by("-published_at", "-id")
        .values("pk")[:RELATED_CANDIDATES]
    )
    facets = (
        ("tool_types", 2),
        ("stages", 1),
        ("growth_forces", 1),
        ("beneficiaries", 1),
        ("business_models", 1),
    )
    overlap = " + ".join(
        f"{weight} * (SELECT count(*) FROM unnest({TABLE}.{column}) v WHERE v = ANY(%s))"
        for column, weight in facets
    )
    score = RawSQL(  # noqa: S611 (column names are constants, values are parameters)
        f"3 * ({TABLE}.origin_cluster_id IS NOT DISTINCT FROM %s)::int + {overlap}",
        [practice.origin_cluster_id or 0, *(getattr(practice, column) for column, _ in facets)],
    )
    return list(
        Practice.objects.filter(pk__in=candidates)
        .select_related("owner", "origin_cluster")
        .only(*_RELATED_FIELDS)
        .annotate(score=score)
        .order_by("-score", "-published_at", "-id")[:limit]
    )


_RELATED_FIELDS = (
    "slug",
    "title",
    "summary",
    "status",
    "country",
    "stages",
    "transferability",
    "is_illustrative",
    "published_at",
    "owner__name",
    "owner__slug",
    "owner__short_name",
    "origin_cluster__name",
    "origin_cluster__slug",
)


# --- exports ----------------------------------------------------------------------------------


def export_columns(registry: Registry = PRACTICE_FIELDS) -> tuple[str, ...]:
    """The export's columns: the exported fields, with the practice's address after the
    slug (made from it, not a field)."""
    return tuple(
        name
        for spec in registry.exported()
        for name in ((spec.name, "url") if spec.name == "slug" else (spec.name,))
    )


EXPORT_COLUMNS = export_columns()


def export_rows(
    filterset: PracticeFilter, *, base_url: str, chunk_size: int = 2000
) -> Iterator[dict]:
    """Every practice of a search, in the catalogue's order, as dicts keyed by the export
    columns of the filter's registry (``EXPORT_COLUMNS``).

    The first ``chunk_size`` rows are read at once, by a plain query: a query PostgreSQL
    refuses fails here, in the view, before a streamed answer has sent its first byte
    (``netbioclue.streaming``). The rest, if any, are read when iterated, through a
    server-side cursor (``chunk_size`` rows at a time, from that offset), so a result of
    100,000 practices never sits in memory. No contact data: that is for partners and the
    coordinator only (``policy.can_see_contact``). A foreign key exports its name.
    """
    exported = filterset.registry.exported()
    columns = export_columns(filterset.registry)
    paths = {
        spec.name: f"{spec.name}__name" if spec.kind == Kind.FOREIGN_KEY else spec.name
        for spec in exported
    }
    related = [spec.name for spec in exported if spec.kind == Kind.FOREIGN_KEY]
    moments = [spec.name for spec in exported if spec.kind in (Kind.DATETIME, Kind.DATE)]
    names = list(paths)
    rows = filterset.qs.values_list(*paths.values())
    first = list(rows[:chunk_size])
    rest = rows[chunk_size:].iterator(chunk_size=chunk_size) if len(first) == chunk_size else ()
    return _export_dicts(itertools.chain(first, rest), names, base_url, columns, related, moments)


def _export_dicts(rows, names, base_url, columns, related, moments) -> Iterator[dict]:
    for values in rows:
        row = dict(zip(names, values, strict=True))
        row["url"] = f"{base_url}{row['slug']}/"
        for name in related:
            row[name] = row[name] or ""
        for name in moments:
            if row[name]:
                row[name] = row[name].isoformat()
        yield {column: row[column] for column in columns}


# --- internals: the conditions as SQL ---------------------------------------------------------


@contextmanager
def _search_transaction(text: str):
    """Statements with a text query run with sequential scans disabled.

    The planner prices ``search_vector @@ query`` at a fraction of a microsecond per row,
    but a sequential scan de-TOASTs a ~4 KB vector per row: for a word in 30% of 100,000
    practices it then prefers a ~300 ms sequential scan to a ~15 ms GIN bitmap scan.
    The setting lasts for this transaction (reset when nested in an outer one).
    """
    if not text:
        yield
        return
    nested = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield
        if nested:
            cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")


# --- internals: counts ------------------------------------------------------------------------


@dataclass
class _CountsResult:
    total: int
    total_estimated: bool
    facets_estimated: bool
    facets: list[Facet]


# Rows of the relaxed query (phrases as plain AND) on which a phrase is checked to
# estimate its share, when the relaxed query matches more than FACET_SAMPLE rows.
PHRASE_SAMPLE = 200
_PHRASE_OPERATOR = re.compile(r"<(?:-|\d+)>")
# Quotes, or a word joined to the next by a sign ("start-ups", "e.g"): the parser may
# make a phrase of it. Other queries are not asked about.
_MAY_HOLD_A_PHRASE = re.compile(r"[\"“”„]|\w[^\w\s]+\w")


def _counts(filterset: PracticeFilter, sql: relevance.SearchSql) -> _CountsResult:
    """The total and the facet counts (``_sampled_counts``), phrases checked on few rows.

    The GIN index finds the rows holding a phrase's words but checks the words' positions
    only by reading each row's big vector (~4 KB, out of line): counting a phrase whose
    words are common would read thousands. So a query with a phrase (``"a b"``, or a
    hyphenated word) is first counted with its phrases relaxed to their words (which the
    index answers alone). Only when that finds more than FACET_SAMPLE rows, and the phrase
    holds in so many of PHRASE_SAMPLE of them that the phrase's total is surely above
    MAX_RESULTS, are the counts the relaxed ones scaled by that share, shown as estimates
    (as every count above the threshold already is). Otherwise the phrase is counted as
    any query: exact counts stay exact below the threshold.
    """
    relaxed = _relaxed(sql)
    if relaxed is not None:
        loose = _sampled_counts(filterset, relaxed)
        if loose.facets_estimated:
            hits, checked = _phrase_share(sql, relaxed)
            low = max(hits - 2 * hits**0.5, 0) / max(checked, 1)  # ~2 sigma below
            if checked and low * loose.total > 2 * MAX_RESULTS:
                return _scaled(loose, hits / checked)
    return _sampled_counts(filterset, sql)


def _relaxed(sql: relevance.SearchSql) -> relevance.SearchSql | None:
    """``sql`` with the query's phrases as plain conjunctions; None without a phrase (or
    with a negation, which relaxing would make stricter)."""
    if not _MAY_HOLD_A_PHRASE.search(sql.text):
        return None
    (query,) = _fetch(f"SELECT {relevance.TSQUERY}::text", [SEARCH_CONFIG, sql.text])[0]
    if "!" in query or not _PHRASE_OPERATOR.search(query):
        return None
    loose = _PHRASE_OPERATOR.sub("&", query)
    base = relevance.joined([sql.published, (f"{TABLE}.search_vector @@ %s::tsquery", [loose])])
    return relevance.SearchSql(text=sql.text, base=base, facets=sql.facets)


def _phrase_share(sql: relevance.SearchSql, relaxed: relevance.SearchSql) -> tuple[int, int]:
    """Of PHRASE_SAMPLE rows matching ``relaxed`` (and the facets), how many match ``sql``."""
    where_sql, params = relaxed.where
    statement = (
        f"SELECT count(*) FILTER (WHERE search_vector @@ {relevance.TSQUERY}), count(*) "
        f"FROM (SELECT search_vector FROM {TABLE} WHERE {where_sql} LIMIT {PHRASE_SAMPLE}) s"
    )
    return _fetch(statement, [SEARCH_CONFIG, sql.text, *params])[0]


def _scaled(counts: _CountsResult, share: float) -> _CountsResult:
    facets = [
        Facet(
            facet.parameter,
            facet.label,
            [
                FacetValue(
                    value.value,
                    value.label,
                    _round_estimate(value.count * share) if value.count else value.count,
                    value.selected,
                )
                for value in facet.values
            ],
        )
        for facet in counts.facets
    ]
    return _CountsResult(
        total=_round_estimate(counts.total * share),
        total_estimated=True,
        facets_estimated=True,
        facets=facets,
    )


def _sampled_counts(filterset: PracticeFilter, sql: relevance.SearchSql) -> _CountsResult:
    """The total and the counts of every facet, each with the *other* facets applied.

    One statement reads at most FACET_SAMPLE + 1 rows: those matching the text query and
    all active facets but at most one (the rows some facet's counts need), in the order
    the GIN bitmap gives them. When there are more, see the module docstring.
    """
    conditions = sql.facets
    names = list(conditions)
    base_sql, base_params = sql.base
    flags = [f"({condition}) AS f{i}" for i, (condition, _) in enumerate(conditions.values())]
    flags_params = [p for _, params in conditions.values() for p in params]
    where_sql, where_params = base_sql, list(base_params)
    if len(names) > 1:
        # A row failing two facets counts for none.
        failing = " + ".join(f"(NOT ({condition}))::int" for condition, _ in conditions.values())
        where_sql += f" AND ({failing}) <= 1"
        where_params += flags_params

    def holding(except_name: str | None = None) -> str:
        return " AND ".join(f"f{i}" for i, n in enumerate(names) if n != except_name) or "TRUE"

    branches = []
    for parameter, spec in filterset.registry.facets().items():
        name = column(spec)
        if spec.kind == Kind.MULTI_CHOICE:
            branches.append(
                f"SELECT '{parameter}', v, NULL, count(*) FROM s, unnest(s.{name}) AS v "
                f"WHERE {holding(parameter)} GROUP BY v"
            )
        elif spec.kind == Kind.FOREIGN_KEY:
            # Counted by slug (the facet's values), labelled by name.
            table = Practice._meta.get_field(spec.name).related_model._meta.db_table
            branches.append(
                f"SELECT '{parameter}', r.slug, r.name, count(*) FROM s "
                f"JOIN {table} r ON r.id = s.{name} "
                f"WHERE {holding(parameter)} GROUP BY r.slug, r.name"
            )
        else:
            branches.append(
                f"SELECT '{parameter}', {name}, NULL, count(*) FROM s "
                f"WHERE {holding(parameter)} AND {name} <> '' GROUP BY {name}"
            )
    # How many of the rows read each count was taken over ('': all facets hold).
    branches.append(f"SELECT '#', '', NULL, count(*) FROM s WHERE {holding()}")
    branches += [f"SELECT '#', '{n}', NULL, count(*) FROM s WHERE {holding(n)}" for n in names]
    branches.append("SELECT '#read', '', NULL, count(*) FROM s")
    statement = (
        # The facets' columns of each matching row.
        f"WITH s AS MATERIALIZED (SELECT {', '.join([*facet_columns(filterset.registry), *flags])} "
        f"FROM {TABLE} WHERE {where_sql} LIMIT {FACET_SAMPLE + 1}) " + " UNION ALL ".join(branches)
    )
    counts: dict[str, dict[str, int]] = {}
    labels: dict[str, str] = {}
    read: dict[str, int] = {}
    for facet, value, label, count in _fetch(statement, flags_params + where_params):
        if facet in ("#", "#read"):
            read[facet if facet == "#read" else value] = count
        else:
            counts.setdefault(facet, {})[value] = count
            if label:
                labels[value] = label

    total, total_estimated = read[""], False
    facets_estimated = read["#read"] > FACET_SAMPLE
    if facets_estimated:
        if total <= MAX_RESULTS:
            total = _count_upto(sql, MAX_RESULTS + 1)
        estimates = _estimates(base_sql, base_params, conditions)
        if total > MAX_RESULTS:
            total, total_estimated = _round_estimate(max(total, estimates[""])), True
        else:
            estimates[""] = total
        for facet, values in counts.items():
            key = facet if facet in conditions else ""
            # Never below what was seen.
            scale = max(estimates[key], read[key]) / max(read[key], 1)
            counts[facet] = {value: _round_estimate(n * scale) for value, n in values.items()}
    return _CountsResult(
        total=total,
        total_estimated=total_estimated,
        facets_estimated=facets_estimated,
        facets=_facets(filterset, counts, labels),
    )


def _count_upto(sql: relevance.SearchSql, limit: int) -> int:
    """How many practices match, counting no further than ``limit``."""
    where_sql, params = sql.where
    statement = f"SELECT count(*) FROM (SELECT 1 FROM {TABLE} WHERE {where_sql} LIMIT {limit}) m"
    return _fetch(statement, params)[0][0]


def _estimates(base_sql: str, base_params: list, conditions: dict) -> dict[str, int]:
    """The planner's row estimates: with all facets ('') and with each facet left out."""
    variants = {"": list(conditions.values())}
    variants.update({name: [v for k, v in conditions.items() if k != name] for name in conditions})
    branches, params = [], []
    for parts in variants.values():
        where_sql, where_params = relevance.joined([(base_sql, base_params), *parts])
        branches.append(f"SELECT 1 FROM {TABLE} WHERE {where_sql}")
        params += where_params
    ((plan,),) = _fetch("EXPLAIN (FORMAT JSON) " + " UNION ALL ".join(branches), params)
    if isinstance(plan, str | bytes):
        plan = orjson.loads(plan)
    root = plan[0]["Plan"]
    nodes = root["Plans"] if len(variants) > 1 else [root]
    return {name: int(node["Plan Rows"]) for name, node in zip(variants, nodes, strict=True)}


def _round_estimate(value: float) -> int:
    """Two significant digits: 34,749 -> 35,000."""
    value = round(value)
    return value if value < 100 else round(value, 2 - len(str(value)))


def _facets(filterset, counts: dict[str, dict[str, int]], labels: dict[str, str]) -> list[Facet]:
    data = filterset.form.cleaned_data
    language = get_language()
    facets = []
    for parameter, spec in filterset.registry.facets().items():
        found = counts.get(parameter, {})
        label, names = _labels(parameter, language, filterset.registry)
        if spec.kind == Kind.MULTI_CHOICE:
            # Every value of the vocabulary, in its order.
            selected = set(data.get(parameter) or [])
            values = [
                FacetValue(value, text, found.get(value, 0), value in selected)
                for value, text in names.items()
            ]
            facets.append(Facet(parameter, label, values))
            continue
        # One value per practice: the values found (and those chosen).
        chosen = data.get(parameter) or []
        selected = {c.slug for c in chosen} if spec.kind == Kind.FOREIGN_KEY else set(chosen)
        values = [
            FacetValue(
                value,
                _value_label(spec.kind, value, names, labels, language),
                found.get(value, 0),
                value in selected,
            )
            for value in set(found) | selected
        ]
        if spec.ordinal:
            order = list(names)
            values.sort(key=lambda v: order.index(v.value) if v.value in order else len(order))
        else:
            values.sort(key=lambda v: (-v.count, v.label))
        facets.append(Facet(parameter, label, values))
    return facets


@lru_cache(maxsize=64)
def _labels(
    parameter: str, language: str | None, registry: Registry = PRACTICE_FIELDS
) -> tuple[str, dict[str, str]]:
    """A facet's label and its values' labels, translated once per language."""
    spec = registry.facets()[parameter]
    choices = spec.vocabulary.choices if spec.vocabulary is not None else []
    return str(spec.facet_title), {value: str(text) for value, text in choices}


@lru_cache(maxsize=1024)
def _country_name(code: str, language: str | None) -> str:
    return str(countries.name(code) or code)


def _value_label(kind: Kind, value, names, labels, language) -> str:
    if kind == Kind.COUNTRY:
        return _country_name(value, language)
    if kind == Kind.FOREIGN_KEY:
        return labels.get(value, value)
    return names.get(value, value)


# --- internals: the page ----------------------------------------------------------------------


class _PageSource(Sequence):
    """What the Paginator pages through: its length is known, a slice reads the page."""

    def __init__(self, filterset: PracticeFilter, sql: relevance.SearchSql, *, length: int):
        self.filterset, self.sql, self.length = filterset, sql, length

    def __len__(self) -> int:
        return self.length

    def count(self) -> int:
        return self.length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("Only slices of the catalogue are read.")
        start, stop = index.start or 0, min(index.stop or self.length, self.length)
        if stop <= start:
            return []
        return _page(self.filterset, self.sql, offset=start, limit=stop - start)


# The columns a result shows; with a text query, the highlighted title and snippet too.
_ENTRY_COLUMNS = (
    "p.id, p.slug, p.title, p.summary, p.stages, p.transferability, p.is_illustrative, "
    "p.country, o.name, o.short_name, c.name"
)
_PAGE_COLUMNS = (
    "id, slug, title, summary, description, problem, how_it_works, results, lessons, stages, "
    "transferability, is_illustrative, country, owner_id, origin_cluster_id, published_at"
)
_BODY = "concat_ws(' ', p.summary, p.description, p.problem, p.how_it_works, p.results, p.lessons)"
# The query's first lexeme not excluded with "!": 'incub' & !'fund' -> incub.
_FIRST_STEM = r"(regexp_match(q::text, '(?<!!)''([^'']+)'''))[1]"
# ts_headline parses all the text it is given (~1 ms for a 500-word body): the snippet
# comes from the summary when it matches, otherwise from 600 characters of the body around
# the first occurrence of the query's first stem, less the words the cut may have split
# (practices.snippets adds the ellipses).
_HEADLINES = (
    ", ts_headline(%s::regconfig, p.title, q, %s)"
    ", ts_headline(%s::regconfig, CASE WHEN to_tsvector(%s::regconfig, p.summary) @@ q"
    " THEN p.summary ELSE regexp_replace(substr(b.body, greatest(1, strpos(lower(unaccent("
    f"b.body)), {_FIRST_STEM}) - 200), 600), '^\\S*\\s+|\\s+\\S*$', '', 'g') END, q, %s)"
)
_TITLE_OPTIONS = f"HighlightAll=true, StartSel={_MARK_START}, StopSel={_MARK_END}"
_SNIPPET_OPTIONS = (
    f"StartSel={_MARK_START}, StopSel={_MARK_END}, MaxFragments=2, MaxWords=22, MinWords=8, "
    f'FragmentDelimiter="{snippets.FRAGMENT_DELIMITER}"'
)
_JOINS = (
    f"JOIN {Organisation._meta.db_table} o ON o.id = p.owner_id "
    f"LEFT JOIN {Cluster._meta.db_table} c ON c.id = p.origin_cluster_id "
)
_QUERY_JOINS = (
    f"CROSS JOIN LATERAL (SELECT {_BODY} AS body) AS b "
    "CROSS JOIN websearch_to_tsquery(%s::regconfig, %s) AS q"
)


def _page(filterset: PracticeFilter, sql: relevance.SearchSql, *, offset: int, limit: int) -> list:
    """One page of results: one statement, two for the relevance order."""
    text = sql.text
    columns, joins, params, join_params = _ENTRY_COLUMNS, _JOINS, [], []
    if text:
        columns += _HEADLINES
        params = [SEARCH_CONFIG, _TITLE_OPTIONS, SEARCH_CONFIG, SEARCH_CONFIG, _SNIPPET_OPTIONS]
        joins += _QUERY_JOINS
        join_params = [SEARCH_CONFIG, text]
    if filterset.sort_order == Sort.RELEVANCE:
        ids = [row.id for row in _relevance_page(sql, offset=offset, limit=limit)]
        if not ids:
            return []
        statement = f"SELECT {columns} FROM {TABLE} p {joins} WHERE p.id = ANY(%s)"
        by_id = {row[0]: row for row in _fetch(statement, [*params, *join_params, ids])}
        rows = [by_id[pk] for pk in ids if pk in by_id]
    else:
        where_sql, where_params = sql.where
        order = "published_at DESC, id DESC"
        fit_column, fit_params = "", []
        if filterset.sort_order == Sort.TRANSFERABILITY:
            order = f"{TRANSFERABILITY_POSITION_SQL}, {order}"
        elif filterset.sort_order == Sort.FIT:  # practices.filters.fit_order
            fit_sql, fit_params = fit_order(filterset)
            fit_column, order = f", {fit_sql} AS fit_position", f"fit_position, {order}"
        # The page's rows in the sort's order (through its index), then their details.
        statement = (
            f"SELECT {columns} FROM (SELECT {_PAGE_COLUMNS}{fit_column} FROM {TABLE} "
            f"WHERE {where_sql} ORDER BY {order} OFFSET {offset} LIMIT {limit}) p {joins} "
            f"ORDER BY {order}"
        )
        rows = _fetch(statement, [*params, *fit_params, *where_params, *join_params])
    # One reverse() for the page rather than one per result.
    url = reverse("practices:detail", kwargs={"slug": "_"}).removesuffix("_/")
    return [_entry(row, text, url) for row in rows]


# Where a deep page of the relevance order starts, remembered for this long.
PAGE_START_TIMEOUT = 300


def _relevance_page(sql: relevance.SearchSql, *, offset: int, limit: int):
    """A page of the relevance order: after the position where it starts, if known.

    Read by offset, a page costs what the rows before it cost (page 25 of a common word
    walks ~500 matches, checking each one's big vector). So each page read by offset also
    reads the row before it, whose position is remembered: the same page, asked again or
    reached from the page before (whose last row is remembered as well), is read after
    that position, which costs what the first page costs. Positions are keyset bounds: a
    practice published since shifts nothing before it.
    """
    if offset == 0:
        return relevance.rows(sql, limit=limit)
    key, following = _page_start_key(sql, offset), _page_start_key(sql, offset + limit)
    known = cache.get_many([key, following])
    if key in known:
        rows = relevance.rows(sql, after=relevance.Position(*known[key]), limit=limit)
    else:
        rows = relevance.rows(sql, offset=offset - 1, limit=limit + 1)
        if not rows:
            return rows
        before, rows = rows[0], rows[1:]
        cache.set(key, tuple(before), PAGE_START_TIMEOUT)
    if len(rows) == limit and following not in known:  # where the next page starts
        cache.set(following, tuple(rows[-1]), PAGE_START_TIMEOUT)
    return rows


def _page_start_key(sql: relevance.SearchSql, offset: int) -> str:
    where_sql, params = sql.where
    digest = hashlib.sha256(repr((where_sql, params, sql.text)).encode()).hexdigest()[:32]
    return f"practices:relevance-start:{digest}:{offset}"


def _fetch(statement: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall()


def _entry(row: tuple, text: str, url: str) -> CatalogueEntry:
    _pk, slug, title, summary, stages, grade, illustrative, country, owner, short, cluster = row[
        :11
    ]
    if text:
        title_html = _marked(row[11])
        snippet_html = snippets.headline_snippet(
            row[12], summary, start=_MARK_START, stop=_MARK_END
        )
    else:
        title_html, snippet_html = escape(title), snippets.summary_snippet(summary)
    return CatalogueEntry(
        slug=slug,
        url=f"{url}{slug}/",
        title=title,
        title_html=title_html,
        snippet_html=snippet_html,
        stages=stages,
        transferability=grade,
        is_illustrative=illustrative,
        country=country,
        owner=short or owner,
        cluster=cluster or "",
    )


def _marked(text: str) -> SafeString:
    """ts_headline output as safe HTML: escaped first, then the markers become <mark>."""
    html = escape(text).replace(_MARK_START, "<mark>").replace(_MARK_END, "</mark>")
    return mark_safe(html)  # noqa: S308 (escaped above; only our <mark> tags are added)
