"""The texts of the illustrative demo practices.

Written for the demo: each is a plausible practice for biocluster development, labelled
``is_illustrative`` in the portal, and NOT a documented NETBIOCLUE case (the project's
actual list of practices is not available). Comparator practices (United States, China,
India) describe well-known kinds of programmes in general terms.
"""

from dataclasses import dataclass, field

from netbioclue.vocabulary import (
    Beneficiary,
    BusinessModel,
    EvidenceLevel,
    GrowthForce,
    Stage,
    ToolType,
)
from practices.models import BudgetRange, Status

# Short names keep the table below readable.
EM, DEV, MAT, REN = Stage.EMERGING, Stage.DEVELOPING, Stage.MATURE, Stage.RENEWING
SCI, FIN, IND, SUP, COOP = (
    GrowthForce.SCIENTIFIC,
    GrowthForce.FINANCIAL,
    GrowthForce.INDUSTRIAL,
    GrowthForce.SUPPORT,
    GrowthForce.COOPERATION,
)
T = ToolType
B = Beneficiary
PLATFORM, PRODUCT, SERVICES, HYBRID = (
    BusinessModel.PLATFORM,
    BusinessModel.PRODUCT,
    BusinessModel.SERVICES,
    BusinessModel.HYBRID,
)
ANECDOTAL, MONITORED, EVALUATED = (
    EvidenceLevel.ANECDOTAL,
    EvidenceLevel.MONITORED,
    EvidenceLevel.EVALUATED,
)
LT50K, K250, M1, GT1M = (
    BudgetRange.UNDER_50K,
    BudgetRange.FROM_50K,
    BudgetRange.FROM_250K,
    BudgetRange.OVER_1M,
)
S = Status


@dataclass(frozen=True)
class DemoPractice:
    """One illustrative practice.

    ``interviews`` is ``(how many, base scores)``: the seed varies the base scores
    (relevance, feasibility, preconditions, impact) a little per interview.
    ``adaptations`` are what interviewees named, one per interview in turn.
    ``comment`` is the coordinator's message for changes requested or a rejection.
    """

    slug: str
    owner: str
    cluster: str | None
    status: str
    title: str
    summary: str
    description: str
    problem: str
    how_it_works: str
    results: str
    evidence_level: str
    budget_range: str
    staff: str
    dos: tuple[str, ...]
    donts: tuple[str, ...]
    lessons: str
    years: tuple[int, int | None]
    stages: tuple[str, ...]
    growth_forces: tuple[str, ...]
    tool_types: tuple[str, ...]
    beneficiaries: tuple[str, ...]
    business_models: tuple[str, ...]
    interviews: tuple[int, tuple[int, int, int, int]] | None = None
    adaptations: tuple[str, ...] = field(default=())
    comment: str = ""
    country: str = ""  # only where the origin cluster spans several countries (or none)
    resources_notes: str = ""


