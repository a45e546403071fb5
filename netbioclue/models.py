"""Project-wide records that belong to no domain app.

The e-mail outbox (``OutgoingEmail``, written by ``netbioclue.outbox``), idempotency
records and rate counters. The last two are written with single ``INSERT ... ON
CONFLICT`` statements by ``netbioclue.idempotency`` and ``netbioclue.ratelimit``; their
models exist for the schema (migrations, constraints) and the clean-up queries.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """One e-mail to one address, kept until it is sent (the outbox).

    ``key`` names the message once and for all (``invitation:12``,
    ``activity:40:7``...): queueing the same key twice stores and sends one message.
    ``sent_at`` is set, under a row lock, by the one delivery that succeeded. The
    content is erased once sent, since it may carry a one-time link; who, what and
    when stay. ``attempts``, ``last_error`` and ``next_attempt_at`` describe the
    retries after a failed delivery (an SMTP outage delays mail, it never loses it).
    """

    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField()
    from_email = models.CharField(max_length=320, blank=True)
    subject = models.CharField(max_length=998)
    body = models.TextField(blank=True)
    html_body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # The sweep looks for unsent messages that are due.
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outgoingemail_unsent_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"


class IdempotencyRecord(models.Model):
    """One write that must happen at most once: a form's token or an API Idempotency-Key.

    ``scope`` says whose key it is (``form:user:<pk>``, ``api:key:<pk>``,
    ``api:user:<pk>``) so that two callers never share a key; ``(scope, key)`` is unique.
    ``fingerprint`` identifies what was asked (the form's action, or a hash of the API
    request's method, path and body): the same key with another fingerprint is refused.
    The outcome is either the created object (``object_id``, forms) or the stored API
    answer (``response_*``). Records older than ``idempotency.KEY_LIFETIME`` count as
    absent and are purged daily.
    """

    scope = models.CharField(_("scope"), max_length=100)
    key = models.CharField(_("key"), max_length=255)
    fingerprint = models.CharField(_("fingerprint"), max_length=255)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True)
    response_headers = models.JSONField(_("response headers"), default=dict)
    response_body = models.BinaryField(_("response body"), null=True)

    class Meta:
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="idempotency_scope_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"


class RateCounter(models.Model):
    """The count of one caller's requests in the current fixed window.

    ``bucket`` is ``<scope>:<identity>`` (e.g. ``anon:192.0.2.1``); ``window`` the number
    of the window (Unix time // period). One row per bucket, raised atomically by
    ``netbioclue.ratelimit`` and reset when a later window starts; rows of windows long
    gone are purged daily.
    """

    bucket = models.CharField(_("bucket"), max_length=255, primary_key=True)
    window = models.BigIntegerField(_("window"))
    count = models.PositiveIntegerField(_("count"))
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("rate counter")
        verbose_name_plural = _("rate counters")

    def __str__(self) -> str:
        return f"{self.bucket}: {self.count}"
