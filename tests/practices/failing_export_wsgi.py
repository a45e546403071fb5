"""The portal's WSGI application with every practice export failing after some rows.

For ``test_export_streams``: gunicorn serves this module in a process of its own, where a
test cannot monkeypatch, so the failure is installed here, at import. ``FAIL_AFTER_ROWS``
(environment) sets how many rows are sent before the database "goes away".
"""

import os

from django.db import DataError

from netbioclue.wsgi import application
from practices.api import opendata
from practices.selectors.catalogue import EXPORT_COLUMNS
from practices.views import catalogue

FAIL_AFTER_ROWS = int(os.environ.get("FAIL_AFTER_ROWS", "1200"))


def row(number: int) -> dict:
    """An export row as ``export_rows`` yields it."""
    values = dict.fromkeys(EXPORT_COLUMNS, "")
    values.update(slug=f"practice-{number}", title=f"Practice {number}", stages=["emerging"])
    return values


def failing_export_rows(*args, **kwargs):
    for number in range(FAIL_AFTER_ROWS):
        yield row(number)
    raise DataError("the database went away")


catalogue.export_rows = failing_export_rows
opendata.export_rows = failing_export_rows

__all__ = ["application"]
