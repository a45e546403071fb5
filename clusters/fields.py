"""The cluster profile and indicator-value fields, described once (``netbioclue.registry``).

``PROFILE``: what partners may change in their home cluster's profile; the edit form,
the revision's content, the diff shown to the coordinator, the audit trail, the
completeness meter and the API derive their field lists from it.
``INDICATOR_VALUE``: the columns of a yearly indicator value, used by the entry form,
the CSV import and the open-data export.
"""

from django.utils.translation import gettext_lazy as _

from netbioclue.registry import Audit, FieldSpec, Kind, Registry
from netbioclue.vocabulary import Genesis, WorldRegion

FORCE_TEXT_MAX = 2000

PROFILE = Registry(
    FieldSpec("description", _("Description"), Kind.TEXT, max_length=5000, audit=Audit.CHANGED),
    FieldSpec("genesis", _("Genesis"), Kind.CHOICE, vocabulary=Genesis, required=True),
    FieldSpec(
        "world_region", _("World region"), Kind.CHOICE, vocabulary=WorldRegion, required=True
    ),
    FieldSpec(
        "force_scientific",
        _("Scientific base"),
        Kind.TEXT,
        max_length=FORCE_TEXT_MAX,
        audit=Audit.CHANGED,
        help_text=_("Universities, research institutes, researchers, publications, patents."),
    ),
    FieldSpec(
        "force_financial",
        _("Financial base"),
        Kind.TEXT,
        max_length=FORCE_TEXT_MAX,
        audit=Audit.CHANGED,
        help_text=_("Venture capital, public funding, seed funds, business angels."),
    ),
    FieldSpec(
        "force_industrial",
        _("Industrial base"),
        Kind.TEXT,
        max_length=FORCE_TEXT_MAX,
        audit=Audit.CHANGED,
        help_text=_("Biotech companies, employees, start-ups, large pharma present."),
    ),
    FieldSpec(
        "force_support",
        _("Support base"),
        Kind.TEXT,
        max_length=FORCE_TEXT_MAX,
        audit=Audit.CHANGED,
        help_text=_("Incubators, technology-transfer offices, support programmes, policy."),
    ),
    FieldSpec(
        "force_cooperation",
        _("Cooperation & networking"),
        Kind.TEXT,
        max_length=FORCE_TEXT_MAX,
        audit=Audit.CHANGED,
        help_text=_("Cluster organisation, international partnerships, joint projects."),
    ),
    FieldSpec("key_actors", _("Key actors"), Kind.TEXT, max_length=3000, audit=Audit.CHANGED),
    FieldSpec("website", _("Website"), Kind.URL, max_length=200),
    FieldSpec("latitude", _("Latitude"), Kind.DECIMAL),
    FieldSpec("longitude", _("Longitude"), Kind.DECIMAL),
)

# The profile fields that make a profile complete (all of PROFILE): the completeness meter.
COMPLETENESS_FIELDS = PROFILE.names(editable=True)

INDICATOR_VALUE = Registry(
    FieldSpec("cluster", _("Cluster (slug)"), Kind.FOREIGN_KEY, required=True),
    FieldSpec("indicator", _("Indicator (slug)"), Kind.FOREIGN_KEY, required=True),
    FieldSpec("year", _("Year"), Kind.INTEGER, required=True),
    FieldSpec("value", _("Value"), Kind.DECIMAL, required=True),
    FieldSpec("source", _("Source"), Kind.SHORT_TEXT, max_length=300, required=True),
    FieldSpec("recorded_on", _("Recorded on"), Kind.DATE, required=True),
)
