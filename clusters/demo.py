"""Demo clusters: the facts of DOMAIN.md, with each city's public coordinates.

Stage assessments are illustrative: the NETBIOCLUE tiers (leading, developed,
emerging) for the partner clusters, a plain judgement for the others. Indicator series
2006–2025 for every cluster (comparators included) are invented, labelled illustrative:
deterministic pseudo-random paths (seeded by the cluster's slug) towards plausible 2025
orders of magnitude for the cluster's stage and world region. Each partner cluster (one
with a NETBIOCLUE tier) gets one saved self-assessment whose answers are its 2025 figures.
"""

import datetime
import random
import zlib
from decimal import Decimal

from clusters import diagnosis
from clusters.models import Cluster, IndicatorDefinition, IndicatorValue, NetworkTier
from clusters.services import (
    CleanValue,
    ImportRow,
    cluster_assess_stage,
    indicator_values_import,
    self_assessment_attach,
)
from netbioclue.vocabulary import Genesis, Stage, WorldRegion

E, US, CN, IN = WorldRegion.EUROPE, WorldRegion.UNITED_STATES, WorldRegion.CHINA, WorldRegion.INDIA
SPONT, POLICY, HYBRID = Genesis.SPONTANEOUS, Genesis.POLICY_DRIVEN, Genesis.HYBRID

