from celery import shared_task

from organisations import emails
from organisations.models import Invitation


@shared_task(acks_late=True)
def send_invitation_email(invitation_id: int, token: str) -> None:
    """E-mail the invitation link. Skips invitations withdrawn or used in the meantime."""
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_pending:
        return
    emails.send_invitation(invitation, token)
