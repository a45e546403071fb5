"""The last line of defence: a ``DataError`` from what a person sent is a 400, not a 500.

Every boundary validates the classes of input PostgreSQL refuses (``netbioclue.text``,
the JSON parser, the search syntax, the cursors). Should a value still slip through,
PostgreSQL raises ``django.db.DataError`` (a NUL in text, a number out of range, an
invalid array...): the request, not the server, was wrong, so the answer is 400. The API
does this in ``netbioclue.rest.exceptions.problem_exception_handler`` (a problem
document); ``DataErrorMiddleware`` does it for the HTML pages (the 400 page). Both log a
warning with the traceback, because each such request shows a boundary to fix.
"""

import logging

from django.db import DataError
from django.template.response import TemplateResponse

logger = logging.getLogger("netbioclue.dataerrors")


def log_data_error(request, error: DataError) -> None:
    logger.warning(
        "Input the database refused reached it unchecked (%s %s): %s",
        request.method,
        request.path,
        error,
        exc_info=error,
    )


class DataErrorMiddleware:
    """Answer a view's ``DataError`` with the 400 page (after logging it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DataError):
            return None
        log_data_error(request, exception)
        response = TemplateResponse(request, "400.html", {"data_error": True}, status=400)
        return response.render()
