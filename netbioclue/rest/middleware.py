"""Problem documents for API errors that never reach a DRF view.

Django answers an unknown URL under ``/api/`` with its HTML 404 page and a crash with
its HTML 500 page; API clients should get ``application/problem+json`` like everywhere
else in the API. This middleware sits just inside ``CorsMiddleware`` and rewrites any
error answer under ``/api/`` whose body is not JSON. Crashes are still logged by Django
(``django.request``) before they reach it; nothing about the error leaks to the client.
"""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from netbioclue.rest.exceptions import problem_http_response

API_PREFIX = "/api/"

_DETAILS = {
    404: _("There is no API endpoint at this address. The endpoints are listed at /api/v1/."),
    500: _("The server failed to answer this request. The error has been logged."),
}


class ProblemDetailsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and request.path.startswith(API_PREFIX)
            and "json" not in response.get("Content-Type", "")
        ):
            return self._as_problem(request, response)
        return response

    @staticmethod
    def _as_problem(request, response: HttpResponse) -> HttpResponse:
        problem = problem_http_response(
            request, response.status_code, detail=_DETAILS.get(response.status_code)
        )
        for header in ("Allow", "Retry-After", "WWW-Authenticate", "Vary"):
            if header in response:
                problem[header] = response[header]
        return problem
