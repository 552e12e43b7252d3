"""The generic test case of a ledger's pages (as NetBox's ViewTestCases): a ledger's test class declares
its actor, how to make a row in and out of the actor's scope, and its form data; every page is then
checked with and without permission, in and out of scope, for valid and invalid input."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client

from heluo.core.ledger import Ledger
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

    # --- the checks every ledger gets -------------------------------------------------------------
    def test_list_shows_rows_in_scope_and_hides_others(self) -> None:
        inside, outside = self.make(True), self.make(False)
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
        inside, outside = self.make(True), self.make(False)
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
        outside = self.make(False)
        version = outside.row_version  # type: ignore[attr-defined]
        assert (
            self.client.post(self.ledger.url("edit", outside.pk), self.update_data(outside)).status_code
            == 404
        )
        outside.refresh_from_db()
        assert outside.row_version == version  # type: ignore[attr-defined]

    def test_delete_asks_first_then_deletes(self) -> None:
        obj = self.make(True)
        assert self.client.get(self.ledger.url("delete", obj.pk)).status_code == 200
        assert self.model().objects.filter(pk=obj.pk).exists()
        assert self.client.post(self.ledger.url("delete", obj.pk)).status_code == 302
        assert not self.model().objects.filter(pk=obj.pk).exists()
        assert obj.history.filter(history_type="-").exists()  # type: ignore[attr-defined]

    def test_delete_is_refused_while_other_rows_depend_on_it(self) -> None:
        obj = self.make(True)
        self.protect(obj)
        response = self.client.post(self.ledger.url("delete", obj.pk))
        assert response.status_code == 409
        assert 'data-testid="delete-refused"' in response.content.decode()
        assert self.model().objects.filter(pk=obj.pk).exists()

    def test_autocomplete_offers_rows_in_scope_only(self) -> None:
        inside, outside = self.make(True), self.make(False)
        found = self.client.get(self.ledger.url("autocomplete"), {"q": self.search_text(inside)}).json()[
            "results"
        ]
        assert inside.pk in {row["id"] for row in found}
        found = self.client.get(self.ledger.url("autocomplete"), {"q": self.search_text(outside)}).json()[
            "results"
        ]
        assert outside.pk not in {row["id"] for row in found}
