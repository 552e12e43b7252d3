"""The API's OpenAPI schema: it validates, and generated requests against core's endpoints (schemathesis,
as the city administrator and bounded) never make the server fail."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error


def test_schema_validates_without_warnings(tmp_path: Path) -> None:
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    assert "/api/core/units/{id}/" in text and "/api/token/" in text


def test_schema_and_docs_need_a_login(client: Any, client_as: Any) -> None:
    assert client.get("/api/schema/").status_code == 401
    assert client.get("/api/docs/")["Location"].startswith("/login/")
    session = client_as("lingdao")
    assert session.get("/api/schema/?format=json").json()["info"]["title"] == "河洛 Heluo API"
    page = session.get("/api/docs/").content.decode()
    # Served from our own static files, with the outside validator switched off.
    assert "vendor/swagger-ui/swagger-ui-bundle.js" in page and "heluo/api_docs.js" in page
    assert "https://" not in page and "//cdn" not in page


REFERENCES = [
    "path.id", "query.division", "query.unit", "query.grid", "query.role",
    *(f"body.{name}" for name in (
        "division", "parent", "unit", "person", "grid", "role", "unit_type", "city", "leader",
        "home_division", "home_zone",
    )),
]  # fmt: skip


def _core_schema() -> Any:
    """The schema as the server generates it (no request, so no database at collection time)."""
    from drf_spectacular.generators import SchemaGenerator

    config = schemathesis.Config.from_dict(
        {
            "generation": {"max-examples": 6, "deterministic": True, "database": "none"},
            # The coverage phase walks every boundary of every parameter: thorough but slow.
            "phases": {"coverage": {"enabled": False}},
            # Mostly ids of demo rows, so that updates and deletes reach real rows, not only 404s.
            "dictionaries": {"ids": {"values": [1, 2, 3, 5, 8, 13, 20, 300]}},
            "parameters": {name: {"dictionary": "ids", "probability": 0.8} for name in REFERENCES},
        }
    )
    document = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(document, config=config)
    loaded.app = get_wsgi_application()
    return loaded.include(path_regex=r"^/api/(core/|me/)")


@pytest.fixture
def admin_token(db: Any, users: dict[str, Any]) -> Iterator[str]:
    """A token of the city administrator, for requests through the bare WSGI application.

    Django's test client keeps the test's connection open across requests; the bare application
    would close it at the end of each request (close_old_connections), which on PostgreSQL ends the
    test's transaction. Keep it open the same way for these requests.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield Token.objects.create(user=users["admin"]).key
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = _core_schema()


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_core_endpoints_never_answer_a_server_error(case: Any, admin_token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Token {admin_token}"}, checks=[not_a_server_error])
