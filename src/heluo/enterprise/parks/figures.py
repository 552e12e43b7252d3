"""The science parks' published figures (园区概况), computed from the rows of the parks in a territory:
enterprises in the parks, how many hold each qualification, IP applications, and the incubating
enterprises' revenue, R&D spend and employees. A figure of a period counts the enterprises in a park at
any time of it, the qualifications valid in one of its years and the yearly rows of its years."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from heluo.core.figures import Figure, Period, Sentence, Territory, register_figure, register_sentence
from heluo.core.figures.writing import Writing

from .models import EnterpriseYear, ParkEnterprise, QualificationAward

PREFIX = "enterprise.parks"
# The qualifications the article writes in its paragraph: the word it counts them by (a platform — a
# workstation, a team — is 个, an enterprise 家) and the figure's label. A qualification added as data is
# counted in 家 under its code.
SENTENCE_QUALIFICATIONS: dict[str, tuple[str, Promise]] = {
    "high_tech": ("家", _("high-tech enterprises in the science parks")),
    "provincial_tech_sme": ("家", _("provincial tech SMEs in the science parks")),
    "national_tech_sme": ("家", _("national tech SMEs in the science parks")),
    "municipal_rd_centre": ("家", _("municipal R&D centres in the science parks")),
    "ip_strong": ("家", _("IP-strong enterprises in the science parks")),
    "neeq_showcase": ("家", _("NEEQ showcase enterprises in the science parks")),
    "academician_workstation": ("个", _("academician workstations in the science parks")),
    "heluo_talent_team": ("个", _("“Heluo talent” teams in the science parks")),
    "student_startup": ("家", _("student start-ups in the science parks")),
}
IN_PARK = _("Enterprises in a park of the territory at any time of the period.")
QUALIFIED = _(
    "Enterprises in a park of the territory during the period holding the qualification in one of its years."
)
IP_APPLICATIONS = _(
    "Sum of the IP applications in the yearly figures of the period's years of the park enterprises."
)
INCUBATING = _("Sum of the yearly figures of the period's years of the enterprises incubating in the parks.")


def stays(territory: Territory, period: Period) -> QuerySet[ParkEnterprise]:
    """Stays in the territory's parks that overlap the period."""
    return territory.filter(ParkEnterprise.objects.all(), "park__division").filter(
        Q(left__isnull=True) | Q(left__gte=period.start), entered__lte=period.end
    )


def _years(period: Period) -> Q:
    return Q(year__gte=period.start.year, year__lte=period.end.year)


def count_enterprises(territory: Territory, period: Period) -> int:
    return stays(territory, period).aggregate(n=Count("enterprise", distinct=True))["n"]


def count_qualified(code: str, territory: Territory, period: Period) -> int:
    """Enterprises in the parks holding the qualification in one of the period's years."""
    held = QualificationAward.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=period.start.year),
        qualification__code=code,
        obtained__lte=period.end.year,
        enterprise__in=stays(territory, period).values("enterprise"),
    )
    return held.aggregate(n=Count("enterprise", distinct=True))["n"]


def _yearly(territory: Territory, period: Period, field: str, incubating: bool) -> Decimal | int:
    members = stays(territory, period)
    if incubating:
        members = members.filter(incubating=True)
    rows = EnterpriseYear.objects.filter(_years(period), enterprise__in=members.values("enterprise"))
    total = rows.aggregate(total=Sum(field))["total"]
    return total if total is not None else 0


def count_ip_applications(territory: Territory, period: Period) -> int:
    return int(_yearly(territory, period, "ip_applications", incubating=False))


def incubating_revenue(territory: Territory, period: Period) -> Decimal:
    return Decimal(_yearly(territory, period, "revenue", incubating=True))


def incubating_rd_spend(territory: Territory, period: Period) -> Decimal:
    return Decimal(_yearly(territory, period, "rd_spend", incubating=True))


def incubating_employees(territory: Territory, period: Period) -> int:
    return int(_yearly(territory, period, "employees", incubating=True))


def qualification_key(code: str) -> str:
    return f"{PREFIX}.qualified.{code}"


@cache
def qualification_figure(code: str) -> Figure:
    """The count of one qualification's holders, registered on first use: a qualification added as data
    gets its figure without code."""
    unit, label = SENTENCE_QUALIFICATIONS.get(
        code, ("家", format_lazy(_("park enterprises holding the qualification {code}"), code=code))
    )
    item = Figure(
        qualification_key(code),
        label,
        "enterprise",
        compute=lambda territory, period: count_qualified(code, territory, period),
        unit=unit,
        description=QUALIFIED,
    )
    register_figure(item)
    return item


def register() -> None:
    register_figure(
        Figure(f"{PREFIX}.enterprises", _("enterprises in the science parks"), "enterprise",
               compute=count_enterprises, unit="家", description=IN_PARK),
        Figure(f"{PREFIX}.ip_applications", _("IP applications of the park enterprises"), "enterprise",
               compute=count_ip_applications, unit="件", description=IP_APPLICATIONS),
        Figure(f"{PREFIX}.incubating_revenue", _("revenue of the incubating enterprises"), "enterprise",
               compute=incubating_revenue, unit="元", writing=Writing("amount"), description=INCUBATING),
        Figure(f"{PREFIX}.incubating_rd_spend", _("R&D spend of the incubating enterprises"), "enterprise",
               compute=incubating_rd_spend, unit="元", writing=Writing("amount"), description=INCUBATING),
        # Published as a floor to the hundred: 826 people are written 800人以上.
        Figure(f"{PREFIX}.incubating_employees", _("employees of the incubating enterprises"), "enterprise",
               compute=incubating_employees, unit="人", writing=Writing("at_least", precision=100),
               description=INCUBATING),
    )  # fmt: skip
    for code in SENTENCE_QUALIFICATIONS:
        qualification_figure(code)
    register_sentence(
        Sentence(
            f"{PREFIX}.summary",
            "enterprise",
            "现有入园企业{enterprises}。其中,高新技术企业{high_tech},河南省科技型中小企业{provincial_tech_sme},"
            "国家科技型中小企业{national_tech_sme},市级研发中心{municipal_rd_centre},知识产权强企{ip_strong},"
            "新三板展示企业{neeq_showcase},院士工作站{academician_workstation},“河洛英才”团队{heluo_talent_team},"
            "大学生创业孵化企业{student_startup}等,知识产权申请数{ip_applications}。"
            "在孵企业营业收入{period}达{incubating_revenue},研发投入{incubating_rd_spend},"
            "从业人员{incubating_employees}。",
            {
                "enterprises": f"{PREFIX}.enterprises",
                **{code: qualification_key(code) for code in SENTENCE_QUALIFICATIONS},
                "ip_applications": f"{PREFIX}.ip_applications",
                "incubating_revenue": f"{PREFIX}.incubating_revenue",
                "incubating_rd_spend": f"{PREFIX}.incubating_rd_spend",
                "incubating_employees": f"{PREFIX}.incubating_employees",
            },
            _("science parks' summary"),
        )
    )
