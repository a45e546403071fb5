"""Fill the database with synthetic published practices for the benchmark (``make bench``).

The text imitates real prose closely enough for full-text search to behave as it would at
scale: ~500-word bodies drawn from a vocabulary with a Zipf-like distribution (a few words
in every practice, a long tail of rare ones), so that ``COMMON_TERM`` occurs in roughly
30% of the practices and ``SELECTIVE_TERM`` in roughly 0.3%. Rows go in through COPY (the
generated search vectors compute themselves); all bench rows have slugs starting with
``bench-`` so ``--clear`` can remove them. Refused in production.
"""

import bisect
import datetime
import itertools
import os
import random
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from clusters.models import Cluster
from netbioclue.vocabulary import (
    Beneficiary,
    BusinessModel,
    ContentLanguage,
    EvidenceLevel,
    GrowthForce,
    Stage,
    ToolType,
    Transferability,
)
from organisations.models import Organisation, OrganisationKind
from practices.models import Practice, Status
from practices.services.search_index import rebuild_search_words

SLUG_PREFIX = "bench-"
COMMON_TERM = "incubator"  # in ~30% of the generated practices (title, summary or body)
SELECTIVE_TERM = "biobank"  # in ~0.3%
_COMMON_TARGET = 0.23  # the rest of its ~30% comes from titles naming the tool type
_SELECTIVE_TARGET = 0.0025

# Words of the field, most frequent first: they head the distribution.
_DOMAIN_TEXT = """
cluster biotech companies regional research support innovation development network
partners programme university start-ups funding public private science technology
business companies investors services region local policy transfer capital industry
market european activities management project projects knowledge infrastructure
results growth organisation agency members international cooperation park training
platform life sciences health collaboration venture entrepreneurs scientists spin-offs
seed grants vouchers stakeholders coaching mentoring evaluation indicators strategy
government ministry chamber commerce hospitals clinical pharma diagnostics therapeutics
medical devices laboratories facilities equipment shared access patents licensing
intellectual property regulatory approval academic excellence talent skills recruitment
events conferences matchmaking partnering branding visibility marketing internationalisation
export attractiveness competitiveness sustainability financing loans equity angels
fund managers boards committee governance coordination membership fees budget staff
office building square metres tenants occupancy success failure lessons barriers
preconditions adaptation replication transferability interviews survey monitoring
benchmark comparison united states china india emerging developing mature renewing
genomics proteomics bioinformatics bioprocessing agrifood industrial green white red
vaccines antibodies enzymes fermentation biomaterials imaging screening assays
cambridge munich heidelberg génopole évry milan lombardy piedmont dundee aarhus uppsala
brno szeged barcelona lyon strasbourg basel boston diego shanghai hyderabad bangalore
"""
DOMAIN_WORDS = _DOMAIN_TEXT.split()

_STOP_TEXT = """
the of and to in a for with on by is are was as from that this their its an at be which
has have were it or not also more than into each other they these such through between
"""
STOP_WORDS = _STOP_TEXT.split()

# Title templates: a tool type's label names the practice, as real titles do.
TITLE_TEMPLATES = [
    "{tool} for {beneficiary}: {words}",
    "{words} {tool_lower} programme",
    "{region} {words} initiative",
    "{tool} in {region}: {words}",
    "{words} for {beneficiary_lower}",
    "{words} network",
]

REGIONS = {
    "IT": ["Lombardy", "Piedmont", "Emilia-Romagna"],
    "GB": ["East of England", "Scotland", "London"],
    "FR": ["Île-de-France", "Auvergne-Rhône-Alpes", "Alsace"],
    "DE": ["Bavaria", "Baden-Württemberg", "Berlin"],
    "SE": ["Skåne", "Uppsala County"],
    "DK": ["Central Denmark", "Capital Region"],
    "CZ": ["South Moravian Region", "Prague"],
    "HU": ["Southern Great Plain", "Budapest"],
    "ES": ["Catalonia", "Madrid"],
    "CH": ["Northwestern Switzerland"],
    "US": ["Massachusetts", "California"],
    "CN": ["Shanghai"],
    "IN": ["Telangana", "Karnataka"],
}
COUNTRY_WEIGHTS = [5, 5, 5, 5, 3, 3, 2, 2, 2, 1, 1, 1, 1]

