"""Writes that happen once however often they are sent: form tokens and Idempotency-Key.

One mechanism, two doors:

- **HTML forms** carry a hidden ``idempotency_token`` (``form_token(request)`` makes one
  when the form is shown and keeps the posted one when it is shown again after an error;
  templates include ``includes/idempotency_token.html``). Create services take it as
  ``idempotency_key`` and call ``create_once``: the first submit creates the object, any
  later or *parallel* submit with the same token gets that same object back.
- **API POSTs** may send ``Idempotency-Key`` (draft-ietf-httpapi-idempotency-key-header);
  ``netbioclue.rest.idempotency`` stores the first answer and replays it.

Both rest on ``claim(scope, key, fingerprint)``: one ``INSERT ... ON CONFLICT (scope, key)
DO UPDATE ... WHERE <expired> RETURNING id`` on ``IdempotencyRecord``, run inside the
transaction that does the work. PostgreSQL makes a second insert of the same key wait
until the first transaction ends: if it committed, the second finds the record and
replays its outcome; if it rolled back (a validation error), the second goes ahead. So
exactly one of any number of parallel submits creates, with no check-then-insert gap.

A record lives ``KEY_LIFETIME`` (24 hours); after that the key may be used again, and
``purge_expired`` (a daily task) deletes it. Keys are scoped per person or API key:
nobody can replay, or block, someone else's key.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netbioclue.models import IdempotencyRecord

KEY_LIFETIME = datetime.timedelta(hours=24)
FORM_FIELD = "idempotency_token"
# What a key may look like: printable ASCII without spaces, at most 255 characters.
_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
_FORM_TOKEN = re.compile(r"^[0-9a-f]{32}$")

_CLAIM = """
INSERT INTO netbioclue_idempotencyrecord AS record
    (scope, key, fingerprint, created_at, object_id, response_headers)
VALUES (%(scope)s, %(key)s, %(fingerprint)s, %(now)s, '', '{}')
ON CONFLICT (scope, key) DO UPDATE SET
    fingerprint = EXCLUDED.fingerprint,
    created_at = EXCLUDED.created_at,
    object_id = '',
    response_status = NULL,
    response_headers = '{}',
    response_body = NULL
WHERE record.created_at < %(expired_before)s
RETURNING id
"""


def valid_key(key: str) -> bool:
    return bool(_KEY.match(key))


@dataclass
class Claim:
    """The outcome of ``claim``: ``new`` (go ahead and record the outcome) or a replay."""

    record: IdempotencyRecord
    new: bool


def claim(*, scope: str, key: str, fingerprint: str) -> Claim:
    """Take ``key`` in ``scope`` for this work, or find who took it first.

    Must run inside ``transaction.atomic()`` together with the work it guards, so that
    the claim and the work commit or roll back as one.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("claim() belongs in the transaction that does the work.")
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            _CLAIM,
            {
                "scope": scope,
                "key": key,
                "fingerprint": fingerprint[:255],
                "now": now,
                "expired_before": now - KEY_LIFETIME,
            },
        )
        row = cursor.fetchone()
    if row is not None:
        record = IdempotencyRecord(
            pk=row[0], scope=scope, key=key, fingerprint=fingerprint[:255], created_at=now
        )
        return Claim(record=record, new=True)
    # Taken and not expired; the other transaction has committed (the insert waited).
    return Claim(record=IdempotencyRecord.objects.get(scope=scope, key=key), new=False)


def purge_expired() -> int:
    deleted, _rows = IdempotencyRecord.objects.filter(
        created_at__lt=timezone.now() - KEY_LIFETIME
    ).delete()
    return deleted


# ---- HTML forms ----------------------------------------------------------------------------


def form_token(request) -> str:
    """The token to render in a form: the one posted (a re-render) or a new one."""
    posted = request.POST.get(FORM_FIELD, "") if request.method == "POST" else ""
    return posted if _FORM_TOKEN.match(posted) else uuid.uuid4().hex


def posted_token(request) -> str | None:
    """The token a submitted form carries, or ``None`` (an old page, a script)."""
    posted = request.POST.get(FORM_FIELD, "")
    return posted if _FORM_TOKEN.match(posted) else None


def create_once[M: models.Model](
    *,
    key: str | None,
    by,
    action: str,
    model: type[M],
    create: Callable[[], M],
) -> tuple[M, bool]:
    """``(create(), True)`` the first time ``by`` sends ``key``; ``(that object, False)`` after.

    ``action`` names the kind of write (``practices.practice_create``): a token sent to
    another action is refused rather than answered with an object of another kind.
    ``create`` runs in the claim's transaction, so an error in it releases the token and
    the person can correct the form and send it again. Without a key, ``create`` just runs.
    """
    if not key:
        return create(), True
    with transaction.atomic():
        taken = claim(scope=f"form:user:{by.pk}", key=key, fingerprint=action)
        if taken.new:
            created = create()
            IdempotencyRecord.objects.filter(pk=taken.record.pk).update(object_id=str(created.pk))
            return created, True
    record = taken.record
    existing = (
        model._default_manager.filter(pk=record.object_id).first()
        if record.fingerprint == action and record.object_id
        else None
    )
    if existing is None:
        raise ValidationError(
            _(
                "This form was already sent, and what it created has since been removed. "
                "Reload the page to start again."
            ),
            code="already_submitted",
        )
    return existing, False