# slug, name, countries, region, city, lat, lon, year, year label, genesis, world region,
# NETBIOCLUE tier, illustrative stage
CLUSTERS = [
    (
        "munich-biom",
        "Munich Biotech Cluster (BioM)",
        ["DE"],
        "Bavaria",
        "Munich / Martinsried",
        "48.10860",
        "11.45610",
        1997,
        "BioM founded",
        HYBRID,
        E,
        NetworkTier.LEADING,
        Stage.MATURE,
    ),
    (
        "biorn",
        "BioRegion Rhine-Neckar (BioRN)",
        ["DE"],
        "Baden-Württemberg",
        "Heidelberg",
        "49.39875",
        "8.67243",
        1996,
        "association founded",
        HYBRID,
        E,
        NetworkTier.LEADING,
        Stage.MATURE,
    ),
    (
        "genopole",
        "Genopole",
        ["FR"],
        "Île-de-France (Essonne)",
        "Évry",
        "48.62900",
        "2.44100",
        1998,
        "inaugurated",
        POLICY,
        E,
        NetworkTier.LEADING,
        Stage.MATURE,
    ),
    (
        "greater-cambridge",
        "Greater Cambridge / East of England",
        ["GB"],
        "East of England",
        "Cambridge",
        "52.20530",
        "0.12180",
        1970,
        "Science Park opened",
        SPONT,
        E,
        NetworkTier.LEADING,
        Stage.MATURE,
    ),
    (
        "dundee-tayside",
        "Dundee / Tayside",
        ["GB"],
        "Scotland",
        "Dundee",
        "56.46200",
        "-2.97070",
        None,
        "",
        HYBRID,
        E,
        NetworkTier.DEVELOPED,
        Stage.DEVELOPING,
    ),
    (
        "lombardy-life-sciences",
        "Lombardy Life Sciences",
        ["IT"],
        "Lombardy",
        "Milan",
        "45.46420",
        "9.19000",
        2015,
        "cluster association founded",
        HYBRID,
        E,
        NetworkTier.DEVELOPED,
        Stage.DEVELOPING,
    ),
    (
        "bioindustry-park-canavese",
        "Bioindustry Park Canavese",
        ["IT"],
        "Piedmont",
        "Colleretto Giacosa",
        "45.43250",
        "7.79890",
        1998,
        "park opened",
        POLICY,
        E,
        NetworkTier.DEVELOPED,
        Stage.DEVELOPING,
    ),
    (
        "aarhus-incuba",
        "Aarhus / INCUBA",
        ["DK"],
        "Central Denmark",
        "Aarhus",
        "56.16290",
        "10.20390",
        1986,
        "science park founded",
        HYBRID,
        E,
        NetworkTier.DEVELOPED,
        Stage.DEVELOPING,
    ),
    (
        "medicon-valley",
        "Medicon Valley",
        ["DK", "SE"],
        "Capital Region / Skåne",
        "Copenhagen / Lund",
        "55.67610",
        "12.56830",
        1997,
        "alliance founded",
        HYBRID,
        E,
        "",
        Stage.MATURE,
    ),
    (
        "uppsala-bio",
        "Uppsala BIO",
        ["SE"],
        "Uppsala County",
        "Uppsala",
        "59.85860",
        "17.63890",
        2003,
        "founded",
        HYBRID,
        E,
        "",
        Stage.DEVELOPING,
    ),
    (
        "south-moravia-jic",
        "South Moravia (JIC)",
        ["CZ"],
        "South Moravian Region",
        "Brno",
        "49.19510",
        "16.60680",
        2003,
        "JIC founded",
        POLICY,
        E,
        NetworkTier.EMERGING,
        Stage.EMERGING,
    ),
    (
        "szeged-brc",
        "Szeged (Biological Research Centre)",
        ["HU"],
        "Southern Great Plain",
        "Szeged",
        "46.25300",
        "20.14140",
        1971,
        "BRC founded",
        POLICY,
        E,
        NetworkTier.EMERGING,
        Stage.EMERGING,
    ),
    (
        "biovalley-upper-rhine",
        "BioValley Upper Rhine",
        ["FR", "DE", "CH"],
        "Alsace / Baden / North-western Switzerland",
        "Strasbourg / Freiburg / Basel",
        "48.57340",
        "7.75210",
        1996,
        "founded",
        HYBRID,
        E,
        "",
        Stage.MATURE,
    ),
    (
        "biocat",
        "Biocat",
        ["ES"],
        "Catalonia",
        "Barcelona",
        "41.38740",
        "2.16860",
        2006,
        "founded",
        POLICY,
        E,
        "",
        Stage.DEVELOPING,
    ),
    (
        "lyonbiopole",
        "Lyonbiopôle",
        ["FR"],
        "Auvergne-Rhône-Alpes",
        "Lyon",
        "45.76400",
        "4.83570",
        2005,
        "founded",
        POLICY,
        E,
        "",
        Stage.DEVELOPING,
    ),
    (
        "boston-cambridge",
        "Boston–Cambridge",
        ["US"],
        "Massachusetts",
        "Boston",
        "42.36010",
        "-71.05890",
        1985,
        "MassBio founded",
        SPONT,
        US,
        "",
        Stage.MATURE,
    ),
    (
        "san-diego",
        "San Diego",
        ["US"],
        "California",
        "San Diego",
        "32.71570",
        "-117.16110",
        1978,
        "Hybritech founded",
        SPONT,
        US,
        "",
        Stage.MATURE,
    ),
    (
        "shanghai-zhangjiang",
        "Shanghai Zhangjiang",
        ["CN"],
        "Shanghai",
        "Shanghai",
        "31.23040",
        "121.47370",
        1992,
        "park founded",
        POLICY,
        CN,
        "",
        Stage.DEVELOPING,
    ),
    (
        "genome-valley",
        "Genome Valley",
        ["IN"],
        "Telangana",
        "Hyderabad",
        "17.38500",
        "78.48670",
        1999,
        "founded",
        POLICY,
        IN,
        "",
        Stage.DEVELOPING,
    ),
    (
        "bangalore",
        "Bangalore",
        ["IN"],
        "Karnataka",
        "Bengaluru",
        "12.97160",
        "77.59460",
        2001,
        "state biotechnology policy",
        POLICY,
        IN,
        "",
        Stage.DEVELOPING,
    ),
]

TIER_RATIONALE = {
    NetworkTier.LEADING: "NETBIOCLUE counted this cluster among Europe's leading bioclusters.",
    NetworkTier.DEVELOPED: "NETBIOCLUE counted this cluster among the developed bioclusters.",
    NetworkTier.EMERGING: "NETBIOCLUE counted this cluster among the emerging bioclusters.",
}


def seed() -> dict[str, Cluster]:
    clusters = {}
    for (
        slug,
        name,
        countries,
        region,
        city,
        lat,
        lon,
        year,
        year_label,
        genesis,
        world_region,
        tier,
        stage,
    ) in CLUSTERS:
        cluster, _ = Cluster.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "countries": countries,
                "region": region,
                "city": city,
                "latitude": Decimal(lat),
                "longitude": Decimal(lon),
                "year": year,
                "year_label": year_label,
                "genesis": genesis,
                "world_region": world_region,
                "network_tier": tier,
            },
        )
        if cluster.assessments.filter(year=2008).exists():
            clusters[slug] = cluster
            continue
        rationale = TIER_RATIONALE.get(tier) or (
            "Illustrative assessment for the demo data, not a NETBIOCLUE finding."
        )
        cluster_assess_stage(
            cluster=cluster,
            year=2008,
            stage=stage,
            rationale=rationale,
            source="NETBIOCLUE (2006–2008)" if tier else "",
            by=None,
        )
        clusters[slug] = cluster
    for cluster in clusters.values():
        cluster.refresh_from_db(fields=["stage"])
    seed_indicators(clusters)
    seed_self_assessments(clusters)
    return clusters


