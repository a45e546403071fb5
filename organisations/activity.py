"""Recording the audit trail (pretix's ``log_action``), called by services only."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from organisations.models import Activity, Organisation, User


def log_action(
    *,
    action: str,
    actor: User | None,
    target: models.Model | None = None,
    organisation: Organisation | None = None,
    data: dict[str, Any] | None = None,
) -> Activity:
    return Activity.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        organisation=organisation,
        content_type=ContentType.objects.get_for_model(target) if target is not None else None,
        object_id=target.pk if target is not None else None,
        data=data or {},
    )


def activities_for(target: models.Model) -> models.QuerySet[Activity]:
    return Activity.objects.filter(
        content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).select_related("actor")
