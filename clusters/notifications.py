"""E-mails about cluster moderation: the coordinator hears of proposals, the proposer of
decisions. Sent by ``clusters.tasks.notify_cluster_activity`` after the commit."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.models import Cluster
from organisations.models import Activity, User

PROPOSALS = {
    "cluster.revision_proposed",
    "cluster.indicator_proposed",
    "cluster.recommendation_proposed",
}
DECISIONS = {
    "cluster.revision_approved",
    "cluster.revision_rejected",
    "cluster.indicator_approved",
    "cluster.indicator_rejected",
}


def _proposer(activity: Activity) -> User | None:
    """Who made the proposal this decision answers: the latest proposal's actor."""
    proposed = (
        Activity.objects.filter(
            content_type_id=activity.content_type_id,
            object_id=activity.object_id,
            action__in=PROPOSALS,
            created_at__lte=activity.created_at,
        )
        .select_related("actor")
        .order_by("-created_at")
        .first()
    )
    return proposed.actor if proposed is not None else None


def send_activity_emails(*, activity_id: int) -> int:
    activity = Activity.objects.filter(pk=activity_id).first()
    if activity is None or activity.action not in PROPOSALS | DECISIONS:
        return 0
    if activity.action == "cluster.recommendation_proposed":
        recipients = list(
            User.objects.filter(is_coordinator=True, is_active=True).values_list("email", flat=True)
        )
        if not recipients:
            return 0
        subject = _("To review: a policy recommendation")
        link = settings.SITE_URL.rstrip("/") + reverse("clusters:moderation")
        return send_mail(subject, f"{subject}\n\n{link}\n", None, recipients)
    cluster = Cluster.objects.filter(pk=activity.object_id).first()
    if cluster is None:
        return 0
    if activity.action in PROPOSALS:
        recipients = list(
            User.objects.filter(is_coordinator=True, is_active=True).values_list("email", flat=True)
        )
        subject = _("To review: a change to %(cluster)s") % {"cluster": cluster.name}
    else:
        proposer = _proposer(activity)
        recipients = [proposer.email] if proposer is not None and proposer.is_active else []
        subject = _("Decision on your change to %(cluster)s") % {"cluster": cluster.name}
    if not recipients:
        return 0
    link = settings.SITE_URL.rstrip("/") + cluster.get_absolute_url()
    body = f"{subject}\n\n{activity.action}\n{link}\n"
    return send_mail(subject, body, None, recipients)