PRACTICES: tuple[DemoPractice, ...] = (
    # ---- ERBI (Greater Cambridge) ----------------------------------------------------------
    DemoPractice(
        slug="investor-readiness-bootcamp",
        owner="erbi",
        cluster="greater-cambridge",
        status=S.PUBLISHED,
        title="Investor readiness bootcamp for first-time founders",
        summary=(
            "A three-day course followed, six weeks later, by rehearsal pitches before a "
            "closed panel of local investors, preparing scientist-founders to raise their "
            "first institutional round."
        ),
        description=(
            "Run twice a year by the cluster organisation for teams that hold a spin-out "
            "agreement or a seed grant but have no professional investor yet. The faculty are "
            "volunteer venture partners, patent attorneys and founders who raised money in the "
            "previous two years. Each team leaves with a revised pitch, a financing plan and "
            "written feedback from at least three investors."
        ),
        problem=(
            "Scientist-founders approached venture funds too early and with plans built around "
            "the science rather than the market. Investors complained of wasted meetings; "
            "founders heard 'come back later' without learning what was missing."
        ),
        how_it_works=(
            "Teams apply with a two-page summary and twelve are selected per cohort. Day one "
            "covers how an investor sees risk and value inflection points, day two the term "
            "sheet and the capitalisation table, day three the pitch itself. Six weeks later "
            "each team pitches to a closed panel that scores it on a common grid and gives "
            "feedback on the spot. Teams pay a nominal fee; law and accounting firms sponsor "
            "the rest."
        ),
        results=(
            "Of the 58 teams trained in the first four years, 21 closed a seed or Series A "
            "round within 18 months. Panel investors say bootcamp alumni need fewer meetings "
            "to reach a decision. The cluster tracks alumni financing as a standing indicator."
        ),
        evidence_level=MONITORED,
        budget_range=K250,
        staff="1 programme manager (0.5 FTE) and volunteer faculty",
        dos=(
            "Recruit faculty who invested or raised money recently: founders trust "
            "practitioners, not trainers.",
            "Keep the rehearsal panel closed and confidential, so teams can fail safely before "
            "the meetings that count.",
            "Charge a small fee: it filters for commitment and makes no-shows rare.",
            "Score every team on the same written grid, so feedback can be compared and acted on.",
        ),
        donts=(
            "Don't let sponsors turn sessions into sales pitches for their services.",
            "Don't admit teams without clear rights to their technology; no course fixes an "
            "unclear IP position.",
            "Don't promise introductions to investors as the reward. Promise candid feedback; "
            "introductions follow from it.",
        ),
        lessons=(
            "The rehearsal panel mattered more than the teaching days. Investors agreed to sit "
            "on it because it saved them time later, and founders valued candid scores more "
            "than any lecture."
        ),
        years=(2003, None),
        stages=(DEV, MAT),
        growth_forces=(FIN,),
        tool_types=(T.FUNDING, T.TALENT),
        beneficiaries=(B.STARTUPS, B.INVESTORS),
        business_models=(PRODUCT, PLATFORM),
        interviews=(4, (5, 4, 4, 5)),
        adaptations=(
            "Needs local investors willing to sit on the panel; a smaller cluster could "
            "borrow panellists from a partner cluster.",
            "Teach in the national language, but rehearse the pitch in English.",
        ),
    ),
    DemoPractice(
        slug="cluster-purchasing-consortium",
        owner="erbi",
        cluster="greater-cambridge",
        status=S.PUBLISHED,
        title="Cluster purchasing consortium for laboratory consumables and services",
        summary=(
            "Member companies buy reagents, plastics, gases, waste collection and insurance "
            "under framework agreements the cluster negotiates, at discounts that used to be "
            "reserved for large pharmaceutical companies."
        ),
        description=(
            "The cluster organisation negotiates framework agreements with suppliers on behalf "
            "of its members. Each member orders directly and pays the supplier; the consortium "
            "publishes the terms and checks that suppliers honour them. For a typical SME the "
            "savings repay the membership fee several times over."
        ),
        problem=(
            "Small biotechs paid list prices for consumables and services that big companies "
            "bought at deep discounts, and each negotiated alone with no leverage."
        ),
        how_it_works=(
            "A purchasing committee of members' procurement managers chooses the categories "
            "each year. The cluster runs the tender, posts the terms on the members' extranet "
            "and receives quarterly volume reports from suppliers, whose rebate funds the "
            "service. Only members can buy under the agreements."
        ),
        results=(
            "Members report savings of 15–30% on catalogue prices. The rebate income covers "
            "about a fifth of the cluster organisation's running costs, and membership grew "
            "after the consortium started, with very few members leaving."
        ),
        evidence_level=MONITORED,
        budget_range=K250,
        staff="1 FTE procurement coordinator",
        dos=(
            "Start with high-volume, standardised categories (plastics, gases, waste) where "
            "savings are easy to prove.",
            "Let members' own procurement staff choose categories and judge the bids.",
            "Report each member's savings every year: it is the best argument for renewing "
            "membership.",
        ),
        donts=(
            "Don't impose a single brand where the science dictates the reagent; scientists "
            "will simply buy around the agreement.",
            "Don't negotiate rebates so large that suppliers raise list prices to pay for them.",
        ),
        lessons=(
            "A dull service built loyalty where networking events had not: companies that "
            "joined for the discounts stayed for the rest of the cluster's programme."
        ),
        years=(2001, None),
        stages=(MAT,),
        growth_forces=(IND, COOP),
        tool_types=(T.MANAGEMENT,),
        beneficiaries=(B.SMES, B.STARTUPS),
        business_models=(SERVICES, HYBRID),
        interviews=(3, (4, 5, 4, 4)),
        adaptations=(
            "Needs about fifty buying companies; a smaller cluster could join a neighbour's "
            "consortium.",
            "Public procurement rules apply if the cluster body is publicly funded.",
        ),
    ),
    DemoPractice(
        slug="partnering-conference",
        owner="erbi",
        cluster="greater-cambridge",
        status=S.PUBLISHED,
        title="Annual cluster conference built around pre-booked one-to-one meetings",
        summary=(
            "A one-day conference whose real product is several hundred short meetings booked "
            "in advance through an online partnering system, matching companies with "
            "investors, pharmaceutical companies and academic groups."
        ),
        description=(
            "The stage programme is deliberately short: a keynote and two panels. Weeks "
            "before the day, participants publish what they offer and seek and request "
            "20-minute meetings; the organisers confirm each person's schedule the evening "
            "before. Pharma business-development teams and investors are the main draw, so "
            "their time is protected."
        ),
        problem=(
            "Cluster events drew the same local crowd and produced conversations but few "
            "deals. Visitors from pharma and from abroad could not work out whom to meet."
        ),
        how_it_works=(
            "Profiles open eight weeks ahead and meeting requests close three days before "
            "the event. Everyone may request a limited number of meetings and accept or "
            "decline those requested of them. Tables are numbered and time-slotted, and a "
            "help desk rebooks no-shows during the day."
        ),
        results=(
            "About 600 meetings per edition. A survey three months later finds that roughly "
            "one meeting in ten led to a confidentiality agreement, a pilot project or an "
            "investment discussion."
        ),
        evidence_level=MONITORED,
        budget_range=M1,
        staff="2 FTE for four months, plus an event agency",
        dos=(
            "Protect the scarcest participants (pharma, investors) by letting them decline "
            "meetings freely.",
            "Survey participants after three months, when deals have had time to start.",
            "Publish the meeting statistics: they sell the next edition better than the "
            "speakers do.",
        ),
        donts=(
            "Don't fill the day with plenary talks: every hour on stage is an hour of meetings "
            "lost.",
            "Don't let anyone book more meetings than they can attend; cap requests per person.",
        ),
        lessons=(
            "The quality of the attendee list, not its length, made the event. Three large "
            "pharmaceutical companies attending every year brought everyone else."
        ),
        years=(2002, None),
        stages=(DEV, MAT),
        growth_forces=(COOP,),
        tool_types=(T.EVENTS,),
        beneficiaries=(B.SMES, B.LARGE_COMPANIES, B.INVESTORS),
        business_models=(PRODUCT, PLATFORM),
        interviews=(5, (5, 4, 5, 5)),
        adaptations=(
            "A smaller cluster should co-host with a neighbour or attach the day to a trade "
            "fair to attract pharma.",
            "Licensing partnering software is cheaper than building it.",
            "",
            "Meetings in English; badges showing what each person seeks.",
        ),
    ),
    DemoPractice(
        slug="entrepreneurs-in-residence",
        owner="erbi",
        cluster="greater-cambridge",
        status=S.PUBLISHED,
        title="Entrepreneurs in residence in university departments",
        summary=(
            "Experienced biotech managers spend one or two days a week inside research "
            "departments, screening discoveries for commercial potential and coaching the "
            "researchers who want to found a company."
        ),
        description=(
            "Funded jointly by the cluster, the university's technology transfer office and a "
            "regional grant, the scheme placed four experienced managers in life-science "
            "departments for two years. They attended group meetings, reviewed invention "
            "disclosures with the transfer office and shaped the first business plans."
        ),
        problem=(
            "The technology transfer office was overloaded and saw discoveries only after "
            "publication. Researchers had nobody nearby who had built a company."
        ),
        how_it_works=(
            "Residents are chosen by the department heads and the transfer office together and "
            "sign the university's confidentiality rules. They are paid a day rate and may "
            "later join a spin-out, declaring the conflict of interest in advance. A "
            "quarterly review lists the projects screened and their next steps."
        ),
        results=(
            "In two years the four residents screened 140 projects, brought 31 to the "
            "transfer office earlier than usual and helped form six companies, two of which "
            "hired a resident as chief executive."
        ),
        evidence_level=MONITORED,
        budget_range=M1,
        staff="4 part-time entrepreneurs (1.6 FTE in total)",
        dos=(
            "Seat residents in the department itself; an office in the transfer office "
            "recreates the distance you want to remove.",
            "Agree conflict-of-interest rules before residents start: they will want to lead "
            "the best spin-outs.",
            "Pick people who have failed as well as succeeded; researchers listen to candid "
            "stories.",
        ),
        donts=(
            "Don't judge residents by companies founded in year one; the pipeline takes longer.",
            "Don't let residents bypass the transfer office: they work with it, not around it.",
        ),
        lessons=(
            "Residents changed habits more than the numbers show: disclosures arrived earlier, "
            "with the market questions already asked."
        ),
        years=(2004, 2008),
        stages=(MAT,),
        growth_forces=(SCI, IND),
        tool_types=(T.TECH_TRANSFER, T.TALENT),
        beneficiaries=(B.RESEARCH, B.STARTUPS),
        business_models=(PRODUCT,),
        interviews=(3, (4, 3, 3, 4)),
        adaptations=(
            "Requires a pool of experienced managers; an emerging cluster could recruit pharma "
            "alumni or people from abroad.",
            "University rules on outsiders in laboratories must be cleared first.",
        ),
    ),
    DemoPractice(
        slug="hr-forum-salary-benchmarking",
        owner="erbi",
        cluster="greater-cambridge",
        status=S.DRAFT,
        title="HR forum and salary benchmarking for biotech SMEs",
        summary=(
            "Human-resources managers of member companies meet quarterly and run a "
            "confidential salary survey, so small firms set pay with the same information as "
            "large ones."
        ),
        description=(
            "A forum for the people who handle recruitment and HR in small biotechs, often as "
            "one job among several, with a yearly pay survey run by an independent firm."
        ),
        problem=(
            "Small biotechs lost staff to pharma and to each other, often because they set "
            "salaries by guesswork and had no HR specialist."
        ),
        how_it_works=(
            "An independent firm collects anonymised pay data each spring and returns "
            "benchmarks by role, seniority and company size to participants only. The forum "
            "covers practical issues: share options, visas for non-EU scientists, "
            "redundancies after a failed trial."
        ),
        results="The first survey drew 34 companies; results are expected in 2008.",
        evidence_level=ANECDOTAL,
        budget_range=LT50K,
        staff="0.2 FTE at the cluster; survey firm on contract",
        dos=(
            "Have an independent firm hold the raw pay data; companies will not give it to a "
            "membership body.",
            "Share results only with those who contributed data.",
        ),
        donts=(
            "Don't report cells with fewer than five companies: small samples identify people.",
            "Don't let the forum agree on salaries. That is a competition-law risk; benchmarks "
            "are for information only.",
        ),
        lessons="The legal review of what competitors may share took longer than the survey.",
        years=(2007, None),
        stages=(MAT,),
        growth_forces=(IND,),
        tool_types=(T.TALENT,),
        beneficiaries=(B.SMES, B.STARTUPS),
        business_models=(HYBRID,),
    ),
    DemoPractice(
        slug="serial-entrepreneur-mentoring",
        owner="erbi",
        cluster="greater-cambridge",
        status=S.SUBMITTED,
        title="Mentoring network of serial entrepreneurs",
        summary=(
            "Founders who have built and sold a biotech company each mentor one or two "
            "first-time chief executives for a year, matched by the cluster on the mentee's "
            "next challenge."
        ),
        description=(
            "A volunteer network of experienced founders, run with light administration by "
            "the cluster organisation."
        ),
        problem=(
            "First-time chief executives faced decisions (first hires, board composition, "
            "licensing terms) where a peer's experience is worth more than a consultant's "
            "report."
        ),
        how_it_works=(
            "Mentors volunteer for a year. The cluster screens mentees, proposes matches and "
            "checks in after three and nine months. Each pair signs a one-page charter: "
            "monthly meetings, confidentiality and no paid consultancy between them during "
            "the year."
        ),
        results=(
            "45 pairs in three years; mentees rate the scheme 4.5 out of 5 and four pairs in "
            "five keep meeting informally after the year."
        ),
        evidence_level=MONITORED,
        budget_range=LT50K,
        staff="0.3 FTE for matching and follow-up",
        dos=(
            "Match on the mentee's next problem, not on scientific field.",
            "Write a short charter so both sides know what the relationship is and is not.",
            "End every pairing formally after a year; good pairs continue anyway.",
        ),
        donts=(
            "Don't let mentors sell services to their mentees during the mentoring year.",
            "Don't recruit mentors whose only experience is managing inside a large company.",
        ),
        lessons=(
            "Matching on the problem (a first fundraising, a difficult co-founder) worked "
            "better than matching on therapeutic area."
        ),
        years=(2005, None),
        stages=(DEV, MAT),
        growth_forces=(SUP, COOP),
        tool_types=(T.TALENT, T.MANAGEMENT),
        beneficiaries=(B.STARTUPS,),
        business_models=(PRODUCT, PLATFORM),
        interviews=(1, (4, 4, 3, 4)),
        adaptations=(
            "Needs enough founders who have exited; an emerging cluster could use mentors "
            "from a partner cluster by video.",
        ),
    ),
    DemoPractice(
        slug="san-diego-springboard-panels",
        owner="erbi",
        cluster="san-diego",
        status=S.PUBLISHED,
        title="San Diego: volunteer 'springboard' panels for early-stage companies",
        summary=(
            "A United States comparator: a university-hosted programme in which panels of "
            "volunteer executives, lawyers and investors review an early company's plan in a "
            "confidential session and help it reach its next milestone."
        ),
        description=(
            "Documented as a comparator after a study visit. The programme relies almost "
            "entirely on volunteers from the region's dense community of executives and "
            "service providers. Each company presents to a panel chosen for its needs; the "
            "advice, and the doors panel members open, are the service."
        ),
        problem=(
            "Early companies lacked management experience and access to the local network of "
            "investors and service providers."
        ),
        how_it_works=(
            "Companies apply and staff assemble a panel of six to ten volunteers with relevant "
            "experience. After a two-hour confidential session the panel recommends next "
            "steps and one member follows up for a few months. Service firms volunteer "
            "because it gives them early contact with future clients."
        ),
        results=(
            "Hundreds of companies have been through the panels, and many US and some "
            "European regions have copied the format. The evidence is mostly programme "
            "statistics and testimonials."
        ),
        evidence_level=ANECDOTAL,
        budget_range=M1,
        staff="A small core team and several hundred volunteers",
        dos=(
            "Build each panel around the company's next milestone rather than using a "
            "standing committee.",
            "Thank volunteers publicly and often; recognition is their main reward.",
            "Keep sessions confidential so companies bring their real problems.",
        ),
        donts=(
            "Don't copy the format without a deep pool of volunteers; in a thin ecosystem the "
            "same few people sit on every panel.",
            "Don't copy the branding without a neutral host, such as a university, that makes "
            "the panels trustworthy.",
        ),
        lessons=(
            "The format depends on the region's density of experienced people. European "
            "clusters that copied it had to recruit volunteers across a wider area."
        ),
        years=(1985, None),
        stages=(MAT,),
        growth_forces=(COOP, SUP),
        tool_types=(T.MANAGEMENT,),
        beneficiaries=(B.STARTUPS, B.SMES),
        business_models=(PRODUCT, HYBRID),
        interviews=(3, (4, 2, 2, 4)),
        adaptations=(
            "Only feasible where dozens of experienced executives live nearby; otherwise pool "
            "volunteers from several regions.",
            "European service firms are less used to pro bono work: budget an honorarium.",
            "Needs a neutral host trusted by companies and investors alike.",
        ),
    ),
    # ---- JIC (South Moravia) ---------------------------------------------------------------
    DemoPractice(
        slug="business-plan-competition-incubation-prize",
        owner="jic",
        cluster="south-moravia-jic",
        status=S.PUBLISHED,
        title="Business plan competition with incubation as the prize",
        summary=(
            "A regional competition in which finalists receive training and winners receive "
            "a year of incubation, a coach and a small milestone-based grant instead of a "
            "large cash prize."
        ),
        description=(
            "Open every year to students, researchers and young companies in the region, the "
            "competition is the innovation centre's main way of finding incubator tenants. "
            "The prize is designed so that winning means starting a company, not cashing a "
            "cheque."
        ),
        problem=(
            "In an emerging cluster few researchers thought of starting a company, and the "
            "new incubator had no pipeline of tenants."
        ),
        how_it_works=(
            "Round one asks for a two-page idea; about forty teams are invited to workshops on "
            "markets, finance and IP. Finalists write a full plan and pitch to a jury of "
            "investors and entrepreneurs, some from abroad. Winners get a year of free "
            "incubator space, a coach and a grant of a few thousand euros paid against "
            "milestones."
        ),
        results=(
            "Over four editions 160 teams entered and finalists founded 14 companies, most of "
            "them incubator tenants today. Life-science projects made up about a third of "
            "entries."
        ),
        evidence_level=MONITORED,
        budget_range=K250,
        staff="1.5 FTE during the competition",
        dos=(
            "Make incubation the prize, so that winning means starting a company.",
            "Invite jury members from a leading cluster abroad; they raise both the bar and "
            "the visibility.",
            "Keep round one to two pages to attract researchers who have never written a plan.",
        ),
        donts=(
            "Don't pay large cash prizes up front; tie money to milestones.",
            "Don't split a small region's competition by sector: there are not enough entries "
            "to fill each category.",
        ),
        lessons=(
            "The finalists' workshops mattered more than the prize: several teams that lost "
            "founded companies a year later anyway."
        ),
        years=(2005, None),
        stages=(EM, DEV),
        growth_forces=(SUP, FIN),
        tool_types=(T.INCUBATOR, T.TALENT),
        beneficiaries=(B.STARTUPS, B.RESEARCH),
        business_models=(PRODUCT, PLATFORM),
        interviews=(4, (5, 5, 4, 4)),
        adaptations=(
            "Works best where an incubator with free space already exists.",
            "The jury needs credibility beyond the region.",
        ),
    ),
    DemoPractice(
        slug="innovation-vouchers-sme-university",
        owner="jic",
        cluster="south-moravia-jic",
        status=S.PUBLISHED,
        title="Innovation vouchers that pay for an SME's first project with a university lab",
        summary=(
            "Small firms receive a voucher worth a few thousand euros to buy their first piece "
            "of research or testing from a regional research organisation, lowering the "
            "barrier to a first collaboration."
        ),
        description=(
            "A deliberately simple grant: one page to apply, a decision within two weeks, and "
            "the money paid straight to the research organisation that does the work."
        ),
        problem=(
            "SMEs and the region's strong research institutes rarely worked together. Firms "
            "did not know whom to ask and feared the cost and paperwork of a first contract."
        ),
        how_it_works=(
            "Firms apply online with a one-page description; vouchers go first come, first "
            "served against simple eligibility rules. The research organisation invoices the "
            "innovation centre directly. If the firm has no partner in mind, staff broker the "
            "first contact."
        ),
        results=(
            "An evaluation after two rounds found that about 60% of voucher projects were the "
            "firm's first contract with a research organisation and a third led to a further, "
            "fully paid project. The administrative cost per voucher was low."
        ),
        evidence_level=EVALUATED,
        budget_range=M1,
        staff="1 FTE for administration and brokering",
        dos=(
            "Pay the research organisation directly; SMEs should not pre-finance.",
            "Keep the application to one page and decide within two weeks.",
            "Offer brokering to firms that do not yet know a laboratory.",
        ),
        donts=(
            "Don't fund the same firm–lab pair year after year; the point is the first contact.",
            "Don't judge the scientific excellence of voucher projects; judge whether the firm "
            "needs the result.",
        ),
        lessons=(
            "Vouchers are cheap to run only while decisions stay simple: each extra criterion "
            "roughly doubled the processing time."
        ),
        years=(2006, None),
        stages=(EM, DEV),
        growth_forces=(SCI, COOP),
        tool_types=(T.GRANTS, T.TECH_TRANSFER),
        beneficiaries=(B.SMES, B.RESEARCH),
        business_models=(SERVICES, HYBRID),
        interviews=(5, (5, 5, 5, 4)),
        adaptations=(
            "Needs a public budget line that accepts very small grants.",
            "Check the national state-aid (de minimis) rules first.",
            "",
            "Brokering staff must know the labs personally.",
        ),
    ),
    DemoPractice(
        slug="returning-scientists-fellowships",
        owner="jic",
        cluster="south-moravia-jic",
        status=S.PUBLISHED,
        title="Fellowships to bring scientists back from abroad",
        summary=(
            "Competitive fellowships pay a returning or foreign scientist's salary and a "
            "research grant for two years at a regional institute, which commits to a path "
            "towards a permanent position."
        ),
        description=(
            "A talent programme for a young cluster whose research institutes could not offer "
            "internationally competitive salaries or start-up budgets."
        ),
        problem=(
            "Czech researchers trained abroad rarely came back: salaries and research budgets "
            "at home were far lower, and the young cluster lacked research leaders."
        ),
        how_it_works=(
            "An international panel selects the fellows. The host institute must provide "
            "laboratory space and a route to a permanent post. The fellowship tops up the "
            "salary towards western European levels and includes a research budget and "
            "relocation help for the family."
        ),
        results=(
            "Twelve fellows in the first three calls; nine stayed in the region after the "
            "fellowship, and two of their groups went on to work with local companies."
        ),
        evidence_level=MONITORED,
        budget_range=GT1M,
        staff="0.5 FTE programme officer",
        dos=(
            "Make the host commit to a permanent-position path before the fellow arrives.",
            "Help the family, not just the scientist: schools and a partner's job decide many "
            "returns.",
            "Use an international selection panel so the fellowship becomes a mark of quality.",
        ),
        donts=(
            "Don't top up salaries so far above local colleagues' pay that the fellow is isolated.",
            "Don't count only publications; count students trained and links to industry too.",
        ),
        lessons=(
            "The fellows who stayed were those whose host had planned their future from the "
            "start; generous money could not compensate for an uncertain career."
        ),
        years=(2006, None),
        stages=(EM,),
        growth_forces=(SCI,),
        tool_types=(T.TALENT, T.INTERNATIONALISATION),
        beneficiaries=(B.RESEARCH,),
        business_models=(HYBRID,),
        interviews=(3, (5, 3, 3, 4)),
        adaptations=(
            "Requires a regional research budget able to pay near-western salaries for a few "
            "people.",
            "Host institutes must accept selection by outsiders.",
        ),
    ),
    DemoPractice(
        slug="incubation-milestones-graduation",
        owner="jic",
        cluster="south-moravia-jic",
        status=S.PUBLISHED,
        title="Incubation with half-yearly milestones and clear graduation rules",
        summary=(
            "Incubator tenants sign a plan with a milestone every six months; subsidised rent "
            "and coaching continue only while milestones are met, and every company leaves "
            "after three years at most."
        ),
        description=(
            "A set of incubator rules meant to keep space for companies that grow, with a "
            "review panel that applies them consistently."
        ),
        problem=(
            "The incubator was filling with tenants who valued cheap rent but did not grow, "
            "blocking space for new companies."
        ),
        how_it_works=(
            "At entry the company and its coach agree half-yearly milestones (first customer, "
            "first hire, first outside money). A panel reviews them; a company that misses two "
            "reviews pays market rent and loses its coach. Rent rises every year and after "
            "three years the company moves out, with help to find space nearby."
        ),
        results=(
            "The average stay fell from over four years to 2.6. Occupancy stayed above 85% and "
            "the share of tenants raising outside money doubled."
        ),
        evidence_level=MONITORED,
        budget_range=M1,
        staff="1 incubator manager and 2 coaches",
        dos=(
            "Agree milestones with the company at entry, so reviews are about its own plan.",
            "Raise rent gradually; a cliff at graduation makes companies hide their growth.",
            "Help graduates find space nearby so they stay in the region.",
        ),
        donts=(
            "Don't make exceptions for pleasant but stalled tenants; it tells everyone the "
            "rules are optional.",
            "Don't apply the same clock to a drug developer and a service firm without adjustment.",
        ),
        lessons=(
            "Life-science companies needed longer than three years. A one-year extension for "
            "companies with clinical or regulatory milestones kept the rule credible."
        ),
        years=(2004, None),
        stages=(EM, DEV),
        growth_forces=(SUP,),
        tool_types=(T.INCUBATOR, T.MANAGEMENT),
        beneficiaries=(B.STARTUPS,),
        business_models=(PRODUCT, SERVICES),
        interviews=(4, (4, 5, 4, 4)),
        adaptations=(
            "Milestones can only be enforced when there is demand for the space.",
            "Coaches need authority: the review panel must include outsiders.",
        ),
    ),
    DemoPractice(
        slug="innovation-strategy-company-panels",
        owner="jic",
        cluster="south-moravia-jic",
        status=S.PUBLISHED,
        title="Regional innovation strategy written with company panels",
        summary=(
            "The region built its innovation strategy, and the case for a biotech cluster, "
            "from panels of company managers and researchers instead of a consultants' "
            "report, and founded an agency to implement it."
        ),
        description=(
            "A strategy process that treated companies and researchers as authors rather than "
            "as people to be consulted, and created the implementing body at the same time."
        ),
        problem=(
            "Earlier strategies were written by consultants, approved and forgotten. Companies "
            "did not recognise themselves in them and nobody owned the implementation."
        ),
        how_it_works=(
            "For eighteen months six thematic panels, one of them on life sciences, met "
            "monthly. A small secretariat prepared data; the panels proposed concrete measures "
            "with budgets. The regional council adopted the strategy and founded an "
            "innovation centre to deliver it, with panel members on its advisory boards."
        ),
        results=(
            "Within three years the strategy produced the innovation centre, an incubator and "
            "a voucher scheme; it was later updated through the same panels. An external "
            "evaluation praised the ownership by local actors."
        ),
        evidence_level=EVALUATED,
        budget_range=M1,
        staff="A secretariat of 3 for eighteen months",
        dos=(
            "Give panels real data and a budget envelope; they then propose measures instead "
            "of wish lists.",
            "Create the implementing body together with the strategy.",
            "Keep panel members on as advisers of the programmes they proposed.",
        ),
        donts=(
            "Don't let the strategy list every sector in the region: choose.",
            "Don't outsource the writing. Consultants can support, but the owners must write.",
        ),
        lessons=(
            "Ownership mattered more than analytical quality: a modest document that companies "
            "defended survived two changes of regional government."
        ),
        years=(2002, 2004),
        stages=(EM,),
        growth_forces=(SUP,),
        tool_types=(T.MANAGEMENT,),
        beneficiaries=(B.POLICY_MAKERS, B.SMES),
        business_models=(HYBRID,),
        interviews=(5, (5, 4, 3, 5)),
        adaptations=(
            "Needs political continuity for at least one term.",
            "Requires a regional authority with its own innovation budget.",
            "Company managers must be given a reason to give time: show quick results.",
        ),
    ),
    DemoPractice(
        slug="soft-landing-desk-brno",
        owner="jic",
        cluster="south-moravia-jic",
        status=S.CHANGES_REQUESTED,
        title="Soft-landing desk for foreign companies in Brno",
        summary=(
            "A single contact point helps foreign biotech companies open an office or "
            "laboratory in the region: temporary desk space, introductions, permits and "
            "recruitment."
        ),
        description="A new service of the innovation centre, in its first year.",
        problem=(
            "Foreign companies interested in the region's researchers and costs found no one "
            "to guide them through permits, recruitment and premises."
        ),
        how_it_works=(
            "Companies get three months of free desk space in the incubator, a programme of "
            "introductions and help with the paperwork from a named adviser."
        ),
        results="Five companies used the desk in its first year.",
        evidence_level=ANECDOTAL,
        budget_range=K250,
        staff="1 FTE adviser",
        dos=(
            "Offer a short free trial in the incubator so companies can test the region.",
            "Prepare a fact sheet in English on salaries, taxes and permits.",
        ),
        donts=(
            "Don't promise grants you cannot guarantee.",
            "Don't treat every enquiry as an investment: most are market tests.",
        ),
        lessons="",
        years=(2007, None),
        stages=(EM,),
        growth_forces=(SUP,),
        tool_types=(T.INTERNATIONALISATION,),
        beneficiaries=(B.SMES, B.LARGE_COMPANIES),
        business_models=(SERVICES,),
        comment=(
            "Please add what the first five companies did next, and explain how the desk "
            "differs from the national investment agency's service."
        ),
    ),
    DemoPractice(
        slug="seed-fund-co-investing-angels",
        owner="jic",
        cluster="south-moravia-jic",
        status=S.SUBMITTED,
        title="Seed fund co-investing alongside business angels",
        summary=(
            "A small public seed fund invests only when an accredited business angel invests "
            "on the same terms, relying on the angel's judgement and making rounds large "
            "enough to matter."
        ),
        description="A co-investment fund designed for a region with few private investors.",
        problem=(
            "The emerging region had few angels and no venture funds, and public grants "
            "brought no market discipline."
        ),
        how_it_works=(
            "The fund matches angel investments up to a cap per company, on identical terms. "
            "Angels are accredited once; each deal then needs only a compliance check and a "
            "decision within two weeks."
        ),
        results="The first investments are being made in 2008.",
        evidence_level=ANECDOTAL,
        budget_range=GT1M,
        staff="2 FTE fund managers",
        dos=(
            "Let the private investor lead and set the terms; the fund follows.",
            "Accredit angels once instead of vetting every deal.",
        ),
        donts=(
            "Don't make the fund so large that it crowds out the angels it depends on.",
            "Don't have officials decide investments by committee.",
        ),
        lessons="",
        years=(2008, None),
        stages=(EM,),
        growth_forces=(FIN,),
        tool_types=(T.FUNDING,),
        beneficiaries=(B.STARTUPS, B.INVESTORS),
        business_models=(PRODUCT, PLATFORM),
    ),
    DemoPractice(
        slug="phd-science-business-speed-dating",
        owner="jic",
        cluster="south-moravia-jic",
        status=S.DRAFT,
        title="Science–business speed dating for PhD students",
        summary=(
            "An evening where PhD students present their thesis in three minutes to company "
            "managers, who score the pitches and offer internships."
        ),
        description="A pilot planned with the two universities' doctoral schools.",
        problem="PhD students rarely meet companies before they finish their thesis.",
        how_it_works=(
            "Twenty students pitch in three minutes each; managers rate them on clarity and "
            "relevance and can book a follow-up conversation the same evening."
        ),
        results="",
        evidence_level=ANECDOTAL,
        budget_range=LT50K,
        staff="0.1 FTE",
        dos=("Coach students on a three-minute pitch the week before.",),
        donts=("Don't let it turn into a recruitment fair with stands.",),
        lessons="",
        years=(2008, None),
        stages=(EM,),
        growth_forces=(COOP,),
        tool_types=(T.EVENTS, T.TALENT),
        beneficiaries=(B.RESEARCH, B.SMES),
        business_models=(HYBRID,),
    ),
    # ---- Milan Chamber of Commerce – InnovHub (Lombardy) -----------------------------------
    DemoPractice(
        slug="cross-border-partnering-days",
        owner="milan-chamber-innovhub",
        cluster="lombardy-life-sciences",
        status=S.PUBLISHED,
        title="Cross-border partnering days between neighbouring bioclusters",
        summary=(
            "Two clusters in neighbouring countries take turns hosting a day of company visits "
            "and pre-arranged meetings, so SMEs find partners across the border without "
            "travelling to a large international fair."
        ),
        description=(
            "An alternative to big international fairs for small companies: short trips, "
            "visits to real laboratories and meetings booked in advance with firms a few hours "
            "away."
        ),
        problem=(
            "Lombard SMEs struggled to find partners at large fairs, at high cost, while "
            "companies in nearby Swiss, French and German regions remained unknown to them."
        ),
        how_it_works=(
            "Each edition has one host: a morning of visits to laboratories and companies, an "
            "afternoon of meetings booked through the Enterprise Europe Network's matchmaking "
            "tools, and a dinner. The visiting chamber charters a coach. Themes rotate: "
            "diagnostics, bio-manufacturing, medical devices."
        ),
        results=(
            "Eight editions with about 70 companies each. Follow-up surveys trace some 30 "
            "cooperation agreements (supply, research contracts, distribution) to the days."
        ),
        evidence_level=MONITORED,
        budget_range=K250,
        staff="1 FTE for two months per host",
        dos=(
            "Combine site visits with meetings: seeing a laboratory builds trust faster than "
            "a table does.",
            "Rotate the host so that both clusters invest and both gain visibility.",
            "Use an existing matchmaking tool rather than building your own.",
        ),
        donts=(
            "Don't pick a theme so broad that participants share no technical language.",
            "Don't skip the follow-up survey; without it, sponsors only see a pleasant day.",
        ),
        lessons=(
            "Proximity matters. A two-hour coach ride made small companies willing to come "
            "when a flight to a fair did not."
        ),
        years=(2004, None),
        stages=(DEV, MAT),
        growth_forces=(COOP,),
        tool_types=(T.EVENTS, T.INTERNATIONALISATION),
        beneficiaries=(B.SMES, B.RESEARCH),
        business_models=(SERVICES, PRODUCT),
        interviews=(4, (5, 5, 4, 4)),
        adaptations=(
            "Best between clusters within a few hours' travel of each other.",
            "Needs a matchmaking tool with profiles in a common language.",
        ),
    ),
    DemoPractice(
        slug="patent-information-desk",
        owner="milan-chamber-innovhub",
        cluster="lombardy-life-sciences",
        status=S.PUBLISHED,
        title="Patent information desk for SMEs at the chamber of commerce",
        summary=(
            "Chamber staff trained in patent databases run prior-art and freedom-to-operate "
            "pre-searches with small companies and refer them to a patent attorney when a "
            "professional opinion is needed."
        ),
        description=(
            "A low-threshold IP service: the first hour is free, the company sits next to the "
            "searcher, and local attorneys receive the referrals."
        ),
        problem=(
            "SMEs filed patents without checking prior art, or ignored patents until a "
            "competitor's letter arrived; attorneys were too expensive for a first look."
        ),
        how_it_works=(
            "A company books a one-hour session and the specialist searches the databases "
            "with the company present, then sends a written summary. Follow-up sessions cost a "
            "small fee. The desk runs IP strategy seminars with local attorneys, who receive "
            "referrals in return."
        ),
        results=(
            "About 300 sessions a year across all sectors, a fifth of them in the life "
            "sciences. A third of users say the search changed a filing or product decision."
        ),
        evidence_level=MONITORED,
        budget_range=K250,
        staff="2 FTE patent information specialists",
        dos=(
            "Search with the company in the room: teaching them to read claims is half the value.",
            "Refer systematically to attorneys; it makes them allies rather than competitors.",
            "Keep the first session free: the hardest step is the first visit.",
        ),
        donts=(
            "Don't give opinions on infringement. The desk informs; attorneys advise.",
            "Don't let searches drift into free consultancy for large firms that have their "
            "own IP departments.",
        ),
        lessons=(
            "Life-science users came later than engineering firms but with harder questions; "
            "one specialist trained in biology was worth the investment."
        ),
        years=(2000, None),
        stages=(DEV, MAT),
        growth_forces=(SUP,),
        tool_types=(T.REGULATORY,),
        beneficiaries=(B.SMES, B.STARTUPS),
        business_models=(PRODUCT, HYBRID),
    ),
    DemoPractice(
        slug="regional-value-chain-map",
        owner="milan-chamber-innovhub",
        cluster="lombardy-life-sciences",
        status=S.PUBLISHED,
        title="Mapping the regional biotech value chain",
        summary=(
            "A census of companies, research groups, suppliers and investors in the region's "
            "life sciences, published as a directory and a map, that gave the cluster its "
            "first shared picture of itself."
        ),
        description=(
            "A counting exercise with a political purpose: to replace competing estimates "
            "with one agreed figure that policy makers and foreign visitors could use."
        ),
        problem=(
            "Nobody knew how many biotech companies the region had: estimates ranged from 80 "
            "to 300 depending on the definition, and policy was made on anecdotes."
        ),
        how_it_works=(
            "Students and chamber staff combined business registers, patent and publication "
            "data and a telephone survey, using a definition agreed with the national biotech "
            "association. Each organisation checked its own entry. The results became a "
            "searchable directory and a printed map, updated every two years."
        ),
        results=(
            "About 180 companies met the common definition. The directory became the "
            "reference for regional policy documents and foreign delegations; wider effects "
            "are anecdotal."
        ),
        evidence_level=ANECDOTAL,
        budget_range=K250,
        staff="2 FTE for nine months",
        dos=(
            "Agree the definition of a 'biotech company' with the national association before "
            "counting.",
            "Let every organisation check and correct its own entry; it builds ownership.",
            "Plan the update from the start: a map that is two years old loses credibility.",
        ),
        donts=(
            "Don't inflate the count with every pharmacy and distributor to impress funders.",
            "Don't publish a directory without a named owner who handles corrections.",
        ),
        lessons=(
            "An agreed number ended a decade of arguments and let discussion move on to what "
            "the companies needed."
        ),
        years=(2006, 2007),
        stages=(EM, DEV),
        growth_forces=(IND, SUP),
        tool_types=(T.MANAGEMENT, T.BRANDING),
        beneficiaries=(B.POLICY_MAKERS,),
        business_models=(HYBRID,),
        interviews=(2, (4, 5, 3, 3)),
        adaptations=("Needs access to business registers with sector codes.",),
    ),
    DemoPractice(
        slug="regional-pavilion-trade-fairs",
        owner="milan-chamber-innovhub",
        cluster="lombardy-life-sciences",
        status=S.ARCHIVED,
        title="Regional life-sciences pavilion at international trade fairs",
        summary=(
            "A shared regional stand under a common brand at three international fairs a "
            "year, where SMEs rent a desk for a fraction of the cost of their own booth."
        ),
        description=(
            "Archived in 2006, when the regional pavilion was merged into the national one."
        ),
        problem="Small companies could not afford their own booth at the main fairs.",
        how_it_works=(
            "The chamber books and builds the pavilion; companies rent desks and share a "
            "meeting room and a reception team; a brochure presents all exhibitors."
        ),
        results=(
            "Twenty to thirty exhibitors per fair for three years; most came back at least once."
        ),
        evidence_level=MONITORED,
        budget_range=M1,
        staff="1 FTE",
        dos=(
            "Book meetings for exhibitors before the fair opens.",
            "Keep a shared meeting room: desks alone do not allow confidential talks.",
        ),
        donts=(
            "Don't design the brand around the region's name alone; buyers look for capabilities.",
        ),
        lessons="A national pavilion gave more visibility for the same money.",
        years=(2003, 2006),
        stages=(DEV,),
        growth_forces=(IND,),
        tool_types=(T.BRANDING, T.INTERNATIONALISATION),
        beneficiaries=(B.SMES,),
        business_models=(PRODUCT, SERVICES),
        interviews=(2, (3, 3, 3, 3)),
        adaptations=("Only worth it for fairs where buyers come to find suppliers.",),
    ),
    DemoPractice(
        slug="benchmarking-bioclusters-policy",
        owner="milan-chamber-innovhub",
        cluster="lombardy-life-sciences",
        status=S.PUBLISHED,
        title="Benchmarking European bioclusters to set regional policy priorities",
        summary=(
            "A comparison of the region's biocluster with others on a common set of indicators "
            "(science, finance, industry, support, cooperation), used by the regional "
            "government to decide where to invest."
        ),
        description=(
            "An analytical exercise tied to a decision: the next programming period of "
            "regional funds for innovation."
        ),
        problem=(
            "Regional policy for biotech spread small budgets over many measures, with no view "
            "of which weaknesses held the cluster back compared with others."
        ),
        how_it_works=(
            "Analysts gathered the same indicators for eight clusters from public statistics, "
            "interviews and cluster organisations, and each cluster checked its own figures. "
            "Workshops with policy makers compared the results and focused on gaps "
            "(early-stage finance, management talent) rather than strengths to celebrate."
        ),
        results=(
            "The next regional programme concentrated funds on seed finance and management "
            "training. An external evaluator called the benchmark decisive in that choice. "
            "The indicators are repeated every three years."
        ),
        evidence_level=EVALUATED,
        budget_range=K250,
        staff="2 analysts for one year",
        dos=(
            "Compare with clusters one or two stages ahead, not only with world leaders.",
            "Use identical indicator definitions for every cluster, and publish them.",
            "Present gaps, not rankings: rankings start defensive debates.",
        ),
        donts=(
            "Don't benchmark without a decision to inform; the report will sit on a shelf.",
            "Don't mix indicators from different years without saying so.",
        ),
        lessons=(
            "Policy makers trusted the comparison because the peer clusters had checked their "
            "own figures."
        ),
        years=(2006, 2008),
        stages=(DEV,),
        growth_forces=(SUP, FIN),
        tool_types=(T.MANAGEMENT,),
        beneficiaries=(B.POLICY_MAKERS,),
        business_models=(HYBRID,),
        interviews=(4, (5, 4, 4, 5)),
        adaptations=(
            "Peer clusters must be willing to share and check data.",
            "Needs a policy decision due within a year.",
        ),
    ),
    DemoPractice(
        slug="shanghai-returnee-startup-packages",
        owner="milan-chamber-innovhub",
        cluster="shanghai-zhangjiang",
        status=S.PUBLISHED,
        title="Shanghai Zhangjiang: start-up packages for returning Chinese scientists",
        summary=(
            "A comparator from China: the park offers scientists returning from US and "
            "European laboratories ready-to-use space, rent holidays, a start-up grant and "
            "fast administrative procedures to found companies at home."
        ),
        description=(
            "Documented as a comparator. The package draws on a large pool of Chinese "
            "scientists trained abroad and on public budgets that European regions cannot "
            "match."
        ),
        problem=(
            "China had many biotech scientists trained abroad, few experienced entrepreneurs "
            "at home and a cumbersome process for founding technology companies."
        ),
        how_it_works=(
            "Returnees with a doctorate and foreign experience apply to the park "
            "administration. Selected teams get up to three years of reduced rent, a start-up "
            "grant, help with registration and housing, and priority for later public "
            "funding; park officials act as a single window for permits."
        ),
        results=(
            "Hundreds of companies founded by returnees, according to the park's own "
            "statistics. Many provide contract research to western pharma; fewer develop their "
            "own products."
        ),
        evidence_level=ANECDOTAL,
        budget_range=GT1M,
        staff="Park administration (size not known)",
        dos=(
            "Offer a complete package (space, money, paperwork, housing) rather than separate "
            "measures.",
            "Target people with industry experience abroad, not only academic careers.",
        ),
        donts=(
            "Don't count companies founded as success; check how many develop their own products.",
            "Don't assume the scale of subsidy can be copied by a European region.",
        ),
        lessons=(
            "For European clusters the transferable part is the single window and the "
            "targeting of returnees, not the scale of subsidy."
        ),
        years=(2001, None),
        stages=(EM, DEV),
        growth_forces=(SCI, SUP),
        tool_types=(T.INTERNATIONALISATION, T.INCUBATOR),
        beneficiaries=(B.STARTUPS, B.POLICY_MAKERS),
        business_models=(SERVICES, PRODUCT),
        interviews=(3, (3, 2, 2, 3)),
        adaptations=(
            "European regions have nothing like this scale of subsidy.",
            "A single window for foreign researchers would be transferable on its own.",
            "Housing help matters as much as lab space.",
        ),
    ),
    DemoPractice(
        slug="bangalore-single-window-clearance",
        owner="milan-chamber-innovhub",
        cluster="bangalore",
        status=S.PUBLISHED,
        title="Bangalore: state biotechnology policy with a single-window clearance",
        summary=(
            "A comparator from India: a state policy that created one office to process all "
            "permits for biotech companies against published deadlines, advised by a vision "
            "group of industry leaders."
        ),
        description=(
            "Documented as a comparator. The state adopted a dedicated biotechnology policy, "
            "with a vision group of founders and scientists advising the government and a "
            "single window for approvals."
        ),
        problem=(
            "Companies needed approvals from many departments (land, power, pollution control, "
            "labour), each with its own delays."
        ),
        how_it_works=(
            "Companies file one application with the single-window agency, which coordinates "
            "the departments and is held to a deadline for each approval. The vision group "
            "meets the government regularly and proposes measures."
        ),
        results=(
            "Companies report faster approvals, and the state became a leading Indian biotech "
            "region, though many other factors contributed. No formal evaluation was found."
        ),
        evidence_level=ANECDOTAL,
        budget_range=M1,
        staff="Single-window agency staff (size not known)",
        dos=(
            "Give the single window the authority to decide, not just to forward files.",
            "Publish a deadline for each permit and report against it.",
        ),
        donts=("Don't create a window that adds a step instead of replacing several.",),
        lessons=(
            "The vision group of industry leaders is the part most easily copied in Europe, "
            "where permits are often national."
        ),
        years=(2001, None),
        stages=(DEV,),
        growth_forces=(SUP,),
        tool_types=(T.REGULATORY, T.MANAGEMENT),
        beneficiaries=(B.POLICY_MAKERS, B.LARGE_COMPANIES),
        business_models=(SERVICES,),
        interviews=(4, (4, 3, 1, 4)),
        adaptations=(
            "Permits in European regions are often national competences; the region can only "
            "coordinate.",
            "A vision group of industry leaders is transferable.",
        ),
    ),
    # ---- School of Management, Politecnico di Milano ---------------------------------------
    DemoPractice(
        slug="executive-course-biotech-management",
        owner="polimi-som",
        cluster="lombardy-life-sciences",
        status=S.PUBLISHED,
        title="Part-time executive course in biotech business management",
        summary=(
            "An evening and weekend course for scientists moving into management, taught by "
            "business-school faculty and industry practitioners with cases from the region's "
            "own companies."
        ),
        description=(
            "A nine-month programme built around local cases, with a final project on each "
            "participant's own company or business unit."
        ),
        problem=(
            "Scientists became heads of companies or business units without training in "
            "finance, marketing or negotiation; MBAs were too long and too general."
        ),
        how_it_works=(
            "Twelve modules over nine months (strategy, finance, licensing, regulatory "
            "pathways, marketing, people management), each with a case written with a local "
            "company. Participants end with a project on their own business. Companies pay "
            "part of the fee and regional funds cover the rest for SMEs."
        ),
        results=(
            "About 25 participants a year. A year later most have taken on broader management "
            "responsibilities, and several final projects became real company plans."
        ),
        evidence_level=MONITORED,
        budget_range=M1,
        staff="Programme director (0.5 FTE) and visiting faculty",
        dos=(
            "Write the cases with local companies; participants learn from firms they know.",
            "Make the final project about the participant's own company.",
            "Schedule around laboratory life: evenings and Saturdays.",
        ),
        donts=(
            "Don't teach generic MBA content with biotech examples pasted on.",
            "Don't subsidise places for large companies that would pay anyway.",
        ),
        lessons=(
            "Participants valued their classmates as much as the faculty; alumni now form a "
            "network across the region's companies."
        ),
        years=(2003, None),
        stages=(DEV, MAT),
        growth_forces=(IND,),
        tool_types=(T.TALENT,),
        beneficiaries=(B.SMES, B.LARGE_COMPANIES),
        business_models=(PRODUCT, PLATFORM),
        interviews=(3, (5, 4, 4, 4)),
        adaptations=(
            "Needs a business school willing to write local cases.",
            "Regional co-funding for SME participants.",
        ),
    ),
    DemoPractice(
        slug="business-model-clinics",
        owner="polimi-som",
        cluster="lombardy-life-sciences",
        status=S.PUBLISHED,
        title="Business model clinics for platform and service companies",
        summary=(
            "Half-day sessions in which a company's management and a panel of faculty and "
            "entrepreneurs examine its business model (platform, product, services or hybrid) "
            "and test alternatives against data on comparable firms."
        ),
        description=(
            "A structured review of how a young company makes money, prepared with data from "
            "the school's observatory of biotech firms."
        ),
        problem=(
            "Many young companies were unsure whether they sold a technology platform, a "
            "product or a service, and drifted between models, confusing investors."
        ),
        how_it_works=(
            "Analysts first compare the company with similar firms in Europe and the United "
            "States. In the clinic the panel questions revenue sources, customers and the cost "
            "of each option; the company leaves with a written memo."
        ),
        results=(
            "30 clinics in the first year. Follow-up interviews found that half of the "
            "companies changed their pitch or revenue model within six months."
        ),
        evidence_level=MONITORED,
        budget_range=K250,
        staff="2 analysts plus faculty time",
        dos=(
            "Bring data on comparable companies: opinions alone do not move a management team.",
            "Include someone who ran a company on the model being discussed.",
            "Follow up after six months to see what changed.",
        ),
        donts=(
            "Don't push every company towards the product model investors prefer; service "
            "revenue keeps many of them alive.",
            "Don't hold the clinic without the chief executive in the room.",
        ),
        lessons=(
            "Hybrid models, using service income to fund product development, proved more "
            "durable than advisers expected, as long as each activity had its own accounts."
        ),
        years=(2007, None),
        stages=(DEV, MAT),
        growth_forces=(IND,),
        tool_types=(T.MANAGEMENT,),
        beneficiaries=(B.SMES, B.STARTUPS),
        business_models=(PLATFORM, SERVICES, HYBRID),
        interviews=(2, (4, 4, 4, 4)),
        adaptations=("Needs comparable-company data; a national database would do.",),
    ),
    DemoPractice(
        slug="student-consulting-projects",
        owner="polimi-som",
        cluster="lombardy-life-sciences",
        status=S.REJECTED,
        title="Student consulting projects with start-ups",
        summary="Management students carry out ten-week consulting projects for local start-ups.",
        description="Part of the master's programme in management engineering.",
        problem="Start-ups cannot afford consultants.",
        how_it_works="Teams of four students work on a question set by the start-up.",
        results="Twelve projects a year.",
        evidence_level=ANECDOTAL,
        budget_range=LT50K,
        staff="Faculty supervision",
        dos=("Let the start-up define the question.",),
        donts=("Don't assign teams without a faculty supervisor.",),
        lessons="",
        years=(2006, 2007),
        stages=(EM,),
        growth_forces=(IND,),
        tool_types=(T.TALENT,),
        beneficiaries=(B.STARTUPS,),
        business_models=(HYBRID,),
        comment=(
            "The text does not show any effect on the companies; as written it describes a "
            "teaching activity rather than a practice for cluster development."
        ),
    ),
    DemoPractice(
        slug="genome-valley-plug-and-play-labs",
        owner="polimi-som",
        cluster="genome-valley",
        status=S.PUBLISHED,
        title="Genome Valley: plug-and-play laboratories for contract research companies",
        summary=(
            "A comparator from India: a state-supported park offering ready-built laboratories "
            "with utilities, effluent treatment and security, leased to contract research and "
            "manufacturing firms that can start work within weeks."
        ),
        description=(
            "Documented as a comparator for European science parks considering fitted "
            "laboratory space for service companies."
        ),
        problem=(
            "Building a compliant laboratory from scratch took years and capital that new "
            "contract research and manufacturing firms did not have."
        ),
        how_it_works=(
            "A public–private developer builds multi-tenant laboratory buildings with shared "
            "utilities (clean water, effluent treatment, backup power) and leases fitted "
            "modules; the state handles land and permits."
        ),
        results=(
            "Dozens of companies located in the park, mostly providing services to "
            "international pharma; occupancy is high according to the operator."
        ),
        evidence_level=ANECDOTAL,
        budget_range=GT1M,
        staff="Park operator (size not known)",
        dos=(
            "Provide the utilities small firms cannot build alone: effluent treatment, backup "
            "power, clean water.",
            "Design modules that can be joined as tenants grow.",
        ),
        donts=(
            "Don't build speculative space without anchor tenants.",
            "Don't expect a park of service firms to produce product companies by itself.",
        ),
        lessons=(
            "Fitted space shortened the time to first revenue for service firms dramatically; "
            "the model suits contract research better than drug development."
        ),
        years=(1999, None),
        stages=(DEV,),
        growth_forces=(IND, SUP),
        tool_types=(T.FACILITIES, T.INCUBATOR),
        beneficiaries=(B.SMES, B.LARGE_COMPANIES),
        business_models=(SERVICES,),
        interviews=(3, (3, 3, 3, 3)),
        adaptations=(
            "Land and utilities cost far more in European regions.",
            "Useful for contract research firms only.",
        ),
    ),
    # ---- Bioindustry Park (Canavese) -------------------------------------------------------
    DemoPractice(
        slug="shared-gmp-pilot-plant",
        owner="bioindustry-park",
        cluster="bioindustry-park-canavese",
        status=S.PUBLISHED,
        title="Shared GMP pilot plant for start-ups",
        summary=(
            "A pilot-scale production facility at the science park, licensed to manufacture "
            "clinical-trial material, which start-ups and SMEs rent by campaign instead of "
            "building their own or queuing at contract manufacturers abroad."
        ),
        description=(
            "The park company owns the facility and its manufacturing licence and employs the "
            "quality team; companies bring their process scientists and rent production time."
        ),
        problem=(
            "Start-ups with a candidate drug or vaccine needed small GMP batches for early "
            "trials, while contract manufacturers had long queues and minimum orders far "
            "beyond their needs."
        ),
        how_it_works=(
            "Companies book production campaigns; the park's staff train their scientists in "
            "GMP and run the quality system. Prices cover operating costs. The building was "
            "financed with regional and EU structural funds."
        ),
        results=(
            "Campaigns for a dozen companies in five years, including two products that "
            "entered phase I trials. Utilisation reached about 60% of available time, and "
            "inspections passed without major findings."
        ),
        evidence_level=MONITORED,
        budget_range=GT1M,
        staff="6 FTE (quality, engineering, operations)",
        resources_notes="Capital cost financed by regional and EU structural funds.",
        dos=(
            "Hold the GMP licence and the quality system centrally; no start-up can afford "
            "its own.",
            "Train tenants' scientists in GMP before their first campaign: most delays come "
            "from documentation, not equipment.",
            "Agree with a contract manufacturer in advance who scales up beyond pilot volumes.",
        ),
        donts=(
            "Don't build for one technology (only microbial fermentation, say) unless demand "
            "is proven.",
            "Don't expect full use in the first years; budget for idle time.",
            "Don't compete with commercial manufacturers on large batches.",
        ),
        lessons=(
            "The quality team was the asset, not the equipment: companies came for people who "
            "had passed inspections before."
        ),
        years=(2002, None),
        stages=(DEV,),
        growth_forces=(IND, SUP),
        tool_types=(T.FACILITIES,),
        beneficiaries=(B.STARTUPS, B.SMES),
        business_models=(PRODUCT, SERVICES),
        interviews=(5, (5, 2, 3, 5)),
        adaptations=(
            "Needs structural-fund capital and an operator able to carry idle capacity.",
            "Could be shared by several regions.",
            "",
            "Only where at least a handful of companies have products near the clinic.",
        ),
    ),
    DemoPractice(
        slug="pay-per-use-analytical-platform",
        owner="bioindustry-park",
        cluster="bioindustry-park-canavese",
        status=S.PUBLISHED,
        title="Pay-per-use analytical platform at the science park",
        summary=(
            "Mass spectrometry, NMR and bio-analytical instruments run by park staff and "
            "billed by the hour, giving small companies access to equipment that costs more "
            "than their annual budget."
        ),
        description=(
            "A shared instrument platform with dedicated operators, open to tenants, outside "
            "companies and university groups at published prices."
        ),
        problem=(
            "Start-ups needed high-end analysis occasionally but could neither buy the "
            "instruments nor wait weeks for university facilities."
        ),
        how_it_works=(
            "Users book online. Operators run the analyses or train users to run them, and a "
            "share of the time is reserved for method development with companies. Prices are "
            "set to cover operation and part of the replacement cost."
        ),
        results=(
            "About 40 regular users, two thirds of them companies. The platform covers its "
            "running costs; equipment renewal still needs grants."
        ),
        evidence_level=MONITORED,
        budget_range=M1,
        staff="3 instrument specialists",
        dos=(
            "Employ dedicated operators; instruments without experts sit idle.",
            "Publish prices and the booking calendar openly.",
            "Reserve time for training users and developing methods with them.",
        ),
        donts=(
            "Don't buy instruments from a single tenant's wish list.",
            "Don't price below cost to attract users: you will not be able to replace the "
            "equipment.",
        ),
        lessons=(
            "Method development with companies, not routine measurements, built lasting "
            "relationships."
        ),
        years=(2000, None),
        stages=(DEV,),
        growth_forces=(SCI, SUP),
        tool_types=(T.FACILITIES,),
        beneficiaries=(B.SMES, B.STARTUPS, B.RESEARCH),
        business_models=(PLATFORM, SERVICES),
        interviews=(4, (4, 4, 4, 4)),
        adaptations=(
            "A university core facility could play the role if it opens to companies.",
            "",
            "Replacement of instruments needs a funding plan from day one.",
        ),
    ),
    DemoPractice(
        slug="incubator-lab-suites-rising-rents",
        owner="bioindustry-park",
        cluster="bioindustry-park-canavese",
        status=S.PUBLISHED,
        title="Incubator laboratory suites with rents that rise as companies grow",
        summary=(
            "Fitted laboratory modules of 30–100 m² rented to start-ups below market rates in "
            "the first year, rising to market rates by the fourth, with shared equipment rooms "
            "and reception."
        ),
        description=(
            "Incubation space designed for wet-lab start-ups, priced to be affordable at the "
            "start and honest about the market later."
        ),
        problem=(
            "Laboratory space in the area came in large units with long leases that no start-up "
            "could take on."
        ),
        how_it_works=(
            "Modules come with benches, fume hoods and gases; autoclaves, cold rooms and "
            "common equipment are shared. Leases run a year at a time and companies can add "
            "modules as they grow."
        ),
        results=(
            "Occupancy above 80% since the third year; 17 companies have passed through, and "
            "most graduates stayed in the park's larger buildings."
        ),
        evidence_level=MONITORED,
        budget_range=GT1M,
        staff="1 incubator manager and shared park services",
        dos=(
            "Fit the modules fully; start-ups cannot afford to install fume hoods.",
            "Let companies add modules next to their own as they grow.",
        ),
        donts=(
            "Don't sign multi-year leases with start-ups; one year, renewable, fits their reality.",
            "Don't hide the market rent: show it from the start.",
        ),
        lessons=(
            "Having larger space on the same site kept graduates in the park; without it they "
            "would have left for the city."
        ),
        years=(2000, None),
        stages=(EM, DEV),
        growth_forces=(SUP,),
        tool_types=(T.INCUBATOR,),
        beneficiaries=(B.STARTUPS,),
        business_models=(PRODUCT, PLATFORM),
        interviews=(3, (5, 4, 4, 4)),
        adaptations=("Needs capital for fitted laboratories; structural funds are typical.",),
    ),
    DemoPractice(
        slug="technician-training-school",
        owner="bioindustry-park",
        cluster="bioindustry-park-canavese",
        status=S.ARCHIVED,
        title="Training school for laboratory and production technicians",
        summary=(
            "Six-month courses, designed with the park's companies, that retrained workers "
            "laid off by the area's declining electronics industry as laboratory and GMP "
            "technicians."
        ),
        description=(
            "Archived in 2006, when the regional vocational training system took the courses over."
        ),
        problem=(
            "Park companies could not find technicians, while the area had many skilled "
            "industrial workers who had lost their jobs."
        ),
        how_it_works=(
            "Companies defined the skills and taught part of the course; trainees spent two "
            "months in a company. Regional employment funds paid the fees."
        ),
        results="Over 100 trainees, 70% of them in work within six months.",
        evidence_level=MONITORED,
        budget_range=M1,
        staff="1 coordinator and company trainers",
        dos=(
            "Let companies define the skills and teach part of the course.",
            "Include a placement in a company; it is where hiring decisions are made.",
        ),
        donts=("Don't train more people than companies can absorb in a year.",),
        lessons=(
            "Industrial workers brought discipline and a sense of process that GMP production "
            "values; companies were surprised how well they fitted."
        ),
        years=(2001, 2006),
        stages=(DEV, REN),
        growth_forces=(IND,),
        tool_types=(T.TALENT,),
        beneficiaries=(B.SMES, B.LARGE_COMPANIES),
        business_models=(SERVICES, PRODUCT),
        interviews=(2, (5, 4, 4, 5)),
        adaptations=("Needs a pool of laid-off industrial workers and employment funds.",),
    ),
    # ---- Areta (Lombardy) ------------------------------------------------------------------
    DemoPractice(
        slug="shared-regulatory-affairs-office",
        owner="areta",
        cluster="lombardy-life-sciences",
        status=S.PUBLISHED,
        title="Shared regulatory affairs office for small life-science companies",
        summary=(
            "A consultancy offers SMEs a part-time regulatory affairs manager on a yearly "
            "subscription, covering dossiers, meetings with agencies and inspections, so they "
            "need not hire a full-time specialist too early."
        ),
        description=(
            "A commercial service that makes regulatory expertise available to companies that "
            "need a fraction of a person, but need that fraction early."
        ),
        problem=(
            "Small companies hired regulatory help too late, after design and preclinical "
            "decisions that were expensive to reverse."
        ),
        how_it_works=(
            "Each client has a named regulatory manager for a set number of days a month, "
            "with access to specialists for specific questions. Documents stay on the "
            "client's systems."
        ),
        results=(
            "Fifteen subscribing companies after three years; clients cite faster scientific "
            "advice meetings and fewer questions from agencies."
        ),
        evidence_level=MONITORED,
        budget_range=LT50K,
        staff="4 regulatory specialists",
        dos=(
            "Bring regulatory expertise in before the first preclinical study, not after.",
            "Keep the same named person for each client.",
        ),
        donts=(
            "Don't let the outside office be the company's only memory of its dossier; keep "
            "the documents on the client's side.",
            "Don't sell a subscription to a company that needs a full-time person already.",
        ),
        lessons=("The value lay in the early questions, asked months before any submission."),
        years=(2004, None),
        stages=(DEV,),
        growth_forces=(SUP,),
        tool_types=(T.REGULATORY,),
        beneficiaries=(B.SMES, B.STARTUPS),
        business_models=(PRODUCT,),
        interviews=(3, (4, 4, 3, 4)),
        adaptations=("Needs regulatory specialists in the region or within a day's travel.",),
    ),
    DemoPractice(
        slug="eu-proposal-writing-pool",
        owner="areta",
        cluster="lombardy-life-sciences",
        status=S.CHANGES_REQUESTED,
        title="Grant-writing support pool for EU research proposals",
        summary=(
            "Experienced proposal writers help SMEs join or lead Framework Programme "
            "consortia, paid partly on success."
        ),
        description="A service for companies new to European research funding.",
        problem="SMEs rarely took part in EU research projects.",
        how_it_works=(
            "A writer assesses the idea, finds partners through existing networks and drafts "
            "the proposal with the company."
        ),
        results="Eleven proposals supported in two years.",
        evidence_level=ANECDOTAL,
        budget_range=LT50K,
        staff="2 proposal writers",
        dos=("Check the fit with the call before writing anything.",),
        donts=("Don't write a proposal the company could not deliver.",),
        lessons="",
        years=(2006, None),
        stages=(DEV,),
        growth_forces=(FIN, COOP),
        tool_types=(T.GRANTS,),
        beneficiaries=(B.SMES,),
        business_models=(HYBRID,),
        comment=(
            "Please explain how success fees fit the programme's cost rules, and give the "
            "success rate of the proposals supported."
        ),
    ),
    # ---- University of Dundee (Tayside) ----------------------------------------------------
    DemoPractice(
        slug="proof-of-concept-fund-tto",
        owner="university-of-dundee",
        cluster="dundee-tayside",
        status=S.PUBLISHED,
        title="Proof-of-concept fund run with the university TTO",
        summary=(
            "A small internal fund, managed by the technology transfer office with an external "
            "investment committee, pays for the experiments that turn a promising result into "
            "a licensable or investable asset."
        ),
        description=(
            "A fund aimed squarely at the gap between research grants and investors, judged "
            "on commercial milestones rather than scientific excellence."
        ),
        problem=(
            "Discoveries stalled between research and investment: too applied for research "
            "grants, too early for investors. Without key data, such as an animal model or a "
            "prototype assay, licensing deals were small or absent."
        ),
        how_it_works=(
            "Researchers apply twice a year with a plan of 6–18 months' work and a clear "
            "milestone. A committee, half of it outside investors and industry managers, "
            "scores commercial potential. Awards of up to about €150,000 are paid in "
            "tranches, and the transfer office handles IP and market assessment alongside."
        ),
        results=(
            "An evaluation after six years counted 38 projects funded, 11 licences and 7 "
            "spin-outs, with follow-on investment several times the fund's total spending."
        ),
        evidence_level=EVALUATED,
        budget_range=M1,
        staff="1 FTE fund manager in the TTO; external committee",
        dos=(
            "Put outside investors and industry people on the committee, and let them decide.",
            "Fund a milestone, not a project: which result would change a licensee's mind?",
            "Pay in tranches and stop projects that miss their milestones.",
            "Assess the market while the experiments run.",
        ),
        donts=(
            "Don't let it become a second research grant judged on science.",
            "Don't fund projects whose IP position is still unclear.",
            "Don't spread the money thin: a few adequately sized awards beat many small ones.",
        ),
        lessons=(
            "The fund's discipline spread: researchers began framing grant applications around "
            "milestones that investors would recognise."
        ),
        years=(2002, None),
        stages=(DEV, MAT),
        growth_forces=(SCI, FIN),
        tool_types=(T.FUNDING, T.TECH_TRANSFER),
        beneficiaries=(B.RESEARCH, B.STARTUPS),
        business_models=(PRODUCT, PLATFORM),
        interviews=(5, (5, 4, 4, 5)),
        adaptations=(
            "Needs a TTO with people who can assess markets, not only patents.",
            "External committee members may have to come from another region.",
            "",
            "A regional development grant could seed the fund.",
        ),
    ),
    DemoPractice(
        slug="drug-discovery-unit-open-to-smes",
        owner="university-of-dundee",
        cluster="dundee-tayside",
        status=S.PUBLISHED,
        title="University drug discovery unit open to small companies",
        summary=(
            "An industrial-standard screening and medicinal chemistry unit inside the "
            "university takes on projects from academics and small companies, bridging basic "
            "research and pharmaceutical development."
        ),
        description=(
            "Staffed largely by scientists recruited from the pharmaceutical industry, the "
            "unit works to industry standards and makes its capabilities available to "
            "regional companies under collaboration agreements."
        ),
        problem=(
            "Academic targets and small companies' ideas stopped at the point where industrial "
            "screening and chemistry were needed, which neither could afford."
        ),
        how_it_works=(
            "Projects are selected by a board including industry members. The unit runs "
            "assays, screening and hit-to-lead chemistry; results feed licensing or company "
            "formation, with revenue sharing agreed at the start."
        ),
        results=(
            "Several projects licensed to companies within a few years, and the unit became a "
            "reason for companies to locate near the university."
        ),
        evidence_level=MONITORED,
        budget_range=GT1M,
        staff="About 30 scientists, many recruited from industry",
        dos=(
            "Recruit from industry: the unit's value is industrial practice inside academia.",
            "Agree revenue sharing before the work starts.",
            "Select projects with industry members on the board.",
        ),
        donts=(
            "Don't run it as an academic group measured on publications.",
            "Don't take on projects with no route to a licensee or a company.",
        ),
        lessons="Industrial scientists and academics learned from each other more than expected.",
        years=(2006, None),
        stages=(DEV, MAT),
        growth_forces=(SCI, IND),
        tool_types=(T.FACILITIES, T.TECH_TRANSFER),
        beneficiaries=(B.RESEARCH, B.SMES, B.LARGE_COMPANIES),
        business_models=(PRODUCT,),
        interviews=(3, (5, 2, 3, 5)),
        adaptations=(
            "Very costly; only a region with a strong biomedical research base should try.",
            "Could be run across several universities.",
        ),
    ),
    DemoPractice(
        slug="incubator-next-to-research-institute",
        owner="university-of-dundee",
        cluster="dundee-tayside",
        status=S.PUBLISHED,
        title="Life-science incubator built next to the research institute",
        summary=(
            "An incubator with laboratory space placed beside the university's life-science "
            "research buildings, so that spin-out founders keep daily access to colleagues, "
            "seminars and core facilities."
        ),
        description=(
            "The building sits a corridor away from the research groups its companies come "
            "from, with agreed access to the university's core facilities."
        ),
        problem=(
            "Spin-outs that moved to distant business parks lost touch with the science and "
            "with the students they hoped to hire."
        ),
        how_it_works=(
            "Tenants rent fitted labs and use core facilities at agreed internal rates; they "
            "may attend seminars and advertise jobs to students. The transfer office and the "
            "incubator share a front desk."
        ),
        results=(
            "Fully let within two years; most tenants are university spin-outs, and several "
            "hired their first staff from the neighbouring groups."
        ),
        evidence_level=MONITORED,
        budget_range=GT1M,
        staff="Incubator manager and facilities staff",
        dos=(
            "Give tenants access to core facilities at internal rates.",
            "Share the front desk with the technology transfer office.",
        ),
        donts=(
            "Don't build it across town for cheaper land; proximity is the point.",
            "Don't let tenants stay indefinitely on academic terms.",
        ),
        lessons="Proximity kept the science and the hiring pipeline alive.",
        years=(2004, None),
        stages=(DEV,),
        growth_forces=(SUP, SCI),
        tool_types=(T.INCUBATOR,),
        beneficiaries=(B.STARTUPS,),
        business_models=(PLATFORM, PRODUCT),
    ),
    DemoPractice(
        slug="academic-industry-research-consortium",
        owner="university-of-dundee",
        cluster="dundee-tayside",
        status=S.PUBLISHED,
        title="Academic–industry research consortium funded jointly by several pharma companies",
        summary=(
            "Several pharmaceutical companies jointly fund a university research unit in a "
            "pre-competitive field, receiving early access to reagents, data and people in "
            "exchange for a shared, fixed contribution."
        ),
        description=(
            "One contract, identical for all members, renewed every few years; the researchers "
            "keep the right to publish."
        ),
        problem=(
            "Companies each funded small, separate academic collaborations in the same field, "
            "with heavy negotiation and little shared benefit."
        ),
        how_it_works=(
            "Members pay an annual fee and sit on a steering committee. They get early access "
            "to reagents, compounds and unpublished results, and can recruit from the unit. "
            "Publication is delayed briefly for members to review, never blocked."
        ),
        results=(
            "The consortium has been renewed several times over a decade; funders evaluated it "
            "as a model for university–industry collaboration."
        ),
        evidence_level=EVALUATED,
        budget_range=GT1M,
        staff="Unit director and research staff funded by the consortium",
        dos=(
            "Pool companies around a pre-competitive field where each would otherwise work alone.",
            "Give every member the same rights in one contract.",
            "Deliver research materials (reagents, cell lines) fast: members value them most.",
        ),
        donts=(
            "Don't negotiate side deals with individual members; the single contract is the "
            "strength.",
            "Don't let confidentiality demands stop the researchers publishing.",
        ),
        lessons="A world-class research group made the model possible; the contract made it last.",
        years=(2003, None),
        stages=(MAT,),
        growth_forces=(SCI, COOP),
        tool_types=(T.TECH_TRANSFER,),
        beneficiaries=(B.LARGE_COMPANIES, B.RESEARCH),
        business_models=(PRODUCT, PLATFORM),
        interviews=(4, (5, 3, 2, 5)),
        adaptations=(
            "Requires a research group of international standing in the field.",
            "University contract offices must accept a multi-party agreement.",
            "",
            "Pharma companies are rarely present in emerging regions.",
        ),
    ),
    DemoPractice(
        slug="sme-access-clinical-research-facility",
        owner="university-of-dundee",
        cluster="dundee-tayside",
        status=S.SUBMITTED,
        title="Access for SMEs to the hospital's clinical research facility",
        summary=(
            "A standard agreement and price list let small companies run early clinical "
            "studies in the teaching hospital's research facility, with the hospital's "
            "research office as the single point of contact."
        ),
        description="Agreed between the university, the hospital and the regional agency.",
        problem=(
            "SMEs spent months negotiating each clinical study with the hospital and often "
            "went abroad instead."
        ),
        how_it_works=(
            "A template agreement, a published price list and a named coordinator in the "
            "research office; ethics and approvals are prepared with the company."
        ),
        results="Four SME studies in the first year.",
        evidence_level=ANECDOTAL,
        budget_range=K250,
        staff="1 FTE study coordinator",
        dos=("Publish prices and a template agreement.",),
        donts=("Don't require bespoke legal negotiation for standard studies.",),
        lessons="",
        years=(2007, None),
        stages=(DEV,),
        growth_forces=(SCI, SUP),
        tool_types=(T.FACILITIES, T.REGULATORY),
        beneficiaries=(B.HOSPITALS, B.SMES),
        business_models=(PRODUCT,),
    ),
    # ---- Essonne Chamber of Commerce (Genopole, Évry) ---------------------------------------
    DemoPractice(
        slug="genopole-style-startup-package-evry",
        owner="essonne-cci",
        cluster="genopole",
        status=S.PUBLISHED,
        title="Génopole-style start-up package in Évry: laboratory, seed grant and coaching",
        summary=(
            "A policy-driven package for new genomics and biotech companies in Évry: fitted "
            "laboratories in a dedicated building, a seed grant, access to the sequencing and "
            "genotyping platforms, and coaching by the cluster's business team."
        ),
        description=(
            "Built around a large public sequencing centre, the package was meant to create "
            "companies quickly in a place with no biotech tradition."
        ),
        problem=(
            "Évry had a major sequencing centre but few companies. A policy-driven cluster had "
            "to attract and create firms quickly, in a suburb researchers did not consider "
            "attractive."
        ),
        how_it_works=(
            "Selected projects move into an incubator building with equipped laboratories. "
            "The business team helps with plans and fundraising; a seed grant, often a "
            "repayable advance, comes from the cluster's partners; platforms are billed at "
            "reduced rates. The chamber handles company formalities and introductions to "
            "local industry."
        ),
        results=(
            "Dozens of companies created or attracted in the first decade. Survival was good "
            "but growth was slow, and several companies later moved to Paris. Indicators are "
            "monitored every year."
        ),
        evidence_level=MONITORED,
        budget_range=GT1M,
        staff="A business team of 5, plus incubator staff",
        dos=(
            "Bundle space, money and platform access so a founder deals with one team.",
            "Put the incubator within walking distance of the platforms its companies use.",
            "Track company growth after graduation, not just company creation.",
        ),
        donts=(
            "Don't expect the package alone to make a suburb attractive: housing, transport "
            "and schools matter to staff.",
            "Don't count companies that relocate for the grant and leave when it ends.",
        ),
        lessons=(
            "A policy-driven cluster can create companies quickly; keeping them requires the "
            "amenities that spontaneous clusters take for granted."
        ),
        years=(1999, None),
        stages=(EM, DEV),
        growth_forces=(SUP, FIN),
        tool_types=(T.INCUBATOR, T.FUNDING, T.FACILITIES),
        beneficiaries=(B.STARTUPS,),
        business_models=(PLATFORM, PRODUCT),
        interviews=(4, (4, 2, 2, 4)),
        adaptations=(
            "Requires a large public commitment over a decade.",
            "Partly transferable: the bundle of space and platform access.",
            "Needs a research platform of national standing as the anchor.",
        ),
    ),
    DemoPractice(
        slug="supplier-day-local-industry",
        owner="essonne-cci",
        cluster="genopole",
        status=S.PUBLISHED,
        title="Supplier day linking biotechs with local industrial subcontractors",
        summary=(
            "The chamber brings local engineering, precision mechanics and electronics firms "
            "together with biotech companies that need instruments, automation and "
            "maintenance, turning the cluster into customers for the region's traditional "
            "industry."
        ),
        description=(
            "A matchmaking day in reverse: biotechs present their technical needs, and "
            "subcontractors bid to meet them."
        ),
        problem=(
            "Biotech companies bought automation and custom equipment from far away, while "
            "capable subcontractors nearby knew nothing about the cluster."
        ),
        how_it_works=(
            "Biotech companies submit short needs sheets (a custom rack, a temperature-"
            "controlled enclosure, maintenance of a robot). Subcontractors read them in "
            "advance and request meetings; chamber engineers help translate between the two "
            "vocabularies."
        ),
        results=(
            "Three editions with about 25 biotechs and 60 subcontractors each; around 40 "
            "orders placed, some of which grew into regular supply relationships."
        ),
        evidence_level=MONITORED,
        budget_range=LT50K,
        staff="0.3 FTE at the chamber",
        dos=(
            "Collect concrete needs sheets from the biotechs before the day.",
            "Have an engineer translate between biologists' and mechanics' vocabularies.",
            "Invite the purchasing manager as well as the scientist.",
        ),
        donts=(
            "Don't invite subcontractors without needs to meet; they will not come twice.",
            "Don't present the cluster to industry in scientific terms.",
        ),
        lessons=(
            "The day changed how local politicians saw the cluster: as a customer of "
            "traditional industry, not a world apart."
        ),
        years=(2005, None),
        stages=(DEV,),
        growth_forces=(IND, COOP),
        tool_types=(T.EVENTS,),
        beneficiaries=(B.SMES, B.LARGE_COMPANIES),
        business_models=(PLATFORM, SERVICES),
        interviews=(3, (4, 5, 4, 4)),
        adaptations=(
            "Works where a traditional manufacturing base exists nearby.",
            "Chambers of commerce are well placed to run it.",
        ),
    ),
    DemoPractice(
        slug="welcome-service-foreign-researchers-evry",
        owner="essonne-cci",
        cluster="genopole",
        status=S.PUBLISHED,
        title="Bilingual welcome service for foreign researchers in Évry",
        summary=(
            "A single desk helps foreign scientists and their families with visas, residence "
            "permits, housing, bank accounts and schools, in French and in English."
        ),
        description=(
            "Run by the chamber with the prefecture and the main employers of the cluster."
        ),
        problem=(
            "Foreign recruits spent their first months dealing with paperwork in a language "
            "they did not speak, and some left early."
        ),
        how_it_works=(
            "Employers register new recruits before arrival. A named adviser prepares the "
            "file with the prefecture, arranges temporary housing and helps with school "
            "enrolment; a monthly welcome evening introduces newcomers to each other."
        ),
        results=(
            "Around 150 researchers and families helped a year; employers report shorter "
            "settling-in times and fewer early departures."
        ),
        evidence_level=MONITORED,
        budget_range=K250,
        staff="2 FTE advisers",
        dos=(
            "Start before arrival: the visa file is the first bottleneck.",
            "Agree a fast track with the prefecture for the cluster's employers.",
            "Look after partners and children; their happiness decides how long people stay.",
        ),
        donts=(
            "Don't limit the service to senior scientists; postdocs need it most.",
            "Don't run it only in French.",
        ),
        lessons=(
            "A good welcome became a recruiting argument that employers cited in their job offers."
        ),
        years=(2006, None),
        stages=(DEV, MAT),
        growth_forces=(SCI,),
        tool_types=(T.TALENT, T.INTERNATIONALISATION),
        beneficiaries=(B.RESEARCH, B.SMES),
        business_models=(HYBRID,),
        interviews=(5, (5, 5, 4, 4)),
        adaptations=(
            "Needs cooperation from the local immigration office.",
            "",
            "Could be shared by several employers in a smaller cluster.",
        ),
    ),
    DemoPractice(
        slug="biotech-for-bankers",
        owner="essonne-cci",
        cluster="genopole",
        status=S.CHANGES_REQUESTED,
        title="'Biotech for bankers': training local bank staff to assess life-science companies",
        summary=(
            "A two-day course teaches business advisers from local banks how biotech companies "
            "develop, earn money and fail, so they can finance them beyond the start-up phase."
        ),
        description="A course for the regional branches of three banks.",
        problem="Local banks turned away biotech companies they could not assess.",
        how_it_works=(
            "Cluster companies present their business; analysts explain milestones and "
            "typical financing routes."
        ),
        results="Twenty bank advisers trained.",
        evidence_level=ANECDOTAL,
        budget_range=LT50K,
        staff="0.2 FTE",
        dos=("Have company founders explain their own financing history.",),
        donts=("Don't promise banks that biotech lending is low-risk.",),
        lessons="",
        years=(2007, None),
        stages=(DEV,),
        growth_forces=(FIN,),
        tool_types=(T.FUNDING, T.TALENT),
        beneficiaries=(B.INVESTORS,),
        business_models=(PRODUCT,),
        comment=(
            "Please say who teaches and add the participants' feedback; the summary promises "
            "more than the results show."
        ),
    ),
    DemoPractice(
        slug="lyonbiopole-collaborative-project-labelling",
        owner="essonne-cci",
        cluster="lyonbiopole",
        status=S.PUBLISHED,
        title="Lyonbiopôle: labelling collaborative R&D projects before public funding",
        summary=(
            "The competitiveness cluster reviews and labels collaborative projects between "
            "companies and laboratories before they apply for national funding, improving "
            "their quality and their chances of success."
        ),
        description=(
            "Documented from a visit to a neighbouring French competitiveness cluster "
            "specialised in infectious diseases, vaccines and diagnostics."
        ),
        problem=(
            "National funds for collaborative R&D received many weak proposals, and companies "
            "did not know which laboratories to partner with."
        ),
        how_it_works=(
            "Consortia present a draft to the cluster's thematic committees, where experts "
            "from member companies and laboratories suggest partners and improvements. "
            "Labelled projects receive a support letter; for some funding lines the label is "
            "a condition."
        ),
        results=(
            "Labelled projects achieved high success rates in national calls. The 2008 "
            "national evaluation of competitiveness clusters reviewed the process."
        ),
        evidence_level=EVALUATED,
        budget_range=M1,
        staff="3 FTE project officers plus volunteer experts",
        dos=(
            "Use member experts to improve projects, not only to rank them.",
            "Help consortia find missing partners during the review.",
        ),
        donts=(
            "Don't label everything: a label that every project receives is worthless to funders.",
            "Don't let the largest members dominate the labelling committees.",
        ),
        lessons=("The review improved projects most when experts met the consortium face to face."),
        years=(2005, None),
        stages=(DEV,),
        growth_forces=(COOP, SCI),
        tool_types=(T.GRANTS, T.MANAGEMENT),
        beneficiaries=(B.LARGE_COMPANIES, B.SMES, B.RESEARCH),
        business_models=(PRODUCT,),
        interviews=(3, (4, 3, 2, 4)),
        adaptations=(
            "Only meaningful where a national funding line recognises the label.",
            "Experts must declare conflicts of interest.",
        ),
    ),
    # ---- Genoptics (Genopole) --------------------------------------------------------------
    DemoPractice(
        slug="instrument-sharing-startup-genomics-centre",
        owner="genoptics",
        cluster="genopole",
        status=S.PUBLISHED,
        title="Instrument sharing between a start-up and a public genomics centre",
        summary=(
            "A young instrument company places prototypes in a public genomics laboratory, "
            "which uses them for research and reports on their performance, while the company "
            "gains a reference site and saves on its own laboratory."
        ),
        description=(
            "A written agreement between an instrument start-up and a public laboratory of the "
            "same cluster."
        ),
        problem=(
            "The start-up needed real users to validate its prototypes, and the laboratory "
            "wanted new technology it could not buy yet."
        ),
        how_it_works=(
            "The company lends prototypes and trains users; the laboratory reports performance "
            "data monthly and may publish results after the company's review. IP on "
            "improvements to the instrument stays with the company; scientific results stay "
            "with the laboratory."
        ),
        results=(
            "Two instrument generations validated in the laboratory; the site became the "
            "company's main reference for its first customers."
        ),
        evidence_level=ANECDOTAL,
        budget_range=LT50K,
        staff="1 application scientist (part-time on site)",
        dos=(
            "Separate IP on the instrument from IP on the science in the agreement.",
            "Agree on monthly performance reports; informal feedback fades.",
        ),
        donts=("Don't place a prototype without someone from the company on site regularly.",),
        lessons="A demanding public user improved the product faster than friendly customers.",
        years=(2003, 2008),
        stages=(EM, DEV),
        growth_forces=(SCI, IND),
        tool_types=(T.FACILITIES, T.TECH_TRANSFER),
        beneficiaries=(B.STARTUPS, B.RESEARCH),
        business_models=(PLATFORM,),
    ),
    DemoPractice(
        slug="hospital-test-sites-diagnostics",
        owner="genoptics",
        cluster="genopole",
        status=S.DRAFT,
        title="Customer test sites in hospital laboratories for diagnostic instruments",
        summary=(
            "Hospital laboratories test a diagnostic instrument in routine conditions before "
            "launch, in exchange for early access and co-authorship of the evaluation."
        ),
        description="Being written up.",
        problem="Diagnostic start-ups lack routine clinical data before launch.",
        how_it_works="",
        results="",
        evidence_level=ANECDOTAL,
        budget_range=LT50K,
        staff="",
        dos=("Agree the evaluation protocol with the hospital biologists.",),
        donts=("Don't leave data ownership undefined.",),
        lessons="",
        years=(2008, None),
        stages=(DEV,),
        growth_forces=(IND,),
        tool_types=(T.REGULATORY,),
        beneficiaries=(B.HOSPITALS, B.STARTUPS),
        business_models=(PRODUCT,),
    ),
    # ---- Heidelberg Technology Park (BioRegion Rhine-Neckar) -------------------------------
    DemoPractice(
        slug="modular-laboratory-buildings",
        owner="heidelberg-technology-park",
        cluster="biorn",
        status=S.PUBLISHED,
        title="Modular laboratory buildings financed by the park company",
        summary=(
            "The park company finances and builds multi-tenant laboratory buildings in "
            "flexible modules, so growing biotechs expand within the same site instead of "
            "moving away."
        ),
        description=(
            "A property strategy for a mature cluster: space for the second and third stage of "
            "a company's life, after the incubator."
        ),
        problem=(
            "Companies that outgrew the incubator found no laboratory space in the city and "
            "moved to other regions."
        ),
        how_it_works=(
            "The park company, owned by the city and local banks, builds in phases when "
            "pre-letting reaches an agreed level. Buildings use a standard grid so modules can "
            "be joined or split; tenants fit out within a budget the park pre-finances and "
            "recovers through rent."
        ),
        results=("Four buildings in ten years, all let; most tenants are incubator graduates."),
        evidence_level=MONITORED,
        budget_range=GT1M,
        staff="Park company property team",
        dos=(
            "Build in phases triggered by pre-letting levels.",
            "Use a standard structural grid so modules can be combined.",
            "Pre-finance the fit-out and recover it through rent.",
        ),
        donts=(
            "Don't design for one tenant's needs; the next tenant will differ.",
            "Don't price as a developer seeking a quick return; the aim is to keep companies.",
        ),
        lessons="Space after incubation kept more companies than any grant did.",
        years=(1999, None),
        stages=(MAT,),
        growth_forces=(SUP, IND),
        tool_types=(T.INCUBATOR, T.FACILITIES),
        beneficiaries=(B.SMES, B.STARTUPS),
        business_models=(PRODUCT, PLATFORM),
        interviews=(3, (4, 3, 4, 4)),
        adaptations=(
            "Needs a park company with patient capital, such as the city or local banks.",
            "Demand must exist beyond the incubator.",
        ),
    ),
    DemoPractice(
        slug="regulatory-clinic-medtech-smes",
        owner="heidelberg-technology-park",
        cluster="biorn",
        status=S.PUBLISHED,
        title="Regulatory clinic for medtech and diagnostics SMEs",
        summary=(
            "Monthly half-day clinics where small medical-device and diagnostics companies "
            "bring one specific regulatory question (classification, CE marking route, "
            "clinical evidence) to an experienced notified-body auditor and a regulatory "
            "lawyer."
        ),
        description=(
            "A light, cheap service that catches regulatory mistakes at the design stage."
        ),
        problem=(
            "Small medtech firms underestimated CE marking and clinical evidence requirements "
            "and discovered the right classification late, after costly design decisions."
        ),
        how_it_works=(
            "Companies book 45-minute slots and send a one-page question beforehand. Experts "
            "are paid a fixed fee by the park; the first slot is free for companies. Recurring "
            "questions become short guides and a yearly workshop."
        ),
        results=(
            "About 120 consultations in three years. Companies report time saved on "
            "classification and on choosing a notified body; there is no formal evaluation."
        ),
        evidence_level=MONITORED,
        budget_range=LT50K,
        staff="Coordinator (0.2 FTE) and two paid experts",
        dos=(
            "Ask for the question in writing beforehand so the experts prepare.",
            "Turn recurring questions into public guides.",
            "Invite companies early, at the design stage, when advice is cheapest to follow.",
        ),
        donts=(
            "Don't use experts working for the company's own notified body; it creates conflicts.",
            "Don't let the clinic replace professional advice on a full dossier.",
        ),
        lessons=(
            "Most questions were about classification, which decides everything else; a "
            "ten-minute answer often saved months."
        ),
        years=(2005, None),
        stages=(DEV, MAT),
        growth_forces=(SUP,),
        tool_types=(T.REGULATORY,),
        beneficiaries=(B.SMES, B.HOSPITALS),
        business_models=(PRODUCT,),
        interviews=(4, (5, 5, 4, 4)),
        adaptations=(
            "Experts can come from outside the region for one day a month.",
            "",
            "Translate the guides into the national language.",
        ),
    ),
    DemoPractice(
        slug="talent-exchange-companies-hospitals",
        owner="heidelberg-technology-park",
        cluster="biorn",
        status=S.PUBLISHED,
        title="Cluster talent exchange between companies and university hospitals",
        summary=(
            "Clinicians spend time in biotech companies and company scientists in hospital "
            "departments, on secondments of one to six months, to build a shared understanding "
            "of unmet medical needs and clinical practice."
        ),
        description=(
            "A small grant scheme that removes the practical obstacles to secondments in both "
            "directions."
        ),
        problem=(
            "Companies designed products without understanding clinical routines, and "
            "clinicians with ideas did not know how a company worked."
        ),
        how_it_works=(
            "The cluster publishes secondment offers. The sending institution keeps paying the "
            "salary and a small grant covers travel and the replacement of the clinician's "
            "duties. Each secondee writes a short report on what changed."
        ),
        results=(
            "28 secondments in two years; half led to continued collaboration (a study, an "
            "advisory role, a product change)."
        ),
        evidence_level=MONITORED,
        budget_range=K250,
        staff="0.5 FTE coordinator",
        dos=(
            "Pay for the replacement of the clinician's duties, or the hospital cannot let "
            "them go.",
            "Use a standard template for confidentiality and IP.",
            "Start with short secondments of a month.",
        ),
        donts=(
            "Don't send only junior staff; the exchange works when decision-makers see the "
            "other side.",
            "Don't leave secondees alone: name a host mentor.",
        ),
        lessons=(
            "The replacement grant, not the secondment grant, unlocked hospital participation."
        ),
        years=(2006, None),
        stages=(DEV, MAT),
        growth_forces=(COOP, SCI),
        tool_types=(T.TALENT,),
        beneficiaries=(B.HOSPITALS, B.SMES, B.LARGE_COMPANIES),
        business_models=(PRODUCT,),
        interviews=(3, (5, 3, 3, 4)),
        adaptations=(
            "Hospital employment rules may forbid secondments; check first.",
            "Needs companies with products close to clinical use.",
        ),
    ),
    DemoPractice(
        slug="renewing-ageing-technology-park",
        owner="heidelberg-technology-park",
        cluster="biorn",
        status=S.SUBMITTED,
        title="Renewing an ageing technology park: refurbishment and re-tenanting plan",
        summary=(
            "A plan to refurbish the park's oldest laboratory buildings in stages while "
            "keeping tenants on site, and to re-let them to a new generation of companies."
        ),
        description="The first buildings of the park date from the 1980s.",
        problem=(
            "The oldest buildings no longer met tenants' technical needs and lost tenants to "
            "newer parks."
        ),
        how_it_works=(
            "Buildings are refurbished one wing at a time, tenants move temporarily to a "
            "swing space, and the re-let focuses on companies in new fields."
        ),
        results="Refurbishment of the first wing started in 2008.",
        evidence_level=ANECDOTAL,
        budget_range=GT1M,
        staff="Park company property team",
        dos=("Provide swing space so tenants stay on site during the works.",),
        donts=("Don't refurbish everything at once.",),
        lessons="",
        years=(2008, None),
        stages=(REN, MAT),
        growth_forces=(SUP,),
        tool_types=(T.INCUBATOR, T.FACILITIES),
        beneficiaries=(B.SMES,),
        business_models=(HYBRID,),
    ),
    DemoPractice(
        slug="biovalley-trinational-matchmaking",
        owner="heidelberg-technology-park",
        cluster="biovalley-upper-rhine",
        status=S.PUBLISHED,
        title="BioValley: trinational matchmaking and a joint brand across three countries",
        summary=(
            "French, German and Swiss life-science regions of the Upper Rhine market "
            "themselves under one name and organise matchmaking across the borders, working "
            "around differences of language and national funding rules."
        ),
        description=(
            "Documented as a cross-border example: a network that makes three small national "
            "clusters appear as one larger one to investors and companies."
        ),
        problem=(
            "Each national part of the region was too small to be visible internationally, "
            "and companies knew little about partners a few kilometres away across a border."
        ),
        how_it_works=(
            "A light umbrella organisation with national branches runs a common brand, a "
            "shared directory and matchmaking days held in turn in each country, with "
            "interpreting where needed. Projects are funded through cross-border EU "
            "programmes."
        ),
        results=(
            "The joint brand is widely recognised; matchmaking produced cross-border research "
            "projects and supply deals, though evidence is mostly monitored activity counts."
        ),
        evidence_level=MONITORED,
        budget_range=M1,
        staff="Small team in each of the three national branches",
        dos=(
            "Market one region to the outside world, even if the organisation stays national "
            "inside.",
            "Rotate events between the countries.",
            "Use cross-border EU programmes to fund joint projects.",
        ),
        donts=(
            "Don't merge the national organisations; their local funders will not follow.",
            "Don't assume a shared language; budget for interpreting.",
        ),
        lessons=(
            "The brand worked externally long before companies used the cross-border network "
            "internally."
        ),
        years=(1996, None),
        stages=(MAT,),
        growth_forces=(COOP,),
        tool_types=(T.INTERNATIONALISATION, T.BRANDING, T.EVENTS),
        beneficiaries=(B.SMES, B.LARGE_COMPANIES, B.RESEARCH),
        business_models=(PRODUCT, SERVICES),
        interviews=(4, (4, 4, 3, 4)),
        adaptations=(
            "Only for regions on a border with a neighbouring cluster.",
            "Needs an EU cross-border programme to fund the joint work.",
        ),
        country="DE",
    ),
    # ---- Munich Gruender Regio (BioM) ------------------------------------------------------
    DemoPractice(
        slug="pre-seed-coaching-munich",
        owner="munich-gruender-regio",
        cluster="munich-biom",
        status=S.PUBLISHED,
        title="Pre-seed coaching before the regional business plan competition",
        summary=(
            "Researchers with an idea receive ten hours of individual coaching from "
            "experienced founders before writing a business plan, so more scientists enter the "
            "competition and fewer drop out along the way."
        ),
        description=(
            "A small add-on to an established business plan competition, aimed at the "
            "researchers who would not otherwise enter."
        ),
        problem=(
            "Scientists were put off by the competition's business vocabulary, and those who "
            "entered often dropped out after the first round."
        ),
        how_it_works=(
            "Researchers apply with a half-page description. Coaches, all founders themselves, "
            "work through customer, market and team questions in five two-hour sessions; only "
            "then does the team write its plan for the competition."
        ),
        results=(
            "Entries from life-science researchers doubled, and coached teams were twice as "
            "likely to reach the final."
        ),
        evidence_level=MONITORED,
        budget_range=K250,
        staff="0.5 FTE coordinator and a pool of paid coaches",
        dos=(
            "Use founders as coaches, not consultants.",
            "Ask for half a page at entry; the threshold must be low.",
        ),
        donts=(
            "Don't push every team to enter the competition; some ideas should stop early, and "
            "that is a result too.",
        ),
        lessons="Lowering the first step mattered more than raising the prize.",
        years=(2000, None),
        stages=(DEV, MAT),
        growth_forces=(SUP,),
        tool_types=(T.TALENT, T.INCUBATOR),
        beneficiaries=(B.STARTUPS, B.RESEARCH),
        business_models=(PRODUCT, PLATFORM),
        interviews=(3, (4, 5, 4, 3)),
        adaptations=("Needs an existing business plan competition to feed.",),
    ),
    DemoPractice(
        slug="spin-off-support-martinsried-campus",
        owner="munich-gruender-regio",
        cluster="munich-biom",
        status=S.PUBLISHED,
        title="Spin-off support on the Martinsried research campus",
        summary=(
            "An advisory team on the campus serves researchers from the institutes and the "
            "university, with an agreed process for licences, equity and leave of absence for "
            "founders."
        ),
        description=(
            "The institutes on the campus agreed one process for spin-offs instead of "
            "negotiating each case differently."
        ),
        problem=(
            "Each institute handled spin-offs its own way, so founders spent months "
            "negotiating licences and leave, and investors faced unpredictable terms."
        ),
        how_it_works=(
            "A standard term sheet sets the licence and the institute's equity share. Founders "
            "can take up to three years' leave with a right to return. The on-campus team "
            "helps with plans and introduces investors."
        ),
        results=(
            "Negotiation times fell from months to weeks; the campus became one of Germany's "
            "densest sites of biotech spin-offs."
        ),
        evidence_level=MONITORED,
        budget_range=K250,
        staff="3 advisers",
        dos=(
            "Publish a standard term sheet for licences and equity.",
            "Give founders a right to return after leave; it lowers the personal risk.",
        ),
        donts=(
            "Don't ask for so much equity that investors walk away.",
            "Don't make every spin-off a special case.",
        ),
        lessons="Predictable terms attracted investors as much as good science did.",
        years=(2001, None),
        stages=(MAT,),
        growth_forces=(SCI,),
        tool_types=(T.TECH_TRANSFER,),
        beneficiaries=(B.RESEARCH, B.STARTUPS),
        business_models=(PRODUCT, PLATFORM),
        interviews=(4, (5, 4, 3, 4)),
        adaptations=(
            "Several institutes must agree on one term sheet.",
            "Employment law must allow leave with a right to return.",
        ),
    ),
    DemoPractice(
        slug="regional-seed-fund-public-anchor",
        owner="munich-gruender-regio",
        cluster="munich-biom",
        status=S.PUBLISHED,
        title="Regional seed fund with a public anchor investor and private managers",
        summary=(
            "A public bank commits the first share of a seed fund for life sciences and "
            "technology, managed privately, which brings in private investors who would not "
            "have entered alone."
        ),
        description=(
            "A fund-of-one structure: public money as anchor, private managers with carried "
            "interest, and a regional focus written into the fund's rules."
        ),
        problem=(
            "Venture funds did not invest at seed stage, and public grants could not provide "
            "the repeated rounds young companies needed."
        ),
        how_it_works=(
            "The public bank committed 40% of the fund on the same terms as private investors. "
            "An independent team manages it with carried interest and invests mostly in the "
            "region, keeping half the capital for follow-on rounds."
        ),
        results=(
            "An evaluation at year eight found the fund had invested in 24 companies, returned "
            "capital on several exits and drawn in co-investment of about three euros per "
            "euro invested."
        ),
        evidence_level=EVALUATED,
        budget_range=GT1M,
        staff="Independent fund management team",
        dos=(
            "Let an independent, incentivised private team manage the fund.",
            "Decide openly whether public money invests on equal terms or accepts a capped "
            "return to attract private investors.",
            "Reserve capital for follow-on rounds; seed-only funds get diluted out.",
        ),
        donts=(
            "Don't set regional investment quotas so tight that the managers cannot find "
            "enough deals.",
            "Don't judge the fund before its ten-year life is over.",
        ),
        lessons=(
            "The reserve for follow-on rounds protected the fund in the 2001–2003 downturn, "
            "when no one else would invest."
        ),
        years=(1999, 2008),
        stages=(DEV, MAT),
        growth_forces=(FIN,),
        tool_types=(T.FUNDING,),
        beneficiaries=(B.INVESTORS, B.STARTUPS),
        business_models=(PRODUCT, PLATFORM),
        interviews=(5, (5, 3, 3, 5)),
        adaptations=(
            "Needs a public bank or agency able to invest on market terms.",
            "Experienced fund managers may have to be recruited from outside the region.",
            "",
            "State-aid rules decide whether public money may accept a capped return.",
        ),
    ),
    DemoPractice(
        slug="corporate-venturing-dialogue",
        owner="munich-gruender-regio",
        cluster="munich-biom",
        status=S.REJECTED,
        title="Corporate venturing dialogue with big pharma",
        summary="Round tables where corporate venture units of pharma companies meet start-ups.",
        description="Two round tables a year.",
        problem="Start-ups rarely met corporate venture capital.",
        how_it_works="Invited start-ups present to a table of corporate investors.",
        results="",
        evidence_level=ANECDOTAL,
        budget_range=LT50K,
        staff="0.1 FTE",
        dos=("Prepare start-ups for the corporate investor's strategic questions.",),
        donts=("Don't invite more than six start-ups per table.",),
        lessons="",
        years=(2006, None),
        stages=(MAT,),
        growth_forces=(FIN,),
        tool_types=(T.EVENTS,),
        beneficiaries=(B.LARGE_COMPANIES, B.INVESTORS),
        business_models=(PRODUCT,),
        comment=(
            "This overlaps with the partnering conference already in the catalogue and does "
            "not describe any results of its own."
        ),
    ),
    DemoPractice(
        slug="bridge-programme-after-2001-downturn",
        owner="munich-gruender-regio",
        cluster="munich-biom",
        status=S.PUBLISHED,
        title="Bridge programme for biotech companies after the 2001 funding collapse",
        summary=(
            "When venture funding dried up after 2001, the region offered bridge loans, shared "
            "services and a consolidation desk to help viable biotechs survive, merge or wind "
            "down in an orderly way."
        ),
        description=(
            "A crisis programme for a cluster that had grown fast on venture money and faced "
            "many closures at once."
        ),
        problem=(
            "After the stock-market crash dozens of young companies faced closure at the same "
            "time, threatening to empty the cluster of experienced staff."
        ),
        how_it_works=(
            "A consolidation desk brokered mergers and asset sales. Bridge loans from the "
            "regional development bank required cost cuts and a credible financing plan. Staff "
            "of closing companies got placement help and incubator space to start again."
        ),
        results=(
            "Several mergers brokered. The cluster lost companies but kept most of its skilled "
            "staff in the region, according to its own monitoring."
        ),
        evidence_level=MONITORED,
        budget_range=GT1M,
        staff="2 FTE at the consolidation desk",
        dos=(
            "Act early, while companies still have cash to negotiate mergers.",
            "Keep the people, not the companies: skilled staff staying in the region is the "
            "real asset.",
            "Make bridge loans conditional on a credible plan.",
        ),
        donts=(
            "Don't keep zombie companies alive with public money.",
            "Don't treat closures as the cluster's failure; orderly exits free talent and space.",
        ),
        lessons=(
            "Companies founded by people from closed firms in 2003–2005 were among the "
            "cluster's best, which vindicated the focus on people."
        ),
        years=(2002, 2004),
        stages=(REN, MAT),
        growth_forces=(FIN, IND),
        tool_types=(T.FUNDING, T.MANAGEMENT),
        beneficiaries=(B.SMES, B.STARTUPS),
        business_models=(PRODUCT, PLATFORM),
        interviews=(3, (4, 3, 3, 3)),
        adaptations=(
            "Only relevant to clusters with many companies facing the same shock.",
            "A development bank must be able to lend at risk.",
        ),
    ),
    # ---- Biotech Valley (Sweden) -----------------------------------------------------------
    DemoPractice(
        slug="joint-web-portal-newsletter",
        owner="biotech-valley",
        cluster=None,
        status=S.PUBLISHED,
        title="Cluster marketing through a joint web portal and monthly newsletter",
        summary=(
            "Member organisations publish news, jobs and events on one portal and in one "
            "monthly newsletter, giving a small cluster a single voice towards investors, "
            "recruits and policy makers."
        ),
        description=("A modest communication tool that made a dispersed cluster visible as one."),
        problem=(
            "Members communicated separately, so the cluster was invisible from outside and "
            "members knew little of each other's news."
        ),
        how_it_works=(
            "Members post directly after a short training; a part-time editor checks and "
            "compiles the monthly newsletter. Job advertisements are free for members."
        ),
        results=(
            "About 2,500 newsletter subscribers after three years; job advertisements are the "
            "most visited pages. Effects beyond visibility are anecdotal."
        ),
        evidence_level=ANECDOTAL,
        budget_range=LT50K,
        staff="0.3 FTE editor",
        dos=(
            "Let members post directly; an editor who writes everything becomes a bottleneck.",
            "Make job advertisements free: they bring the readers.",
        ),
        donts=(
            "Don't launch a newsletter without a year's worth of editorial capacity.",
            "Don't publish members' press releases unedited.",
        ),
        lessons="Jobs, not news, made people come back.",
        years=(2004, None),
        stages=(DEV,),
        growth_forces=(COOP,),
        tool_types=(T.BRANDING,),
        beneficiaries=(B.SMES, B.INVESTORS, B.POLICY_MAKERS),
        business_models=(HYBRID,),
        country="SE",
    ),
    DemoPractice(
        slug="investor-roadshow-capital",
        owner="biotech-valley",
        cluster=None,
        status=S.REJECTED,
        title="Regional biotech road-show to investors in the capital",
        summary="A day of company presentations to investors in Stockholm.",
        description="Planned for autumn.",
        problem="Regional companies are unknown to investors in the capital.",
        how_it_works="Eight companies present to invited investors.",
        results="",
        evidence_level=ANECDOTAL,
        budget_range=LT50K,
        staff="",
        dos=("Select companies that are ready to raise money.",),
        donts=("Don't present companies without a financing plan.",),
        lessons="",
        years=(2007, None),
        stages=(DEV,),
        growth_forces=(FIN,),
        tool_types=(T.EVENTS,),
        beneficiaries=(B.INVESTORS,),
        business_models=(PRODUCT,),
        comment=(
            "This is an announcement of an event that has not yet taken place; please submit "
            "it again once it has run and results are known."
        ),
        country="SE",
    ),
    DemoPractice(
        slug="uppsala-industry-led-initiative",
        owner="biotech-valley",
        cluster="uppsala-bio",
        status=S.PUBLISHED,
        title="Uppsala BIO: an industry-led cluster initiative with a shared agenda",
        summary=(
            "A cluster initiative led by company chief executives rather than public officials "
            "agreed a few shared priorities (recruitment, business development, process "
            "technology) and won national funding for regional growth to pursue them."
        ),
        description=(
            "Documented as a neighbouring example of industry leadership in a cluster initiative."
        ),
        problem=(
            "Earlier public initiatives struggled to engage the region's companies, which saw "
            "them as officials' projects."
        ),
        how_it_works=(
            "A board with a majority of company leaders set three priorities and a small team "
            "runs programmes for each. A national competition for regional growth initiatives "
            "provides multi-year funding, matched by members."
        ),
        results=(
            "Companies stayed engaged beyond the first funding period, and the initiative was "
            "renewed after review."
        ),
        evidence_level=EVALUATED,
        budget_range=GT1M,
        staff="Small core team",
        dos=(
            "Give companies a majority on the board.",
            "Pick no more than three priorities.",
            "Use multi-year national funding to plan beyond one budget year.",
        ),
        donts=(
            "Don't let the initiative become a channel for public money to the same institutions.",
        ),
        lessons="Industry leadership made companies treat the initiative as their own.",
        years=(2003, None),
        stages=(DEV,),
        growth_forces=(COOP, IND),
        tool_types=(T.MANAGEMENT,),
        beneficiaries=(B.LARGE_COMPANIES, B.SMES, B.POLICY_MAKERS),
        business_models=(PLATFORM, PRODUCT),
        interviews=(3, (5, 4, 4, 4)),
        adaptations=(
            "Needs company leaders willing to give time; harder where firms are very small.",
            "A national funding competition helps.",
        ),
    ),
    # ---- East Jutland Innovation (Aarhus) --------------------------------------------------
    DemoPractice(
        slug="agro-food-biotech-bridge",
        owner="east-jutland-innovation",
        cluster="aarhus-incuba",
        status=S.PUBLISHED,
        title="Bridge programme between agro-biotech research and the food industry",
        summary=(
            "Joint seminars, short feasibility projects and shared PhD students connect the "
            "university's agricultural and food science research with the region's large food "
            "and feed companies."
        ),
        description=(
            "A programme that builds on the region's industrial strengths instead of "
            "copying pharma-centred clusters."
        ),
        problem=(
            "Strong agricultural research and a large food industry sat side by side with "
            "little joint work; biotech policy focused on medicine."
        ),
        how_it_works=(
            "Quarterly seminars on one theme each (enzymes, feed, food safety) bring both "
            "sides together. Companies can commission feasibility projects of up to three "
            "months, co-funded by the programme, and co-supervise industrial PhD students."
        ),
        results=(
            "Some 20 feasibility projects and 8 industrial PhDs in four years; several "
            "projects continued as company-funded research."
        ),
        evidence_level=MONITORED,
        budget_range=M1,
        staff="1.5 FTE",
        dos=(
            "Build on the region's industrial strengths rather than copying medical biotech.",
            "Offer short feasibility projects as a low-risk first step.",
            "Use industrial PhDs to tie companies to research groups for years.",
        ),
        donts=(
            "Don't frame everything as 'biotech'; food companies respond to food-industry "
            "language.",
        ),
        lessons=(
            "Large food companies were more reliable partners than expected, once projects "
            "were framed in their own terms."
        ),
        years=(2003, None),
        stages=(DEV,),
        growth_forces=(IND, COOP),
        tool_types=(T.TECH_TRANSFER, T.EVENTS),
        beneficiaries=(B.LARGE_COMPANIES, B.RESEARCH),
        business_models=(SERVICES, HYBRID),
    ),
    DemoPractice(
        slug="business-doctor-hours-incubator",
        owner="east-jutland-innovation",
        cluster="aarhus-incuba",
        status=S.PUBLISHED,
        title="Weekly 'business doctor' open hours in the incubator",
        summary=(
            "Every week an experienced adviser holds open hours in the incubator where any "
            "tenant can drop in with a problem, from a contract clause to a conflict between "
            "founders."
        ),
        description=(
            "A low-threshold complement to formal coaching: no appointment, no application, no "
            "report."
        ),
        problem=(
            "Tenants did not ask for help with small problems until they became large ones; "
            "formal coaching felt like an exam."
        ),
        how_it_works=(
            "The same adviser sits in the incubator's café every Thursday afternoon. Founders "
            "drop in; the adviser answers, refers them to a specialist or books a longer "
            "session. Topics are logged anonymously to plan workshops."
        ),
        results=(
            "About 200 consultations a year; the log showed that contracts and founder "
            "conflicts were the commonest topics, and two workshops were created in response."
        ),
        evidence_level=MONITORED,
        budget_range=LT50K,
        staff="1 adviser, half a day a week",
        dos=(
            "Keep the same person, at the same time, in the same visible place.",
            "Log topics anonymously to see what workshops to offer.",
        ),
        donts=(
            "Don't make drop-in visits conditions for anything; they must stay voluntary.",
            "Don't report individual visits to the incubator management.",
        ),
        lessons="Founders brought personal and team issues they never raised in formal reviews.",
        years=(2002, None),
        stages=(EM, DEV),
        growth_forces=(SUP,),
        tool_types=(T.INCUBATOR, T.MANAGEMENT),
        beneficiaries=(B.STARTUPS,),
        business_models=(HYBRID,),
        interviews=(4, (5, 5, 5, 4)),
        adaptations=(
            "Cheap and easy anywhere with an incubator.",
            "",
            "The adviser must be trusted: pick someone independent of the management.",
        ),
    ),
    DemoPractice(
        slug="summer-startup-camp-life-science-students",
        owner="east-jutland-innovation",
        cluster="aarhus-incuba",
        status=S.ARCHIVED,
        title="Summer start-up camp for life-science students",
        summary=(
            "A two-week camp where mixed teams of life-science and business students develop "
            "a company idea from a university invention and present it to investors."
        ),
        description=(
            "Archived in 2007, when the university launched its own entrepreneurship programme."
        ),
        problem="Life-science students had no contact with entrepreneurship during their studies.",
        how_it_works=(
            "Teams pick an invention from the transfer office's portfolio, receive daily "
            "coaching and present on the last day."
        ),
        results="About 40 students a year; two teams founded companies.",
        evidence_level=MONITORED,
        budget_range=K250,
        staff="1 coordinator for three months",
        dos=(
            "Mix life-science and business students in every team.",
            "Use real inventions from the transfer office.",
        ),
        donts=("Don't expect companies; the main effect is on careers.",),
        lessons="The camp's format moved into the university curriculum, which was the aim.",
        years=(2004, 2007),
        stages=(EM,),
        growth_forces=(SCI,),
        tool_types=(T.TALENT, T.EVENTS),
        beneficiaries=(B.RESEARCH, B.STARTUPS),
        business_models=(HYBRID,),
        interviews=(2, (3, 4, 3, 2)),
        adaptations=("Better placed inside the university curriculum.",),
    ),
    DemoPractice(
        slug="medicon-valley-cross-border-organisation",
        owner="east-jutland-innovation",
        cluster="medicon-valley",
        status=S.PUBLISHED,
        title="Medicon Valley: a cross-border cluster organisation spanning the Øresund",
        summary=(
            "Danish and Swedish universities, hospitals, companies and regions fund one "
            "cluster organisation for the life sciences on both sides of the strait, with "
            "common events, a common brand and shared studies."
        ),
        description=(
            "Documented as a comparator for cross-border clusters: the organisation was "
            "founded as a bridge made daily commuting between the two cities possible."
        ),
        problem=(
            "Two life-science communities a short distance apart were separated by a national "
            "border, different rules and little contact."
        ),
        how_it_works=(
            "Members on both sides pay fees; the organisation runs events, studies of the "
            "region and international marketing under one brand, and lobbies both "
            "governments on cross-border obstacles such as tax and social security for "
            "commuters."
        ),
        results=(
            "The brand became internationally known and cross-border commuting grew, although "
            "tax and social-security obstacles remained. Activity indicators are monitored."
        ),
        evidence_level=MONITORED,
        budget_range=GT1M,
        staff="Secretariat of about 10",
        dos=(
            "Lobby on concrete cross-border obstacles (tax, social security, recognition of "
            "qualifications).",
            "Fund the organisation from both sides, so neither owns it.",
        ),
        donts=("Don't expect infrastructure alone (a bridge) to create a single labour market.",),
        lessons=(
            "Physical links opened the door; national rules on tax and social security "
            "decided how far people walked through it."
        ),
        years=(1997, None),
        stages=(MAT,),
        growth_forces=(COOP,),
        tool_types=(T.INTERNATIONALISATION, T.BRANDING, T.MANAGEMENT),
        beneficiaries=(B.LARGE_COMPANIES, B.SMES, B.HOSPITALS, B.RESEARCH),
        business_models=(PRODUCT,),
        interviews=(4, (4, 3, 3, 4)),
        adaptations=(
            "Relevant only to regions on a national border.",
            "Needs both national governments to address commuters' tax issues.",
        ),
        country="DK",
    ),
    # ---- South Great Plain Regional Development Agency (Szeged) ----------------------------
    DemoPractice(
        slug="structural-funds-biotech-incubator-szeged",
        owner="south-great-plain-rda",
        cluster="szeged-brc",
        status=S.PUBLISHED,
        title="Structural funds package to build a biotech incubator in Szeged",
        summary=(
            "The regional development agency combined EU structural funds, a national grant "
            "and the city's land to build a biotech incubator next to the biological research "
            "centre, choosing the operator before construction began."
        ),
        description=(
            "A funding and governance package for a region with strong research and almost no "
            "biotech companies."
        ),
        problem=(
            "The region had an internationally known research centre but almost no biotech "
            "companies, and no place where a spin-off could rent a laboratory."
        ),
        how_it_works=(
            "The agency prepared the application, negotiated the match funding and ran an open "
            "call for an operator (a company owned by the university and local investors), who "
            "then took part in designing the building. The operator selects tenants together "
            "with the research centre."
        ),
        results=(
            "The building opened half let and was 80% occupied by 14 companies by 2008. "
            "Occupancy and jobs are reported to the managing authority."
        ),
        evidence_level=MONITORED,
        budget_range=GT1M,
        staff="Agency project team of 2; operator staff of 4",
        dos=(
            "Choose the operator before the architect: operators know what tenants need.",
            "Build next to the research centre whose people will found the companies.",
            "Plan the operating budget for five years, not only the construction.",
        ),
        donts=(
            "Don't build laboratories without a demand study based on real project pipelines.",
            "Don't let funding deadlines dictate the design.",
        ),
        lessons=(
            "The operator's early involvement avoided the empty, badly designed buildings seen "
            "elsewhere in the region."
        ),
        years=(2004, 2008),
        stages=(EM,),
        growth_forces=(SUP, SCI),
        tool_types=(T.INCUBATOR, T.GRANTS),
        beneficiaries=(B.POLICY_MAKERS, B.STARTUPS),
        business_models=(PRODUCT, PLATFORM),
        interviews=(4, (5, 4, 3, 4)),
        adaptations=(
            "Depends on structural-fund eligibility.",
            "A research centre of standing must be next door.",
            "",
            "In Csongrád County the city provided the land; elsewhere land may be the obstacle.",
        ),
    ),
    DemoPractice(
        slug="cluster-accreditation-scheme",
        owner="south-great-plain-rda",
        cluster="szeged-brc",
        status=S.PUBLISHED,
        title="Cluster accreditation that unlocks regional development funding",
        summary=(
            "A national scheme accredits cluster organisations that meet published criteria "
            "(members, joint projects, services, financing) and reserves funding calls for "
            "accredited clusters, pushing loose networks to become working organisations."
        ),
        description=(
            "Described from the point of view of a regional agency helping its clusters "
            "through accreditation."
        ),
        problem=(
            "Many 'clusters' existed only on paper, created to apply for grants, and funding "
            "was spread thinly among them."
        ),
        how_it_works=(
            "Clusters apply with evidence of members, joint projects and services; an "
            "independent panel accredits them for a few years. Accredited clusters can apply "
            "to reserved calls. The regional agency coaches applicants."
        ),
        results=(
            "Fewer, more active clusters; critics say the criteria favour size over quality. "
            "Monitoring of accredited clusters is ongoing."
        ),
        evidence_level=MONITORED,
        budget_range=M1,
        staff="Agency coaching team of 2",
        dos=(
            "Publish the criteria and let an independent panel apply them.",
            "Limit accreditation to a few years and require renewal.",
        ),
        donts=(
            "Don't reward member counts alone; they are easy to inflate.",
            "Don't reserve so much funding that accreditation becomes the only goal.",
        ),
        lessons=(
            "Accreditation helped clusters professionalise but encouraged box-ticking; the "
            "evidence asked for matters more than the label."
        ),
        years=(2007, None),
        stages=(EM, DEV),
        growth_forces=(SUP, COOP),
        tool_types=(T.MANAGEMENT, T.GRANTS),
        beneficiaries=(B.POLICY_MAKERS, B.SMES),
        business_models=(HYBRID,),
        interviews=(3, (3, 3, 2, 3)),
        adaptations=(
            "Needs a national programme; a region alone cannot accredit.",
            "Criteria must fit small regions too.",
        ),
    ),
    DemoPractice(
        slug="research-centre-technology-offer-catalogue",
        owner="south-great-plain-rda",
        cluster="szeged-brc",
        status=S.PUBLISHED,
        title="Technology offer catalogue of the research centre for local industry",
        summary=(
            "The research centre's technologies, services and instruments are described in "
            "plain language in a catalogue for companies, with a named contact for each entry."
        ),
        description=(
            "A printed and online catalogue written for companies rather than for scientists."
        ),
        problem=(
            "Companies did not know what the research centre could do for them, and "
            "scientific websites did not tell them."
        ),
        how_it_works=(
            "Agency staff interviewed each research group and wrote one-page entries with "
            "applications, available services and a contact; groups approved their entries. "
            "The catalogue is updated yearly and presented at industry events."
        ),
        results=(
            "About 60 entries; groups report more enquiries from companies, but these are not "
            "yet systematically recorded."
        ),
        evidence_level=ANECDOTAL,
        budget_range=LT50K,
        staff="0.5 FTE for six months, then updates",
        dos=(
            "Write for companies: applications first, science second.",
            "Name a contact person for every entry.",
        ),
        donts=("Don't let the catalogue age; out-of-date contacts destroy trust quickly.",),
        lessons="Writing the entries made researchers think about applications for the first time.",
        years=(2005, None),
        stages=(EM,),
        growth_forces=(SCI,),
        tool_types=(T.TECH_TRANSFER, T.BRANDING),
        beneficiaries=(B.SMES, B.RESEARCH),
        business_models=(PLATFORM,),
        interviews=(1, (3, 4, 3, 3)),
        adaptations=("Easy to copy; keep it updated.",),
    ),
    DemoPractice(
        slug="diaspora-scientists-network-szeged",
        owner="south-great-plain-rda",
        cluster="szeged-brc",
        status=S.DRAFT,
        title="Network of Hungarian scientists abroad for the Szeged cluster",
        summary=(
            "A register and yearly meeting of Hungarian life scientists working abroad, who "
            "advise, host young researchers and open doors for the region's companies."
        ),
        description="Being prepared with the university's alumni office.",
        problem="Hungarian scientists abroad have no organised link with the region.",
        how_it_works="",
        results="",
        evidence_level=ANECDOTAL,
        budget_range=LT50K,
        staff="",
        dos=("Ask members for small, specific favours rather than general support.",),
        donts=("Don't treat the diaspora only as future returnees.",),
        lessons="",
        years=(2008, None),
        stages=(EM,),
        growth_forces=(SCI,),
        tool_types=(T.INTERNATIONALISATION, T.TALENT),
        beneficiaries=(B.RESEARCH, B.POLICY_MAKERS),
        business_models=(HYBRID,),
    ),
)

# The published practice that has an edit waiting for the coordinator's approval.
PENDING_REVISION = {
    "slug": "investor-readiness-bootcamp",
    "changes": {
        "results": (
            "Of the 73 teams trained in the first five years, 27 closed a seed or Series A "
            "round within 18 months. Panel investors say bootcamp alumni need fewer meetings "
            "to reach a decision. The cluster tracks alumni financing as a standing indicator."
        ),
    },
}