FIRST_YEAR, LAST_YEAR = 2006, 2025
DEMO_SOURCE = "Illustrative demo data (not a measurement)"

# 2025 values of a typical cluster of each stage (emerging, developing, mature); a
# renewing cluster starts like a mature one and shrinks.
TYPICAL_2025 = {
    "research-institutions": (6, 12, 30),
    "researchers": (1200, 3500, 10000),
    "publications": (600, 2000, 7000),
    "patents": (8, 40, 250),
    "venture-capital": (3, 30, 300),
    "public-funding": (15, 50, 200),
    "seed-funds": (2, 4, 10),
    "biotech-companies": (35, 90, 300),
    "employees": (900, 4000, 20000),
    "new-companies": (4, 10, 25),
    "large-pharma": (0, 1, 4),
    "incubator-space": (3000, 10000, 40000),
    "tech-transfer-offices": (2, 4, 10),
    "support-programmes": (4, 7, 12),
    "members": (40, 120, 300),
    "international-partnerships": (5, 15, 40),
    "joint-projects": (6, 15, 40),
}
# How many times larger the 2025 value is than the 2006 one, by stage.
GROWTH = {Stage.EMERGING: 4.0, Stage.DEVELOPING: 2.5, Stage.MATURE: 1.6, Stage.RENEWING: 0.85}
REGION_SCALE = {E: 1.0, US: 2.5, CN: 1.6, IN: 1.1}
# Whole-number indicators (counts); the others keep one decimal.
DECIMAL_INDICATORS = {"venture-capital", "public-funding"}


def _series(slug: str, indicator: str, stage: str, region: str) -> list[tuple[int, Decimal]]:
    # Demo figures, not security: a seeded generator makes them the same on every run.
    rng = random.Random(zlib.crc32(f"{slug}:{indicator}".encode()))  # noqa: S311
    column = {Stage.EMERGING: 0, Stage.DEVELOPING: 1}.get(stage, 2)
    final = TYPICAL_2025[indicator][column] * REGION_SCALE[region] * rng.uniform(0.75, 1.3)
    growth = GROWTH[stage]
    points = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        progress = (year - FIRST_YEAR) / (LAST_YEAR - FIRST_YEAR)
        value = final / growth ** (1 - progress) * rng.uniform(0.94, 1.06)
        if indicator in DECIMAL_INDICATORS:
            points.append((year, Decimal(f"{value:.1f}")))
        else:
            points.append((year, Decimal(round(value))))
    return points


def seed_indicators(clusters: dict[str, Cluster]) -> int:
    """Illustrative series for every cluster that has none yet (re-running adds nothing)."""
    done = set(
        IndicatorValue.objects.filter(is_illustrative=True)
        .values_list("cluster_id", flat=True)
        .distinct()
    )
    definitions = list(IndicatorDefinition.objects.filter(slug__in=TYPICAL_2025))
    recorded = datetime.date(2026, 1, 15)
    rows = []
    for cluster in clusters.values():
        if cluster.pk in done:
            continue
        for definition in definitions:
            for year, value in _series(
                cluster.slug, definition.slug, cluster.stage or Stage.DEVELOPING,
                cluster.world_region,
            ):  # fmt: skip
                rows.append(
                    ImportRow(
                        line=0,
                        cluster=cluster,
                        value=CleanValue(definition, year, value, DEMO_SOURCE, recorded),
                    )
                )
    return indicator_values_import(rows=rows, by=None, is_illustrative=True) if rows else 0


# Indicator -> self-assessment question fed by its 2025 value.
QUESTION_OF = {
    "research-institutions": "research_institutions",
    "researchers": "researchers",
    "publications": "publications",
    "patents": "patents",
    "venture-capital": "venture_capital",
    "public-funding": "public_funding",
    "seed-funds": "seed_funds",
    "biotech-companies": "companies",
    "employees": "employees",
    "new-companies": "new_companies",
    "incubator-space": "incubator_space",
    "tech-transfer-offices": "tech_transfer_offices",
    "support-programmes": "support_programmes",
    "members": "members",
    "international-partnerships": "international_partnerships",
    "joint-projects": "joint_projects",
}
CHOICES_BY_STAGE = {
    Stage.EMERGING: {"business_angels": "few", "company_trend": "fast",
                     "policy_commitment": "recent"},
    Stage.DEVELOPING: {"business_angels": "network", "company_trend": "growing",
                       "policy_commitment": "regional"},
    Stage.MATURE: {"business_angels": "several", "company_trend": "growing",
                   "policy_commitment": "multilevel"},
    Stage.RENEWING: {"business_angels": "network", "company_trend": "shrinking",
                     "policy_commitment": "regional"},
}  # fmt: skip


