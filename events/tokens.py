"""Signed links in e-mails: confirm an address, accept an offered place, cancel.

The link carries the registration's id, the purpose and a short hash of its e-mail
address, signed with ``SECRET_KEY`` (``django.core.signing``): nothing is stored, a
forged or altered link fails the signature, and once a registration is anonymised
(its address erased) its old links stop working. Links for confirming expire after
``CONFIRM_MAX_AGE``; cancellation links live as long as the registration.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.core import signing

from events.models import Registration

SALT = "events.registration"
CONFIRM = "confirm"
ACCEPT = "accept"
CANCEL = "cancel"
PURPOSES = frozenset({CONFIRM, ACCEPT, CANCEL})
CONFIRM_MAX_AGE = timedelta(days=7)
_MAX_AGE = {CONFIRM: CONFIRM_MAX_AGE, ACCEPT: None, CANCEL: None}


class BadToken(Exception):
    """The link is forged, altered, expired or for a registration that is gone."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "invalid" or "expired"


def _email_hash(email: str) -> str:
    return hashlib.sha256(email.lower().encode()).hexdigest()[:16]


def make_token(registration: Registration, purpose: str) -> str:
    return signing.dumps(
        {"r": registration.pk, "p": purpose, "e": _email_hash(registration.email)},
        salt=SALT,
        compress=True,
    )


def read_token(token: str, purpose: str) -> Registration:
    """The registration a link stands for, or ``BadToken``."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=_MAX_AGE[purpose])
    except signing.SignatureExpired as exc:
        raise BadToken("expired") from exc
    except (signing.BadSignature, ValueError, TypeError, UnicodeError) as exc:
        raise BadToken("invalid") from exc
    if not isinstance(payload, dict) or payload.get("p") != purpose:
        raise BadToken("invalid")
    registration_id = payload.get("r")
    if not isinstance(registration_id, int):
        raise BadToken("invalid")
    registration = (
        Registration.objects.select_related("event", "event__host")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.email:
        raise BadToken("invalid")
    if _email_hash(registration.email) != payload.get("e"):
        raise BadToken("invalid")
    return registration
