"""Importing an expert roster from CSV (``manage.py import_experts`` and the admin).

Columns: ``experts.fields.IMPORT_COLUMNS`` (lists separated by ``;``, vocabulary values
as in the API, languages as ``en:C2;fr:B1``). Every row is validated first, with the
model's own validation (lengths, vocabulary, storable text); errors are reported by
line and column. If any row is invalid, nothing is written; a dry run validates and
reports without writing either. Idempotent by e-mail: a known address updates that
profile, an unknown one creates a validated profile whose consent text records that it
was collected outside the portal by whoever imported the roster.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_countries import countries

from experts.fields import IMPORT_COLUMNS
from experts.forms import parse_languages
from experts.models import ExpertProfile, ExpertStatus, Visibility
from organisations.activity import log_action
from organisations.models import Organisation, User

LIST_COLUMNS = ("countries", "growth_forces", "tool_types", "stages", "formats")
MAX_ROWS = 5000
IMPORT_CONSENT = (
    "Consent collected outside the portal by the coordinator and recorded by roster "
    "import ({source})."
)


@dataclass
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    rows: int = 0
    written: bool = False


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split(";") if item.strip()]


def _organisations() -> dict[str, Organisation]:
    found = {}
    for organisation in Organisation.objects.all():
        for key in (organisation.name, organisation.short_name, organisation.slug):
            if key:
                found[key.casefold()] = organisation
    return found


def _build(row: dict[str, str], line: int, orgs, report: ImportReport, existing):
    def error(column: str, message) -> None:
        report.errors.append(RowError(line, column, str(message)))

    email = row["email"].strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        error("email", "not a valid e-mail address")
        return None
    expert = existing.get(email) or ExpertProfile(email=email, status=ExpertStatus.VALIDATED)
    for column in ("name", "headline", "bio"):
        setattr(expert, column, row[column].strip())
    organisation = orgs.get(row["organisation"].strip().casefold())
    expert.organisation = organisation
    expert.organisation_name = "" if organisation else row["organisation"].strip()
    for column in LIST_COLUMNS:
        setattr(expert, column, _split(row[column]))
    unknown = [c for c in expert.countries if c.upper() not in countries]
    if unknown:
        error("countries", f"unknown country codes: {', '.join(unknown)}")
    expert.countries = [c.upper() for c in expert.countries]
    try:
        expert.languages, expert.language_levels = parse_languages(row["languages"])
    except ValidationError as problem:
        error("languages", " ".join(problem.messages))
    capacity = row["capacity"].strip() or "1"
    if not capacity.isdigit():
        error("capacity", "give a whole number from 0 to 20")
    else:
        expert.capacity = int(capacity)
    visibility = row["visibility"].strip() or Visibility.PUBLIC
    if visibility not in Visibility.values:
        error("visibility", f"use one of {', '.join(Visibility.values)}")
    expert.visibility = visibility
    try:
        expert.full_clean(exclude=["user", "email"], validate_constraints=False)
    except ValidationError as problem:
        for name, messages in problem.message_dict.items():
            column = "organisation" if name == "organisation_name" else name
            for message in messages:
                error(column, message)
    return expert


def import_experts(
    stream, *, dry_run: bool = False, source: str = "CSV", by: User | None = None
) -> ImportReport:
    report = ImportReport()
    try:
        text = stream.read()
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.errors.append(RowError(1, "-", "the file is not UTF-8 text"))
        return report
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in IMPORT_COLUMNS if c not in header]
    if missing:
        report.errors.append(RowError(1, ", ".join(missing), "missing column(s)"))
        return report
    reader.fieldnames = header
    rows = list(reader)
    if len(rows) > MAX_ROWS:
        report.errors.append(RowError(1, "-", f"at most {MAX_ROWS} rows per file"))
        return report
    emails = [(r.get("email") or "").strip().lower() for r in rows]
    existing = {
        e.email.lower(): e
        for e in ExpertProfile.objects.filter(
            Q(email__in=[e for e in emails if e]) | Q(pk__in=[])
        ).exclude(status=ExpertStatus.ERASED)
    }
    orgs = _organisations()
    seen: dict[str, int] = {}
    built = []
    for index, row in enumerate(rows, start=2):
        row = {k: (v or "") for k, v in row.items() if k is not None}
        if any("\x00" in v for v in row.values()):
            report.errors.append(RowError(index, "-", "contains a NUL character"))
            continue
        email = row["email"].strip().lower()
        if email in seen:
            report.errors.append(RowError(index, "email", f"same e-mail as line {seen[email]}"))
            continue
        seen[email] = index
        expert = _build(row, index, orgs, report, existing)
        if expert is not None:
            built.append(expert)
    report.rows = len(rows)
    if report.errors or dry_run:
        return report
    now = timezone.now()
    with transaction.atomic():
        for expert in built:
            is_new = expert.pk is None
            if is_new:
                expert.user = User.objects.filter(email__iexact=expert.email).first()
                expert.consent_text = IMPORT_CONSENT.format(source=source)
                expert.consent_at = now
                expert.validated_by = by
                expert.validated_at = now
            expert.save()
            log_action(
                action="expert.imported",
                actor=by,
                target=expert,
                data={"source": source, "created": is_new},
            )
            report.created += is_new
            report.updated += not is_new
    report.written = True
    return report
