"""``{% partner_events organisation %}``: a partner's next events, for its public page."""

from django import template

from events import selectors

register = template.Library()


@register.inclusion_tag("events/_partner_events.html")
def partner_events(organisation):
    # One query: the organisation's next public events, hosted or co-hosted.
    return {"organisation": organisation, "events": selectors.host_events(organisation)}
