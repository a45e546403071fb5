"""The shortlist: which few experts the ranking SQL has to score, found in memory.

``experts.matching`` defines the score in one SQL statement (the reference). Scoring
every expert that way costs a full-text ``ts_rank`` per topical expert: at 50,000 experts
that is hundreds of milliseconds. This module keeps, per process, a compact copy of what
the score depends on (numpy arrays of vocabulary bitmasks, capacities, availability,
countries, organisations and, per search lexeme, each expert's contribution to
``ts_rank``) and computes for every expert an estimate of the SQL score with a proven
error bound (``EPSILON`` points: the SQL sums the text rank in single precision). It
then keeps only the experts whose upper bound reaches the ``k``-th best lower bound of
their group (eligible / excluded): those, and only those, can be in the top ``k``.
``experts.matching.rank`` scores that shortlist with the reference SQL, so every score
and breakdown shown is the SQL's own, and checks that the result agrees with the
bounds; when it does not (the copy was stale), it scores everything with the reference
SQL instead. No scoring library does this (it is PostgreSQL's own ``ts_rank`` that is
mirrored), hence the hand-written module.

Keeping in sync. A trigger stamps every write to a profile (and to its declared
conflicts) with the writing transaction's id (``ExpertProfile.changed_xid``). The copy
remembers the oldest transaction still running when it last read
(``pg_snapshot_xmin``) and the committed transactions it merged since; each ranking
first reads the rows stamped since by other transactions. Rows of committed
transactions are merged into the copy; rows of the caller's own transaction are used
for that call only, so a rollback never leaves a trace. A deleted profile can only make
the copy over-optimistic, which the agreement check catches.
"""

from __future__ import annotations

import functools
import itertools
import re
import threading
from dataclasses import dataclass, field

import numpy as np
from django.db import connection

from experts.models import ExpertiseRequest, ExpertStatus, Format
from netbioclue.vocabulary import Beneficiary, ContentLanguage, GrowthForce, Stage, ToolType

# Points of difference allowed between the estimate and the SQL score: the SQL sums the
# text rank in float4 (relative error ~1e-6 on at most TEXT weight x 1 point).
EPSILON = 0.01
# Beyond this many changed rows since the last full read, read everything again.
MAX_DELTA = 2000

_BITS = {
    "tool_types": {v: i for i, v in enumerate(ToolType.values)},
    "growth_forces": {v: i for i, v in enumerate(GrowthForce.values)},
    "beneficiaries": {v: i for i, v in enumerate(Beneficiary.values)},
    "stages": {v: i for i, v in enumerate(Stage.values)},
    "formats": {v: i for i, v in enumerate(Format.values)},
    "languages": {v: i for i, v in enumerate(ContentLanguage.values)},
}

# What the score depends on, one row per expert, with the lexemes of the expert's search
# vector and the weights (A-D) of each lexeme's positions, in position order.
_ROWS_SQL = """
SELECT e.id, e.status, e.tool_types, e.growth_forces, e.beneficiaries, e.stages, e.formats,
       e.languages, e.country, e.countries, e.capacity, e.active_assignments,
       e.not_available_until, e.practice_count + e.interview_count, e.organisation_id,
       e.user_id,
       ARRAY(SELECT c.organisation_id FROM experts_expertprofile_conflict_organisations c
             WHERE c.expertprofile_id = e.id),
       t.lexemes, t.weights, e.changed_xid
FROM experts_expertprofile e
LEFT JOIN LATERAL (
    SELECT array_agg(u.lexeme) AS lexemes,
           array_agg(array_to_string(COALESCE(u.weights, ARRAY['D']), '')) AS weights
    FROM unnest(e.search_vector) AS u(lexeme, positions, weights)
) AS t ON true
"""

# The oldest transaction still running (any database of the server), and ours if we
# wrote anything.
_XIDS_SQL = """SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint,
    pg_current_xact_id_if_assigned()::text::bigint"""
# The rows stamped since the watermark by transactions not merged yet, with the same two
# ids (one row with NULLs when nothing changed).
_CHANGED_SQL = f"""
WITH s AS ({_XIDS_SQL.replace("SELECT", "SELECT 1 AS one,", 1)})
SELECT s.*, r.* FROM s LEFT JOIN ({_ROWS_SQL} WHERE {{ranges}}) r ON true
"""  # noqa: S608 - constant SQL
MAX_RANGES = 200


