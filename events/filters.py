"""The one filter definition of the events calendar.

Used by the HTML list, month view and archive, by the iCalendar and Atom feeds and by
the REST API (``/api/v1/events/``). Choices come from the field registry's facets
(``events.fields``). Bind it to the query string and a queryset, then check it::

    filterset = EventFilter(request.GET, queryset=Event.objects.listed())
    if not filterset.is_valid():
        ...  # the page shows the errors; the API answers 400

Repeated values of one parameter are alternatives (``kind=workshop&kind=webinar``);
different parameters must all hold. An unknown value is an error, never ignored.
"""

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema_field

from events.fields import EVENT_FIELDS
from events.models import Event
from practices.filters import CountryFilter

_FACETS = EVENT_FIELDS.facets()


# The countries offered in the form: the partners' and the comparators' (rendering the
# world's ~250 translated names costs more than the rest of a calendar page). Any ISO
# code is accepted in the query string.
OFFERED_COUNTRIES = ("CZ", "DE", "DK", "ES", "FR", "GB", "HU", "IT", "SE", "CH", "US", "CN", "IN")


@extend_schema_field(
    # The form offers a few countries, but any ISO code is a valid filter: the schema says
    # so (the choices are a callable, which the schema generator cannot read).
    {"type": "string", "enum": sorted(countries.countries)}
)
class EventCountryFilter(CountryFilter):
    pass


def _choices(facet: str):
    return _FACETS[facet].vocabulary.choices


class EventFilter(django_filters.FilterSet):
    # distinct=False: no filter joins a to-many relation (co-hosts go through EXISTS), and
    # SELECT DISTINCT over every column would cost a sort of all matches.
    kind = django_filters.MultipleChoiceFilter(
        choices=_choices("kind"), label=_("Kind"), distinct=False
    )
    topic = django_filters.MultipleChoiceFilter(
        choices=_choices("topic"), label=_("Topic"), method="filter_topic", distinct=False
    )
    language = django_filters.MultipleChoiceFilter(
        choices=_choices("language"), label=_("Language"), distinct=False
    )
    country = EventCountryFilter(
        label=_("Country"),
        field_name="country",
        distinct=False,
        choices=lambda: sorted(
            ((code, countries.name(code)) for code in OFFERED_COUNTRIES), key=lambda c: c[1]
        ),
    )
    online = django_filters.ChoiceFilter(
        choices=[("yes", _("Online")), ("no", _("On site"))],
        label=_("Online or on site"),
        method="filter_online",
        empty_label=_("Online or on site"),
    )
    organisation = django_filters.CharFilter(
        label=_("Organisation (slug)"), method="filter_organisation", max_length=80
    )
    cluster = django_filters.CharFilter(
        label=_("Cluster (slug)"), field_name="cluster__slug", max_length=140
    )

    class Meta:
        model = Event
        fields: list[str] = []

    def filter_topic(self, queryset: QuerySet, name, value):
        return queryset.filter(topics__overlap=list(value)) if value else queryset

    def filter_online(self, queryset: QuerySet, name, value):
        if value == "yes":
            return queryset.filter(is_online=True)
        if value == "no":
            return queryset.filter(is_online=False)
        return queryset

    def filter_organisation(self, queryset: QuerySet, name, value):
        """Events the organisation hosts or co-hosts."""
        if not value:
            return queryset
        co_hosted = Event.co_hosts.through.objects.filter(
            event_id=OuterRef("pk"), organisation__slug=value
        )
        return queryset.filter(Q(host__slug=value) | Exists(co_hosted))


def active_filters(filterset: EventFilter) -> bool:
    return any(filterset.form.cleaned_data.get(name) for name in filterset.filters)
