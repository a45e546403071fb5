"""The completeness meter of a cluster profile, and when a profile is provisional.

A profile has ``len(COMPLETENESS_FIELDS) + 2`` items: each editable profile field filled
in, a stage assessment, and indicator values for at least half of the indicators. A
profile below ``PROVISIONAL_BELOW`` per cent is shown as *provisional* (listed, never
hidden: new clusters are welcome before they have much data).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from clusters.fields import COMPLETENESS_FIELDS, PROFILE
from clusters.models import Cluster

PROVISIONAL_BELOW = 60


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list[str]

    @property
    def provisional(self) -> bool:
        return self.percent < PROVISIONAL_BELOW


def completeness(
    cluster: Cluster, *, has_assessment: bool, indicators_reported: int, indicators_total: int
) -> Completeness:
    missing = [
        str(PROFILE[name].label)
        for name in COMPLETENESS_FIELDS
        if getattr(cluster, name) in (None, "")
    ]
    if not has_assessment:
        missing.append(_("Stage assessment"))
    if indicators_total and indicators_reported * 2 < indicators_total:
        missing.append(
            _("Indicator values (%(reported)d of %(total)d indicators reported)")
            % {"reported": indicators_reported, "total": indicators_total}
        )
    items = len(COMPLETENESS_FIELDS) + 2
    return Completeness(percent=round((items - len(missing)) * 100 / items), missing=missing)
