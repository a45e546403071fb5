"""The labelled evaluation set of expert matching (bench/experts_eval.py reads it).

EXPERTS: an illustrative roster. REQUESTS: needs, each with the experts a coordinator
would choose (``expected``, best first) and why. Written by hand from the vocabulary:
the choice follows the topic of the need first, then stage, format and language, and
never an expert a hard rule excludes (conflicts, language, availability).
"""

# key: (headline, bio, country, languages, growth_forces, tool_types, stages, beneficiaries,
#       formats, organisation key or None)
EXPERTS = {
    "seedfund": (
        "Seed funds for biotech start-ups",
        "Set up and managed regional seed and "
        "pre-seed funds; investment committees, co-investment with business angels.",
        "DE",
        ["en", "de"],
        ["financial"],
        ["funding"],
        ["emerging", "developing"],
        ["startups", "investors"],
        ["advice", "mentoring"],
        None,
    ),
    "vc": (
        "Venture capital for life sciences",
        "Partner in a life-science venture fund; "
        "series A rounds, syndication, exits of therapeutics companies.",
        "GB",
        ["en"],
        ["financial"],
        ["funding"],
        ["developing", "mature"],
        ["smes", "investors"],
        ["advice", "peer-review"],
        None,
    ),
    "vouchers": (
        "Innovation vouchers and grant schemes",
        "Designed innovation voucher and "
        "regional grant programmes for SMEs; evaluation of public funding.",
        "CZ",
        ["en", "cs"],
        ["financial", "support"],
        ["grants"],
        ["emerging"],
        ["smes", "policy-makers"],
        ["advice", "training"],
        "jic",
    ),
    "tto": (
        "University technology transfer",
        "Head of a technology transfer office: "
        "patents, licensing university inventions, spin-out creation.",
        "GB",
        ["en"],
        ["scientific"],
        ["tech-transfer"],
        ["developing", "mature"],
        ["research"],
        ["advice", "mentoring"],
        "erbi",
    ),
    "tto2": (
        "Licensing and spin-outs",
        "Licensing deals and spin-out companies from research institutes; IP valuation.",
        "FR",
        ["fr", "en"],
        ["scientific"],
        ["tech-transfer", "regulatory"],
        ["emerging", "developing"],
        ["research", "startups"],
        ["advice"],
        None,
    ),
    "incubator": (
        "Biotech incubators",
        "Ran a biotech incubator with wet labs; incubation programmes and start-up coaching.",
        "IT",
        ["it", "en"],
        ["support"],
        ["incubator"],
        ["emerging"],
        ["startups"],
        ["advice", "study-visit"],
        None,
    ),
    "park": (
        "Science park management",
        "Director of a science park; real estate for biotech, tenant services, park strategy.",
        "DE",
        ["de", "en"],
        ["support"],
        ["incubator", "facilities"],
        ["developing", "mature"],
        ["startups", "smes"],
        ["study-visit", "advice"],
        None,
    ),
    "labs": (
        "Shared laboratories and core facilities",
        "Set up shared laboratories, core facilities and pilot plants open to companies.",
        "DK",
        ["da", "en"],
        ["support", "industrial"],
        ["facilities"],
        ["developing"],
        ["smes", "research"],
        ["study-visit", "advice"],
        None,
    ),
    "talent": (
        "Training and talent for biotech",
        "Training programmes, PhD-industry "
        "schemes and talent attraction for life-science clusters.",
        "SE",
        ["sv", "en"],
        ["industrial"],
        ["talent"],
        ["developing", "mature"],
        ["smes", "research"],
        ["training", "advice"],
        None,
    ),
    "events": (
        "Partnering events",
        "Organised partnering and matchmaking events between "
        "biotech companies, pharma and investors.",
        "FR",
        ["fr", "en"],
        ["cooperation"],
        ["events"],
        ["developing", "mature"],
        ["smes", "large-companies", "investors"],
        ["advice", "training"],
        None,
    ),
    "intl": (
        "Internationalisation of clusters",
        "Market-entry missions to the United States and Asia; transnational cluster partnerships.",
        "NL",
        ["nl", "en"],
        ["cooperation"],
        ["internationalisation"],
        ["developing", "mature"],
        ["smes"],
        ["advice", "mentoring"],
        None,
    ),
    "brand": (
        "Cluster branding",
        "Branding and marketing of regional life-science "
        "clusters; websites, campaigns, investor attraction.",
        "ES",
        ["es", "en"],
        ["support"],
        ["branding"],
        ["developing", "renewing"],
        ["policy-makers"],
        ["advice"],
        None,
    ),
    "regulatory": (
        "Regulatory affairs for diagnostics",
        "Regulatory strategy, CE marking of diagnostics, clinical evidence for medical devices.",
        "DE",
        ["de", "en"],
        ["industrial"],
        ["regulatory"],
        ["emerging", "developing"],
        ["startups", "smes", "hospitals"],
        ["advice", "training"],
        None,
    ),
    "ip": (
        "Intellectual property support",
        "Patent strategy and IP support services for SMEs and research organisations.",
        "IT",
        ["it", "en"],
        ["scientific"],
        ["regulatory"],
        ["developing"],
        ["smes", "research"],
        ["advice", "training"],
        None,
    ),
    "manager": (
        "Cluster management and strategy",
        "Managed a biotech cluster organisation "
        "for ten years; strategy, governance, member services.",
        "GB",
        ["en"],
        ["cooperation", "support"],
        ["management"],
        ["developing", "mature"],
        ["policy-makers"],
        ["peer-review", "mentoring"],
        "erbi",
    ),
    "reviewer": (
        "Peer reviews of cluster policy",
        "Evaluated regional innovation and "
        "cluster strategies for public authorities; peer reviews.",
        "AT",
        ["de", "en"],
        ["support"],
        ["management"],
        ["emerging", "developing", "renewing"],
        ["policy-makers"],
        ["peer-review"],
        None,
    ),
    "renewal": (
        "Renewing mature clusters",
        "Turnaround of declining clusters: new "
        "specialisations, restructuring after pharma site closures.",
        "FR",
        ["fr", "en"],
        ["industrial", "cooperation"],
        ["management"],
        ["renewing"],
        ["policy-makers", "large-companies"],
        ["advice", "peer-review"],
        None,
    ),
    "hungary": (
        "Regional development in Central Europe",
        "Regional development agency "
        "programmes for emerging biotech in Hungary; EU structural funds.",
        "HU",
        ["hu", "en"],
        ["support", "financial"],
        ["grants", "management"],
        ["emerging"],
        ["policy-makers", "smes"],
        ["advice", "training"],
        None,
    ),
    "hospital": (
        "Hospital-industry collaboration",
        "Clinical partnerships between hospitals and biotech companies; clinical trials networks.",
        "DK",
        ["da", "en"],
        ["scientific", "cooperation"],
        ["tech-transfer"],
        ["developing"],
        ["hospitals", "smes"],
        ["advice"],
        None,
    ),
    "angel": (
        "Business angels networks",
        "Founded a business angels network for life sciences; investor readiness of start-ups.",
        "SE",
        ["sv", "en"],
        ["financial"],
        ["funding", "events"],
        ["emerging"],
        ["startups", "investors"],
        ["mentoring", "training"],
        None,
    ),
    "italian": (
        "Distretti e parchi scientifici",
        "Parchi scientifici e incubatori per le biotecnologie in Piemonte.",
        "IT",
        ["it"],
        ["support"],
        ["incubator"],
        ["emerging", "developing"],
        ["startups"],
        ["study-visit"],
        None,
    ),
    "busy": (
        "Seed investment readiness",
        "Investor readiness and seed funding for biotech start-ups.",
        "FI",
        ["fi", "en"],
        ["financial"],
        ["funding"],
        ["emerging"],
        ["startups"],
        ["advice"],
        None,
    ),
}

