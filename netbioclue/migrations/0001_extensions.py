"""PostgreSQL extensions and the text search configuration the portal relies on."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

SEARCH_SETUP = """
CREATE TEXT SEARCH CONFIGURATION netbioclue (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION netbioclue
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE FUNCTION netbioclue_join(text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN coalesce(array_to_string($1, ' '), '');
"""

SEARCH_TEARDOWN = """
DROP FUNCTION IF EXISTS netbioclue_join(text[]);
DROP TEXT SEARCH CONFIGURATION IF EXISTS netbioclue;
"""


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunSQL(SEARCH_SETUP, SEARCH_TEARDOWN),
    ]
