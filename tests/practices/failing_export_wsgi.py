"""The portal's WSGI application with every practice export failing after some rows.

For ``test_export_streams``: gunicorn serves this module in a process of its own, where a
test cannot monkeypatch, so the failure is installed here, at import. ``FAIL_AFTER_ROWS``
(environment) sets how many rows are sent before the database "goes away". Never
import it from a test: the replacement would hold for the whole test process.
"""

import os

from django.db import DataError

from netbioclue.wsgi import application
from practices.api import opendata
from practices.views import catalogue
from tests.practices.export_rows import row

FAIL_AFTER_ROWS = int(os.environ.get("FAIL_AFTER_ROWS", "1200"))


def failing_export_rows(*args, **kwargs):
    for number in range(FAIL_AFTER_ROWS):
        yield row(number)
    raise DataError("the database went away")


catalogue.export_rows = failing_export_rows
opendata.export_rows = failing_export_rows

__all__ = ["application"]
