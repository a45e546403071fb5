"""The catalogue's relevance order: its one definition, for the pages, the API and the exports.

A text query's matches sort in two tiers:

- **tier 1**: the ``RANKED_CANDIDATES`` most recent published practices (with the
  search's facets) whose title and summary alone match (``rank_vector``), by ``rank``,
  ``ts_rank`` over ``rank_vector`` (title weight A, summary B) as double precision;
- **tier 2**: every other match, rank 0, newest first;

ties broken by ``published_at`` then ``id``, both descending (``ORDER``). Ranking every
match of a common word would read every matching row (~30,000 at 100,000 practices).

``tier1_sql`` is the one statement that says which practices are in tier 1 and with what
rank. Two readers use it:

- ``rows`` reads one page of the order (by offset or after a position, forwards or
  backwards) with the statement as a CTE, reading at most ``offset + limit`` rows of
  each tier: the HTML pages and the API's default orders;
- ``annotate`` adds ``tier`` and ``rank`` to a queryset from the same statement, as an
  uncorrelated subquery: orders that sort every match (the exports, API orderings that
  combine relevance with other fields).

A practice published between two reads may push the oldest ranked practice into tier 2.
"""

# The statements are assembled from constant fragments and WHERE clauses compiled by
# Django; every value is a query parameter.
# ruff: noqa: S608

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from django.contrib.postgres.search import SearchQuery
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection
from django.db.models import FloatField, IntegerField, QuerySet
from django.db.models.expressions import RawSQL

from practices.models import SEARCH_CONFIG, Practice

if TYPE_CHECKING:
    from practices.filters import CatalogueFilter

# Tier 1 ranks this many of the most recent title/summary matches.
RANKED_CANDIDATES = 300
# The sort key, in ORM notation (``annotate``'s names); ``rows`` sorts by the same.
ORDER = ("tier", "-rank", "-published_at", "-id")
# A relevance tier: 1 ranked, 2 the other matches (the API checks cursors against it).
TIER_FIELD = IntegerField(validators=[MinValueValidator(1), MaxValueValidator(2)])

TABLE = Practice._meta.db_table
TSQUERY = "websearch_to_tsquery(%s::regconfig, %s)"
# The rank of tier 1, as double precision: a position read back compares equal to itself
# (a 4-byte real printed as its shortest decimal does not, once compared as a double).
_RANK = f"ts_rank({TABLE}.rank_vector, {TSQUERY})::float8"
_PUBLISHED = (f"{TABLE}.status = 'published'", [])
# In web-search syntax a minus sign at the start of a word excludes it.
_EXCLUDES_A_WORD = re.compile(r"(?:^|[\s\"(])-")


class Position(NamedTuple):
    """A practice's position in the relevance order, as it sorts."""

    tier: int  # 1: ranked, 2: the other matches, newest first
    rank: float  # ts_rank as double precision; 0 in tier 2
    published_at: datetime.datetime
    id: int


# --- a search's conditions as SQL -------------------------------------------------------------


def search_query(text: str) -> SearchQuery:
    """What a person typed, in web-search syntax (``"a phrase"``, ``-word``, ``or``)."""
    return SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")


def where_sql(queryset: QuerySet) -> tuple[str, list]:
    """The WHERE clause Django compiles for ``queryset`` (columns qualified by table)."""
    query = queryset.query
    sql, params = query.get_compiler(using=queryset.db).compile(query.where)
    return (sql or "TRUE"), list(params)


def joined(parts) -> tuple[str, list]:
    return " AND ".join(f"({sql})" for sql, _ in parts), [p for _, ps in parts for p in ps]


@dataclass
class SearchSql:
    """A search's conditions as SQL, compiled once per request from the FilterSet's."""

    text: str
    base: tuple[str, list]  # published, and matching the text query if there is one
    facets: dict[str, tuple[str, list]]  # each active facet's condition, by parameter

    @property
    def where(self) -> tuple[str, list]:
        # Facets first: of conditions the planner prices alike, PostgreSQL tests the one
        # written first first, and a facet costs nothing where the text match de-TOASTs.
        return joined([*self.facets.values(), self.base])

    @property
    def published_facets(self) -> tuple[str, list]:
        return joined([_PUBLISHED, *self.facets.values()])

    @property
    def published(self) -> tuple[str, list]:
        return _PUBLISHED


def compile_search(filterset: CatalogueFilter) -> SearchSql:
    """The conditions of a valid filter as SQL fragments."""
    text = filterset.query_text
    base = _PUBLISHED
    if text:
        match = where_sql(Practice.objects.filter(search_vector=search_query(text)))
        base = joined([_PUBLISHED, match])
    facets = {
        name: where_sql(Practice.objects.filter(condition))
        for name, condition in filterset.facet_conditions().items()
    }
    return SearchSql(text=text, base=base, facets=facets)


