"""Test data for the practices API tests: practices in each state, uploads, ETags."""

import datetime

from django.utils import timezone

from practices.fields import PRACTICE_FIELDS
from practices.models import Practice, Status
from tests.factories import PracticeFactory

PRACTICES = "/api/v1/practices/"

# Fields every list item has, in order: the registry's listed fields, with the two
# addresses after the slug.
LIST_FIELDS = [
    "slug",
    "url",
    "html_url",
    *(spec.api for spec in PRACTICE_FIELDS.listed() if spec.name != "slug"),
]


def detail_url(practice: Practice, action: str = "") -> str:
    return f"{PRACTICES}{practice.slug}/" + (f"{action}/" if action else "")


def published(owner, *, days_ago: float = 0, **fields) -> Practice:
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    return PracticeFactory(
        owner=owner,
        status=Status.PUBLISHED,
        submitted_at=moment,
        published_at=moment,
        **fields,
    )


def in_state(owner, status: str, **fields) -> Practice:
    extra = {}
    if status in (Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.REJECTED):
        extra["submitted_at"] = timezone.now()
    if status in (Status.PUBLISHED, Status.ARCHIVED):
        extra.update(submitted_at=timezone.now(), published_at=timezone.now())
    return PracticeFactory(owner=owner, status=status, **extra, **fields)
