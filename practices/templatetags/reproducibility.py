"""Template helpers for the reproducibility block of a practice."""

from django import template

from practices import policy
from practices.models import Practice

register = template.Library()


@register.simple_tag(takes_context=True)
def can_record_interview(context, practice: Practice) -> bool:
    """Whether the signed-in person may record an interview on ``practice`` now."""
    user = context.get("user")
    return bool(user is not None and policy.can_interview(user, practice))
