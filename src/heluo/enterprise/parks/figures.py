"""The science parks' published figures (园区概况), computed from the rows of the parks in a territory:
enterprises in the parks, how many hold each qualification, IP applications, and the incubating
enterprises' revenue, R&D spend and employees. A figure of a period counts the enterprises in a park at
any time of it, the qualifications valid in one of its years and the yearly rows of its years."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from heluo.core.figures import Figure, Period, Sentence, Territory, register_figure, register_sentence
from heluo.core.figures.writing import Writing

from .models import EnterpriseYear, ParkEnterprise, QualificationAward

PREFIX = "enterprise.parks"
# The qualifications the article writes in its paragraph, with the word it counts them by: a platform
# (a workstation, a team) is 个, an enterprise 家. A qualification added as data is counted in 家.
SENTENCE_QUALIFICATIONS = {
    "high_tech": "家",
    "provincial_tech_sme": "家",
    "national_tech_sme": "家",
    "municipal_rd_centre": "家",
    "ip_strong": "家",
    "neeq_showcase": "家",
    "academician_workstation": "个",
    "heluo_talent_team": "个",
    "student_startup": "家",
}


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
    item = Figure(
        qualification_key(code),
        format_lazy(_("park enterprises holding the qualification {code}"), code=code),
        "enterprise",
        compute=lambda territory, period: count_qualified(code, territory, period),
        unit=SENTENCE_QUALIFICATIONS.get(code, "家"),
    )
    register_figure(item)
    return item


def register() -> None:
    register_figure(
        Figure(f"{PREFIX}.enterprises", _("enterprises in the science parks"), "enterprise",
               compute=count_enterprises, unit="家"),
        Figure(f"{PREFIX}.ip_applications", _("IP applications of the park enterprises"), "enterprise",
               compute=count_ip_applications, unit="件"),
        Figure(f"{PREFIX}.incubating_revenue", _("revenue of the incubating enterprises"), "enterprise",
               compute=incubating_revenue, unit="元", writing=Writing("amount")),
        Figure(f"{PREFIX}.incubating_rd_spend", _("R&D spend of the incubating enterprises"), "enterprise",
               compute=incubating_rd_spend, unit="元", writing=Writing("amount")),
        # Published as a floor to the hundred: 826 people are written 800人以上.
        Figure(f"{PREFIX}.incubating_employees", _("employees of the incubating enterprises"), "enterprise",
               compute=incubating_employees, unit="人", writing=Writing("at_least", precision=100)),
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
