"""Training's, equipment's and inspections' published figures (aggregates only, never a member):

- training hours: the hours of the sessions the territory's units held in the period;
- units behind their training: primary units not disbanded by the period's last day whose hours by that
  day fall short of the outline's, pro rata (heluo.militia.rules.training);
- equipment items: the items of the reserves held by the territory's departments, listed by the
  period's last day;
- open inspection findings: findings made by the period's last day and not rectified by then.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from heluo.core.figures import Figure, Period, Territory, register_figure

from .models import EquipmentItem, Finding, MilitiaUnit, TrainingSession
from .services.training import units_progress

TRAINING_HOURS = "militia.training_hours"
UNITS_BEHIND_TRAINING = "militia.units_behind_training"
EQUIPMENT_ITEMS = "militia.equipment_items"
OPEN_FINDINGS = "militia.open_findings"


def training_hours(territory: Territory, period: Period) -> Decimal:
    held = TrainingSession.objects.filter(held_on__gte=period.start, held_on__lte=period.end)
    total = territory.filter(held, "unit__division").aggregate(hours=Sum("hours"))["hours"]
    return total or Decimal(0)


def units_behind_training(territory: Territory, period: Period) -> int:
    units = territory.filter(
        MilitiaUnit.objects.filter(Q(disbanded_on__isnull=True) | Q(disbanded_on__gt=period.end)), "division"
    )
    return sum(1 for row in units_progress(units, period.end) if row.progress.behind)


def equipment_items(territory: Territory, period: Period) -> int:
    listed = EquipmentItem.objects.filter(created_at__lt=period.end_at)
    return territory.filter(listed, "department__division").count()


def open_findings(territory: Territory, period: Period) -> int:
    found = Finding.objects.filter(created_at__lt=period.end_at).filter(
        Q(rectified_on__isnull=True) | Q(rectified_on__gt=period.end)
    )
    return territory.filter(found, "department__division").count()


FIGURES = (
    Figure(TRAINING_HOURS, _("militia training hours"), "militia", training_hours, unit="小时",
           description=_("Hours of the training sessions the territory's militia units held in the period.")),
    Figure(UNITS_BEHIND_TRAINING, _("militia units behind their training hours"), "militia",
           units_behind_training, unit="个",
           description=_("Units whose hours by the period's last day fall short of the outline's, pro rata.")),
    Figure(EQUIPMENT_ITEMS, _("items of the militia equipment reserves"), "militia", equipment_items, unit="项",
           description=_("Items of the equipment reserves listed by the period's last day.")),
    Figure(OPEN_FINDINGS, _("open militia inspection findings"), "militia", open_findings, unit="条",
           description=_("Inspection findings made by the period's last day and not rectified by then.")),
)  # fmt: skip

register_figure(*FIGURES)
