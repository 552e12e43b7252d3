"""Training's, equipment's and inspections' own pages: the units' training progress (分队训练进度, the units
behind first) and one unit's training, a session with its attendance, the items overdue for a check, an
item with its checks, and an inspection with its visits, findings and their cases."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from heluo.core.services.masking import log_shown
from heluo.core.views.access import requires
from heluo.core.views.generic import LedgerDetailView

from .models import (
    EquipmentCheck,
    EquipmentItem,
    Finding,
    Inspection,
    InspectionVisit,
    MilitiaUnit,
    TrainingAttendance,
    TrainingSession,
)
from .services import equipment as equipment_services
from .services import training as training_services

PER_PAGE = 50


def _page(request: HttpRequest, rows: list[Any]) -> dict[str, Any]:
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {"page": page, "querystring": query.urlencode()}


@requires("view", TrainingSession)
def training_progress(request: HttpRequest) -> HttpResponse:
    """分队训练进度: every visible unit's hours against the outline by today, the units behind first."""
    today = timezone.localdate()
    units = (
        MilitiaUnit.objects.for_user(request.user)
        .filter(disbanded_on__isnull=True)
        .select_related("division")
    )
    rows = training_services.units_progress(units, today)
    behind = sum(1 for row in rows if row.progress.behind)
    context = {"today": today, "behind": behind, "total": len(rows), **_page(request, rows)}
    return render(request, "militia/training/progress.html", context)


@requires("view", TrainingSession)
def unit_training(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit's training page: its progress by today (flagged when behind) and its sessions this year."""
    unit = get_object_or_404(MilitiaUnit.objects.for_user(request.user), pk=pk)
    today = timezone.localdate()
    sessions = (
        TrainingSession.objects.for_user(request.user)
        .filter(unit=unit, held_on__year=today.year)
        .select_related("subject")
    )
    context = {
        "unit": unit,
        "today": today,
        "progress": training_services.unit_progress(unit, today),
        **_page(request, list(sessions)),
    }
    return render(request, "militia/training/unit.html", context)


class TrainingSessionDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        session = extra.get("object")
        if isinstance(session, TrainingSession):
            attendance = list(
                TrainingAttendance.objects.for_user(self.request.user)
                .filter(session=session)
                .select_related("member")
            )
            log_shown(
                self.request.user,
                TrainingAttendance,
                [row.pk for row in attendance],
                self.request.get_full_path(),
            )
            extra["attendance"] = attendance
        return super().context(**extra)


@requires("view", EquipmentItem)
def unchecked_items(request: HttpRequest) -> HttpResponse:
    """The items not checked within their period, the never checked first."""
    today = timezone.localdate()
    rows = equipment_services.unchecked_items(EquipmentItem.objects.for_user(request.user), today)
    return render(request, "militia/equipment/unchecked.html", {"today": today, **_page(request, rows)})


class EquipmentItemDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        item = extra.get("object")
        if isinstance(item, EquipmentItem):
            extra["checks"] = EquipmentCheck.objects.for_user(self.request.user).filter(item=item)
        return super().context(**extra)


class InspectionDetailView(LedgerDetailView):
    def context(self, **extra: Any) -> dict[str, Any]:
        inspection = extra.get("object")
        if isinstance(inspection, Inspection):
            user = self.request.user
            extra["visits"] = (
                InspectionVisit.objects.for_user(user)
                .filter(inspection=inspection)
                .select_related("department")
            )
            extra["findings"] = (
                Finding.objects.for_user(user)
                .filter(inspection=inspection)
                .select_related("department", "visit__department", "case")
            )
        return super().context(**extra)
