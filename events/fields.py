"""The event's fields, described once (``netbioclue.registry``).

The event form, the FilterSet's choices, the CSV/JSON Lines open data, the API
serializer and the audit trail of ``event_update`` all derive their field lists from
``EVENT_FIELDS``. ``REGISTRATION_FIELDS`` does the same for the registration form and
the organiser's CSV export.

``public=False`` in the API sense is expressed by ``api_name=None`` plus ``export=False``
on the venue details: those are revealed to registered people only, so neither the API
nor the open data carries them.
"""

from django.utils.translation import gettext_lazy as _

from events.models import EventKind
from netbioclue.registry import Audit, FieldSpec, Kind, Registry
from netbioclue.vocabulary import ContentLanguage, ToolType

EVENT_FIELDS = Registry(
    FieldSpec("title", _("Title"), Kind.SHORT_TEXT, max_length=160, required=True),
    FieldSpec("kind", _("Kind"), Kind.CHOICE, vocabulary=EventKind, facet="kind", required=True),
    FieldSpec("summary", _("Summary"), Kind.SHORT_TEXT, max_length=500, required=True),
    FieldSpec("description", _("Description"), Kind.TEXT, max_length=20000, audit=Audit.CHANGED),
    FieldSpec("topics", _("Topics"), Kind.MULTI_CHOICE, vocabulary=ToolType, facet="topic"),
    FieldSpec(
        "language",
        _("Language"),
        Kind.CHOICE,
        vocabulary=ContentLanguage,
        facet="language",
        required=True,
    ),
    FieldSpec("starts_at", _("Starts"), Kind.DATETIME, required=True),
    FieldSpec("ends_at", _("Ends"), Kind.DATETIME, required=True),
    FieldSpec("timezone", _("Time zone"), Kind.SHORT_TEXT, max_length=64, required=True),
    FieldSpec("is_online", _("Online"), Kind.BOOLEAN, facet="online"),
    FieldSpec("venue_name", _("Venue"), Kind.SHORT_TEXT, max_length=200),
    FieldSpec("city", _("City"), Kind.SHORT_TEXT, max_length=100),
    FieldSpec("country", _("Country"), Kind.COUNTRY, facet="country"),
    # Revealed to registered people only: not exported, not in the public API.
    FieldSpec(
        "venue_address",
        _("Venue address"),
        Kind.SHORT_TEXT,
        max_length=300,
        export=False,
        audit=Audit.PRIVATE,
    ),
    FieldSpec("latitude", _("Latitude"), Kind.DECIMAL, export=False, audit=Audit.PRIVATE),
    FieldSpec("longitude", _("Longitude"), Kind.DECIMAL, export=False, audit=Audit.PRIVATE),
    FieldSpec(
        "online_url", _("Online link"), Kind.URL, max_length=500, export=False, audit=Audit.PRIVATE
    ),
    FieldSpec("capacity", _("Capacity"), Kind.INTEGER),
    FieldSpec("registration_opens_at", _("Registration opens"), Kind.DATETIME),
    FieldSpec("registration_closes_at", _("Registration closes"), Kind.DATETIME),
    FieldSpec("price_note", _("Price"), Kind.SHORT_TEXT, max_length=200),
    FieldSpec(
        "questions",
        _("Questions for registrants"),
        Kind.TEXT_LIST,
        max_length=200,
        export=False,
        help_text=_("One per line, at most ten."),
    ),
    FieldSpec("cluster", _("Cluster"), Kind.FOREIGN_KEY),
    FieldSpec("co_hosts", _("Co-hosts"), Kind.FOREIGN_KEY),
)

# Changes to these fields matter to people's calendars: SEQUENCE increases and the
# registrants are told (time or place).
SCHEDULE_FIELDS = frozenset({"starts_at", "ends_at", "timezone"})
VENUE_FIELDS = frozenset(
    {"is_online", "venue_name", "venue_address", "city", "country", "online_url"}
)
CALENDAR_FIELDS = SCHEDULE_FIELDS | VENUE_FIELDS | {"title", "summary", "description"}

OUTCOME_FIELDS = Registry(
    FieldSpec("outcome_note", _("Outcome"), Kind.TEXT, max_length=20000, audit=Audit.CHANGED),
    FieldSpec("outcome_links", _("Outcome links"), Kind.URL_LIST, max_length=500),
    FieldSpec("outcome_practices", _("Practices it produced"), Kind.FOREIGN_KEY),
)

REGISTRATION_FIELDS = Registry(
    FieldSpec("name", _("Name"), Kind.SHORT_TEXT, max_length=150, required=True),
    FieldSpec("email", _("E-mail address"), Kind.EMAIL, required=True, audit=Audit.PRIVATE),
    FieldSpec("organisation_name", _("Organisation"), Kind.SHORT_TEXT, max_length=200),
    FieldSpec("country", _("Country"), Kind.COUNTRY),
    FieldSpec("consent_to_share", _("Share with participants"), Kind.BOOLEAN),
)
