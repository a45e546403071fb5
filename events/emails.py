"""The e-mails of events: registrations, offers, reminders, changes, messages.

Each is rendered from ``events/email/<name>.txt`` and sent to one person (no address
sees the others). Every e-mail to a registrant carries the cancellation link, which
works without signing in (``events.tokens``). Called by ``events.tasks`` only.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from events import tokens
from events.models import Event, Registration


def link(name: str, **kwargs) -> str:
    return settings.SITE_URL + reverse(name, kwargs=kwargs)


def registration_links(registration: Registration) -> dict[str, str]:
    return {
        "cancel_url": link(
            "events:registration_cancel",
            token=tokens.make_token(registration, tokens.CANCEL),
        ),
        "confirm_url": link(
            "events:registration_confirm",
            token=tokens.make_token(registration, tokens.CONFIRM),
        ),
        "accept_url": link(
            "events:registration_accept",
            token=tokens.make_token(registration, tokens.ACCEPT),
        ),
        "event_url": settings.SITE_URL + registration.event.get_absolute_url(),
        "ics_url": link("events:ics", slug=registration.event.slug),
    }


def _header_safe(text: str) -> str:
    return " ".join(str(text).split())


def send_to_registrant(
    registration: Registration, template: str, extra: dict | None = None
) -> None:
    """Render ``events/email/<template>_subject.txt`` and ``_message.txt`` and send."""
    event: Event = registration.event
    context = {
        "registration": registration,
        "event": event,
        **registration_links(registration),
        **(extra or {}),
    }
    with translation.override(event.language if event.language in _ui_languages() else "en"):
        subject = _header_safe(render_to_string(f"events/email/{template}_subject.txt", context))
        body = render_to_string(f"events/email/{template}_message.txt", context)
    EmailMessage(subject, body, None, [registration.email]).send()


def _ui_languages() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}
