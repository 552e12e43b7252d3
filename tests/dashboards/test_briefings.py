"""Briefings (heluo.dashboards.briefings): a hand-made week of 老城区 in March 2020 (before any demo data)
written into sentences and tables, sent once; the empty week that sends nothing; the group robot (a
loopback stub standing in for WeCom behind the configured base URL) gets the headlines and a link, no
person and no militia figure; the document as a PDF in Chinese; the command and the schedule."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import subprocess
import threading
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from heluo.core.models import ChannelKind, Division, Notification
from heluo.dashboards.briefings import services
from heluo.dashboards.briefings.content import written_change
from heluo.dashboards.models import Briefing, BriefingChannel, BriefingState
from heluo.dust.models import AssessedSubject, AssessmentScheme, MeasureKind, Site
from tests.dust.test_enforcement import measure
from tests.dust.test_inspections import inspect, officer_site
from tests.dust.test_sites import XIGUAN

LAOCHENG = "410302000000"
WEEK_DAY = dt.date(2020, 3, 11)  # the week of Monday 9 to Sunday 15 March 2020
EMPTY_DAY = dt.date(2020, 1, 8)


class Robot(http.server.BaseHTTPRequestHandler):
    received: list[tuple[str, dict[str, Any]]] = []

    def do_POST(self) -> None:
        Robot.received.append((self.path, json.loads(self.rfile.read(int(self.headers["Content-Length"])))))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"errcode": 0, "errmsg": "ok"}')

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def robot(settings: Any, db: Any) -> Iterator[BriefingChannel]:
    """老城区's WeCom group robot, reached through the base URL of a relay on 127.0.0.1."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Robot)
    Robot.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.HELUO_WECOM_BASE_URL = f"http://127.0.0.1:{server.server_port}/relay"
    settings.HELUO_SITE_URL = "http://heluo.example.gov.cn"
    channel = BriefingChannel.objects.create(
        name="老城区工作群",
        kind=ChannelKind.WECOM,
        url="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-1",
    )
    channel.divisions.add(laocheng())
    yield channel
    server.shutdown()


def laocheng() -> Division:
    return Division.objects.get(code=LAOCHENG)


@pytest.fixture
def week(users: dict[str, Any]) -> Site:
    """A site of 老城区 (西关街道): in the week two inspections (one failing two items), a fine and a
    stop-work order; the week before one inspection; the same week of 2019 nothing."""
    zone = timezone.get_current_timezone()
    site = officer_site(XIGUAN)
    inspect(users["wangge"], site, {"cover": [], "washing": []}, at=dt.datetime(2020, 3, 10, 10, tzinfo=zone))
    inspect(users["wangge"], site, at=dt.datetime(2020, 3, 12, 10, tzinfo=zone))
    inspect(users["wangge"], site, at=dt.datetime(2020, 3, 3, 10, tzinfo=zone))
    measure(site, MeasureKind.FINE, served_on=dt.date(2020, 3, 12))
    measure(site, MeasureKind.STOP_WORK, served_on=dt.date(2020, 3, 15))
    AssessmentScheme.objects.create(
        name="2020年3月扬尘治理考核", subject=AssessedSubject.DISTRICT,
        period_start=dt.date(2020, 3, 1), period_end=dt.date(2020, 3, 31),
    )  # fmt: skip
    return site


def test_a_hand_made_week_is_written_in_sentences_and_tables(week: Site) -> None:
    from heluo.core.figures import Territory, value
    from heluo.dashboards.briefings.content import periods_of

    supervised = value("dust.sites", Territory.of(laocheng()), periods_of("week", WEEK_DAY).current).text
    briefing, made = services.generate_briefing(laocheng(), "week", WEEK_DAY)
    assert made and briefing.state == BriefingState.SENT
    assert briefing.title == "老城区周报（2020年3月9日至3月15日）"
    assert briefing.content["opening"] == "现将2020年3月9日至3月15日老城区重点工作情况通报如下。"
    assert briefing.content["sections"] == [
        {
            "module": "dust",
            "heading": "一、扬尘治理",
            "sentences": [
                f"2020年3月9日至3月15日，老城区扬尘治理在管工地{supervised}，开展检查2次，检查合格率50%，"
                "采取执法措施2次，期末仍在停工整改的1个。",
                "开展检查环比增长100%，上年同期为0；采取执法措施上期为0，上年同期为0。",
            ],
        }
    ]
    [ranking] = briefing.content["tables"]
    assert ranking["title"] == "扬尘治理考核排名（2020年3月扬尘治理考核）"
    assert ranking["header"][:2] == ["名次", "地区"] and ranking["header"][-2:] == ["扣分", "得分"]
    # Two failed items at 0.5 and two measures at 3 points: 老城区 is the only district with a deduction.
    last = ranking["rows"][-1]
    assert last[1] == "老城区" and last[-2:] == ["7", "93"]
    assert all(row[-1] == "100" for row in ranking["rows"][:-1])
    # The district's administrator has it in the inbox; a second run makes nothing and sends nothing.
    inbox = Notification.objects.filter(event="briefing", link=briefing.get_absolute_url())
    assert [n.recipient.username for n in inbox] == ["laocheng"]
    assert services.generate_briefing(laocheng(), "week", WEEK_DAY) == (briefing, False)
    assert Notification.objects.filter(event="briefing").count() == 1


def test_a_month_compares_with_the_month_before_and_the_same_month_last_year(week: Site) -> None:
    briefing, _made = services.generate_briefing(laocheng(), "month", WEEK_DAY)
    assert briefing.title == "老城区月报（2020年3月）"
    dust = briefing.content["sections"][0]["sentences"]
    assert dust[0].startswith("2020年3月，老城区扬尘治理在管工地")
    assert dust[1] == "开展检查上期为0，上年同期为0；采取执法措施上期为0，上年同期为0。"
    assert services.document_number(briefing) == "月报〔2020〕3号"


