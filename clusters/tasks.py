from celery import shared_task


@shared_task(acks_late=True)
def notify_cluster_activity(activity_id: int) -> int:
    """E-mail the people concerned by one moderation event on cluster data."""
    from clusters.notifications import send_activity_emails

    return send_activity_emails(activity_id=activity_id)
