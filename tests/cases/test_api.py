"""Supervision through the API: another system registers a case; acts, refusals, timeline and figures
follow the same scope and roles as the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from heluo.cases.models import Case, CaseCategory, State
from heluo.core.models import Account, Division, Unit

from .conftest import DINGDINGMEN

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def api(users: dict[str, Any]) -> Any:
    def client(username: str) -> APIClient:
        made = APIClient()
        made.force_authenticate(users[username])
        return made

    return client


def registration() -> dict[str, Any]:
    return {"title": "接口登记的督办事项", "category": CaseCategory.objects.get(code="dust").pk,
            "division": Division.objects.get(code=DINGDINGMEN).pk, "source_kind": "external",
            "source_reference": "SYS-2026-0042", "time_limit_days": 5}  # fmt: skip


def test_another_system_registers_a_case_once(api: Any) -> None:
    answer = api("duban").post("/api/cases/cases/", registration(), format="json")
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert body["number"].startswith("DB-") and body["state"] == "registered"
    again = api("duban").post("/api/cases/cases/", registration(), format="json")
    assert again.status_code == 400 and again.json()["code"] == "invalid"
    assert Case.objects.filter(source_reference="SYS-2026-0042").count() == 1


def test_workflow_fields_cannot_be_written_directly(api: Any, make_case: Any) -> None:
    case = make_case("assigned")
    answer = api("duban").patch(
        f"/api/cases/cases/{case.pk}/", {"state": "closed", "title": "改名"}, format="json"
    )
    assert answer.status_code == 200
    case.refresh_from_db()
    assert case.state == State.ASSIGNED and case.title == "改名"


def test_a_grid_officer_acts_but_neither_registers_nor_edits(api: Any, make_case: Any) -> None:
    case = make_case("assigned")
    officer = api("wangge")
    assert officer.post("/api/cases/cases/", registration(), format="json").status_code == 403
    assert officer.patch(f"/api/cases/cases/{case.pk}/", {"title": "改"}, format="json").status_code == 403
    answer = officer.post(f"/api/cases/cases/{case.pk}/accept/", {"note": "收到"}, format="json")
    assert answer.status_code == 200 and answer.json()["case"]["state"] == "in_progress"
    photo = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
    answer = officer.post(
        f"/api/cases/cases/{case.pk}/reply/", {"note": "已整改", "files": [photo]}, format="multipart"
    )
    assert answer.status_code == 200 and answer.json()["case"]["state"] == "replied"
    events = officer.get(f"/api/cases/cases/{case.pk}/events/").json()
    assert [e["kind"] for e in events][-1] == "replied"
    assert events[-1]["attachments"][0]["name"] == "现场.png"


def test_assignment_through_the_api_returns_the_deadlines_warnings(api: Any, make_case: Any) -> None:
    case = make_case("registered")
    unit = Unit.objects.get(name="定鼎门社区居民委员会")
    handler = Account.objects.get(user__username="wangge")
    answer = api("duban").post(f"/api/cases/cases/{case.pk}/assign/",
                               {"unit": unit.pk, "handler": handler.pk, "due_date": "2031-03-03"}, format="json")  # fmt: skip
    assert answer.status_code == 200
    assert answer.json()["case"]["due_date"] == "2031-03-03" and "2031" in answer.json()["warnings"][0]


def test_refusals_through_the_api(api: Any, make_case: Any) -> None:
    closed, replied = make_case("closed"), make_case("replied")
    illegal = api("duban").post(f"/api/cases/cases/{closed.pk}/return/", {"note": "再办"}, format="json")
    assert illegal.status_code == 409 and illegal.json()["code"] == "conflict" and illegal.json()["message"]
    unauthorised = api("wangge").post(f"/api/cases/cases/{replied.pk}/close/", {}, format="json")
    assert unauthorised.status_code == 403 and unauthorised.json()["code"] == "permission_denied"
    invalid = api("duban").post(f"/api/cases/cases/{replied.pk}/return/", {"note": ""}, format="json")
    assert invalid.status_code == 400 and "note" in invalid.json()["fields"]
    outside = api("beiyao").post(f"/api/cases/cases/{replied.pk}/note/", {"note": "x"}, format="json")
    assert outside.status_code == 404
    assert api("duban").post(f"/api/cases/cases/{replied.pk}/fly/", {}, format="json").status_code == 404
    assert Case.objects.get(pk=replied.pk).state == State.REPLIED


def test_lists_filter_and_keep_to_the_scope(api: Any, make_case: Any) -> None:
    case = make_case("replied")
    listed = api("duban").get("/api/cases/cases/", {"state": "replied"}).json()
    assert case.pk in {row["id"] for row in listed["results"]}
    assert all(row["state"] == "replied" for row in listed["results"])
    assert case.pk not in {row["id"] for row in api("beiyao").get("/api/cases/cases/").json()["results"]}


def test_figures_through_the_api(api: Any, make_case: Any, base_data_reader: Any) -> None:
    make_case("closed")
    answer = api("duban").get("/api/cases/statistics/", {"start": "2026-01-01", "end": "2026-12-31"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["total"]["closed"] >= 1 and body["rows"][0]["rank"] == 1
    bad = api("duban").get("/api/cases/statistics/", {"start": "2026-12-31", "end": "2026-01-01"})
    assert bad.status_code == 400
    outside = APIClient()
    outside.force_authenticate(base_data_reader)
    assert (
        outside.get("/api/cases/statistics/", {"start": "2026-01-01", "end": "2026-12-31"}).status_code == 403
    )
