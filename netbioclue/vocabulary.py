"""The shared vocabulary of NETBIOCLUE.

One definition, used by practices, clusters, experts, requests for expertise, the
search facets, the API's ``taxonomy/`` endpoint and the framework pages. Values are
stable slugs (stored in the database and used in URLs); labels are translatable.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Life-cycle stage of a cluster (and the stages a practice suits)."""

    EMERGING = "emerging", _("Emerging")
    DEVELOPING = "developing", _("Developing")
    MATURE = "mature", _("Mature")
    RENEWING = "renewing", _("Declining / renewing")


class Genesis(models.TextChoices):
    """How a cluster came about."""

    SPONTANEOUS = "spontaneous", _("Spontaneous")
    POLICY_DRIVEN = "policy-driven", _("Policy-driven")
    HYBRID = "hybrid", _("Hybrid")


class GrowthForce(models.TextChoices):
    SCIENTIFIC = "scientific", _("Scientific base")
    FINANCIAL = "financial", _("Financial base")
    INDUSTRIAL = "industrial", _("Industrial base")
    SUPPORT = "support", _("Support base (infrastructure, policy, services)")
    COOPERATION = "cooperation", _("Cooperation & networking")


class ToolType(models.TextChoices):
    INCUBATOR = "incubator", _("Incubator / science park")
    FUNDING = "funding", _("Seed & venture funding")
    GRANTS = "grants", _("Grants & vouchers")
    TECH_TRANSFER = "tech-transfer", _("Technology transfer")
    TALENT = "talent", _("Training & talent")
    EVENTS = "events", _("Networking & partnering events")
    INTERNATIONALISATION = "internationalisation", _("Internationalisation")
    BRANDING = "branding", _("Branding & marketing")
    FACILITIES = "facilities", _("Shared facilities & platforms")
    REGULATORY = "regulatory", _("Regulatory & IP support")
    MANAGEMENT = "management", _("Cluster management services")


class Beneficiary(models.TextChoices):
    STARTUPS = "startups", _("Start-ups")
    SMES = "smes", _("SMEs")
    LARGE_COMPANIES = "large-companies", _("Large companies")
    RESEARCH = "research", _("Research organisations")
    HOSPITALS = "hospitals", _("Hospitals")
    INVESTORS = "investors", _("Investors")
    POLICY_MAKERS = "policy-makers", _("Policy makers")


class BusinessModel(models.TextChoices):
    """Business model of the companies a practice serves."""

    PLATFORM = "platform", _("Platform / tools")
    PRODUCT = "product", _("Product (therapeutics, diagnostics)")
    SERVICES = "services", _("Services (CRO / CMO)")
    HYBRID = "hybrid", _("Hybrid")


class EvidenceLevel(models.TextChoices):
    ANECDOTAL = "anecdotal", _("Anecdotal")
    MONITORED = "monitored", _("Monitored indicators")
    EVALUATED = "evaluated", _("Formally evaluated")


class Transferability(models.TextChoices):
    """Reproducibility elsewhere, as judged from stakeholder interviews."""

    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class WorldRegion(models.TextChoices):
    EUROPE = "europe", _("Europe")
    UNITED_STATES = "us", _("United States")
    CHINA = "china", _("China")
    INDIA = "india", _("India")
    OTHER = "other", _("Other")


# The facets every catalogue offers, in display order: (query parameter, choices, label).
FACETS = {
    "stage": (Stage, _("Life-cycle stage")),
    "growth_force": (GrowthForce, _("Growth force")),
    "tool_type": (ToolType, _("Tool type")),
    "beneficiary": (Beneficiary, _("Beneficiary")),
    "business_model": (BusinessModel, _("Business model")),
    "evidence_level": (EvidenceLevel, _("Evidence level")),
    "transferability": (Transferability, _("Transferability")),
    "genesis": (Genesis, _("Genesis")),
    "world_region": (WorldRegion, _("World region")),
}


class ContentLanguage(models.TextChoices):
    """Languages a contributed text may be written in (not only the UI's languages)."""

    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    GERMAN = "de", _("German")
    ITALIAN = "it", _("Italian")
    SPANISH = "es", _("Spanish")
    SWEDISH = "sv", _("Swedish")
    DANISH = "da", _("Danish")
    CZECH = "cs", _("Czech")
    HUNGARIAN = "hu", _("Hungarian")
    DUTCH = "nl", _("Dutch")
    POLISH = "pl", _("Polish")
    FINNISH = "fi", _("Finnish")
    PORTUGUESE = "pt", _("Portuguese")


class PolicyAudience(models.TextChoices):
    """Who a policy recommendation speaks to."""

    REGIONAL = "regional", _("Regional policy makers")
    NATIONAL = "national", _("National policy makers")
    EU = "eu", _("European Union")


# The countries of the NETBIOCLUE partners (DOMAIN.md), listed first wherever a country is
# chosen (netbioclue.forms.PortalFormRenderer).
PARTNER_COUNTRIES = ("CZ", "DK", "FR", "DE", "HU", "IT", "SE", "GB")
