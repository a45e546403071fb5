"""The fields of an expert profile and of a request for expertise, described once.

Forms (``experts.forms``), filters (``experts.filters``), the import
(``experts.importing``), the personal data export and the API serializers derive their
field lists from these registries (``netbioclue.registry``).
"""

from django.utils.translation import gettext_lazy as _

from experts.models import MAX_BIO, MAX_DESCRIPTION, Format, Visibility
from netbioclue.registry import Audit, FieldSpec, Kind, Registry
from netbioclue.vocabulary import Beneficiary, ContentLanguage, GrowthForce, Stage, ToolType

EXPERT_FIELDS = Registry(
    FieldSpec("name", _("Name"), Kind.SHORT_TEXT, max_length=150, required=True),
    FieldSpec("headline", _("Headline"), Kind.SHORT_TEXT, max_length=200, required=True),
    FieldSpec("bio", _("Biography"), Kind.TEXT, max_length=MAX_BIO, audit=Audit.CHANGED),
    FieldSpec("email", _("E-mail"), Kind.EMAIL, max_length=254, audit=Audit.PRIVATE),
    FieldSpec(
        "organisation_name", _("Organisation"), Kind.SHORT_TEXT, max_length=200,
        api_name="organisation",
    ),
    FieldSpec("country", _("Country of residence"), Kind.COUNTRY, facet="country"),
    FieldSpec("countries", _("Countries worked in"), Kind.COUNTRY_LIST, facet="worked_in"),
    FieldSpec(
        "languages", _("Languages"), Kind.MULTI_CHOICE, vocabulary=ContentLanguage,
        facet="language",
    ),
    FieldSpec(
        "growth_forces", _("Growth forces"), Kind.MULTI_CHOICE, vocabulary=GrowthForce,
        facet="growth_force",
    ),
    FieldSpec(
        "tool_types", _("Tool types"), Kind.MULTI_CHOICE, vocabulary=ToolType, facet="tool_type"
    ),
    FieldSpec("stages", _("Stages"), Kind.MULTI_CHOICE, vocabulary=Stage, facet="stage"),
    FieldSpec(
        "beneficiaries", _("Beneficiaries"), Kind.MULTI_CHOICE, vocabulary=Beneficiary,
        facet="beneficiary",
    ),
    FieldSpec(
        "formats", _("Formats offered"), Kind.MULTI_CHOICE, vocabulary=Format, facet="format"
    ),
    FieldSpec("capacity", _("Capacity"), Kind.INTEGER),
    FieldSpec("not_available_until", _("Not available until"), Kind.DATE),
    FieldSpec("links", _("Links"), Kind.URL_LIST, max_length=500),
    FieldSpec("visibility", _("Visibility"), Kind.CHOICE, vocabulary=Visibility, required=True),
)  # fmt: skip

# What the public directory and the API show of a public profile; the rest (e-mail,
# capacity, availability) is for partners, the coordinator and the expert.
PUBLIC_EXPERT_FIELDS = (
    "name",
    "headline",
    "bio",
    "organisation_name",
    "country",
    "countries",
    "languages",
    "growth_forces",
    "tool_types",
    "stages",
    "beneficiaries",
    "formats",
    "links",
)
PARTNER_EXPERT_FIELDS = (*PUBLIC_EXPERT_FIELDS, "capacity", "not_available_until")

REQUEST_FIELDS = Registry(
    FieldSpec("title", _("Title"), Kind.SHORT_TEXT, max_length=150, required=True),
    FieldSpec(
        "description", _("Description of the need"), Kind.TEXT, max_length=MAX_DESCRIPTION,
        required=True, audit=Audit.CHANGED,
    ),
    FieldSpec("cluster", _("Cluster concerned"), Kind.FOREIGN_KEY),
    FieldSpec("cluster_country", _("Country of the cluster"), Kind.COUNTRY),
    FieldSpec("stage", _("Cluster stage"), Kind.CHOICE, vocabulary=Stage, facet="stage"),
    FieldSpec(
        "growth_forces", _("Growth forces"), Kind.MULTI_CHOICE, vocabulary=GrowthForce,
        facet="growth_force",
    ),
    FieldSpec(
        "tool_types", _("Tool types"), Kind.MULTI_CHOICE, vocabulary=ToolType, facet="tool_type"
    ),
    FieldSpec(
        "beneficiaries", _("Beneficiaries"), Kind.MULTI_CHOICE, vocabulary=Beneficiary,
        facet="beneficiary",
    ),
    FieldSpec(
        "languages", _("Languages acceptable"), Kind.MULTI_CHOICE, vocabulary=ContentLanguage
    ),
    FieldSpec("countries_preferred", _("Countries preferred"), Kind.COUNTRY_LIST),
    FieldSpec("countries_excluded", _("Countries excluded"), Kind.COUNTRY_LIST),
    FieldSpec("transnational_preferred", _("Transnational preferred"), Kind.BOOLEAN),
    FieldSpec("format", _("Format"), Kind.CHOICE, vocabulary=Format, required=True, facet="format"),
    FieldSpec("deadline", _("Deadline"), Kind.DATE),
    FieldSpec("experts_wanted", _("How many experts"), Kind.INTEGER),
)  # fmt: skip

# Import columns (``manage.py import_experts``), in the order of the issue.
IMPORT_COLUMNS = (
    "email",
    "name",
    "headline",
    "bio",
    "organisation",
    "countries",
    "languages",
    "growth_forces",
    "tool_types",
    "stages",
    "formats",
    "capacity",
    "visibility",
)