def _changed_sql(watermark: int, merged: set[int]) -> tuple[str, list[int]]:
    """The statement reading rows stamped at or after ``watermark`` by transactions not in
    ``merged``, as index ranges between the merged ids (a long transaction elsewhere can
    keep the watermark behind many merged rows: ranges do not visit them)."""
    skipped = sorted(x for x in merged if x >= watermark)
    if len(skipped) > MAX_RANGES:
        where = "e.changed_xid >= %s AND NOT (e.changed_xid = ANY(%s::bigint[]))"
        return _CHANGED_SQL.format(ranges=where), [watermark, skipped]
    bounds = [watermark - 1, *skipped]
    parts, params = [], []
    for low, high in itertools.pairwise(bounds):
        if high > low + 1:
            parts.append("(e.changed_xid > %s AND e.changed_xid < %s)")
            params += [low, high]
    parts.append("e.changed_xid > %s")
    params.append(bounds[-1])
    return _CHANGED_SQL.format(ranges=" OR ".join(parts)), params


@dataclass
class _Expert:
    """One expert as the score sees it (a validated profile)."""

    id: int
    tool_types: int
    growth_forces: int
    beneficiaries: int
    stages: int
    formats: int
    languages: int
    country: str
    countries: tuple[str, ...]
    capacity: int
    active: int
    unavailable_until: int  # date ordinal, 0 when always available
    evidence: int
    organisation: int
    user: int
    conflicts: tuple[int, ...]
    terms: dict[str, float]


# ts_rank's default weights of the labels D, C, B, A.
_LABEL_WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}


@functools.lru_cache(maxsize=4096)
def _contribution(labels: str) -> float:
    """What one lexeme with positions weighted ``labels`` adds to ``ts_rank`` (before
    dividing by the number of query lexemes), as PostgreSQL's ``calc_rank_or`` computes
    it: the sum of weight/position², with the heaviest position counted at full weight."""
    weights = [_LABEL_WEIGHTS.get(label, 0.1) for label in labels] or [0.1]
    total = sum(w / ((j + 1) * (j + 1)) for j, w in enumerate(weights))
    heaviest = max(weights)
    first = weights.index(heaviest)
    return (heaviest + total - heaviest / ((first + 1) * (first + 1))) / 1.64493406685


def _mask(kind: str, values) -> int:
    bits = _BITS[kind]
    mask = 0
    for value in values or ():
        if value in bits:
            mask |= 1 << bits[value]
    return mask


def _expert_from_row(row) -> tuple[int, _Expert | None, int]:
    (pk, status, tools, forces, bens, stages, formats, langs, country, countries, capacity,
     active, unavailable, evidence, organisation, user, conflicts, lexemes, labels,
     xid) = row  # fmt: skip
    if status != ExpertStatus.VALIDATED:
        return pk, None, xid
    expert = _Expert(
        id=pk,
        tool_types=_mask("tool_types", tools),
        growth_forces=_mask("growth_forces", forces),
        beneficiaries=_mask("beneficiaries", bens),
        stages=_mask("stages", stages),
        formats=_mask("formats", formats),
        languages=_mask("languages", langs),
        country=country or "",
        countries=tuple(countries or ()),
        capacity=capacity,
        active=active,
        unavailable_until=unavailable.toordinal() if unavailable else 0,
        evidence=evidence,
        organisation=organisation if organisation is not None else -1,
        user=user if user is not None else -1,
        conflicts=tuple(conflicts or ()),
        terms={
            lexeme: _contribution(pattern)
            for lexeme, pattern in zip(lexemes or (), labels or (), strict=True)
        },
    )
    return pk, expert, xid


class _Block:
    """Experts as parallel numpy arrays, with an inverted index of their lexemes."""

    INT_FIELDS = (
        "tool_types", "growth_forces", "beneficiaries", "stages", "formats", "languages",
        "capacity", "active", "unavailable_until", "evidence", "organisation", "user",
    )  # fmt: skip

    def __init__(self, experts: list[_Expert]):
        self.size = len(experts)
        self.ids = np.array([e.id for e in experts], dtype=np.int64)
        for name in self.INT_FIELDS:
            setattr(self, name, np.array([getattr(e, name) for e in experts], dtype=np.int64))
        self.country = np.array([e.country for e in experts], dtype="<U2")
        pairs = [(i, c) for i, e in enumerate(experts) for c in e.countries]
        self.countries_slot = np.array([p[0] for p in pairs], dtype=np.int64)
        self.countries_code = np.array([p[1] for p in pairs], dtype="<U2")
        pairs = [(i, o) for i, e in enumerate(experts) for o in e.conflicts]
        self.conflicts_slot = np.array([p[0] for p in pairs], dtype=np.int64)
        self.conflicts_org = np.array([p[1] for p in pairs], dtype=np.int64)
        postings: dict[str, tuple[list[int], list[float]]] = {}
        for i, e in enumerate(experts):
            for lexeme, contribution in e.terms.items():
                slots, values = postings.setdefault(lexeme, ([], []))
                slots.append(i)
                values.append(contribution)
        self.postings = {
            lexeme: (np.array(slots, dtype=np.int64), np.array(values, dtype=np.float64))
            for lexeme, (slots, values) in postings.items()
        }


