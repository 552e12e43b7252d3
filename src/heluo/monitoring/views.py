"""Monitoring's pages beyond the ledgers: unknown devices, the message log, conflicts, and the monitoring
platform's live map and list, a monitoring point's curves, alarms, offline devices and data capture."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from heluo.core.scope import may, scope_of
from heluo.core.views.access import requires
from heluo.monitoring import aqi as hj633

from . import ledgers
from .conf import offline_after
from .filters import AlarmFilter, MessageLogFilter
from .forms import LiveFilterForm, PeriodForm
from .labels import reason_label
from .models import Alarm, AlarmRule, MessageLog, Monitor, Reading, ReadingConflict, UnknownDevice
from .services import devices, overview


@requires("view", UnknownDevice)
def unknown_devices(request: HttpRequest) -> HttpResponse:
    """MNs that sent frames without being registered, newest first, each with a link to register it."""
    page = Paginator(UnknownDevice.objects.order_by("-last_seen"), 50).get_page(request.GET.get("page"))
    can_register = may(request.user, "add", Monitor)
    # The link fills in the MN only: the password is the device's secret, typed by whoever registers it.
    rows = [
        (device, ledgers.monitor.url("add") + "?" + urlencode({"mn": device.mn}) if can_register else "")
        for device in page
    ]
    return render(
        request,
        "monitoring/unknown_devices.html",
        {"page": page, "rows": rows, "can_dismiss": may(request.user, "delete", UnknownDevice)},
    )


@requires("delete", UnknownDevice)
@require_POST
def dismiss_unknown_device(request: HttpRequest, pk: int) -> HttpResponse:
    device = get_object_or_404(UnknownDevice, pk=pk)
    devices.dismiss_unknown_device(request.user, device)
    messages.success(request, _("Removed %(mn)s from the list.") % {"mn": device.mn})
    return HttpResponseRedirect(reverse("monitoring:unknown_devices"))


def _visible_log(request: HttpRequest) -> QuerySet[MessageLog]:
    """Log entries of the MNs the user may see: their monitors', and unknown MNs' if they may see those.
    Once an MN is registered its whole log follows its monitor's scope, the entries from before too."""
    entries = MessageLog.objects.all()
    if scope_of(request.user).unrestricted:
        return entries
    monitors = Monitor.objects.for_user(request.user).values("mn")
    if may(request.user, "view", UnknownDevice):
        unknown = UnknownDevice.objects.exclude(mn__in=Monitor.objects.values("mn")).values("mn")
        return entries.filter(mn__in=monitors) | entries.filter(mn__in=unknown)
    return entries.filter(mn__in=monitors)


@requires("view", Monitor)
def message_log(request: HttpRequest) -> HttpResponse:
    """Every frame in, reply out and refusal of an MN (or of all the user's MNs), newest first.

    With `follow`, the page asks for the table again every few seconds (htmx), for the engineer on the
    phone with a vendor.
    """
    log_filter = MessageLogFilter(request.GET or None, queryset=_visible_log(request).order_by("-id"))
    page = Paginator(log_filter.qs, 100).get_page(request.GET.get("page"))
    context = {
        "filter": log_filter,
        "page": page,
        "entries": [(entry, reason_label(entry.reason)) for entry in page],
        "follow": request.GET.get("follow") == "1",
        "query": request.GET.urlencode(),
    }
    template = (
        "monitoring/message_log_table.html"
        if getattr(request, "htmx", False)
        else "monitoring/message_log.html"
    )
    return render(request, template, context)


@requires("view", Monitor)
def conflicts(request: HttpRequest) -> HttpResponse:
    """Frames that came with a stored key but other values, beside the stored frame, for an operator."""
    rows = ReadingConflict.objects.for_user(request.user).select_related("monitor")
    if request.GET.get("resolved") != "1":
        rows = rows.filter(resolved=False)
    page = Paginator(rows.order_by("-received_at"), 25).get_page(request.GET.get("page"))
    pairs = []
    for conflict in page:
        stored = (
            Reading.objects.filter(
                mn=conflict.mn, cn=conflict.cn, data_time=conflict.data_time, pno=conflict.pno
            )
            .values_list("raw", flat=True)
            .first()
        )
        pairs.append((conflict, stored))
    return render(
        request,
        "monitoring/conflicts.html",
        {"page": page, "pairs": pairs, "can_resolve": may(request.user, "change", ReadingConflict)},
    )