# Experts with special circumstances (hard rules): capacity used, unavailability.
FULL = {"busy"}  # active assignments == capacity

# title, description, facets, expected experts (best first), why, requester organisation
REQUESTS = [
    ("Seed fund for a young cluster", "We want to create a regional seed fund for biotech "
     "start-ups.", {"growth_forces": ["financial"], "tool_types": ["funding"], "stage":
     "emerging", "format": "advice"}, ["seedfund", "angel"], "seed funds at the emerging "
     "stage; the FI expert is full", None),
    ("Series A syndication", "How to attract venture capital for series A rounds of our "
     "therapeutics companies.", {"growth_forces": ["financial"], "tool_types": ["funding"],
     "stage": "mature", "format": "advice"}, ["vc"], "venture capital, mature", None),
    ("Voucher scheme for SMEs", "Design innovation vouchers so SMEs buy services from "
     "research labs.", {"growth_forces": ["financial"], "tool_types": ["grants"], "stage":
     "emerging", "format": "advice"}, ["vouchers", "hungary"], "voucher design", None),
    ("Voucher scheme, avoid our own staff", "Design innovation vouchers for SMEs.",
     {"growth_forces": ["financial"], "tool_types": ["grants"], "stage": "emerging",
      "format": "advice"}, ["hungary"], "JIC's own expert is a conflict", "jic"),
    ("Set up a technology transfer office", "Our university wants to license patents and "
     "create spin-outs.", {"growth_forces": ["scientific"], "tool_types": ["tech-transfer"],
     "stage": "developing", "format": "mentoring"}, ["tto", "tto2"], "TTO heads", None),
    ("TTO advice in French", "Licensing university inventions; French-speaking expert "
     "only.", {"tool_types": ["tech-transfer"], "stage": "emerging", "format": "advice",
     "languages": ["fr"]}, ["tto2"], "French speaker", None),
    ("Incubator with wet labs", "We plan a biotech incubator with laboratories for "
     "start-ups.", {"growth_forces": ["support"], "tool_types": ["incubator"], "stage":
     "emerging", "format": "advice"}, ["incubator", "park"], "incubator operators", None),
    ("Study visit to a science park", "Host a study visit at a mature science park.",
     {"tool_types": ["incubator", "facilities"], "stage": "mature", "format":
      "study-visit"}, ["park"], "park director hosts visits", None),
    ("Shared core facilities", "Open our core facilities and pilot plant to companies.",
     {"growth_forces": ["support"], "tool_types": ["facilities"], "stage": "developing",
      "format": "study-visit"}, ["labs", "park"], "shared labs", None),
    ("Training programme for lab technicians", "Build a training programme and attract "
     "talent to our cluster.", {"growth_forces": ["industrial"], "tool_types": ["talent"],
     "stage": "developing", "format": "training"}, ["talent"], "talent", None),
    ("Partnering event with pharma", "Organise a partnering event between our SMEs and "
     "large pharma companies.", {"growth_forces": ["cooperation"], "tool_types":
     ["events"], "stage": "mature", "format": "advice"}, ["events", "angel"],
     "partnering events", None),
    ("Mission to the United States", "Prepare a market-entry mission for our SMEs to "
     "Boston.", {"growth_forces": ["cooperation"], "tool_types": ["internationalisation"],
     "stage": "developing", "format": "mentoring"}, ["intl"], "internationalisation", None),
    ("Branding our cluster", "Rebrand the cluster to attract investors and talent.",
     {"tool_types": ["branding"], "stage": "renewing", "format": "advice"}, ["brand"],
     "branding", None),
    ("CE marking of diagnostics", "Our diagnostics start-ups need regulatory support for "
     "CE marking.", {"growth_forces": ["industrial"], "tool_types": ["regulatory"],
     "stage": "emerging", "format": "training", "beneficiaries": ["startups"]},
     ["regulatory"], "diagnostics regulation", None),
    ("Patent strategy for SMEs", "Help SMEs build patent and IP strategies.",
     {"tool_types": ["regulatory"], "stage": "developing", "format": "advice",
      "beneficiaries": ["smes"]}, ["ip", "regulatory"], "IP services", None),
    ("Peer review of our cluster strategy", "A peer review of our regional biotech "
     "cluster strategy by experienced cluster managers.", {"growth_forces":
     ["cooperation"], "tool_types": ["management"], "stage": "developing", "format":
     "peer-review"}, ["manager", "reviewer"], "cluster management peers", None),
    ("Peer review, not by ERBI", "Peer review of our cluster strategy.", {"tool_types":
     ["management"], "stage": "developing", "format": "peer-review"}, ["reviewer",
     "renewal"], "the ERBI manager is a conflict", "erbi"),
    ("Renewal after a pharma site closure", "Our mature cluster lost a large pharma site; "
     "we need a renewal strategy.", {"growth_forces": ["industrial"], "tool_types":
     ["management"], "stage": "renewing", "format": "advice"}, ["renewal"], "renewal",
     None),
    ("Structural funds for an emerging cluster", "Use EU structural funds to develop an "
     "emerging biotech cluster in Central Europe.", {"growth_forces": ["support",
     "financial"], "tool_types": ["grants", "management"], "stage": "emerging", "format":
     "advice"}, ["hungary", "vouchers"], "regional development", None),
    ("Hospital partnerships", "Connect hospitals with biotech companies for clinical "
     "trials.", {"growth_forces": ["cooperation"], "tool_types": ["tech-transfer"],
     "stage": "developing", "format": "advice", "beneficiaries": ["hospitals"]},
     ["hospital"], "hospital-industry", None),
    ("Business angels for start-ups", "Create a business angels network and make "
     "start-ups investor-ready.", {"growth_forces": ["financial"], "tool_types":
     ["funding"], "stage": "emerging", "format": "mentoring"}, ["angel", "seedfund"],
     "angels", None),
    ("Italian-speaking incubator visit", "Visita di studio a un incubatore biotech.",
     {"tool_types": ["incubator"], "stage": "emerging", "format": "study-visit",
      "languages": ["it"]}, ["incubator", "italian"], "Italian speakers hosting", None),
    ("Governance of a cluster organisation", "How to govern a cluster organisation and "
     "serve its members.", {"growth_forces": ["cooperation"], "tool_types":
     ["management"], "stage": "mature", "format": "mentoring"}, ["manager"],
     "cluster manager", None),
    ("Investor readiness training", "Train start-up founders to pitch to seed "
     "investors.", {"growth_forces": ["financial"], "tool_types": ["funding"], "stage":
     "emerging", "format": "training"}, ["angel"], "angel network trains", None),
    ("Licensing deals from institutes", "Negotiate licensing deals and value IP from a "
     "research institute.", {"tool_types": ["tech-transfer"], "stage": "developing",
     "format": "advice", "beneficiaries": ["research"]}, ["tto2", "tto"], "licensing",
     None),
    ("Pilot plant access for SMEs", "Give SMEs access to a pilot plant and shared "
     "laboratories.", {"growth_forces": ["industrial"], "tool_types": ["facilities"],
     "stage": "developing", "format": "advice"}, ["labs"], "shared facilities", None),
    ("Talent attraction from abroad", "Attract international researchers and PhDs to our "
     "companies.", {"tool_types": ["talent"], "stage": "mature", "format": "advice"},
     ["talent"], "talent", None),
    ("Transatlantic partnerships", "Build transnational partnerships with US clusters.",
     {"growth_forces": ["cooperation"], "tool_types": ["internationalisation"], "stage":
     "mature", "format": "advice"}, ["intl"], "internationalisation", None),
    ("Evaluate our grant programme", "Peer review of the regional grant programme for "
     "biotech SMEs.", {"tool_types": ["grants"], "stage": "emerging", "format":
     "peer-review", "growth_forces": ["financial"]}, ["vouchers", "hungary"],
     "grant design experts", None),
    ("Marketing to investors", "Campaign to market the cluster to international "
     "investors.", {"tool_types": ["branding"], "stage": "developing", "format":
     "advice"}, ["brand"], "branding", None),
    ("German-speaking regulatory training", "Regulatory training for medical device "
     "start-ups, in German.", {"tool_types": ["regulatory"], "stage": "emerging",
     "format": "training", "languages": ["de"]}, ["regulatory"], "German, regulatory",
     None),
    ("Science park expansion", "Expand our science park with new buildings for biotech "
     "tenants.", {"growth_forces": ["support"], "tool_types": ["incubator"], "stage":
     "mature", "format": "advice"}, ["park"], "park director", None),
]  # fmt: skip


