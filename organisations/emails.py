"""E-mails about organisations. Rendered from templates, sent by Celery tasks."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from organisations.models import Invitation


def send_invitation(invitation: Invitation, token: str) -> None:
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "inviter": invitation.invited_by,
        "url": settings.SITE_URL + reverse("organisations:invitation", kwargs={"token": token}),
    }
    subject = render_to_string("organisations/email/invitation_subject.txt", context).strip()
    body = render_to_string("organisations/email/invitation_message.txt", context)
    send_mail(subject, body, None, [invitation.email])
