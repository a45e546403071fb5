"""``manage.py import_experts FILE.csv [--dry-run]``: load an expert roster."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from experts.importing import import_experts


class Command(BaseCommand):
    help = "Import experts from a CSV roster (idempotent by e-mail; nothing written on error)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Validate and report only.")

    def handle(self, *args, file: Path, dry_run: bool, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        with file.open("rb") as stream:
            report = import_experts(stream, dry_run=dry_run, source=file.name)
        for error in report.errors:
            self.stderr.write(str(error))
        if report.errors:
            raise CommandError(f"{len(report.errors)} error(s); nothing was written.")
        if dry_run:
            self.stdout.write(f"Dry run: {report.rows} valid rows; nothing was written.")
        else:
            self.stdout.write(f"Imported: {report.created} created, {report.updated} updated.")
