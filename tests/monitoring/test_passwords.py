"""A device's access password (PW) never shows: not in the message log, the conflicts, the unknown devices,
the stored readings or the command line's log, for a read-only leader or anyone else. MN and PW are all a
sender needs to post readings."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from heluo.monitoring.hj212 import BEIJING, build_frame, format_data_time, parse_frame, redact_password
from heluo.monitoring.ingest.journal import Journal
from heluo.monitoring.models import MessageLog, Reading, ReadingConflict, UnknownDevice
from heluo.monitoring.services import write_journal

from .factories import monitor
from .frames import frame, send

pytestmark = pytest.mark.django_db
SECRET = "S3cret77"


def test_redaction_blanks_the_password_and_keeps_the_rest() -> None:
    text = "##0101QN=20261125120000000;ST=22;CN=2011;PW=S3cret77;MN=ABCD0001;Flag=5;CP=&&DataTime=20261125120000&&1C80"
    redacted = redact_password(text)
    assert SECRET not in redacted
    assert redacted.replace("PW=******", f"PW={SECRET}") == text
    assert redact_password("no frame here") == "no frame here"
    assert redact_password("QN=1;PW=;MN=X") == "QN=1;PW=******;MN=X"


def _minute(offset: int) -> dt.datetime:
    return timezone.now().astimezone(BEIJING).replace(second=0, microsecond=0) - dt.timedelta(minutes=offset)


def test_no_page_or_export_shows_a_device_password(client_as: Any) -> None:
    device = monitor(pw=SECRET)
    now = timezone.now()
    stored = frame(device, _minute(3), pm10=80.0)
    conflicting = frame(device, _minute(3), pm10=81.0)
    wrong_crc = frame(device, _minute(2))[:-6] + b"0000\r\n"
    send(device, [stored, conflicting, wrong_crc], now)
    data_time = format_data_time(_minute(1).replace(tzinfo=None))
    unknown = build_frame(st="22", cn="2011", mn="UNREG0001", pw=SECRET, qn=f"{data_time}000", flag=4,
                          cp=[[("DataTime", data_time)], [("a34002-Rtd", "50")]])  # fmt: skip
    send(device, [unknown], now)
    # An unknown MN arriving over TCP is kept with its last frame.
    journal = Journal()
    journal.unknown_device(parse_frame(unknown.strip()), now, "10.0.0.9:5000")
    write_journal(journal)

    assert MessageLog.objects.filter(mn=device.mn).exists()
    assert ReadingConflict.objects.filter(mn=device.mn).exists()
    kept = [
        *MessageLog.objects.filter(mn=device.mn).values_list("text", flat=True),
        *Reading.objects.filter(mn=device.mn).values_list("raw", flat=True),
        *ReadingConflict.objects.filter(mn=device.mn).values_list("raw", flat=True),
        *UnknownDevice.objects.filter(mn="UNREG0001").values_list("last_frame", flat=True),
    ]
    assert kept and all(SECRET not in text for text in kept)
    assert all("PW=******" in text for text in kept if "MN=" in text)

    for username in ("lingdao", "admin"):
        client = client_as(username)
        for url in (
            reverse("monitoring:message_log"),
            reverse("monitoring:message_log") + f"?mn={device.mn}",
            reverse("monitoring:conflicts"),
            reverse("monitoring:unknown_devices"),
            device.get_absolute_url(),
        ):
            response = client.get(url)
            assert response.status_code in (200, 403), url
            assert SECRET not in response.content.decode(), (username, url)
    out = io.StringIO()
    call_command("hj212", "log", "--mn", device.mn, stdout=out)
    assert SECRET not in out.getvalue() and "PW=******" in out.getvalue()
    out = io.StringIO()
    call_command("hj212", "export", "-", "--mn", device.mn, stdout=out)
    assert SECRET not in out.getvalue()


def test_rows_kept_before_blanking_are_blanked_where_shown(client_as: Any) -> None:
    device = monitor(pw=SECRET)
    text = f"QN=1;ST=22;CN=2011;PW={SECRET};MN={device.mn};Flag=4;CP=&&DataTime=20261125120000&&"
    MessageLog.objects.create(at=timezone.now(), mn=device.mn, direction="in", text=text)
    page = client_as("lingdao").get(reverse("monitoring:message_log"), {"mn": device.mn}).content.decode()
    assert device.mn in page and SECRET not in page


def test_the_link_that_registers_an_unknown_device_carries_no_password(client_as: Any) -> None:
    now = timezone.now()
    UnknownDevice.objects.create(
        mn="NEWMN0002", first_seen=now, last_seen=now, count=1,
        last_frame=f"QN=1;ST=22;CN=2011;PW={SECRET};MN=NEWMN0002;Flag=5;CP=&&&&",
    )  # fmt: skip
    page = client_as("admin").get(reverse("monitoring:unknown_devices")).content.decode()
    assert "mn=NEWMN0002" in page and SECRET not in page