@dataclass
class _Query:
    """The request, in the terms the arrays are compared with."""

    lists: dict[str, list[int]]  # dimension -> the bit of each value the request names
    stage_bit: int  # -1 without a stage
    format_bit: int
    languages: int
    has_languages: bool
    preferred: list[str]
    excluded: list[str]
    transnational: bool
    cluster_country: str
    day: int
    organisation: int | None
    requester: int
    lexemes: list[str]


def _bit_list(kind: str, values) -> list[int]:
    # A value outside the vocabulary matches nobody (-1 never tests true).
    return [_BITS[kind].get(v, -1) for v in values]


def _query_lexemes_many(requests: list[ExpertiseRequest]) -> dict[int | None, list[str]]:
    """The distinct lexemes of each request's text query (what ``ts_rank`` divides by)."""
    from experts.matching import SEARCH_CONFIG, request_text

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT plainto_tsquery(%s::regconfig, t)::text FROM unnest(%s::text[])"
            " WITH ORDINALITY AS u(t, n) ORDER BY n",
            [SEARCH_CONFIG, [request_text(r) for r in requests]],
        )
        texts = [text for (text,) in cursor.fetchall()]
    return {
        request.pk: sorted(
            {m.replace("''", "'") for m in re.findall(r"'((?:[^']|'')*)'", text or "")}
        )
        for request, text in zip(requests, texts, strict=True)
    }


def _query(request: ExpertiseRequest, lexemes: list[str]) -> _Query:
    return _Query(
        lists={
            name: _bit_list(name, getattr(request, name))
            for name in ("tool_types", "growth_forces", "beneficiaries")
        },
        stage_bit=_BITS["stages"].get(request.stage, -1) if request.stage else -1,
        format_bit=_BITS["formats"].get(request.format, -1),
        languages=_mask("languages", request.languages),
        has_languages=len(request.languages) > 0,
        preferred=list(request.countries_preferred),
        excluded=list(request.countries_excluded),
        transnational=bool(request.transnational_preferred),
        cluster_country=str(request.cluster_country or ""),
        day=request.reference_day.toordinal(),
        organisation=request.organisation_id,
        requester=request.requester_id,
        lexemes=lexemes,
    )


def _has(masks: np.ndarray, bit: int) -> np.ndarray:
    if bit < 0:
        return np.zeros(masks.shape, dtype=bool)
    return (masks >> bit) & 1 == 1


@dataclass
class _Scored:
    ids: np.ndarray
    estimate: np.ndarray
    excluded: np.ndarray
    topical: np.ndarray


def _score(block: _Block, q: _Query, alive: np.ndarray) -> _Scored:
    """The estimated SQL score of every expert of ``block``, as ``experts.matching``
    computes it (same dimensions, weights and hard rules)."""
    from experts.matching import EVIDENCE_CAP, TEXT_SCALE, WEIGHTS

    n = block.size
    values: dict[str, np.ndarray] = {}
    overlap: dict[str, np.ndarray] = {}
    for name, bits in q.lists.items():
        count = np.zeros(n, dtype=np.float64)
        for bit in bits:
            count += _has(getattr(block, name), bit)
        overlap[name] = count > 0
        values[name] = count / max(len(bits), 1)
    rank = np.zeros(n, dtype=np.float64)
    matched = np.zeros(n, dtype=bool)
    for lexeme in q.lexemes:
        posting = block.postings.get(lexeme)
        if posting is not None:
            rank[posting[0]] += posting[1]
            matched[posting[0]] = True
    if q.lexemes:
        rank /= len(q.lexemes)
        rank = rank / (rank + 1)  # ts_rank normalisation 32
    values["text"] = np.where(matched, np.minimum(rank * TEXT_SCALE, 1.0), 0.0)
    values["stage"] = _has(block.stages, q.stage_bit).astype(np.float64)
    values["format"] = _has(block.formats, q.format_bit).astype(np.float64)
    values["evidence"] = np.minimum(block.evidence, EVIDENCE_CAP) / EVIDENCE_CAP
    preferred = np.isin(block.country, q.preferred)
    if q.preferred and block.countries_slot.size:
        hits = block.countries_slot[np.isin(block.countries_code, q.preferred)]
        preferred[hits] = True
    values["countries"] = preferred.astype(np.float64)
    if q.transnational and q.cluster_country:
        abroad = (block.country != "") & (block.country != q.cluster_country)
    else:
        abroad = np.zeros(n, dtype=bool)
    values["transnational"] = abroad.astype(np.float64)
    values["load"] = block.active / np.maximum(block.capacity, 1)
    estimate = np.zeros(n, dtype=np.float64)
    for name, weight in WEIGHTS.items():
        estimate += weight * values[name]

    excluded = block.active >= block.capacity
    if q.has_languages:
        excluded |= (block.languages & q.languages) == 0
    excluded |= (block.unavailable_until > 0) & (block.unavailable_until > q.day)
    if q.organisation is not None:
        excluded |= block.organisation == q.organisation
        if block.conflicts_slot.size:
            excluded[block.conflicts_slot[block.conflicts_org == q.organisation]] = True
    excluded |= block.user == q.requester
    if q.excluded:
        excluded |= np.isin(block.country, q.excluded) & (block.country != "")

    if q.lists["tool_types"]:
        topical = overlap["tool_types"].copy()
    else:
        topical = overlap["growth_forces"] | overlap["beneficiaries"]
    topical |= matched
    topical &= alive
    return _Scored(block.ids, estimate, excluded, topical)


