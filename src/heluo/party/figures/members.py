"""Party building's published figures of members and organisations, counted at the period's last day
from the rows of the organisations in a territory (the division of a member's branch).

- Members: on a roll that day — admitted by then (joined_on), not left by then (left_on after it).
- Full members: of those, confirmed by that day; probationary members: the others.
- Mobile members: of those, the ones marked mobile now (the ledger keeps no past of it).
- Organisations, and of each kind: those set up by that day (or without a founding day).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from heluo.core.figures import Figure, Period, Territory, register_figure

from ..models import Member, OrganisationKind, PartyOrganisation

MEMBERS = "party.members"
FULL_MEMBERS = "party.full_members"
PROBATIONARY_MEMBERS = "party.probationary_members"
MOBILE_MEMBERS = "party.mobile_members"
ORGANISATIONS = "party.organisations"

ON_THE_ROLL = _(
    "Members on a branch's roll at the end of the period's last day: admitted by then and not left."
)


def members_on(territory: Territory, period: Period) -> QuerySet[Member]:
    day = period.end
    rows = Member.objects.filter(joined_on__lte=day).filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
    return territory.filter(rows, "organisation__division")


def count_members(territory: Territory, period: Period) -> int:
    return members_on(territory, period).count()


def count_full(territory: Territory, period: Period) -> int:
    return members_on(territory, period).filter(confirmed_on__lte=period.end).count()


def count_probationary(territory: Territory, period: Period) -> int:
    day = period.end
    return (
        members_on(territory, period).filter(Q(confirmed_on__isnull=True) | Q(confirmed_on__gt=day)).count()
    )


def count_mobile(territory: Territory, period: Period) -> int:
    return members_on(territory, period).filter(is_mobile=True).count()


def organisations_on(territory: Territory, period: Period) -> QuerySet[PartyOrganisation]:
    rows = PartyOrganisation.objects.filter(
        Q(established_on__isnull=True) | Q(established_on__lte=period.end)
    )
    return territory.filter(rows, "division")


def _of_kind(kind: str) -> Callable[[Territory, Period], int]:
    def compute(territory: Territory, period: Period) -> int:
        return organisations_on(territory, period).filter(kind=kind).count()

    return compute


def count_organisations(territory: Territory, period: Period) -> int:
    return organisations_on(territory, period).count()


FIGURES = (
    Figure(MEMBERS, _("party members"), "party", count_members, unit="名", description=ON_THE_ROLL),
    Figure(FULL_MEMBERS, _("full party members"), "party", count_full, unit="名", description=ON_THE_ROLL),
    Figure(PROBATIONARY_MEMBERS, _("probationary party members"), "party", count_probationary, unit="名",
           description=ON_THE_ROLL),
    Figure(MOBILE_MEMBERS, _("mobile party members"), "party", count_mobile, unit="名", current=True,
           description=_("Members on a roll marked as mobile members (流动党员) now.")),
    Figure(ORGANISATIONS, _("party organisations"), "party", count_organisations, unit="个",
           description=_("Party organisations set up by the period's last day.")),
    *(
        Figure(f"{ORGANISATIONS}.{kind.value}", kind.label, "party", _of_kind(kind.value), unit="个",
               description=_("Party organisations of this kind set up by the period's last day."))
        for kind in OrganisationKind
    ),
)  # fmt: skip

# Registered on import: figures/__init__.py imports this module.
register_figure(*FIGURES)
