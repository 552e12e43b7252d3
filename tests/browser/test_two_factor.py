"""Two-factor login in a real browser: an administrator enrols an authenticator (TOTP), logs out, cannot
get past the second step without the code, and logs in with it."""

from __future__ import annotations

import time
from base64 import b32decode
from typing import Any

import pytest
from django_otp.oath import TOTP

from .conftest import Served, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "Zweiter-Faktor-2026"
CREATE_ADMIN = """
from heluo.core.models import Division, Role
from heluo.core.services import accounts
accounts.create_account(
    accounts.system_operator(), username={username!r}, password={password!r}, display_name="双因素管理员",
    home_division=Division.objects.get(code="410300000000"), roles=[Role.objects.get(code="city_admin")],
)
"""


def authenticator_code(secret: str, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the key typed in from the enrolment page."""
    key = b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key, step=30, t0=0, digits=6)
    totp.time = time.time() + steps_ahead * 30
    return f"{totp.token():06d}"


def password_step(page: Any, username: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("[data-testid=login]")


def test_an_administrator_enrols_an_authenticator_and_then_needs_its_code(page: Any, served: Served) -> None:
    username = f"tfa_{page.viewport_name}_{int(time.time())}"
    created = served.heluo(
        "shell", "--no-imports", "-c", CREATE_ADMIN.format(username=username, password=PASSWORD)
    )
    assert created.returncode == 0, created.stderr
    password_step(page, username)
    page.wait_for_url("**/")

    page.goto("/two-factor/")
    page.click("[data-testid=two-factor-enrol]")
    page.wait_for_url("**/two-factor/enrol/")
    assert page.locator("[data-testid=totp-qr] svg").is_visible()
    secret = page.locator("[data-testid=totp-secret]").inner_text().strip()
    screenshot(page, "two-factor-enrol")
    page.fill("#id_code", authenticator_code(secret))
    page.click("[data-testid=confirm]")
    assert page.locator("[data-testid=recovery-codes] li").count() == 10
    screenshot(page, "two-factor-recovery-codes")

    page.click("nav .dropdown-toggle")
    page.locator(".dropdown-menu form[action='/logout/'] button").click()
    page.wait_for_url("**/login/")

    # The password alone leads to the second step, and no page opens from there.
    password_step(page, username)
    page.wait_for_url("**/login/verify/**")
    page.goto("/core/units/")
    assert "/login/verify/" in page.url
    assert page.locator("#sidebar").count() == 0
    page.fill("#id_code", "000000")
    page.click("[data-testid=verify]")
    assert page.locator("[data-testid=error-code]").is_visible()
    screenshot(page, "two-factor-verify-refused")

    # django-otp waits a second after a wrong code before it takes another.
    page.wait_for_timeout(2_000)
    page.fill("#id_code", authenticator_code(secret, steps_ahead=1))
    page.click("[data-testid=verify]")
    page.wait_for_url("**/core/units/")
    assert page.get_by_role("heading", name="单位").is_visible()
