"""Streaming writers for exports of the catalogue (the page's CSV/JSON exports and the
API's open data): one CSV dialect and one JSON shape wherever practices leave the portal."""

import csv
from collections.abc import Iterable, Iterator, Sequence

import orjson

from practices.selectors.catalogue import EXPORT_COLUMNS

# Rows per chunk of a streamed export: big enough for few writes, small enough to start
# sending at once and to keep memory flat.
EXPORT_CHUNK_ROWS = 500

# The catalogue page's CSV download begins with a byte-order mark: without it Excel reads
# UTF-8 as the local code page and mangles accents ("MÃ¼nchen"). The open-data CSV, read by
# programs, has none (its encoding is declared in datapackage.json).
SPREADSHEET_BOM = "\ufeff"

# A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class _Line:
    """A file-like object csv.writer writes one line to, returning it."""

    def write(self, value: str) -> str:
        return value


def _safe_cell(value) -> str | int | None:
    if isinstance(value, list):
        value = "; ".join(value)
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_chunks(rows: Iterable[dict], columns: Sequence[str] = EXPORT_COLUMNS) -> Iterator[str]:
    """CSV with a header line, ``EXPORT_CHUNK_ROWS`` lines at a time; lists are joined
    with "; " and cells a spreadsheet would run as a formula are neutralised."""
    writer = csv.writer(_Line())
    yield writer.writerow(columns)
    chunk = []
    for row in rows:
        chunk.append(writer.writerow([_safe_cell(row[column]) for column in columns]))
        if len(chunk) == EXPORT_CHUNK_ROWS:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def json_array_chunks(rows: Iterable[dict]) -> Iterator[bytes]:
    """A JSON array written a chunk of rows at a time."""
    yield b"["
    separator = b"\n"
    chunk = []
    for row in rows:
        chunk.append(separator + orjson.dumps(row))
        separator = b",\n"
        if len(chunk) == EXPORT_CHUNK_ROWS:
            yield b"".join(chunk)
            chunk = []
    if chunk:
        yield b"".join(chunk)
    yield b"\n]\n"
