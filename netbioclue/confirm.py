"""Asking before an action that cannot be undone (publish, reject, archive, revoke, remove).

The pattern, once for every app: the action's form posts as before; the view checks what
it always checks (access, input) and then calls ``ask``. Without the confirmation field
the answer is a page of its own that names what will happen and repeats the posted
fields (a typed reason survives) in a form whose button confirms; with it, ``ask``
returns None and the view acts, then redirects (post/redirect/get). No JavaScript is
involved, and the first POST changes nothing, so reloading the question is harmless::

    if page := confirm.ask(request, title=..., consequence=..., confirm_label=...,
                           cancel_url=...):
        return page
"""

from __future__ import annotations

from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

CONFIRM_FIELD = "confirmed"
CONFIRM_VALUE = "yes"
# Posted fields never repeated on the confirmation page: the CSRF token is issued anew.
_NOT_CARRIED = frozenset({"csrfmiddlewaretoken", CONFIRM_FIELD})


def is_confirmed(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == CONFIRM_VALUE


def ask(
    request: HttpRequest,
    *,
    title: str,
    consequence: str | Sequence[str],
    confirm_label: str,
    cancel_url: str,
    danger: bool = True,
    irreversible: bool = True,
) -> HttpResponse | None:
    """None when the person has confirmed; else the page that asks them to."""
    if is_confirmed(request):
        return None
    if not url_has_allowed_host_and_scheme(cancel_url, allowed_hosts={request.get_host()}):
        cancel_url = "/"
    consequences = [consequence] if isinstance(consequence, str) else list(consequence)
    carried = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in _NOT_CARRIED
        for value in values
    ]
    return render(
        request,
        "netbioclue/confirm.html",
        {
            "title": title,
            "consequences": consequences,
            "confirm_label": confirm_label,
            "cancel_url": cancel_url,
            "danger": danger,
            "irreversible": irreversible,
            "carried": carried,
            "action_url": request.get_full_path(),
            "confirm_field": CONFIRM_FIELD,
            "confirm_value": CONFIRM_VALUE,
        },
    )
