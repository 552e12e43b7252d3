"""The militia's published figures (core's figures registry), aggregates only: for a territory and a
period, counted from the roster on the reference date of that year's reorganisation covering the
territory (a county's own before the city's); none when there is no such reorganisation.

- New-type share: primary militia counted (on the roster and eligible by age that day) in units of
  new-type forces (新质力量) over all primary militia counted, in percent, cut to two decimals.
- Primary strength: the primary militia counted.
- Targets met: the reorganisation's targets in the territory reached on the reference date.
- Muster turnout: members present over members called at the reorganisation's musters in the territory.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from heluo.core.figures import Figure, Period, Sentence, Territory, register_figure, register_sentence
from heluo.core.figures.writing import Writing

from .models import Muster, MusterAttendance, ReorganisationTarget
from .rules.composition import turnout
from .rules.share import new_type_share
from .services.reorganisation import city_age_limits, counted, reorganisation_for, roster, target_progress

NEW_TYPE_SHARE = "militia.new_type_share"
PRIMARY_STRENGTH = "militia.primary_strength"
TARGETS_MET = "militia.targets_met"
MUSTER_TURNOUT = "militia.muster_turnout"


def new_type_share_of(territory: Territory, period: Period) -> Decimal | None:
    reorganisation = reorganisation_for(territory, period.end.year)
    if reorganisation is None:
        return None
    day = reorganisation.reference_date
    return new_type_share((r.entry for r in roster(territory, day)), day, city_age_limits(day)).percent


def primary_strength(territory: Territory, period: Period) -> int | None:
    reorganisation = reorganisation_for(territory, period.end.year)
    if reorganisation is None:
        return None
    day = reorganisation.reference_date
    limits = city_age_limits(day)
    return sum(1 for r in roster(territory, day) if r.entry.primary and counted(r, day, limits))


def targets_met(territory: Territory, period: Period) -> int | None:
    reorganisation = reorganisation_for(territory, period.end.year)
    if reorganisation is None:
        return None
    targets = territory.filter(
        ReorganisationTarget.objects.filter(reorganisation=reorganisation).select_related("division"),
        "division",
    )
    day = reorganisation.reference_date
    progress = target_progress(targets, day, city_age_limits(day))
    return sum(1 for item in progress if item.progress.met)


def muster_turnout(territory: Territory, period: Period) -> Decimal | None:
    reorganisation = reorganisation_for(territory, period.end.year)
    if reorganisation is None:
        return None
    musters = territory.filter(Muster.objects.filter(reorganisation=reorganisation), "unit__division")
    called = MusterAttendance.objects.filter(muster__in=musters)
    return turnout(called.filter(present=True).count(), called.count()).percent


register_figure(
    Figure(NEW_TYPE_SHARE, _("share of new-type forces in the primary militia"), "militia", new_type_share_of,
           unit="%", writing=Writing("percent", decimals=2),
           description=_("Primary militia on the roster and eligible by age on the reorganisation's reference "
                         "date in units of new-type forces ÷ all such primary militia.")),
    Figure(PRIMARY_STRENGTH, _("primary militia"), "militia", primary_strength, unit="名",
           description=_("Primary militia on the roster and eligible by age on the reorganisation's reference date.")),
    Figure(TARGETS_MET, _("reorganisation targets met"), "militia", targets_met, unit="项",
           description=_("The reorganisation's targets in the territory reached on its reference date.")),
    Figure(MUSTER_TURNOUT, _("muster turnout"), "militia", muster_turnout, unit="%",
           writing=Writing("percent", decimals=2),
           description=_("Members present ÷ members called at the reorganisation's musters.")),
)  # fmt: skip
register_sentence(
    Sentence(
        "militia.reorganisation",
        "militia",
        "{period}民兵整组，{territory}基干民兵{strength}，其中新质力量占比{share}，完成建设任务{targets}，集结点验到点率{turnout}。",
        {
            "strength": PRIMARY_STRENGTH,
            "share": NEW_TYPE_SHARE,
            "targets": TARGETS_MET,
            "turnout": MUSTER_TURNOUT,
        },
        _("The militia reorganisation"),
    )
)