# --- Labels by rule -------------------------------------------------------------------------
# A second labelling of the same requests, written from the texts alone so that it cannot
# lean on the scorer: it reads the request's title and description and each expert's
# headline and biography through this keyword lexicon (nothing from experts.matching, no
# vocabulary facet, no weight). An expert is relevant to a request when they share a
# topic, unless a rule a coordinator would apply rules them out: no language in common
# with the request's, no free capacity (FULL), or the requester's own organisation.

TOPICS = {
    "seed": ["seed", "pre-seed"],
    "angels": ["business angel", "angels", "investor-ready", "investor readiness", "pitch"],
    "venture": ["venture capital", "venture fund", "series a", "syndication"],
    "grants": ["voucher", "grant"],
    "regional development": ["structural fund", "central europe", "regional development"],
    "technology transfer": ["technology transfer", "license", "licensing", "spin-out",
                            "university invention", "inventions"],
    "incubation": ["incubator", "incubation", "incubatore", "incubatori"],
    "science parks": ["science park", "parchi scientifici", "parco scientifico", "tenant"],
    "facilities": ["core facilit", "pilot plant", "shared laborator"],
    "talent": ["talent", "training programme", "phd"],
    "partnering": ["partnering", "matchmaking"],
    "internationalisation": ["market-entry", "mission", "transnational", "united states",
                             "boston", "us clusters"],
    "branding": ["brand", "rebrand", "marketing", "market the cluster", "campaign"],
    "regulation": ["regulatory", "ce marking", "medical device"],
    "intellectual property": ["patent", "ip", "intellectual property"],
    "cluster management": ["cluster management", "cluster manager", "govern",
                           "cluster organisation", "member services", "members"],
    "peer review": ["peer review"],
    "renewal": ["renewal", "renewing", "site closure", "declining", "turnaround"],
    "clinical": ["hospital", "clinical"],
}  # fmt: skip


def _topics(text: str) -> set[str]:
    import re

    text = text.lower()
    return {
        topic
        for topic, words in TOPICS.items()
        if any(re.search(r"\b" + re.escape(word), text) for word in words)
    }


def rule_labels() -> list[set[str]]:
    """For each of ``REQUESTS``, the experts relevant by the rule above."""
    labels = []
    for title, description, facets, _expected, _why, org in REQUESTS:
        wanted = _topics(f"{title} {description}")
        languages = set(facets.get("languages", ["en"]))
        labels.append(
            {
                key
                for key, (headline, bio, _c, langs, *_facets, expert_org) in EXPERTS.items()
                if wanted & _topics(f"{headline} {bio}")
                and languages & set(langs)
                and key not in FULL
                and (org is None or expert_org != org)
            }
        )
    return labels