def _select(
    scored: list[_Scored], groups: dict[bool, int], skip
) -> tuple[list[int], dict, dict[int, float]]:
    """The ids that can be in the top ``k`` of each group, the bounds used, and the
    estimates of the chosen."""
    ids = np.concatenate([s.ids for s in scored])
    estimate = np.concatenate([s.estimate for s in scored])
    excluded = np.concatenate([s.excluded for s in scored])
    topical = np.concatenate([s.topical for s in scored])
    if len(skip):
        topical &= ~np.isin(ids, np.asarray(list(skip), dtype=np.int64))
    chosen = []
    bounds: dict = {}
    for is_excluded, k in groups.items():
        members = topical & (excluded == is_excluded)
        count = int(members.sum())
        if k <= 0 or count == 0:
            bounds[is_excluded] = (count, None)
            continue
        member_estimates = estimate[members]
        member_ids = ids[members]
        if count <= k:
            chosen.append((member_ids, member_estimates))
            bounds[is_excluded] = (count, None)
            continue
        floor = float(np.partition(member_estimates, count - k)[count - k]) - EPSILON
        keep = member_estimates + EPSILON >= floor
        chosen.append((member_ids[keep], member_estimates[keep]))
        bounds[is_excluded] = (count, floor)
    found = {
        int(pk): float(value)
        for pks, values in chosen
        for pk, value in zip(pks, values, strict=True)
    }
    return sorted(found), bounds, found


@dataclass
class _Copy:
    """The per-database copy: the experts read in full, and those changed since."""

    base: _Block | None = None
    base_ids: set[int] = field(default_factory=set)
    changed: dict[int, _Expert | None] = field(default_factory=dict)
    changed_block: _Block | None = None
    changed_alive: np.ndarray | None = None
    base_alive: np.ndarray | None = None
    watermark: int = 0
    merged_xids: set[int] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stale: bool = True


_copies: dict[tuple, _Copy] = {}
_copies_lock = threading.Lock()
stats = {"full_reads": 0, "fallbacks": 0}


def _copy() -> _Copy:
    key = (connection.alias, connection.settings_dict.get("NAME"))
    with _copies_lock:
        return _copies.setdefault(key, _Copy())


def _read_rows(where: str, params: list) -> list:
    with connection.cursor() as cursor:
        cursor.execute(_ROWS_SQL + " WHERE " + where, params)
        return cursor.fetchall()


def _xids() -> tuple[int, int | None]:
    with connection.cursor() as cursor:
        cursor.execute(_XIDS_SQL)
        return cursor.fetchone()


def _full_read(copy: _Copy) -> None:
    xmin, own = _xids()
    mine = -1 if own is None else own
    rows = _read_rows("e.status = %s AND e.changed_xid <> %s", [ExpertStatus.VALIDATED, mine])
    experts = [e for _pk, e, _xid in map(_expert_from_row, rows) if e is not None]
    # Every committed transaction whose rows we just saw is merged, whatever the status.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT changed_xid FROM experts_expertprofile"
            " WHERE changed_xid >= %s AND changed_xid <> %s",
            [xmin, mine],
        )
        copy.merged_xids = {xid for (xid,) in cursor.fetchall()}
    copy.base = _Block(experts)
    copy.base_ids = {e.id for e in experts}
    copy.changed = {}
    copy.changed_block = _Block([])
    copy.changed_alive = np.ones(0, dtype=bool)
    copy.base_alive = np.ones(copy.base.size, dtype=bool)
    copy.watermark = xmin
    copy.stale = False
    stats["full_reads"] += 1


