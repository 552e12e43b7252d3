"""The figures page (/core/figures/) and its export: the registered figures of the user's modules for a
period and a territory the user may see, refusals of bad input, and the same table in the workbook."""

from __future__ import annotations

import io
from typing import Any

import openpyxl
from django.urls import reverse

from heluo.core.figures import Period, Territory, render_sentence, value
from heluo.core.models import Division
from heluo.core.scope import scope_of

URL = reverse("core:figures")
LUOLONG = "410311000000"
PERIOD = Period.month(2026, 11)


def test_the_page_writes_each_figure_and_sentence_of_the_chosen_territory_and_month(
    client_as: Any,
) -> None:
    response = client_as("duban").get(URL, {"year": 2026, "month": 11, "division": LUOLONG})
    assert response.status_code == 200
    page = response.content.decode()
    territory = Territory.of(Division.objects.get(code=LUOLONG))
    for key in ("cases.received", "dust.inspections", "monitoring.alarms_raised"):
        row = page.split(f'data-testid="figure-{key}"', 1)[1].split("</tr>", 1)[0]
        assert f'data-testid="written">{value(key, territory, PERIOD).text}<' in row
    sentence = render_sentence("cases.summary", territory, PERIOD)
    assert sentence.startswith("2026年11月，共受理督办事项") and f'data-copy-text="{sentence}"' in page
    assert "洛龙区 2026年11月" in page
    rows = {row.reading.figure.key: row for section in response.context["sections"] for row in section.rows}
    assert rows["cases.received"].last_year.period.label == "2025年11月"
    assert rows["dust.sites"].last_year is None and rows["dust.sites"].change == "—"  # counted as of now


def test_a_user_sees_the_figures_of_their_modules_and_chooses_only_their_territory(client_as: Any) -> None:
    client = client_as("laocheng")
    response = client.get(URL)
    assert response.status_code == 200
    choices = response.context["form"].fields["division"].choices
    codes = {code for code, _name in choices}
    assert "410302000000" in codes and LUOLONG not in codes
    modules = scope_of(response.context["user"]).modules
    assert {section.module for section in response.context["sections"]} <= set(modules)
    refused = client.get(URL, {"year": 2026, "division": LUOLONG})
    assert refused.status_code == 400 and refused.context["sections"] == []
    assert client.get(reverse("core:figures_export"), {"year": 2026, "division": LUOLONG}).status_code == 400


def test_bad_periods_are_refused_with_a_clear_message(client_as: Any) -> None:
    client = client_as("duban")
    for query in ({"year": 1999}, {"year": 3000}, {"year": "二〇二六"}, {"year": 2026, "month": 13}):
        response = client.get(URL, query)
        assert response.status_code == 400, query
        assert response.context["sections"] == []
    assert "2000" in client.get(URL, {"year": 1999}).content.decode()


def test_the_page_asks_for_a_login(client: Any) -> None:
    assert client.get(URL).status_code == 302


def test_the_workbook_holds_the_pages_figures_and_sentences(
    client_as: Any,
) -> None:
    response = client_as("duban").get(reverse("core:figures_export"), {"year": 2026, "month": 11})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    figures, sentences = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets
    rows = {row[7]: row for row in figures.iter_rows(min_row=2, values_only=True)}
    city = value("cases.received", Territory.city(), PERIOD)
    assert rows["cases.received"][2:5] == (city.text, city.number, "件")
    texts = [row[2] for row in sentences.iter_rows(min_row=2, values_only=True)]
    assert render_sentence("cases.summary", Territory.city(), PERIOD) in texts
