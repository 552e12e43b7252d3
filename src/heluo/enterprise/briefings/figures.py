"""The published figures of the policy briefings, computed from the rows (never from a user): the
briefings held in the period, the enterprises attending them (each counted once) and the policies
explained at them."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from heluo.core.figures import Figure, Period, Sentence, Territory, register_figure, register_sentence
from heluo.core.models import Unit

from .models import Briefing, BriefingPolicy


def held(territory: Territory, period: Period) -> QuerySet[Briefing]:
    rows = Briefing.objects.filter(date__gte=period.start, date__lte=period.end)
    return territory.filter(rows, "division")


def count_briefings(territory: Territory, period: Period) -> int:
    return held(territory, period).count()


def count_enterprises(territory: Territory, period: Period) -> int:
    return Unit.objects.filter(briefings_attended__in=held(territory, period)).distinct().count()


def count_policies(territory: Territory, period: Period) -> int:
    return BriefingPolicy.objects.filter(briefing__in=held(territory, period)).count()


def register() -> None:
    register_figure(
        Figure("enterprise.briefings.held", _("policy briefings held"), "enterprise", compute=count_briefings,
               unit="场"),
        Figure("enterprise.briefings.enterprises", _("enterprises attending policy briefings"), "enterprise",
               compute=count_enterprises, unit="家"),
        Figure("enterprise.briefings.policies", _("policies explained"), "enterprise", compute=count_policies,
               unit="项"),
    )  # fmt: skip
    register_sentence(
        Sentence(
            "enterprise.briefings.summary",
            "enterprise",
            "{period},召开惠企政策解读会{held},解读涉企优惠政策{policies},参会企业{enterprises}。",
            {
                "held": "enterprise.briefings.held",
                "policies": "enterprise.briefings.policies",
                "enterprises": "enterprise.briefings.enterprises",
            },
            _("policy briefings summary"),
        )
    )
