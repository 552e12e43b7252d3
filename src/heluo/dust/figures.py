"""The dust-control figures core's registry publishes (docs/figures.md), over the sites in the territory:
the sites under supervision as the coverage report counts them, the inspections and their pass rate, the
enforcement measures as the assessment's collector counts them, and the stop-work orders in force."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from heluo.core.figures import Figure, Period, Sentence, Territory, register_figure, register_sentence
from heluo.core.figures.writing import Writing
from heluo.dust.models import Inspection, Measure, MeasureKind, Site
from heluo.dust.services import assessment
from heluo.dust.services.coverage import supervised


def _sites(territory: Territory) -> QuerySet[Site]:
    return territory.filter(Site.objects.all(), "division")


def _inspections(territory: Territory, period: Period) -> QuerySet[Inspection]:
    made = Inspection.objects.filter(performed_at__gte=period.start_at, performed_at__lt=period.end_at)
    return territory.filter(made, "site__division")


def sites(territory: Territory, period: Period) -> int:
    """Sites under supervision today: a site's state has no past in the ledger, so the period does not
    change it."""
    return supervised(_sites(territory)).count()


def inspections(territory: Territory, period: Period) -> int:
    return _inspections(territory, period).count()


def inspection_pass_rate(territory: Territory, period: Period) -> Decimal | None:
    """Inspections passed ÷ inspections made, in percent; none when no inspection was made."""
    counts = _inspections(territory, period).aggregate(
        made=Count("pk"), passed=Count("pk", filter=Q(passed=True))
    )
    if not counts["made"]:
        return None
    return (Decimal(100 * counts["passed"]) / counts["made"]).quantize(Decimal("0.1"), ROUND_HALF_UP)


def failed_items(territory: Territory, period: Period) -> int:
    return sum(assessment.failed_items(_sites(territory), period.start, period.end).values())


def measures(territory: Territory, period: Period) -> int:
    return sum(assessment.enforcement(_sites(territory), period.start, period.end).values())


def stop_work_in_force(territory: Territory, period: Period) -> int:
    """Stop-work orders served by the period's last day and not lifted by then."""
    orders = Measure.objects.filter(kind=MeasureKind.STOP_WORK, served_on__lte=period.end).filter(
        Q(lifted_on__isnull=True) | Q(lifted_on__gt=period.end)
    )
    return territory.filter(orders, "site__division").count()


register_figure(
    Figure("dust.sites", _("sites under supervision"), "dust", compute=sites, unit="个",
           description=_("Construction sites in the project list not completed, today."), current=True),
    Figure("dust.inspections", _("inspections made"), "dust", compute=inspections, unit="次",
           description=_("Site inspections made in the period.")),
    Figure("dust.inspection_pass_rate", _("inspection pass rate"), "dust", compute=inspection_pass_rate,
           unit="%", writing=Writing("percent"),
           description=_("Inspections passed ÷ inspections made in the period.")),
    Figure("dust.failed_items", _("failed inspection items"), "dust", compute=failed_items, unit="项",
           description=_("Checklist items failed in the period's inspections (as the assessment counts).")),
    Figure("dust.measures", _("enforcement measures taken"), "dust", compute=measures, unit="次",
           description=_("Enforcement measures served in the period, of every kind (as the assessment "
                         "counts).")),
    Figure("dust.stop_work_in_force", _("stop-work orders in force"), "dust", compute=stop_work_in_force,
           unit="个", description=_("Stop-work orders served and not lifted by the period's last day.")),
)  # fmt: skip
register_sentence(
    Sentence(
        "dust.summary", "dust",
        "{period}，扬尘治理在管工地{sites}，开展检查{inspections}，检查合格率{pass_rate}，"
        "采取执法措施{measures}，期末仍在停工整改的{stopped}。",
        {"sites": "dust.sites", "inspections": "dust.inspections", "pass_rate": "dust.inspection_pass_rate",
         "measures": "dust.measures", "stopped": "dust.stop_work_in_force"},
        label=_("Dust control in the period"),
    )
)  # fmt: skip