@requires("change", ReadingConflict)
@require_POST
def resolve_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    conflict = get_object_or_404(ReadingConflict.objects.for_user(request.user), pk=pk)
    devices.resolve_conflict(request.user, conflict)
    messages.success(request, _("Marked the conflict of %(mn)s as resolved.") % {"mn": conflict.mn})
    return HttpResponseRedirect(reverse("monitoring:conflicts"))


# --- the monitoring platform: live map and list, curves, alarms, offline devices, data capture ------

LIVE_REFRESH_SECONDS = 30
CURVE_DAYS = (1, 3, 7, 30)
DAILY_DAYS = (30, 90, 365)


def _live_context(request: HttpRequest) -> dict[str, Any]:
    data = overview.live_points(request.user)
    legend = [(category, data["counts"][category.level]) for category in hj633.CATEGORIES]
    return {"live": data, "legend": legend, "no_data": data["counts"][0], "refresh": LIVE_REFRESH_SECONDS}


@requires("view", Monitor)
def live_map(request: HttpRequest) -> HttpResponse:
    """Every monitor on Luoyang's districts, coloured by the AQI level of its latest valid hour."""
    return render(request, "monitoring/live_map.html", _live_context(request))


@requires("view", Monitor)
def live_data(request: HttpRequest) -> HttpResponse:
    """The map's data again (htmx polling): the JSON the page's script redraws from, and the legend."""
    return render(request, "monitoring/live_data.html", _live_context(request))


@requires("view", Monitor)
def live_list(request: HttpRequest) -> HttpResponse:
    """The live map as a table: each monitor's latest valid hour, AQI and state, worst first."""
    form = LiveFilterForm(request.GET or None, user=request.user)
    monitors = overview.live_monitors(request.user).select_related("point", "latest", "status")
    if form.is_valid():
        if form.cleaned_data.get("division"):
            monitors = monitors.filter(point__division__path__startswith=form.cleaned_data["division"].path)
        monitors = overview.filter_level(monitors, form.cleaned_data.get("level"))
        if form.cleaned_data.get("q"):
            monitors = monitors.filter(
                Q(mn__icontains=form.cleaned_data["q"]) | Q(point__name__icontains=form.cleaned_data["q"])
            )
    monitors = monitors.order_by(F("latest__aqi").desc(nulls_last=True), "mn")
    page = Paginator(monitors, 50).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "rows": overview.live_rows(list(page.object_list)), "refresh": LIVE_REFRESH_SECONDS,
               "query": request.GET.urlencode()}  # fmt: skip
    template = (
        "monitoring/live_table.html" if getattr(request, "htmx", False) else "monitoring/live_list.html"
    )
    return render(request, template, context)


def _choice(request: HttpRequest, name: str, allowed: tuple[int, ...], default: int) -> int:
    try:
        value = int(request.GET.get(name, default))
    except ValueError:
        return default
    return value if value in allowed else default


