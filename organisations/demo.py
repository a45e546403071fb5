"""Demo partners (the 14 NETBIOCLUE partners of DOMAIN.md) and development accounts."""

from allauth.account.models import EmailAddress

from clusters.models import Cluster
from organisations.models import ApiKeyScope, Membership, Organisation, OrganisationKind, User
from organisations.permissions import Role
from organisations.services import api_key_install_known

DEMO_PASSWORD = "netbioclue-demo"  # noqa: S105 (development accounts, refused in production)

K = OrganisationKind
# slug, name, short name, country, city ("" when unconfirmed), kind, home cluster slug,
# is the network coordinator
PARTNERS = [
    (
        "milan-chamber-innovhub",
        "Milan Chamber of Commerce – InnovHub",
        "InnovHub",
        "IT",
        "Milan",
        K.CHAMBER,
        "lombardy-life-sciences",
        True,
    ),
    (
        "polimi-som",
        "School of Management, Politecnico di Milano",
        "POLIMI SoM",
        "IT",
        "Milan",
        K.UNIVERSITY,
        "lombardy-life-sciences",
        False,
    ),
    (
        "bioindustry-park",
        "Bioindustry Park",
        "BIP",
        "IT",
        "Colleretto Giacosa",
        K.SCIENCE_PARK,
        "bioindustry-park-canavese",
        False,
    ),
    ("areta", "Areta", "Areta", "IT", "", K.COMPANY, "lombardy-life-sciences", False),
    (
        "erbi",
        "East Region Biotech Initiative (ERBI)",
        "ERBI",
        "GB",
        "Cambridge",
        K.CLUSTER_ORGANISATION,
        "greater-cambridge",
        False,
    ),
    (
        "university-of-dundee",
        "University of Dundee",
        "Dundee",
        "GB",
        "Dundee",
        K.UNIVERSITY,
        "dundee-tayside",
        False,
    ),
    (
        "essonne-cci",
        "Essonne Chamber of Commerce",
        "CCI Essonne",
        "FR",
        "Évry",
        K.CHAMBER,
        "genopole",
        False,
    ),
    ("genoptics", "Genoptics", "Genoptics", "FR", "", K.COMPANY, "genopole", False),
    (
        "heidelberg-technology-park",
        "Heidelberg Technology Park",
        "TPH",
        "DE",
        "Heidelberg",
        K.SCIENCE_PARK,
        "biorn",
        False,
    ),
    (
        "munich-gruender-regio",
        "Munich Gruender Regio",
        "MGR",
        "DE",
        "Munich",
        K.DEVELOPMENT_AGENCY,
        "munich-biom",
        False,
    ),
    (
        "biotech-valley",
        "Biotech Valley",
        "Biotech Valley",
        "SE",
        "",
        K.CLUSTER_ORGANISATION,
        None,
        False,
    ),
    (
        "east-jutland-innovation",
        "East Jutland Innovation",
        "EJI",
        "DK",
        "Aarhus",
        K.DEVELOPMENT_AGENCY,
        "aarhus-incuba",
        False,
    ),
    (
        "jic",
        "South Moravian Innovation Centre (JIC)",
        "JIC",
        "CZ",
        "Brno",
        K.INNOVATION_CENTRE,
        "south-moravia-jic",
        False,
    ),
    (
        "south-great-plain-rda",
        "South Great Plain Regional Development Agency",
        "DARFT",
        "HU",
        "Szeged",
        K.DEVELOPMENT_AGENCY,
        "szeged-brc",
        False,
    ),
]

# e-mail, full name, coordinator, reviewer, (organisation slug, role) or None
ACCOUNTS = [
    (
        "coordinator@netbioclue.example",
        "Chiara Coordinator",
        True,
        False,
        ("milan-chamber-innovhub", Role.ADMIN),
    ),
    ("reviewer@netbioclue.example", "Rafael Reviewer", False, True, None),
    ("admin@erbi.example", "Alice Admin", False, False, ("erbi", Role.ADMIN)),
    ("editor@erbi.example", "Edward Editor", False, False, ("erbi", Role.EDITOR)),
    ("editor@jic.example", "Jana Editor", False, False, ("jic", Role.EDITOR)),
]


def seed_partners() -> dict[str, Organisation]:
    clusters = {c.slug: c for c in Cluster.objects.all()}
    partners = {}
    for slug, name, short, country, city, kind, cluster_slug, coordinator in PARTNERS:
        description = (
            "Coordinator of the NETBIOCLUE network (2006–2008)."
            if coordinator
            else "Partner of the NETBIOCLUE network (2006–2008)."
        )
        if cluster_slug is None:
            description += " Home cluster: Biotech Valley (Sweden), not yet profiled here."
        partners[slug], _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "short_name": short,
                "country": country,
                "city": city,
                "kind": kind,
                "home_cluster": clusters.get(cluster_slug) if cluster_slug else None,
                "is_network_partner": True,
                "is_network_coordinator": coordinator,
                "description": description,
            },
        )
    return partners


def seed_accounts(partners: dict[str, Organisation]) -> dict[str, User]:
    users = {}
    for email, full_name, coordinator, reviewer, membership in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, full_name=full_name)
        user.is_coordinator = coordinator
        user.is_reviewer = reviewer
        user.full_name = full_name
        user.save(update_fields=["is_coordinator", "is_reviewer", "full_name"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if membership:
            org_slug, role = membership
            Membership.objects.update_or_create(
                user=user, organisation=partners[org_slug], defaults={"role": role}
            )
        users[email] = user
    return users


# Published in the README: a write key of ERBI for trying the API in development.
DEMO_API_KEY = "netbioclue-demo-erbi-key"


def seed_api_keys(partners: dict[str, Organisation], users: dict[str, User]):
    """The demo write key of ERBI (``services.api_key_install_known`` refuses production)."""
    return [
        api_key_install_known(
            organisation=partners["erbi"],
            name="Demo key",
            scope=ApiKeyScope.WRITE,
            raw_key=DEMO_API_KEY,
            by=users["admin@erbi.example"],
        )
    ]
