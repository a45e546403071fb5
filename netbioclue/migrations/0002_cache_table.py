"""The database cache table, for deployments without Redis.

Without ``REDIS_URL`` the cache (allauth's rate limits, cached pages) is a
database table; creating it with the schema means a freshly migrated database works
without a separate ``createcachetable`` step. With Redis configured this does nothing.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("netbioclue", "0001_extensions")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
