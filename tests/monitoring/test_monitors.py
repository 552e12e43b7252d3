"""The monitor ledger through the generic view checks, its status, and the pages around it."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

import pytest
from django.db import models
from django.urls import reverse
from django.utils import timezone

from heluo.core.models import AccessEvent, AccessKind
from heluo.monitoring import ledgers
from heluo.monitoring.models import MessageLog, Monitor, MonitorStatus, ReadingConflict, UnknownDevice
from tests.core.ledger_cases import LedgerViewCases

from .factories import KAIYUAN, XIGUAN, monitor, point

_serial = itertools.count(1)
KEY = "0123456789ABCDEFFEDCBA9876543210"


class TestMonitorViews(LedgerViewCases):
    ledger = ledgers.monitor

    def make(self, in_scope: bool) -> models.Model:
        return monitor(XIGUAN if in_scope else KAIYUAN)

    def search_text(self, obj: models.Model) -> str:
        return obj.mn  # type: ignore[attr-defined]

    def create_data(self) -> dict[str, Any]:
        return {
            "mn": f"41030200000000000000{next(_serial):04d}",
            "pw": "123456",
            "point": point().pk,
            "protocol_version": "HJ212_2017",
            "particulate_unit": "ug_m3",
            "sm4_padding": "none",
            "active": "on",
        }

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        return {**self.create_data(), "mn": "MN;WITH=SEPARATORS"}, "mn"

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        return {
            "mn": obj.mn,  # type: ignore[attr-defined]
            "pw": obj.pw,  # type: ignore[attr-defined]
            "point": obj.point_id,  # type: ignore[attr-defined]
            "protocol_version": "HJT212_2005",
            "particulate_unit": "mg_m3",
            "accept_crc_swapped": "on",
            "sm4_padding": "none",
        }


def test_an_sm4_key_is_only_for_2025_devices(client_as: Any) -> None:
    data = {**TestMonitorViews().create_data(), "sm4_key": KEY}
    response = client_as("laocheng").post(ledgers.monitor.url("add"), data)
    assert response.status_code == 400 and "sm4_key" in response.context["form"].errors
    response = client_as("laocheng").post(
        ledgers.monitor.url("add"), {**data, "protocol_version": "HJ212_2025"}
    )
    assert response.status_code == 302
    assert Monitor.objects.get(mn=data["mn"]).cipher is not None


def test_the_key_and_password_are_masked_and_kept_when_the_mask_comes_back(client_as: Any) -> None:
    row = monitor(protocol_version="HJ212_2025", sm4_key=KEY, pw="98765432")
    client = client_as("laocheng")
    page = client.get(ledgers.monitor.url("edit", row.pk)).content.decode()
    assert KEY not in page and "98765432" not in page
    form = client.get(ledgers.monitor.url("edit", row.pk)).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value not in (None, False)
    }
    data.update(point=row.point_id, name="改名")
    assert client.post(ledgers.monitor.url("edit", row.pk), data).status_code == 302
    row.refresh_from_db()
    assert (row.sm4_key, row.pw, row.name) == (KEY, "98765432", "改名")
    assert KEY not in client.get(row.get_absolute_url()).content.decode()


def test_the_list_and_the_page_show_whether_a_monitor_is_online(client_as: Any) -> None:
    online, offline, silent = monitor(), monitor(), monitor()
    MonitorStatus.objects.create(monitor=online, last_seen=timezone.now(), frames=3, stored=3)
    MonitorStatus.objects.create(monitor=offline, last_seen=timezone.now() - timedelta(hours=2))
    client = client_as("laocheng")
    for row, badge in (
        (online, "text-bg-success"),
        (offline, "text-bg-danger"),
        (silent, "text-bg-secondary"),
    ):
        listed = client.get(ledgers.monitor.url("list"), {"q": row.mn}).content.decode()
        assert f'<span class="badge {badge}" data-testid="status">' in listed, badge
    only_online = client.get(
        ledgers.monitor.url("list"), {"online": "true", "per_page": 200}
    ).content.decode()
    assert online.mn in only_online and offline.mn not in only_online
    page = client.get(online.get_absolute_url()).content.decode()
    assert 'data-testid="monitor-status"' in page and 'data-testid="latest-readings"' in page


def test_unknown_devices_are_listed_with_a_link_that_registers_them(client_as: Any) -> None:
    now = timezone.now()
    UnknownDevice.objects.create(
        mn="NEWMN0001", first_seen=now, last_seen=now, count=3, last_peer="10.1.1.1:5000",
        last_frame="##0100QN=1;ST=39;CN=2011;PW=778899;MN=NEWMN0001;Flag=5;CP=&&DataTime=20261125120000&&ABCD",
    )  # fmt: skip
    page = client_as("laocheng").get(reverse("monitoring:unknown_devices")).content.decode()
    assert "NEWMN0001" in page and "?mn=NEWMN0001" in page and "778899" not in page
    form = (
        client_as("laocheng")
        .get(ledgers.monitor.url("add"), {"mn": "NEWMN0001", "pw": "778899"})
        .context["form"]
    )
    assert form.initial["mn"] == "NEWMN0001"
    assert client_as("wangge").get(reverse("monitoring:unknown_devices")).status_code == 403


def test_the_message_log_shows_only_the_users_monitors_and_follows_with_htmx(client_as: Any) -> None:
    mine, theirs = monitor(XIGUAN), monitor(KAIYUAN)
    for row in (mine, theirs):
        MessageLog.objects.create(
            at=timezone.now(), mn=row.mn, direction="refused", reason="wrong_pw", text=f"frame of {row.mn}"
        )
    client = client_as("laocheng")
    page = client.get(reverse("monitoring:message_log")).content.decode()
    assert f"frame of {mine.mn}" in page and f"frame of {theirs.mn}" not in page
    assert "密码错误" in page or "wrong password" in page
    assert (
        f"frame of {theirs.mn}"
        not in client.get(reverse("monitoring:message_log"), {"mn": theirs.mn}).content.decode()
    )
    partial = client.get(
        reverse("monitoring:message_log"), {"mn": mine.mn, "follow": "1"}, HTTP_HX_REQUEST="true"
    )
    assert b"<html" not in partial.content and b'hx-trigger="every 3s"' in partial.content
    assert client_as("wuzhuang").get(reverse("monitoring:message_log")).status_code == 403


def test_conflicts_are_shown_beside_the_stored_frame_and_can_be_resolved(client_as: Any) -> None:
    row = monitor()
    conflict = ReadingConflict.objects.create(
        monitor=row,
        mn=row.mn,
        cn="2011",
        data_time=timezone.now(),
        digest="d",
        received_at=timezone.now(),
        raw="##CONFLICTING",
    )
    client = client_as("laocheng")
    assert "##CONFLICTING" in client.get(reverse("monitoring:conflicts")).content.decode()
    assert (
        client_as("lingdao").post(reverse("monitoring:resolve_conflict", args=[conflict.pk])).status_code
        == 403
    )
    assert client.post(reverse("monitoring:resolve_conflict", args=[conflict.pk])).status_code == 302
    conflict.refresh_from_db()
    assert conflict.resolved
    act = AccessEvent.objects.get(kind=AccessKind.ACT, user__username="laocheng")
    assert act.object_ids == [conflict.pk] and act.content_type.model == "readingconflict"
    outside = ReadingConflict.objects.create(
        monitor=monitor(KAIYUAN),
        mn="X",
        cn="2011",
        data_time=timezone.now(),
        digest="e",
        received_at=timezone.now(),
        raw="##OUTSIDE",
    )
    assert client.post(reverse("monitoring:resolve_conflict", args=[outside.pk])).status_code == 404


@pytest.mark.parametrize(
    "name", ["monitoring:unknown_devices", "monitoring:message_log", "monitoring:conflicts"]
)
def test_monitoring_pages_are_in_the_menu_of_those_who_may_open_them(client_as: Any, name: str) -> None:
    assert reverse(name) in client_as("laocheng").get("/").content.decode()
    assert reverse(name) not in client_as("wuzhuang").get("/").content.decode()


def test_a_long_raw_frame_in_the_message_log_is_cut_to_a_line_and_shown_whole_on_demand(
    client_as: Any,
) -> None:
    """A frame of hundreds of characters wrapped a character per line in a phone's narrow column."""
    mine = monitor(XIGUAN)
    raw = "##0368QN=20261205182853000;ST=39;CN=2011;" + "a34002-Rtd=31.2,a34002-Flag=N;" * 12
    MessageLog.objects.create(at=timezone.now(), mn=mine.mn, direction="in", reason="stored", text=raw)
    page = client_as("laocheng").get(reverse("monitoring:message_log")).content.decode()
    details = page[page.index('<details class="heluo-truncated">') :]
    summary = details[: details.index("</summary>")]
    assert raw not in summary and raw[:60] in summary
    assert raw in details[: details.index("</details>")]
    assert 'class="table table-sm align-middle small heluo-cards"' in page


def test_dismissing_an_unknown_device_is_an_act_in_the_access_log(client_as: Any) -> None:
    device = UnknownDevice.objects.create(
        mn="UNKNOWN0042", first_seen=timezone.now(), last_seen=timezone.now()
    )
    assert (
        client_as("lingdao").post(reverse("monitoring:dismiss_unknown_device", args=[device.pk])).status_code
        == 403
    )
    assert (
        client_as("laocheng").post(reverse("monitoring:dismiss_unknown_device", args=[device.pk])).status_code
        == 302
    )
    assert not UnknownDevice.objects.filter(pk=device.pk).exists()
    act = AccessEvent.objects.get(kind=AccessKind.ACT, user__username="laocheng")
    assert act.object_ids == [device.pk] and "UNKNOWN0042" in act.context