def demo_answers(cluster: Cluster) -> dict:
    """The cluster's 2025 figures as self-assessment answers."""
    stage = cluster.stage or Stage.DEVELOPING
    answers: dict = {"age": max(1, LAST_YEAR - (cluster.year or 2000))}
    pharma = 0
    for indicator, question in QUESTION_OF.items():
        value = _series(cluster.slug, indicator, stage, cluster.world_region)[-1][1]
        answers[question] = float(value) if indicator in DECIMAL_INDICATORS else int(value)
    pharma = int(_series(cluster.slug, "large-pharma", stage, cluster.world_region)[-1][1])
    answers["large_pharma"] = "none" if pharma == 0 else "one" if pharma == 1 else "several"
    answers.update(CHOICES_BY_STAGE[stage])
    return diagnosis.clean_answers(answers)


def seed_self_assessments(clusters: dict[str, Cluster]) -> int:
    count = 0
    for cluster in clusters.values():
        if not cluster.network_tier or cluster.self_assessments.exists():
            continue
        self_assessment_attach(
            cluster=cluster,
            answers=demo_answers(cluster),
            assessed_on=datetime.date(2026, 1, 15),
            by=None,
            is_illustrative=True,
        )
        count += 1
    return count


# Illustrative recommendations (not NETBIOCLUE's own text): stage, audience, title, rationale.
RECOMMENDATIONS = [
    (Stage.EMERGING, "regional", "Concentrate on one scientific strength",
     "Emerging clusters spread thin lose their best people; pick the niche where local "
     "research is strongest and build incubation and seed funding around it."),
    (Stage.EMERGING, "national", "Fund proof-of-concept before venture capital",
     "Without private investors nearby, public proof-of-concept funds carry discoveries to "
     "the point where investors from larger clusters take an interest."),
    (Stage.EMERGING, "eu", "Twin with a mature cluster",
     "Structured exchanges with a mature cluster bring managers, mentors and first "
     "international partners faster than any local programme."),
    (Stage.DEVELOPING, "regional", "Close the gap between seed and venture rounds",
     "Developing clusters stall when start-ups cannot raise their second round: co-invest "
     "with private funds rather than replacing them."),
    (Stage.DEVELOPING, "national", "Attract experienced managers",
     "Tax and visa schemes for experienced biotech managers pay off more than new buildings "
     "once the first companies exist."),
    (Stage.MATURE, "regional", "Keep space affordable for start-ups",
     "Success raises rents; shared laboratories and incubator space keep the cluster open "
     "to new firms."),
    (Stage.MATURE, "eu", "Open infrastructures to the whole network",
     "Mature clusters' platforms serve emerging ones through EU access programmes, which "
     "also keeps the platforms busy."),
    (Stage.RENEWING, "regional", "Redeploy skills after site closures",
     "When a large site closes, fund spin-offs by its teams and keep the facilities in use "
     "instead of letting the skills leave."),
]  # fmt: skip


def seed_recommendations(*, users: dict, practices: dict) -> int:
    """Publish the illustrative recommendations through the services (once)."""
    from clusters.models import PolicyRecommendation
    from clusters.services import recommendation_propose, recommendation_publish

    if PolicyRecommendation.objects.filter(is_illustrative=True).exists():
        return 0
    coordinator = users.get("coordinator@netbioclue.example")
    if coordinator is None:
        return 0
    published = sorted(
        (p for p in practices.values() if p.status == "published"), key=lambda p: p.title
    )
    for stage, audience, title, rationale in RECOMMENDATIONS:
        backing = [p.pk for p in published if stage in p.stages][:3]
        recommendation = recommendation_propose(
            title=title, stage=stage, audience=audience, rationale=rationale,
            practice_ids=backing, by=coordinator, is_illustrative=True,
        )  # fmt: skip
        recommendation_publish(recommendation=recommendation, by=coordinator)
    return len(RECOMMENDATIONS)
