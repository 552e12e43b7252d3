"""Inputs that crashed pages answer 400 (or a page that says what is wrong) and change nothing: a year
out of the calendar, a period spanning all of time, JSON nested deeper than any real body."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django.test import Client

from tests.monitoring.factories import monitor

DEEP = "[" * 5000 + "]" * 5000
DEEP_OBJECT = '{"a":' * 3000 + "1" + "}" * 3000


@pytest.mark.parametrize("year", ["0", "-1", "99999", "1e9", "abc"])
def test_a_year_out_of_the_calendar_is_refused_not_a_500(client_as: Any, year: str) -> None:
    client = client_as("duban")
    client.raise_request_exception = False
    response = client.get("/cases/calendar/", {"year": year})
    assert response.status_code == 400, response.status_code
    assert 'data-testid="filter-error-year"' in response.content.decode()


@pytest.mark.parametrize("url", ["/cases/statistics/", "/cases/statistics/export/"])
def test_a_period_over_all_of_time_is_refused_not_a_500(client_as: Any, url: str) -> None:
    client = client_as("duban")
    client.raise_request_exception = False
    response = client.get(url, {"start": "0001-01-01", "end": "9999-12-31"})
    assert response.status_code == 400, response.status_code
    assert "日期" in response.content.decode() or url.endswith("/export/")


@pytest.mark.parametrize("url", ["/api/token/", "/api/monitoring/frames/"])
@pytest.mark.parametrize("body", [DEEP, DEEP_OBJECT])
def test_deeply_nested_json_is_a_400(db: Any, url: str, body: str) -> None:
    device = monitor()
    client = Client(raise_request_exception=False)
    credentials = base64.b64encode(f"{device.mn}:{device.pw}".encode()).decode()
    response = client.post(
        url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Basic {credentials}"
    )
    assert response.status_code == 400, (response.status_code, response.content[:200])
    assert response.json()["code"] in ("parse_error", "invalid")


def test_a_list_shows_at_most_its_largest_page(client_as: Any) -> None:
    response = client_as("admin").get("/core/divisions/", {"per_page": "1000000"})
    assert response.status_code == 200
    assert len(response.context["table"].page.object_list) == 25
    response = client_as("admin").get("/core/divisions/", {"per_page": "200", "page": "999999"})
    assert len(response.context["table"].page.object_list) <= 200
