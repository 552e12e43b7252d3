"""schemathesis over the OpenAPI schema: generated requests to every operation, as the city administrator
and as a district user, never answer a 500. Few examples per operation, so the run stays within a minute
(a longer run: SCHEMATHESIS_EXAMPLES=50)."""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "3"))


@pytest.fixture
def connection_kept_open() -> Any:
    """A bare WSGI handler closes the database connection around each request, as a server would; inside
    the test's transaction that would close it for good (PostgreSQL). Django's test client does the same."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.usefixtures("connection_kept_open")
def test_no_generated_request_is_a_server_error(users: dict[str, Any]) -> None:
    schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    schema.app = WSGIHandler()
    headers = [
        {"Authorization": f"Token {Token.objects.get_or_create(user=users[name])[0].key}"}
        for name in ("admin", "luolong")
    ]
    failures: list[tuple[str, str, int, str]] = []
    statuses: set[int] = set()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20

    for operation in operations:

        @settings(max_examples=EXAMPLES, deadline=None, database=None, phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        @given(case=operation.as_strategy())
        def call(case: Any) -> None:
            for header in headers:
                response = case.call(headers=header)
                statuses.add(response.status_code)
                if response.status_code >= 500:
                    failures.append(
                        (case.method, case.formatted_path, response.status_code, response.text[:200])
                    )

        call()
    assert failures == []
    # The calls were authenticated and reached the views: some succeeded, some were refused as invalid.
    assert 200 in statuses and 400 in statuses