def _refresh(copy: _Copy, *, again: bool = True) -> dict[int, _Expert | None]:
    """Merge the committed changes into the copy; return the caller's own (uncommitted)
    ones, which count for this call only.

    A row we can see was written by a committed transaction or by ours. Transactions
    still running when we read (``xmin`` and later) may commit afterwards, so the next
    read starts from ``xmin`` again, skipping the transactions already merged (their
    rows are final)."""
    if copy.stale or copy.base is None:
        _full_read(copy)
    with connection.cursor() as cursor:
        cursor.execute(*_changed_sql(copy.watermark, copy.merged_xids))
        rows = cursor.fetchall()
    _one, xmin, own = rows[0][:3]
    pending: dict[int, _Expert | None] = {}
    finished: dict[int, _Expert | None] = {}
    xids = set()
    for row in rows:
        if row[3] is None:
            continue
        pk, expert, xid = _expert_from_row(row[3:])
        if own is not None and xid == own:
            pending[pk] = expert
        else:
            finished[pk] = expert
            xids.add(xid)
    if again and len(copy.changed) + len(finished) > max(MAX_DELTA, copy.base.size // 10):
        copy.stale = True
        return _refresh(copy, again=False)
    if finished:
        copy.changed.update(finished)
        copy.changed_block = _Block([e for e in copy.changed.values() if e is not None])
        copy.changed_alive = np.ones(copy.changed_block.size, dtype=bool)
        copy.base_alive = ~np.isin(copy.base.ids, np.fromiter(copy.changed, dtype=np.int64))
    copy.merged_xids = {x for x in copy.merged_xids | xids if x >= xmin}
    copy.watermark = xmin
    return pending


def _blocks() -> list[tuple[_Block, np.ndarray]]:
    """The copy's blocks, brought up to date, with this call's uncommitted rows."""
    copy = _copy()
    with copy.lock:
        pending = _refresh(copy)
        blocks = [(copy.base, copy.base_alive), (copy.changed_block, copy.changed_alive)]
    if pending:
        hide = np.fromiter(pending, dtype=np.int64)
        blocks = [(block, alive & ~np.isin(block.ids, hide)) for block, alive in blocks]
        extra = _Block([e for e in pending.values() if e is not None])
        blocks.append((extra, np.ones(extra.size, dtype=bool)))
    return [(block, alive) for block, alive in blocks if block.size]


def shortlist(
    request: ExpertiseRequest, *, limit: int, excluded_limit: int, skip=()
) -> tuple[list[int], dict, dict[int, float]]:
    """The experts that can be in the best ``limit`` eligible and ``excluded_limit``
    excluded candidates of ``request``; per group (``False``: eligible, ``True``:
    excluded) how many topical experts the copy counts and the score floor it proved
    (``None`` when every member is on the shortlist); and their estimated scores."""
    return shortlists([request], limit=limit, excluded_limit=excluded_limit, skip={
        request.pk: skip
    })[request.pk]  # fmt: skip


def shortlists(
    requests: list[ExpertiseRequest], *, limit: int, excluded_limit: int, skip: dict
) -> dict:
    """``shortlist`` for many requests, with one refresh of the copy and one query for
    all their lexemes (batch assignment)."""
    blocks = _blocks()
    lexemes = _query_lexemes_many(requests)
    result = {}
    for request in requests:
        q = _query(request, lexemes[request.pk])
        scored = [_score(block, q, alive) for block, alive in blocks]
        if not scored:
            result[request.pk] = ([], {False: (0, None), True: (0, None)}, {})
            continue
        groups = {False: limit, True: excluded_limit}
        result[request.pk] = _select(scored, groups, skip.get(request.pk, ()))
    return result


def estimates(request: ExpertiseRequest) -> dict[int, float]:
    """Every topical expert's estimated score (for tests of the mirror)."""
    q = _query(request, _query_lexemes_many([request])[request.pk])
    result = {}
    for block, alive in _blocks():
        s = _score(block, q, alive)
        for pk, value, topical in zip(s.ids, s.estimate, s.topical, strict=True):
            if topical:
                result[int(pk)] = float(value)
    return result


def invalidate() -> None:
    """Forget every copy (the next ranking reads the experts in full)."""
    with _copies_lock:
        for copy in _copies.values():
            copy.stale = True


def mark_stale() -> None:
    _copy().stale = True
