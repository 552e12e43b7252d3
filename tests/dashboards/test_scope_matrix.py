"""The scope matrix over the dashboards, for every demo role (tests/core/test_scope_matrix.py's users):
the home page opens for all; the cockpit opens at a division of one's own territory only and breaks its
figures down only into divisions of it; a district's briefing is listed and opened by those whose
territory holds it. Expectations are written out by hand."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from heluo.core.models import Division, Role
from heluo.core.scope import scope_of
from heluo.core.services.accounts import create_account, system_operator
from heluo.dashboards.models import Briefing
from tests.core.test_scope_matrix import EVERYONE

LAOCHENG = "410302000000"
# Who may open the cockpit at 老城区 (its territory theirs; else 404).
COCKPIT_LAOCHENG = {"admin", "laocheng", "zhujian", "duban", "lingdao", "fuwuguan", "junfenqu", "root"}
# Who may open the briefings (else 403): the leaders, the administrators, the supervisors and the
# divisions' staff — not a module's own roles (dust department, grid, party, militia, service officers);
# and who sees 老城区's (else absent and 404).
BRIEFING_VIEWERS = {
    "admin",
    "laocheng",
    "gaoxin",
    "luolong",
    "mengjin",
    "duban",
    "lingdao",
    "noscope",
    "root",
}
BRIEFING_VISIBLE = {"admin", "laocheng", "duban", "lingdao", "root"}


@pytest.fixture
def briefing(db: Any) -> Briefing:
    get_user_model().objects.create_superuser("root", "", "x")
    create_account(
        system_operator(),
        username="noscope",
        roles=[Role.objects.get(code="division_staff")],
        password="x" * 12,
    )
    return Briefing.objects.create(
        division=Division.objects.get(code=LAOCHENG), kind="week", period_start=dt.date(2026, 11, 16),
        period_end=dt.date(2026, 11, 22), title="矩阵区周报", state="sent", generated_at=timezone.now(),
        content={"opening": "矩阵", "sections": [{"heading": "一、督办工作", "sentences": ["矩阵句子。"]}],
                 "tables": []},
    )  # fmt: skip


@pytest.mark.parametrize("username", sorted(EVERYONE))
def test_the_home_and_the_cockpit_keep_to_the_territory(
    briefing: Briefing, client_as: Any, username: str
) -> None:
    client = client_as(username)
    assert client.get("/").status_code == 200
    opened = client.get(f"/dashboards/cockpit/data/?division={LAOCHENG}")
    assert opened.status_code == (200 if username in COCKPIT_LAOCHENG else 404)
    scope = scope_of(get_user_model().objects.get(username=username))
    panels = json.loads(client.get("/dashboards/cockpit/data/").content)["panels"]
    for key, data in panels.items():
        for row in data.get("divisions", []):
            assert scope.unrestricted or row["code"].startswith(scope.prefixes), (key, row["code"])


@pytest.mark.parametrize("username", sorted(EVERYONE))
def test_a_districts_briefing_is_seen_in_its_territory_only(
    briefing: Briefing, client_as: Any, username: str
) -> None:
    client = client_as(username)
    listed = client.get("/dashboards/briefings/")
    assert listed.status_code == (200 if username in BRIEFING_VIEWERS else 403)
    assert (briefing.title in listed.content.decode()) == (username in BRIEFING_VISIBLE)
    status = 403 if username not in BRIEFING_VIEWERS else 200 if username in BRIEFING_VISIBLE else 404
    # The PDF and the Word file are made only for those who get them (test_briefings_views downloads them).
    for url in ("", "document/") if status == 200 else ("", "document/", "pdf/", "word/"):
        assert client.get(f"{briefing.get_absolute_url()}{url}").status_code == status, url
