"""The search vocabulary behind "did you mean", kept in step with the published catalogue.

The full-text vectors of a practice are generated columns: they never need refreshing.
What does need it is ``SearchWord``, the list of words of the published titles and
summaries that the trigram suggestion searches (0.1 ms over this small table against
~35 ms over full titles at 100,000 practices).
"""

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

# Serialises rebuilds (two workers, or a task run twice): each then sees the other's
# result instead of both writing from the same stale picture.
_REBUILD_LOCK = 0x5EA2C4  # any constant bigint unique to this job

# One pass in C over the catalogue's text: to_tsvector('simple', ...) splits and
# lower-cases the unaccented words, ts_stat() counts them (nentry = occurrences). Words
# are what a person types, not stems, so a suggestion can replace a typed word. Only the
# words whose count changed are written: publishing one practice touches a few rows.
_REBUILD_SQL = """
WITH fresh AS (
    SELECT word, nentry AS frequency
    FROM ts_stat(%s)
    WHERE length(word) BETWEEN 3 AND 100 AND word ~ '^[[:alpha:]]+$'
),
written AS (
    INSERT INTO practices_searchword (word, frequency)
    SELECT word, frequency FROM fresh
    ON CONFLICT (word) DO UPDATE SET frequency = EXCLUDED.frequency
    WHERE practices_searchword.frequency <> EXCLUDED.frequency
)
DELETE FROM practices_searchword known
WHERE NOT EXISTS (SELECT 1 FROM fresh WHERE fresh.word = known.word)
"""

_DOCUMENTS_SQL = (
    "SELECT to_tsvector('simple', unaccent(title || ' ' || summary)) "
    "FROM practices_practice WHERE status = 'published'"
)


def catalogue_changed() -> None:
    """Refresh what is derived from the published catalogue once the current transaction
    commits: the search vocabulary, the cached count of published practices (the home
    page's), and the PDF edition of the publication.

    Services call this whenever the published catalogue changes (a practice is
    published, archived, or a published practice's title or summary changes). The PDF
    is queued ``PUBLICATION_REFRESH_DELAY`` seconds later, so a coordinator publishing
    ten practices in a row causes one build of the final catalogue, not ten; until it
    is ready the previous edition is the one downloaded.
    """
    from practices.selectors.catalogue import PUBLISHED_COUNT_KEY
    from practices.tasks import rebuild_search_words, refresh_publication

    transaction.on_commit(lambda: cache.delete(PUBLISHED_COUNT_KEY))
    rebuild_search_words.delay_on_commit()
    if settings.PUBLICATION_AUTO_REFRESH:
        transaction.on_commit(
            lambda: refresh_publication.apply_async(countdown=settings.PUBLICATION_REFRESH_DELAY)
        )


def rebuild_search_words() -> None:
    """Make ``SearchWord`` the words of the published titles and summaries.

    Words are unaccented, lower-case, letters only, at least three long; ``frequency``
    counts their occurrences. Idempotent; readers see the old list until commit.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_REBUILD_LOCK])
        cursor.execute(_REBUILD_SQL, [_DOCUMENTS_SQL])
        # New words wait in the trigram index's pending list, which every search scans,
        # and the planner needs the new size: without both, a suggestion takes ~30 ms
        # (a sequential scan) instead of ~0.2 ms at 20,000 words.
        cursor.execute("SELECT gin_clean_pending_list('searchword_trgm'::regclass)")
        cursor.execute("ANALYZE practices_searchword")
