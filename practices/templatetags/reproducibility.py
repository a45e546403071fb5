"""Template helpers for the reproducibility block of a practice."""

from django import template

from practices.models import Practice
from practices.services.reproducibility import INTERVIEWABLE_STATES, can_record_interviews

register = template.Library()


@register.simple_tag(takes_context=True)
def can_record_interview(context, practice: Practice) -> bool:
    """Whether the signed-in person may record an interview on ``practice`` now."""
    user = context.get("user")
    return bool(
        user is not None and can_record_interviews(user) and practice.status in INTERVIEWABLE_STATES
    )
