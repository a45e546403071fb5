"""Project-wide records that belong to no domain app."""

from django.db import models
from django.utils import timezone


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
