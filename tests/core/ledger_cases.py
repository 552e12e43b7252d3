"""The generic test case of a ledger (as NetBox's ViewTestCases): a ledger's test class declares its
actor, how to make a row in and out of the actor's scope, and its form data; every page, the ledger's
API and its Excel round trip are then checked with and without permission, in and out of scope, for valid
and invalid input — the API with the very data the page takes, so a rule that drifts between the two
ways in fails here. tests/test_architecture.py checks that every ledger has such a test class."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, reverse
from rest_framework.test import APIClient

from heluo.core.ledger import Ledger
from heluo.core.models import CITY_WIDE
from heluo.core.services import transfer
from heluo.core.services.accounts import create_account, system_operator


class LedgerViewCases:
    ledger: ClassVar[Ledger]
    # A user who may add, change and delete rows of this ledger within their scope.
    actor: ClassVar[str] = "laocheng"
    # A user who may view but not change (read-only leader).
    viewer: ClassVar[str] = "lingdao"

    # --- what each ledger's test class declares -------------------------------------------------
    def make(self, in_scope: bool) -> models.Model:
        raise NotImplementedError

    def create_data(self) -> dict[str, Any]:
        raise NotImplementedError

    def invalid_data(self) -> tuple[dict[str, Any], str]:
        """Form data with one bad field, and that field's name."""
        raise NotImplementedError

    def update_data(self, obj: models.Model) -> dict[str, Any]:
        raise NotImplementedError

    def search_text(self, obj: models.Model) -> str:
        return str(obj)

    def protect(self, obj: models.Model) -> None:
        """Make a row that depends on `obj`, so that deleting it must be refused (optional)."""
        pytest.skip("nothing depends on this ledger's rows")

    # --- shared helpers ---------------------------------------------------------------------------
    @pytest.fixture(autouse=True)
    def _clients(self, users: dict[str, Any], client_as: Any) -> None:
        self.users = users
        self.client = client_as(self.actor)
        self.viewer_client = client_as(self.viewer)
        create_account(system_operator(), username="noroles", password="x" * 12)
        self.nobody_client = Client()
        self.nobody_client.force_login(get_user_model().objects.get(username="noroles"))

    def model(self) -> type[models.Model]:
        return self.ledger.model

    def make_outside(self) -> models.Model:
        """A row outside the actor's scope; a city-wide ledger (reference data) has none."""
        if self.ledger.model.scope_division_field == CITY_WIDE:  # type: ignore[attr-defined]
            pytest.skip("every row of a city-wide ledger is everyone's in its module")
        return self.make(False)

    def api(self, username: str | None = None) -> APIClient:
        client = APIClient()
        client.force_authenticate(self.users[username or self.actor])
        return client

    def api_url(self, pk: int | None = None) -> str:
        name = f"{self.ledger.app_label}-{self.ledger.model_name}-{'list' if pk is None else 'detail'}"
        return reverse(name, args=[] if pk is None else [pk])

    # --- the checks every ledger gets -------------------------------------------------------------
    def test_list_shows_rows_in_scope_and_hides_others(self) -> None:
        inside, outside = self.make(True), self.make_outside()
        response = self.client.get(self.ledger.url("list"), {"per_page": 200, "q": self.search_text(inside)})
        assert response.status_code == 200
        assert inside.get_absolute_url() in response.content.decode()  # type: ignore[attr-defined]
        response = self.client.get(self.ledger.url("list"), {"per_page": 200, "q": self.search_text(outside)})
        assert outside.get_absolute_url() not in response.content.decode()  # type: ignore[attr-defined]

    def test_list_is_refused_without_permission(self) -> None:
        assert self.nobody_client.get(self.ledger.url("list")).status_code == 403

    def test_list_answers_htmx_with_the_table_only(self) -> None:
        response = self.client.get(self.ledger.url("list"), HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert b"<html" not in response.content and b"<table" in response.content

    def test_detail_and_history_open_in_scope_and_404_outside(self) -> None:
        inside, outside = self.make(True), self.make_outside()
        for action in ("detail", "history"):
            assert self.client.get(self.ledger.url(action, inside.pk)).status_code == 200
            assert self.client.get(self.ledger.url(action, outside.pk)).status_code == 404

    def test_create_saves_a_valid_row_with_its_history(self) -> None:
        before = self.model().objects.count()
        response = self.client.post(self.ledger.url("add"), self.create_data())
        assert response.status_code == 302, (
            getattr(response, "context", {}) and response.context["form"].errors
        )
        assert self.model().objects.count() == before + 1
        created = self.model().objects.latest("pk")
        first = created.history.earliest("history_date")  # type: ignore[attr-defined]
        assert first.history_type == "+"
        assert first.history_user.username == self.actor

    def test_create_refuses_invalid_input_in_chinese_and_writes_nothing(self) -> None:
        data, field = self.invalid_data()
        before = self.model().objects.count()
        response = self.client.post(self.ledger.url("add"), data)
        assert response.status_code == 400
        assert response.context["form"].errors.get(field), response.context["form"].errors
        assert f'data-testid="error-{field}"' in response.content.decode()
        assert self.model().objects.count() == before

    def test_create_and_edit_are_refused_to_a_viewer(self) -> None:
        obj = self.make(True)
        assert self.viewer_client.get(self.ledger.url("add")).status_code == 403
        assert self.viewer_client.post(self.ledger.url("add"), self.create_data()).status_code == 403
        assert (
            self.viewer_client.post(self.ledger.url("edit", obj.pk), self.update_data(obj)).status_code == 403
        )

    def test_edit_changes_the_row_and_records_before_and_after(self) -> None:
        obj = self.make(True)
        version = obj.row_version  # type: ignore[attr-defined]
        response = self.client.post(self.ledger.url("edit", obj.pk), self.update_data(obj))
        assert response.status_code == 302, response.context and response.context["form"].errors
        obj.refresh_from_db()
        assert obj.row_version == version + 1  # type: ignore[attr-defined]
        history = self.client.get(self.ledger.url("history", obj.pk)).content.decode()
        assert history.count("heluo-history-entry") == obj.history.count() >= 2  # type: ignore[attr-defined]

    def test_edit_out_of_scope_is_404_and_changes_nothing(self) -> None:
        outside = self.make_outside()
        version = outside.row_version  # type: ignore[attr-defined]
        assert (
            self.client.post(self.ledger.url("edit", outside.pk), self.update_data(outside)).status_code
            == 404
        )
        outside.refresh_from_db()
        assert outside.row_version == version  # type: ignore[attr-defined]

    def test_delete_asks_first_then_deletes(self) -> None:
        if not self.ledger.deletable:
            pytest.skip("this ledger keeps its rows")
        obj = self.make(True)
        assert self.client.get(self.ledger.url("delete", obj.pk)).status_code == 200
        assert self.model().objects.filter(pk=obj.pk).exists()
        assert self.client.post(self.ledger.url("delete", obj.pk)).status_code == 302
        assert not self.model().objects.filter(pk=obj.pk).exists()
        assert obj.history.filter(history_type="-").exists()  # type: ignore[attr-defined]

    def test_delete_is_refused_while_other_rows_depend_on_it(self) -> None:
        if not self.ledger.deletable:
            pytest.skip("this ledger keeps its rows")
        obj = self.make(True)
        self.protect(obj)
        response = self.client.post(self.ledger.url("delete", obj.pk))
        assert response.status_code == 409
        assert 'data-testid="delete-refused"' in response.content.decode()
        assert self.model().objects.filter(pk=obj.pk).exists()
        answer = self.api().delete(self.api_url(obj.pk))
        assert answer.status_code == 409 and answer.json()["code"] == "protected"

    def test_a_kept_ledger_deletes_through_neither_way(self) -> None:
        if self.ledger.deletable:
            pytest.skip("this ledger's rows may be deleted")
        obj = self.make(True)
        with pytest.raises(NoReverseMatch):
            self.ledger.url("delete", obj.pk)
        assert self.api("admin").delete(self.api_url(obj.pk)).status_code == 405
        assert self.model().objects.filter(pk=obj.pk).exists()

    def test_autocomplete_offers_rows_in_scope_only(self) -> None:
        inside, outside = self.make(True), self.make_outside()
        found = self.client.get(self.ledger.url("autocomplete"), {"q": self.search_text(inside)}).json()[
            "results"
        ]
        assert inside.pk in {row["id"] for row in found}
        found = self.client.get(self.ledger.url("autocomplete"), {"q": self.search_text(outside)}).json()[
            "results"
        ]
        assert outside.pk not in {row["id"] for row in found}

    # --- the API: the page's rules, through the ledger's form and save --------------------------------
    def test_api_lists_and_shows_rows_in_scope(self) -> None:
        inside = self.make(True)
        assert self.api().get(self.api_url(inside.pk)).status_code == 200
        listed = self.api().get(self.api_url(), {"q": self.search_text(inside), "page_size": 200}).json()
        assert inside.pk in {row["id"] for row in listed["results"]}

    def test_api_hides_rows_out_of_scope(self) -> None:
        outside = self.make_outside()
        assert self.api().get(self.api_url(outside.pk)).status_code == 404
        listed = self.api().get(self.api_url(), {"q": self.search_text(outside), "page_size": 200}).json()
        assert outside.pk not in {row["id"] for row in listed["results"]}

    def test_api_creates_what_the_page_creates_with_its_history(self) -> None:
        before = self.model().objects.count()
        answer = self.api().post(self.api_url(), self.create_data(), format="json")
        assert answer.status_code == 201, answer.json()
        assert self.model().objects.count() == before + 1
        created = self.model().objects.get(pk=answer.json()["id"])
        first = created.history.earliest("history_date")  # type: ignore[attr-defined]
        assert first.history_user.username == self.actor

    def test_api_refuses_what_the_page_refuses_and_writes_nothing(self) -> None:
        data, field = self.invalid_data()
        before = self.model().objects.count()
        answer = self.api().post(self.api_url(), data, format="json")
        assert answer.status_code == 400 and field in answer.json()["fields"], answer.json()
        assert self.model().objects.count() == before

    def test_api_changes_what_the_page_changes(self) -> None:
        obj = self.make(True)
        version = obj.row_version  # type: ignore[attr-defined]
        answer = self.api().patch(self.api_url(obj.pk), self.update_data(obj), format="json")
        assert answer.status_code == 200, answer.json()
        obj.refresh_from_db()
        assert obj.row_version == version + 1  # type: ignore[attr-defined]

    def test_api_refuses_a_write_out_of_scope(self) -> None:
        outside = self.make_outside()
        version = outside.row_version  # type: ignore[attr-defined]
        answer = self.api().patch(self.api_url(outside.pk), self.update_data(outside), format="json")
        assert answer.status_code == 404
        outside.refresh_from_db()
        assert outside.row_version == version  # type: ignore[attr-defined]

    def test_api_refuses_a_write_without_the_right(self) -> None:
        inside = self.make(True)
        viewer = self.api(self.viewer)
        assert viewer.post(self.api_url(), self.create_data(), format="json").status_code == 403
        assert (
            viewer.patch(self.api_url(inside.pk), self.update_data(inside), format="json").status_code == 403
        )

    def test_api_takes_back_what_it_gave_and_changes_nothing(self) -> None:
        obj = self.make(True)
        shown = self.api().get(self.api_url(obj.pk)).json()
        answer = self.api().put(self.api_url(obj.pk), shown, format="json")
        assert answer.status_code == 200, answer.json()
        again = self.api().get(self.api_url(obj.pk)).json()
        kept = {name: value for name, value in again.items() if name not in {"updated_at", "row_version"}}
        assert kept == {name: value for name, value in shown.items() if name in kept}

    # --- Excel: export, then import the same file -----------------------------------------------------
    def test_an_exported_row_imports_back_unchanged(self) -> None:
        obj = self.make(True)
        user = self.users[self.actor]
        _name, data, count = transfer.export_to_bytes(self.ledger, user, f"q={self.search_text(obj)}")
        assert count >= 1
        summary = transfer.import_file(self.ledger, user, "round-trip.xlsx", data, apply=False)
        assert summary["error_count"] == 0, summary["errors"]
        assert summary["counts"]["unchanged"] == count, summary["counts"]