@requires("view", Monitor)
def point_curves(request: HttpRequest, point_id: int) -> HttpResponse:
    """A monitoring point's monitors over hours (1–30 days of hourly values) and days (daily values), with the
    limits of the alarm rules drawn in."""
    monitors = list(
        Monitor.objects.for_user(request.user)
        .filter(point_id=point_id)
        .select_related("point", "latest", "status")
    )
    if not monitors:
        raise Http404(_("No monitor of this monitoring point is in your scope."))
    days = _choice(request, "days", CURVE_DAYS, 3)
    daily_days = _choice(request, "daily", DAILY_DAYS, 30)
    start, end = overview.hour_window(days)
    ids = [monitor.pk for monitor in monitors]
    today = timezone.localdate()
    hourly = overview.hourly_series(ids, start, end)
    daily = overview.daily_series(ids, today - timedelta(days=daily_days - 1), today)
    limits = sorted(
        {
            rule.limit
            for rule in AlarmRule.objects.filter(active=True, method="absolute", factor="pm10")
            if rule.limit
        }
    )
    charts = {
        "monitors": [{"id": m.pk, "mn": m.mn, "name": str(m)} for m in monitors],
        "hourly": {str(pk): rows for pk, rows in hourly.items()},
        "daily": {str(pk): rows for pk, rows in daily.items()},
        "limits": limits,
        "labels": {
            "pm10": "PM10",
            "pm25": "PM2.5",
            "tsp": "TSP",
            "noise": str(_("noise")),
            "aqi": "AQI",
            "hourly": str(_("hourly average")),
            "daily": str(_("daily average")),
        },
    }
    context = {
        "point": monitors[0].point, "monitors": overview.live_rows(monitors), "days": days, "daily_days": daily_days,
        "curve_days": CURVE_DAYS, "daily_choices": DAILY_DAYS, "charts": charts,
        "daily_rows": [(m, daily[m.pk][::-1][:14]) for m in monitors],
        "alarms": Alarm.objects.for_user(request.user).filter(point_id=point_id).select_related("rule", "case")[:10],
    }  # fmt: skip
    return render(request, "monitoring/point_curves.html", context)


@requires("view", Alarm)
def alarm_list(request: HttpRequest) -> HttpResponse:
    """Alarms in the user's scope, newest breach first; refreshes itself."""
    rows = Alarm.objects.for_user(request.user).select_related("rule", "point", "monitor", "case")
    alarm_filter = AlarmFilter(request.GET or None, queryset=rows, request=request)
    page = Paginator(alarm_filter.qs, 50).get_page(request.GET.get("page"))
    context = {
        "filter": alarm_filter,
        "page": page,
        "refresh": LIVE_REFRESH_SECONDS,
        "query": request.GET.urlencode(),
    }
    template = (
        "monitoring/alarm_table.html" if getattr(request, "htmx", False) else "monitoring/alarm_list.html"
    )
    return render(request, template, context)


@requires("view", Alarm)
def alarm_detail(request: HttpRequest, pk: int) -> HttpResponse:
    alarm = get_object_or_404(
        Alarm.objects.for_user(request.user).select_related("rule", "point", "monitor", "case"), pk=pk
    )
    return render(request, "monitoring/alarm_detail.html", {"alarm": alarm})


@requires("view", Monitor)
def offline_list(request: HttpRequest) -> HttpResponse:
    """Active monitors not heard from for the offline time, longest silent first; refreshes itself."""
    page = Paginator(overview.offline(request.user), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "refresh": LIVE_REFRESH_SECONDS,
        "minutes": int(offline_after().total_seconds() // 60),
    }
    template = (
        "monitoring/offline_table.html" if getattr(request, "htmx", False) else "monitoring/offline_list.html"
    )
    return render(request, template, context)


@requires("view", Monitor)
def capture_report(request: HttpRequest) -> HttpResponse:
    """Data capture per monitor over a period: valid hourly PM10 values ÷ hours, and valid days."""
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, initial={"start": today - timedelta(days=6), "end": today})
    first, last = today - timedelta(days=6), today
    if form.is_valid():
        first, last = form.cleaned_data["start"], form.cleaned_data["end"]
    expected = overview.expected_hours(first, last)
    page = Paginator(overview.capture(request.user, first, last), 50).get_page(request.GET.get("page"))
    rows = [overview.CaptureRow(m, m.valid_hours or 0, expected, m.valid_days or 0) for m in page.object_list]
    context = {"form": form, "page": page, "rows": rows, "first": first, "last": last, "expected": expected}
    return render(request, "monitoring/capture.html", context)


@requires("change", Monitor)
@require_POST
def issue_token(request: HttpRequest, pk: int) -> HttpResponse:
    """Give a monitor a new HTTP token (the old one stops working); it is shown this once."""
    monitor = get_object_or_404(Monitor.objects.for_user(request.user), pk=pk)
    token = devices.issue_token(monitor, request.user)
    messages.info(
        request,
        _("The HTTP token of %(mn)s is %(token)s — it is shown only now.")
        % {"mn": monitor.mn, "token": token},
    )
    return HttpResponseRedirect(monitor.get_absolute_url())
