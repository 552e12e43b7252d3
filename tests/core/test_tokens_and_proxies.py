"""API tokens end with a password change and after HELUO_API_TOKEN_DAYS; the log-in lock-out keys on the
client's address, read from X-Forwarded-For only when the request comes from a listed proxy."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from heluo.core.middleware import client_address

pytestmark = pytest.mark.django_db


def _token(username: str) -> str:
    from heluo.core.demo_accounts import DEMO_PASSWORD

    response = APIClient().post(
        "/api/token/", {"username": username, "password": DEMO_PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    return str(response.json()["token"])


def _me(token: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return int(client.get("/api/me/").status_code)


def test_a_password_change_ends_the_users_tokens() -> None:
    token = _token("luolong")
    assert _me(token) == 200
    user = get_user_model().objects.get(username="luolong")
    user.set_password("another-password-2026")
    user.save()
    assert _me(token) == 401
    assert not Token.objects.filter(key=token).exists()


def test_a_token_expires_after_its_days(settings: Any) -> None:
    settings.API_TOKEN_DAYS = 7
    token = _token("luolong")
    Token.objects.filter(key=token).update(created=timezone.now() - dt.timedelta(days=8))
    assert _me(token) == 401
    fresh = _token("luolong")
    assert fresh != token and _me(fresh) == 200


def test_the_forwarded_address_counts_only_from_a_trusted_proxy(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    factory = RequestFactory()
    behind = factory.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_address(behind) == "203.0.113.7"
    chained = factory.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="203.0.113.7, 10.0.0.9")
    assert client_address(chained) == "203.0.113.7"
    spoofed = factory.get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(spoofed) == "198.51.100.9"
    settings.TRUSTED_PROXIES = []
    assert client_address(behind) == "10.0.0.5"


def test_the_login_lock_out_keys_on_the_address_behind_the_proxy(client: Any, settings: Any) -> None:
    from axes.models import AccessAttempt

    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    client.post("/login/", {"username": "luolong", "password": "wrong"}, REMOTE_ADDR="10.0.0.5",
                HTTP_X_FORWARDED_FOR="203.0.113.7")  # fmt: skip
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.7"]