LANGUAGES = [ContentLanguage.ENGLISH.value] * 16 + [
    ContentLanguage.FRENCH.value,
    ContentLanguage.GERMAN.value,
    ContentLanguage.ITALIAN.value,
    ContentLanguage.CZECH.value,
]

VOCABULARY_SIZE = 20_000
CONTENT_SHARE = 0.6  # the rest of the running text is stop words
BODY_WORDS = 500
SUMMARY_WORDS = 45
BATCH_SIZE = 5_000


def _synthetic_words(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """Pronounceable made-up words for the long tail of the vocabulary."""
    onsets = [*"bcdfgklmnprstvz", "br", "cr", "dr", "fl", "gr", "kl", "pl", "pr", "st", "tr"]
    vowels = [*"aeiou", "ia", "io", "ea"]
    codas = ["", "", "n", "r", "l", "s", "m", "x"]
    words: list[str] = []
    while len(words) < count:
        syllables = rng.randint(2, 3)
        word = "".join(
            rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(syllables)
        )
        if word not in taken and len(word) >= 5:
            taken.add(word)
            words.append(word)
    return words


def _zipf_rank(target_df: float, tokens: int, harmonic: float) -> int:
    """The rank at which a word reaches ``target_df`` of the documents (Zipf, s = 1)."""
    per_token = 1 - (1 - target_df) ** (1 / tokens)
    return max(1, round(1 / (per_token * harmonic)))


class Corpus:
    """Running text from a fixed vocabulary (the same for every run).

    Drawing each word of 100,000 x 500 words in Python would take minutes, so the corpus
    draws a pool of sentences once and a text is a run of consecutive pool sentences from
    a random start: each text is still an independent sample of the word distribution,
    so how many practices contain a word is what drawing word by word would give.
    """

    def __init__(self, *, sentences: int = 200_000, seed: int = 2006):
        rng = random.Random(seed)
        head = [w for w in dict.fromkeys(DOMAIN_WORDS) if w not in {COMMON_TERM, SELECTIVE_TERM}]
        taken = set(head) | set(STOP_WORDS) | {COMMON_TERM, SELECTIVE_TERM}
        words = head + _synthetic_words(rng, VOCABULARY_SIZE - len(head) - 2, taken)
        harmonic = sum(1 / r for r in range(1, VOCABULARY_SIZE + 1))
        tokens = int((BODY_WORDS + SUMMARY_WORDS) * CONTENT_SHARE)
        for term, target in ((COMMON_TERM, _COMMON_TARGET), (SELECTIVE_TERM, _SELECTIVE_TARGET)):
            words.insert(_zipf_rank(target, tokens, harmonic) - 1, term)
        self.content_words = words
        self.content_cum = list(itertools.accumulate(1 / r for r in range(1, len(words) + 1)))
        # One population, one draw: stop words share (1 - CONTENT_SHARE) of the mass.
        stop_mass = (1 - CONTENT_SHARE) / sum(1 / r for r in range(1, len(STOP_WORDS) + 1))
        content_mass = CONTENT_SHARE / harmonic
        weights = [stop_mass / r for r in range(1, len(STOP_WORDS) + 1)]
        weights += [content_mass / r for r in range(1, len(words) + 1)]
        lengths = [rng.randint(6, 18) for _ in range(sentences)]
        stream = rng.choices(STOP_WORDS + words, weights=weights, k=sum(lengths))
        self.sentences = []
        start = 0
        for length in lengths:
            sentence = stream[start : start + length]
            self.sentences.append(f"{sentence[0].capitalize()} {' '.join(sentence[1:])}.")
            start += length
        self.mean_length = sum(lengths) / len(lengths)

    def content(self, rng: random.Random, count: int) -> list[str]:
        """Content words only (no stop words), for titles."""
        total = self.content_cum[-1]
        return [
            self.content_words[bisect.bisect(self.content_cum, rng.random() * total)]
            for _ in range(count)
        ]

    def prose(self, rng: random.Random, count: int) -> str:
        """About ``count`` words of sentences."""
        sentences = max(1, round(count / self.mean_length))
        start = rng.randrange(len(self.sentences) - sentences)
        return " ".join(self.sentences[start : start + sentences])


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0]


