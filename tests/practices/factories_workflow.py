"""Test data for the practice workflow: record content, form posts and tiny real files."""

import base64

from django.core.files.uploadedfile import SimpleUploadedFile

from netbioclue.registry import Kind
from practices.fields import CONTENT_FIELDS, PRACTICE_FIELDS
from practices.models import Practice

# Tiny but real files (a 1x1 pixel image; a one-page PDF skeleton).
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG_BYTES = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGM4IScHAAK2AQU0pnWqAAAAAElFTkSuQmCC"
)
GIF_BYTES = base64.b64decode("R0lGODdhAQABAIEAAMgeHgAAAAAAAAAAACwAAAAAAQABAAAIBAABBAQAOw==")
JPEG_BYTES = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERX"
    "RTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj"
    "Y2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAABAAEDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAA"
    "AAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAk"
    "M2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKT"
    "lJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QA"
    "HwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdh"
    "cRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hp"
    "anN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk"
    "5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDHooorhPqD/9k="
)


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def content(**overrides) -> dict:
    """Complete, valid content for ``practice_create`` / ``practice_update``."""
    data = {
        "title": "Proof-of-concept fund for academic spin-outs",
        "summary": "A small fund that pays for the first experiments a start-up needs.",
        "description": "The cluster organisation runs a fund of EUR 500,000 a year.",
        "problem": "Investors do not fund unproven science.",
        "how_it_works": "Researchers apply twice a year; a jury of investors decides.",
        "results": "Twelve companies founded in four years.",
        "evidence_level": "monitored",
        "budget_range": "250k-1m",
        "staff": "1 FTE fund manager",
        "resources_notes": "",
        "dos": ["Involve investors in the jury", "Pay in tranches"],
        "donts": ["Fund more than two years"],
        "lessons": "Speed of decision matters more than size.",
        "origin_cluster": None,
        "country": "GB",
        "region": "East of England",
        "contact_name": "Jane Doe",
        "contact_email": "jane@example.org",
        "contact_phone": "+44 1223 000000",
        "start_year": 2004,
        "end_year": None,
        "links": ["https://example.org/fund"],
        "language": "en",
        "stages": ["emerging", "developing"],
        "growth_forces": ["financial"],
        "tool_types": ["funding"],
        "beneficiaries": ["startups"],
        "business_models": ["product"],
    }
    data.update(overrides)
    return data


def _form_value(name: str, value):
    if PRACTICE_FIELDS[name].kind in (Kind.TEXT_LIST, Kind.URL_LIST):
        return "\n".join(value)  # one item per line
    if isinstance(value, list):
        return value
    if value is None:
        return ""
    if name == "origin_cluster":
        return str(getattr(value, "pk", value))
    return str(value)


def form_data(source: Practice | dict, *, version: int | None = None, **overrides) -> dict:
    """What the practice form posts, from a practice's values or a content dict."""
    if isinstance(source, Practice):
        values = {name: getattr(source, name) for name in CONTENT_FIELDS}
        values["origin_cluster"] = source.origin_cluster_id
        values["country"] = source.country.code or ""
    else:
        values = dict(source)
    values.update(overrides)
    data = {name: _form_value(name, values[name]) for name in CONTENT_FIELDS}
    if version is not None:
        data["version"] = str(version)
    return data
