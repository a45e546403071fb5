"""The e-mails of the experts app, sent by ``experts.tasks`` after commit.

- An **offer** goes to the expert with a signed, expiring link to a page where they
  accept or decline (no sign-in needed). Sending is idempotent: an ``offer.emailed``
  activity records the offer's nonce, and a second run for the same offer sends nothing.
  A **reminder** of an offer still open after a few days is sent the same way, once
  (``offer.reminder_emailed``).
- **Events** (``expert.*``, ``expertise_request.*``, ``offer.accepted``) go to the
  people concerned: the coordinators about new applications and requests, the
  requester about progress, the expert about their validation. Contact details are
  never in these messages; the requester reads them on the request page.
"""

from __future__ import annotations

import datetime
import math

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from experts.models import ExpertiseRequest, ExpertProfile, Match, MatchState
from organisations.activity import log_action
from organisations.models import Activity, User

DAY = datetime.timedelta(days=1)


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")


def send_offer_email(*, match_id: int, reminder: bool = False) -> bool:
    from experts.services import OFFER_DAYS, offer_token

    with transaction.atomic():
        match = (
            Match.objects.select_for_update()
            .select_related("request", "expert")
            .filter(pk=match_id)
            .first()
        )
        if match is None or match.state != MatchState.OFFERED or not match.expert.email:
            return False
        action = "offer.reminder_emailed" if reminder else "offer.emailed"
        already = Activity.objects.filter(
            action=action, data__match=match.pk, data__nonce=match.offer_nonce
        ).exists()
        if already:
            return False
        link = settings.SITE_URL + reverse("experts:offer", kwargs={"token": offer_token(match)})
        body = _(
            "Dear %(name)s,\n\nThe NETBIOCLUE coordinator proposes you for this request for "
            "expertise:\n\n%(title)s\n\n%(description)s\n\nAccept or decline within %(days)d "
            "days here (no sign-in needed):\n%(link)s\n\nYour e-mail address is given to the "
            "requester only if you accept.\n"
        ) % {
            "name": match.expert.name,
            "title": match.request.title,
            "description": match.request.description[:1500],
            "days": max(
                1, min(OFFER_DAYS, math.ceil((match.offer_expires_at - timezone.now()) / DAY))
            ),
            "link": link,
        }
        subject = _("[NETBIOCLUE] Request for expertise: %(title)s") % {
            "title": match.request.title
        }
        if reminder:
            subject = _("Reminder: %(subject)s") % {"subject": subject}
        send_mail(
            _one_line(subject),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [match.expert.email],
        )
        log_action(
            action=action,
            actor=None,
            target=match.request,
            data={"match": match.pk, "nonce": match.offer_nonce},
        )
    return True


def send_event_email(*, event: str, object_id: int) -> int:
    if event.startswith("expert."):
        expert = ExpertProfile.objects.filter(pk=object_id).first()
        if expert is None:
            return 0
        if event == "expert.applied":
            recipients = _coordinators()
            subject = _("[NETBIOCLUE] New expert application: %(name)s") % {"name": expert.name}
            url = reverse("experts:validation_queue")
        elif event == "expert.proposed":
            recipients = [expert.email] if expert.email else []
            subject = _("[NETBIOCLUE] %(organisation)s proposes you as an expert") % {
                "organisation": expert.organisation_label
            }
            url = reverse("experts:consent")
        else:
            recipients = [expert.email] if expert.email else []
            subject = _("[NETBIOCLUE] Your expert application: %(status)s") % {
                "status": expert.get_status_display()
            }
            url = reverse("experts:detail", kwargs={"pk": expert.pk})
    else:
        request = ExpertiseRequest.objects.select_related("requester").filter(pk=object_id).first()
        if request is None:
            return 0
        if event in ("expertise_request.submitted", "expertise_request.out_of_candidates"):
            recipients = _coordinators()
        else:
            recipients = [request.requester.email]
        subject = _("[NETBIOCLUE] %(title)s: %(status)s") % {
            "title": request.title,
            "status": request.get_status_display(),
        }
        url = request.get_absolute_url()
    body = _("There is news on the NETBIOCLUE portal:\n%(url)s\n") % {
        "url": settings.SITE_URL + url
    }
    for address in recipients:
        send_mail(_one_line(subject), body, settings.DEFAULT_FROM_EMAIL, [address])
    return len(recipients)


def _coordinators() -> list[str]:
    return list(
        User.objects.filter(is_active=True, is_coordinator=True)
        .order_by("email")
        .values_list("email", flat=True)
    )
