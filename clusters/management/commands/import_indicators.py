"""``manage.py import_indicators FILE.csv [--dry-run]``: yearly indicator values from CSV.

Columns (header required, order free): ``cluster`` (slug), ``indicator`` (slug),
``year``, ``value``, ``source``, ``recorded_on`` (YYYY-MM-DD), as in
``clusters.fields.INDICATOR_VALUE``. Every row is checked first, with the same rules as
the entry form (``clusters.services.clean_indicator_value``); any error is reported by
line and column and nothing is written. Without errors the rows are stored as approved
values in one transaction (an operator's import is the source of record); ``--dry-run``
stops after the checks.
"""

import csv

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from clusters.fields import INDICATOR_VALUE
from clusters.models import Cluster, IndicatorDefinition
from clusters.services import ImportRow, clean_indicator_value, indicator_values_import

COLUMNS = INDICATOR_VALUE.names()
MAX_ERRORS_SHOWN = 50


class Command(BaseCommand):
    help = "Import yearly indicator values from a CSV file (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file with the columns " + ", ".join(COLUMNS))
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument(
            "--illustrative", action="store_true", help="Label the values as illustrative."
        )

    def handle(self, *args, file, dry_run, illustrative, **options):
        try:
            with open(file, newline="", encoding="utf-8-sig") as handle:
                rows, errors = self._check(csv.DictReader(handle))
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        except (UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f"{file} is not a UTF-8 CSV file: {error}") from None
        if errors:
            for message in errors[:MAX_ERRORS_SHOWN]:
                self.stderr.write(message)
            if len(errors) > MAX_ERRORS_SHOWN:
                self.stderr.write(f"... and {len(errors) - MAX_ERRORS_SHOWN} more errors.")
            raise CommandError(f"{len(errors)} error(s); nothing was imported.")
        if dry_run:
            self.stdout.write(f"{len(rows)} row(s) are valid; dry run, nothing was imported.")
            return
        count = indicator_values_import(rows=rows, by=None, is_illustrative=illustrative)
        self.stdout.write(self.style.SUCCESS(f"Imported {count} value(s)."))

    def _check(self, reader: csv.DictReader) -> tuple[list[ImportRow], list[str]]:
        header = reader.fieldnames or []
        missing = [column for column in COLUMNS if column not in header]
        if missing:
            return [], [f"line 1: missing column(s): {', '.join(missing)}"]
        clusters = {c.slug: c for c in Cluster.objects.all()}
        indicators = {i.slug: i for i in IndicatorDefinition.objects.all()}
        rows: list[ImportRow] = []
        errors: list[str] = []
        seen: dict[tuple[str, str, str], int] = {}
        for row in reader:
            line = reader.line_num
            cluster = clusters.get((row.get("cluster") or "").strip())
            indicator = indicators.get((row.get("indicator") or "").strip())
            if cluster is None:
                errors.append(f"line {line}, column cluster: unknown cluster {row['cluster']!r}")
            if indicator is None:
                errors.append(
                    f"line {line}, column indicator: unknown indicator {row['indicator']!r}"
                )
                continue
            try:
                value = clean_indicator_value(
                    indicator=indicator,
                    year=row.get("year"),
                    value=row.get("value"),
                    source=row.get("source"),
                    recorded_on=row.get("recorded_on"),
                )
            except ValidationError as error:
                for column, messages in error.message_dict.items():
                    errors.extend(f"line {line}, column {column}: {m}" for m in messages)
                continue
            if cluster is None:
                continue
            key = (cluster.slug, indicator.slug, str(value.year))
            if key in seen:
                errors.append(f"line {line}: same cluster, indicator and year as line {seen[key]}")
                continue
            seen[key] = line
            rows.append(ImportRow(line=line, cluster=cluster, value=value))
        return rows, errors
