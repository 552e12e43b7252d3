"""The audit trail: every change recorded with who, when, before and after — bulk and compare-and-set too."""

from __future__ import annotations

from typing import Any

from heluo.core.models import Division, Unit, UnitType
from heluo.core.services import audit


def _unit(name: str) -> Unit:
    return Unit(
        name=name,
        unit_type=UnitType.objects.get(code="enterprise"),
        division=Division.objects.get(code="410302001000"),
    )


def test_bulk_create_and_update_write_one_history_row_each(users: dict[str, Any]) -> None:
    created = audit.audited_bulk_create(
        Unit, [_unit("批量一"), _unit("批量二")], user=users["admin"], reason="import"
    )
    units = list(Unit.objects.filter(name__startswith="批量"))
    assert len(created) == len(units) == 2
    for unit in units:
        unit.contact_name = "联系人"
    audit.audited_bulk_update(Unit, units, ["contact_name"], user=users["admin"], reason="import")
    for unit in Unit.objects.filter(name__startswith="批量"):
        kinds = list(
            unit.history.order_by("history_date").values_list(
                "history_type", "history_user__username", "history_change_reason"
            )
        )
        assert kinds == [("+", "admin", "import"), ("~", "admin", "import")]
        assert unit.row_version == 2


def test_compare_and_set_changes_once_and_records_it(users: dict[str, Any]) -> None:
    unit = _unit("比较并设置")
    unit.save()
    first = audit.compare_and_set(
        Unit, unit.pk, expected={"contact_name": ""}, changes={"contact_name": "甲"}, user=users["admin"]
    )
    second = audit.compare_and_set(
        Unit, unit.pk, expected={"contact_name": ""}, changes={"contact_name": "乙"}, user=users["admin"]
    )
    assert first is not None and second is None
    unit.refresh_from_db()
    assert unit.contact_name == "甲" and unit.row_version == 2
    assert unit.history.filter(history_type="~", contact_name="甲").count() == 1


def test_history_page_shows_before_and_after_with_the_user(client_as: Any) -> None:
    client = client_as("laocheng")
    unit = _unit("历史单位")
    unit.save()
    client.post(
        f"/core/units/{unit.pk}/edit/",
        {"name": "历史单位（新）", "unit_type": unit.unit_type_id, "division": unit.division_id},
    )
    body = client.get(f"/core/units/{unit.pk}/history/").content.decode()
    assert "历史单位（新）" in body and "<del>历史单位</del>" in body
    assert "老城区管理员" in body