def test_an_empty_week_makes_nothing_to_send(
    robot: BriefingChannel, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        briefing, made = services.generate_briefing(laocheng(), "week", EMPTY_DAY)
    assert made and briefing.state == BriefingState.EMPTY and briefing.content["sections"] == []
    assert not Notification.objects.filter(event="briefing").exists()
    assert not briefing.deliveries.exists() and Robot.received == []


def test_the_robot_gets_the_headlines_and_a_link_without_a_person_or_militia(
    week: Site, robot: BriefingChannel, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        briefing, _made = services.generate_briefing(laocheng(), "week", WEEK_DAY)
    [(path, body)] = Robot.received
    assert path == "/relay/cgi-bin/webhook/send?key=k-1"
    assert body["msgtype"] == "markdown"
    content = body["markdown"]["content"]
    assert content.startswith("**老城区周报（2020年3月9日至3月15日）**")
    assert "开展检查2次，检查合格率50%，采取执法措施2次" in content
    assert f"http://heluo.example.gov.cn/dashboards/briefings/{briefing.pk}/" in content
    officer = week.grid.memberships.get().person  # type: ignore[union-attr]
    for personal in (officer.name, officer.phone, officer.id_number, "民兵", "militia"):
        assert not personal or personal not in content
    assert [d.state for d in briefing.deliveries.all()] == ["sent"]


def test_militia_has_no_section_in_any_briefing() -> None:
    from heluo.dashboards.briefings.content import SECTIONS

    assert all(item.module != "militia" for item in SECTIONS)
    assert not any(key.startswith("militia.") for item in SECTIONS for key, _words in item.compared)


def test_the_document_is_a_pdf_in_chinese_and_a_word_file(week: Site, tmp_path: Any) -> None:
    briefing, _made = services.generate_briefing(laocheng(), "week", WEEK_DAY)
    page = services.document_page(briefing)
    assert "老城区工作周报" in page and "周报〔2020〕11号" in page and "扬尘治理考核排名" in page
    data = services.document_pdf(briefing)
    assert data.startswith(b"%PDF")
    assert "老城区工作周报".encode() in services.document_word(briefing)
    (tmp_path / "briefing.pdf").write_bytes(data)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "briefing.pdf"), "-"], capture_output=True, check=True
    ).stdout
    text = text.decode().replace("\u200b", "")
    for words in ("老城区工作周报", "重点工作情况", "开展检查2次", "扬尘治理考核排名"):
        assert words in text.replace("\n", ""), words


def test_the_command_makes_a_period_once(week: Site) -> None:
    out = StringIO()
    args = ["briefings", "generate", "--period", "week", "--date", "2020-03-11", "--division", LAOCHENG]
    call_command(*args, stdout=out)
    call_command(*args, stdout=out)
    call_command("briefings", "generate", "--period", "week", "--date", "2020-01-08", "--division", LAOCHENG,
                 stdout=out)  # fmt: skip
    lines = out.getvalue().splitlines()
    assert len(lines) == 3 and Briefing.objects.filter(division__code=LAOCHENG).count() == 2
    assert lines[0].startswith("老城区周报（2020年3月9日至3月15日）") and lines[0] != lines[1]


def test_the_schedule_makes_last_weeks_on_monday_and_last_months_on_the_first(
    week: Site, settings: Any
) -> None:
    settings.HELUO_BRIEFING_DIVISIONS = [LAOCHENG]
    assert services.generate_due(dt.date(2020, 3, 17)) == []  # a Tuesday
    [weekly] = services.generate_due(dt.date(2020, 3, 16))
    assert (weekly.kind, weekly.period_start, weekly.period_end) == (
        "week",
        dt.date(2020, 3, 9),
        dt.date(2020, 3, 15),
    )
    made = services.generate_due(dt.date(2020, 4, 1))
    assert [(b.kind, b.period_start) for b in made] == [("month", dt.date(2020, 3, 1))]
    assert services.generate_due(dt.date(2020, 4, 1)) == []


def test_the_command_adds_a_group_robot_for_some_divisions(db: Any) -> None:
    out = StringIO()
    url = "https://oapi.dingtalk.com/robot/send?access_token=t-1"
    call_command("briefings", "channel", "--name", "老城区钉钉群", "--kind", "dingtalk", "--url", url,
                 "--division", LAOCHENG, stdout=out)  # fmt: skip
    channel = BriefingChannel.objects.get(name="老城区钉钉群")
    assert channel.is_active and list(channel.divisions.all()) == [laocheng()] and "老城区" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("briefings", "channel", "--name", "坏地址", "--kind", "wecom", "--url", "not a url",
                     "--division", LAOCHENG, stdout=out)  # fmt: skip
    with pytest.raises(CommandError):
        call_command("briefings", "generate", "--period", "week", "--division", "999999999999", stdout=out)


@pytest.mark.parametrize(
    ("now", "before", "basis", "rate", "written"),
    [
        (12, 10, "环比", False, "环比增长20%"),
        (10, 12, "同比", False, "同比下降16.7%"),
        (5, 5, "同比", False, "与上年持平"),
        (0, 0, "环比", False, "环比持平"),
        (3, 0, "环比", False, "上期为0"),
        (Decimal("87.8"), Decimal("85.5"), "环比", True, "环比提高2.3个百分点"),
        (Decimal("80"), None, "同比", True, None),
    ],
)
def test_a_change_is_written_as_officials_write_it(
    now: Any, before: Any, basis: Any, rate: bool, written: Any
) -> None:
    assert written_change(now, before, basis, "上期为0", rate=rate) == written
