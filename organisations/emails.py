"""E-mails about organisations, rendered from templates and queued in the outbox
(``netbioclue.outbox``), which sends them after commit with retries."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from netbioclue.outbox import email_queue
from organisations.models import Invitation


def queue_invitation(invitation: Invitation, token: str) -> None:
    """Queue the invitation e-mail in the caller's transaction: it exists exactly when
    the invitation does, and is sent once (keyed by the invitation)."""
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "inviter": invitation.invited_by,
        "url": settings.SITE_URL + reverse("organisations:invitation", kwargs={"token": token}),
    }
    subject = render_to_string("organisations/email/invitation_subject.txt", context).strip()
    body = render_to_string("organisations/email/invitation_message.txt", context)
    email_queue(key=f"invitation:{invitation.pk}", to=invitation.email, subject=subject, body=body)
