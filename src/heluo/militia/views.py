"""The militia's own pages beyond the generic ledger views: a member's record with their moves, a unit's
page with its members and strength against target, and the notice on classified matters of the pages
that register data."""

from __future__ import annotations

from typing import Any

from heluo.core.services.masking import log_shown
from heluo.core.views.generic import LedgerCreateView, LedgerDetailView, LedgerUpdateView, LedgerView
from heluo.core.views.transfer import LedgerImportView

from .models import MilitiaMember, MilitiaUnit, UnitMove


class RegisterView(LedgerCreateView):
    """Adding a row: the form says what a 等保 system must never hold (classified matters)."""

    template_name = "militia/ledger_form.html"


class EditView(LedgerUpdateView):
    template_name = "militia/ledger_form.html"


class ImportView(LedgerImportView):
    template_name = "militia/ledger_import.html"


# Every militia ledger's add, edit and import pages carry the notice.
REGISTER_VIEWS: dict[str, type[LedgerView]] = {"add": RegisterView, "edit": EditView, "import": ImportView}


class MilitiaMemberDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        member = extra.get("object")
        if isinstance(member, MilitiaMember):
            moves = list(
                UnitMove.objects.for_user(self.request.user)  # type: ignore[attr-defined]
                .filter(member=member)
                .select_related("from_unit", "to_unit")
            )
            log_shown(self.request.user, UnitMove, [move.pk for move in moves], self.request.get_full_path())
            extra["moves"] = moves
        return super().context(**extra)


class MilitiaUnitDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        unit = extra.get("object")
        if isinstance(unit, MilitiaUnit):
            members = list(
                MilitiaMember.objects.for_user(self.request.user)  # type: ignore[attr-defined]
                .filter(unit=unit, left_on__isnull=True)
                .order_by("name", "pk")
            )
            log_shown(self.request.user, MilitiaMember, [m.pk for m in members], self.request.get_full_path())
            extra["members"] = members
            extra["strength"] = len(members)
            extra["short_by"] = max(unit.target_strength - len(members), 0)
        return super().context(**extra)
