# ruff: noqa: E501 (the table of needs reads better with one line per cell)
"""Business models of biotech companies and the services they need at each stage.

NETBIOCLUE described the business models of the companies a cluster serves and the
services they need. This table keeps that knowledge as data: for each business model of
the shared vocabulary and each life-cycle stage, the services companies need and the
tool types (vocabulary) that provide them. Pages link each cell to the practices of the
catalogue with that business model, stage and tool type. The wording is illustrative
(the project's own tables are not available to us).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from netbioclue.vocabulary import BusinessModel, Stage, ToolType

T = ToolType


@dataclass(frozen=True)
class Need:
    services: tuple
    tools: tuple[ToolType, ...]


NEEDS: dict[str, dict[str, Need]] = {
    BusinessModel.PLATFORM: {
        Stage.EMERGING: Need((_("Access to shared instruments"), _("Proof-of-concept grants")),
                             (T.FACILITIES, T.GRANTS)),
        Stage.DEVELOPING: Need((_("First industrial customers"), _("IP strategy for platforms")),
                               (T.EVENTS, T.REGULATORY)),
        Stage.MATURE: Need((_("International partnering"), _("Licensing deals")),
                           (T.INTERNATIONALISATION, T.TECH_TRANSFER)),
        Stage.RENEWING: Need((_("Pivot to new applications"), _("Retraining staff")),
                             (T.TALENT, T.TECH_TRANSFER)),
    },
    BusinessModel.PRODUCT: {
        Stage.EMERGING: Need((_("Incubation with wet labs"), _("Seed capital")),
                             (T.INCUBATOR, T.FUNDING)),
        Stage.DEVELOPING: Need((_("Venture rounds and co-investment"), _("Regulatory advice for trials")),
                               (T.FUNDING, T.REGULATORY)),
        Stage.MATURE: Need((_("Alliances with large pharma"), _("Clinical networks with hospitals")),
                           (T.EVENTS, T.INTERNATIONALISATION)),
        Stage.RENEWING: Need((_("Portfolio reuse and spin-outs"), _("Bridge funding")),
                             (T.FUNDING, T.MANAGEMENT)),
    },
    BusinessModel.SERVICES: {
        Stage.EMERGING: Need((_("Quality certification"), _("Local demand from research")),
                             (T.REGULATORY, T.EVENTS)),
        Stage.DEVELOPING: Need((_("Marketing to foreign clients"), _("Skilled technicians")),
                               (T.BRANDING, T.TALENT)),
        Stage.MATURE: Need((_("Scale-up capacity"), _("Export support")),
                           (T.FACILITIES, T.INTERNATIONALISATION)),
        Stage.RENEWING: Need((_("New service lines"), _("Shared facilities from closed sites")),
                             (T.FACILITIES, T.MANAGEMENT)),
    },
    BusinessModel.HYBRID: {
        Stage.EMERGING: Need((_("Mentoring on business models"), _("Grants and vouchers")),
                             (T.MANAGEMENT, T.GRANTS)),
        Stage.DEVELOPING: Need((_("Revenue from services while products mature"), _("Investor readiness")),
                               (T.FUNDING, T.MANAGEMENT)),
        Stage.MATURE: Need((_("Choosing what to spin off"), _("International partnering")),
                           (T.TECH_TRANSFER, T.INTERNATIONALISATION)),
        Stage.RENEWING: Need((_("Refocusing on the profitable line"), _("Talent redeployment")),
                             (T.TALENT, T.MANAGEMENT)),
    },
}  # fmt: skip


def needs_for_stage(stage: str) -> list[tuple[BusinessModel, Need]]:
    """What companies of each business model need at ``stage``."""
    return [(BusinessModel(model), NEEDS[model][stage]) for model in BusinessModel]