# --- the definition ---------------------------------------------------------------------------


def tier1_sql(sql: SearchSql) -> tuple[str, list]:
    """Tier 1: ``id, published_at, rank`` of the ranked practices (at most RANKED_CANDIDATES).

    A match of ``rank_vector`` is a match of ``search_vector`` (the same title and
    summary, at the same positions) unless the query excludes a word, so only then is
    the big vector tested.
    """
    conditions, params = sql.published_facets
    tsquery_params = [SEARCH_CONFIG, sql.text]
    if _EXCLUDES_A_WORD.search(sql.text):
        conditions += f" AND {TABLE}.search_vector @@ {TSQUERY}"
        params = [*params, *tsquery_params]
    statement = (
        f"SELECT {TABLE}.id, {TABLE}.published_at, {_RANK} AS rank FROM {TABLE} "
        f"WHERE {TABLE}.rank_vector @@ {TSQUERY} AND {conditions} "
        f"ORDER BY {TABLE}.published_at DESC, {TABLE}.id DESC LIMIT {RANKED_CANDIDATES}"
    )
    return statement, [*tsquery_params, *tsquery_params, *params]


# --- reader 1: a page of the order ------------------------------------------------------------


def rows(
    sql: SearchSql,
    *,
    limit: int,
    offset: int = 0,
    after: Position | None = None,
    backward: bool = False,
) -> list[Position]:
    """One page of the relevance order, with each row's position: one statement.

    The page starts ``offset`` rows after the start, or strictly after the position
    ``after``; ``backward`` reads the order in reverse (tier 2 oldest first, then tier 1
    from the lowest rank). Each tier reads at most ``offset + limit`` rows: tier 1 from
    its RANKED_CANDIDATES, tier 2 through the (status, published_at, id) index, as one
    index range after a position (a row-value comparison).
    """
    if after is not None and after.tier not in (1, 2):
        raise ValueError("A relevance position's tier is 1 or 2.")
    where, where_params = sql.where
    tier1, tier1_params = tier1_sql(sql)
    # Forward: tier 1 before 2, then the highest rank, the newest, the highest id first.
    first, then, compare = ("DESC", "ASC", ">") if backward else ("ASC", "DESC", "<")
    end = offset + limit
    branches, params = [], []
    if after is None or after.tier == 1 or backward:
        condition, condition_params = "TRUE", []
        if after is not None and after.tier == 1:
            condition = f"(rank, published_at, id) {compare} (%s, %s, %s)"
            condition_params = [after.rank, after.published_at, after.id]
        branches.append(
            f"(SELECT 1, rank, published_at, id FROM tier1 WHERE {condition} "
            f"ORDER BY rank {then}, published_at {then}, id {then} LIMIT {end})"
        )
        params += condition_params
    if after is None or after.tier == 2 or not backward:
        condition, condition_params = "TRUE", []
        if after is not None and after.tier == 2:
            condition = f"({TABLE}.published_at, {TABLE}.id) {compare} (%s, %s)"
            condition_params = [after.published_at, after.id]
        branches.append(
            f"(SELECT 2, 0::float8, published_at, id FROM {TABLE} "
            f"WHERE {where} AND id NOT IN (SELECT id FROM tier1) AND {condition} "
            f"ORDER BY published_at {then}, id {then} LIMIT {end})"
        )
        params += [*where_params, *condition_params]
    statement = f"""
        WITH tier1 AS MATERIALIZED ({tier1})
        SELECT * FROM ({" UNION ALL ".join(branches)}) AS ranked (tier, rank, published_at, id)
        ORDER BY tier {first}, rank {then}, published_at {then}, id {then}
        OFFSET {offset} LIMIT {limit}
    """
    with connection.cursor() as cursor:
        cursor.execute(statement, [*tier1_params, *params])
        return [Position(*row) for row in cursor.fetchall()]


# --- reader 2: every match, sorted by PostgreSQL ----------------------------------------------


def annotate(queryset: QuerySet, sql: SearchSql) -> QuerySet:
    """``queryset`` with ``tier`` and ``rank`` annotated and sorted by ``ORDER``.

    Tier 1 is ``tier1_sql``, run once as an uncorrelated subquery (a hashed set).
    """
    tier1, params = tier1_sql(sql)
    ranked = f"{TABLE}.id IN (SELECT id FROM ({tier1}) AS tier1)"
    tier = RawSQL(  # noqa: S611 (constant fragments, values are parameters)
        f"CASE WHEN {ranked} THEN 1 ELSE 2 END", params, output_field=TIER_FIELD
    )
    rank = RawSQL(  # noqa: S611
        f"CASE WHEN {ranked} THEN {_RANK} ELSE 0 END",
        [*params, SEARCH_CONFIG, sql.text],
        output_field=FloatField(),
    )
    return queryset.annotate(tier=tier, rank=rank).order_by(*ORDER)