def _pick(rng: random.Random, values: list[str], low: int, high: int) -> list[str]:
    return sorted(rng.sample(values, rng.randint(low, high)), key=values.index)


class Command(BaseCommand):
    help = (
        "Fill the database with N synthetic published practices (slugs 'bench-...') for "
        "the search benchmark. Refused in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--practices", type=int, default=100_000, help="how many to add")
        parser.add_argument(
            "--clear", action="store_true", help="remove previous bench practices first"
        )
        parser.add_argument("--seed", type=int, default=2008, help="random seed")
        parser.add_argument(
            "--jobs", type=int, default=os.cpu_count() or 1, help="parallel COPY streams"
        )

    def handle(self, *args, practices: int, clear: bool, seed: int, jobs: int, **options):
        if settings.PRODUCTION:
            raise CommandError("generate_bench_data refuses to run in production mode.")
        if practices < 0:
            raise CommandError("--practices must be zero or more.")
        started = time.monotonic()
        if clear:
            removed = self._clear()
            with connection.cursor() as cursor:
                # The new rows then reuse the space of the removed ones.
                cursor.execute(f"VACUUM {Practice._meta.db_table}")
            self.stdout.write(f"Removed {removed} bench practices.")
        if practices:
            self._insert(practices, seed, max(1, jobs))
            inserted = time.monotonic() - started
            self.stdout.write(f"Inserted {practices} practices in {inserted:.1f} s.")
        with connection.cursor() as cursor:
            # Outside a transaction: also sets the visibility map for index-only scans.
            cursor.execute(f"VACUUM (ANALYZE) {Practice._meta.db_table}")
        rebuild_search_words()
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {time.monotonic() - started:.1f} s "
                "(VACUUM ANALYZE and the search vocabulary included)."
            )
        )

    def _clear(self) -> int:
        table = Practice._meta.db_table
        bench = f"SELECT id FROM {table} WHERE slug LIKE %s"  # noqa: S608 (model names)
        with transaction.atomic(), connection.cursor() as cursor:
            for related in Practice._meta.related_objects:
                if related.one_to_many and related.related_model._meta.managed:
                    model = related.related_model
                    cursor.execute(
                        f"DELETE FROM {model._meta.db_table} "  # noqa: S608
                        f"WHERE {related.field.column} IN ({bench})",
                        [f"{SLUG_PREFIX}%"],
                    )
            cursor.execute(f"DELETE FROM {table} WHERE slug LIKE %s", [f"{SLUG_PREFIX}%"])  # noqa: S608
            return cursor.rowcount

    def _owners(self) -> list[int]:
        owners = list(
            Organisation.objects.filter(is_network_partner=True).values_list("id", flat=True)
        )
        if not owners:
            owner, _ = Organisation.objects.get_or_create(
                slug=f"{SLUG_PREFIX}partner",
                defaults={
                    "name": "Benchmark partner",
                    "kind": OrganisationKind.CLUSTER_ORGANISATION,
                    "country": "BE",
                },
            )
            owners = [owner.id]
        return owners

    def _first_number(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT max(substr(slug, {len(SLUG_PREFIX) + 1})::int) "  # noqa: S608
                f"FROM {Practice._meta.db_table} WHERE slug ~ %s",
                [f"^{SLUG_PREFIX}[0-9]+$"],
            )
            (highest,) = cursor.fetchone()
        return (highest or 0) + 1

    def _insert(self, count: int, seed: int, jobs: int) -> None:
        fields = [
            f for f in Practice._meta.concrete_fields if not f.primary_key and not f.generated
        ]
        attnames = [f.attname for f in fields]
        sql = f"COPY {Practice._meta.db_table} ({', '.join(f.column for f in fields)}) FROM STDIN"
        # Read what the rows refer to before COPY holds a connection.
        owners = self._owners()
        clusters = list(Cluster.objects.values_list("id", flat=True)) or [None]
        first = self._first_number()
        # Each practice reads ~45 consecutive sentences; a pool far larger keeps texts apart.
        corpus = Corpus(sentences=min(200_000, max(5_000, 4 * count)))
        # The server's work (the generated search vectors, the GIN indexes) dominates:
        # one COPY per core, each from its own thread and connection (psycopg releases
        # the GIL while it waits for the server).
        share = -(-count // jobs)
        chunks = [
            range(start, min(start + share, first + count))
            for start in range(first, first + count, share)
        ]

        def copy(numbers: range) -> None:
            try:
                rows = self._rows(numbers, seed, attnames, owners, clusters, corpus)
                with transaction.atomic(), connection.cursor() as cursor:
                    # Fewer, larger merges of the GIN pending lists.
                    cursor.execute("SET LOCAL gin_pending_list_limit = '64MB'")
                    with cursor.cursor.copy(sql) as stream:
                        for row in rows:
                            stream.write_row(row)
            finally:
                connection.close()

        with ThreadPoolExecutor(max_workers=len(chunks)) as pool:
            for future in [pool.submit(copy, chunk) for chunk in chunks]:
                future.result()

    def _rows(
        self,
        numbers: range,
        seed: int,
        attnames: list[str],
        owners: list[int],
        clusters: list[int | None],
        corpus: Corpus,
    ) -> Iterator[tuple]:
        rng = random.Random(seed + numbers.start)
        countries = list(REGIONS)
        stages, forces, tools = Stage.values, GrowthForce.values, ToolType.values
        beneficiaries, models = Beneficiary.values, BusinessModel.values
        tool_labels = dict(ToolType.choices)
        beneficiary_labels = dict(Beneficiary.choices)
        evidence = [*EvidenceLevel.values, ""]
        transferability = [*Transferability.values, "", ""]
        epoch = datetime.datetime(2008, 1, 1, tzinfo=datetime.UTC)
        span = 18 * 365 * 24 * 3600
        for number in numbers:
            country = rng.choices(countries, weights=COUNTRY_WEIGHTS)[0]
            region = rng.choice(REGIONS[country])
            tool_types = _pick(rng, tools, 1, 3)
            beneficiary = _pick(rng, beneficiaries, 1, 3)
            tool = str(tool_labels[tool_types[0]])
            who = str(beneficiary_labels[beneficiary[0]])
            title = rng.choice(TITLE_TEMPLATES).format(
                tool=tool,
                tool_lower=tool.lower(),
                beneficiary=who,
                beneficiary_lower=who.lower(),
                region=region,
                words=" ".join(corpus.content(rng, rng.randint(2, 4))),
            )
            title = (title[0].upper() + title[1:])[:120]
            published = epoch + datetime.timedelta(seconds=rng.randrange(span))
            start_year = rng.randint(1995, 2022)
            grade = rng.choice(transferability)
            values = {
                "slug": f"{SLUG_PREFIX}{number:07d}",
                "owner_id": rng.choice(owners),
                "status": Status.PUBLISHED.value,
                "version": 1,
                "title": title,
                "summary": _clip(corpus.prose(rng, SUMMARY_WORDS), 500),
                "description": corpus.prose(rng, 200),
                "problem": corpus.prose(rng, 70),
                "how_it_works": corpus.prose(rng, 110),
                "results": corpus.prose(rng, 60),
                "evidence_level": rng.choice(evidence),
                "budget_range": "",
                "staff": "",
                "resources_notes": "",
                "dos": [_clip(corpus.prose(rng, 10), 300) for _ in range(rng.randint(1, 3))],
                "donts": [_clip(corpus.prose(rng, 10), 300) for _ in range(rng.randint(0, 2))],
                "lessons": corpus.prose(rng, 40),
                "origin_cluster_id": rng.choice(clusters) if rng.random() < 0.7 else None,
                "country": country,
                "region": region,
                "contact_name": "Bench Contact",
                "contact_email": f"contact{number}@bench.example",
                "contact_phone": "",
                "start_year": start_year,
                "end_year": start_year + rng.randint(1, 8) if rng.random() < 0.5 else None,
                "links": [],
                "language": rng.choice(LANGUAGES),
                "stages": _pick(rng, stages, 1, 2),
                "growth_forces": _pick(rng, forces, 1, 2),
                "tool_types": tool_types,
                "beneficiaries": beneficiary,
                "business_models": _pick(rng, models, 0, 2),
                "transferability": grade,
                "interview_count": rng.randint(1, 6) if grade else 0,
                "is_illustrative": True,
                "created_by_id": None,
                "created_at": published - datetime.timedelta(days=30),
                "updated_at": published,
                "submitted_at": published - datetime.timedelta(days=7),
                "published_at": published,
            }
            yield tuple(values[name] for name in attnames)
