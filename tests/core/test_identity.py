"""Identity controls (身份鉴别): the security policy and its page, password rules, expiry, the idle timeout,
lock-outs and their unlock, two-factor login (pages and API) and dormant accounts."""

from __future__ import annotations

import datetime as dt
import time
from io import StringIO
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from heluo.core import identity
from heluo.core.demo_accounts import DEMO_PASSWORD
from heluo.core.middleware import LAST_ACTIVITY_KEY, POLL_HEADER
from heluo.core.models import AccessEvent, AccessKind, Account, PasswordHistory, SecurityPolicy
from heluo.core.services import identity as identity_services

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)


# The pure rules ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "classes"),
    [
        ("", set()),
        ("abcdefgh", {"lower"}),
        ("ABCdef", {"upper", "lower"}),
        ("heluo-demo", {"lower", "symbol"}),
        ("Heluo2026", {"upper", "lower", "digit"}),
        ("洛阳Heluo2026", {"upper", "lower", "digit", "symbol"}),
    ],
)
def test_character_classes(password: str, classes: set[str]) -> None:
    assert identity.character_classes(password) == classes


@pytest.mark.parametrize(
    ("age_days", "max_age", "expired"),
    [(10, 0, False), (1000, 0, False), (89, 90, False), (90, 90, False), (90.01, 90, True), (200, 90, True)],
)
def test_password_expiry(age_days: float, max_age: int, expired: bool) -> None:
    assert identity.password_expired(NOW - dt.timedelta(days=age_days), NOW, max_age) is expired


@pytest.mark.parametrize(
    ("idle_seconds", "timeout", "logged_out"),
    [(10_000, 0, False), (1799, 30, False), (1800, 30, False), (1801, 30, True)],
)
def test_idle_timeout(idle_seconds: int, timeout: int, logged_out: bool) -> None:
    assert identity.idle_too_long(1000.0, 1000.0 + idle_seconds, timeout) is logged_out


def test_dormancy_cutoff() -> None:
    assert identity.dormancy_cutoff(NOW, 0) is None
    assert identity.dormancy_cutoff(NOW, 90) == NOW - dt.timedelta(days=90)


# The policy ----------------------------------------------------------------------------------------------


def level_three(**changes: Any) -> SecurityPolicy:
    policy = identity_services.apply_level_three()
    for field, value in changes.items():
        setattr(policy, field, value)
    policy.save()
    return policy


def test_the_lazily_created_policy_is_lenient_and_level_three_is_strict() -> None:
    SecurityPolicy.objects.all().delete()
    cache.clear()
    earlier = SecurityPolicy.history.count()  # the demo's row, made on first use, and its deletion
    policy = SecurityPolicy.current()
    assert not policy.separate_administrators
    assert (policy.required_character_classes, policy.password_history, policy.password_max_age_days) == (
        1,
        0,
        0,
    )
    assert (
        policy.idle_timeout_minutes,
        policy.two_factor_for_administrators,
        policy.dormant_account_days,
    ) == (
        0,
        False,
        0,
    )
    identity_services.apply_level_three()
    policy.refresh_from_db()
    assert {
        field: getattr(policy, field) for field in SecurityPolicy.LEVEL_THREE
    } == SecurityPolicy.LEVEL_THREE
    assert SecurityPolicy.history.count() == earlier + 2  # made on first use, then level 3


def test_city_admin_changes_the_policy_on_its_page_and_the_change_is_kept(client_as: Any) -> None:
    client = client_as("admin")
    page = client.get("/core/security-policy/")
    assert page.status_code == 200 and 'data-testid="security-policy"' in page.content.decode()
    response = client.post(
        "/core/security-policy/", {**SecurityPolicy.LEVEL_THREE, "idle_timeout_minutes": 15}
    )
    assert response.status_code == 302
    policy = SecurityPolicy.current()
    assert policy.idle_timeout_minutes == 15 and policy.two_factor_for_administrators
    change = policy.history.first()
    assert change.history_user.username == "admin"
    assert change.diff_against(change.prev_record).changed_fields
    # Required at once: the administrator enrols before the next page.
    assert client.get("/core/security-policy/")["Location"] == "/two-factor/enrol/"


def test_the_policy_page_refuses_weak_values_and_changes_nothing(client_as: Any) -> None:
    client = client_as("admin")
    response = client.post(
        "/core/security-policy/",
        {**SecurityPolicy.LEVEL_THREE, "min_password_length": 4, "required_character_classes": 5},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"min_password_length", "required_character_classes"}
    assert SecurityPolicy.current().min_password_length == 8


@pytest.mark.parametrize("username", ["laocheng", "luolong", "wuzhuang"])
def test_only_holders_of_the_permission_open_the_policy_and_lockout_pages(
    client_as: Any, username: str
) -> None:
    client = client_as(username)
    assert client.get("/core/security-policy/").status_code == 403
    assert client.post("/core/security-policy/", SecurityPolicy.LEVEL_THREE).status_code == 403
    assert client.get("/core/lockouts/").status_code == 403
    home = client.get("/").content.decode()
    assert "/core/security-policy/" not in home and "/core/lockouts/" not in home


def test_the_menu_leads_the_city_admin_to_the_policy_and_the_lockouts(client_as: Any) -> None:
    home = client_as("admin").get("/").content.decode()
    assert "/core/security-policy/" in home and "/core/lockouts/" in home


# Passwords -----------------------------------------------------------------------------------------------


def test_the_validator_follows_the_policy(users: dict[str, Any]) -> None:
    validator = identity_services.PolicyPasswordValidator()
    validator.validate("lowercase", users["luolong"])  # lenient: today's rules
    level_three()
    with pytest.raises(ValidationError) as refused:
        validator.validate("lowercase1", users["luolong"])
    assert [e.code for e in refused.value.error_list] == ["password_too_simple"]
    with pytest.raises(ValidationError) as refused:
        validator.validate("Ab1", users["luolong"])
    assert {e.code for e in refused.value.error_list} == {"password_too_short"}
    validator.validate("Lowercase1", users["luolong"])


def test_the_last_passwords_may_not_be_used_again(users: dict[str, Any]) -> None:
    level_three(password_history=3)
    user = users["luolong"]
    for number in range(1, 5):
        user.set_password(f"Passwort{number}!")
        user.save()
    assert PasswordHistory.objects.filter(user=user).count() >= 4
    validator = identity_services.PolicyPasswordValidator()
    for reused in ("Passwort4!", "Passwort3!", "Passwort2!"):
        with pytest.raises(ValidationError) as refused:
            validator.validate(reused, user)
        assert refused.value.error_list[0].code == "password_reused"
    validator.validate("Passwort1!", user)  # older than the last three


def test_the_password_change_page_refuses_a_recent_password(users: dict[str, Any]) -> None:
    level_three(password_history=5)
    client = Client()
    client.force_login(users["luolong"])
    response = client.post(
        "/password/",
        {"old_password": DEMO_PASSWORD, "new_password1": DEMO_PASSWORD, "new_password2": DEMO_PASSWORD},
    )
    assert response.status_code == 200
    assert "password_reused" in {e.code for e in response.context["form"].errors.as_data()["new_password2"]}


def set_long_ago(user: Any) -> None:
    PasswordHistory.objects.filter(user=user).delete()
    PasswordHistory.objects.create(
        user=user, password=user.password, set_at=timezone.now() - dt.timedelta(days=91)
    )


def test_an_expired_password_must_be_changed_before_anything_else(users: dict[str, Any]) -> None:
    user = users["luolong"]
    client = Client()
    client.force_login(user)
    assert client.get("/").status_code == 200
    level_three(two_factor_for_administrators=False)
    set_long_ago(user)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/password/"
    page = client.get("/password/").content.decode()
    assert 'data-testid="password-expired"' in page
    response = client.post(
        "/password/",
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "Neues-Passwort-2026",
            "new_password2": "Neues-Passwort-2026",
        },
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_an_expired_password_is_refused_by_the_api(users: dict[str, Any]) -> None:
    level_three(two_factor_for_administrators=False)
    set_long_ago(users["luolong"])
    client = APIClient()
    client.force_authenticate(users["luolong"])
    response = client.get("/api/me/")
    assert response.status_code == 403


# Idle timeout --------------------------------------------------------------------------------------------


def _idle_for(client: Client, seconds: float) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = time.time() - seconds
    session.save()


def test_an_idle_session_is_logged_out(users: dict[str, Any]) -> None:
    level_three(two_factor_for_administrators=False)
    client = Client()
    client.force_login(users["luolong"])
    assert client.get("/").status_code == 200
    _idle_for(client, 29 * 60)
    assert client.get("/").status_code == 200
    _idle_for(client, 31 * 60)
    response = client.get("/core/units/")
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")
    assert client.get("/").status_code == 302


def test_an_idle_session_no_longer_reaches_the_api(users: dict[str, Any]) -> None:
    level_three(two_factor_for_administrators=False)
    client = Client()
    client.force_login(users["luolong"])
    assert client.get("/api/me/").status_code == 200
    _idle_for(client, 31 * 60)
    assert client.get("/api/me/").status_code in {401, 403}
    assert client.get("/")["Location"].startswith("/login/")


def test_polling_is_not_activity(users: dict[str, Any]) -> None:
    level_three(two_factor_for_administrators=False)
    client = Client()
    client.force_login(users["luolong"])
    _idle_for(client, 20 * 60)
    client.get("/core/jobs/", headers={POLL_HEADER: "1", "HX-Request": "true"})
    last = client.session[LAST_ACTIVITY_KEY]
    assert time.time() - last >= 20 * 60 - 1
    client.get("/core/jobs/")
    assert time.time() - client.session[LAST_ACTIVITY_KEY] < 5


def test_without_a_timeout_sessions_stay(users: dict[str, Any]) -> None:
    client = Client()
    client.force_login(users["luolong"])
    _idle_for(client, 24 * 3600)
    assert client.get("/").status_code == 200


# Lock-out and unlock -------------------------------------------------------------------------------------


def _lock(username: str, settings: Any) -> None:
    AccessAttempt.objects.create(
        username=username, ip_address="10.1.2.3", user_agent="test", http_accept="*/*", path_info="/login/",
        failures_since_start=settings.AXES_FAILURE_LIMIT, get_data="", post_data="",
    )  # fmt: skip


def test_a_locked_out_account_is_listed_and_unlocked_and_the_unlock_is_logged(
    client_as: Any, settings: Any
) -> None:
    _lock("luolong", settings)
    client = client_as("admin")
    page = client.get("/core/lockouts/").content.decode()
    assert 'data-testid="unlock-luolong"' in page
    account = Account.objects.get(user__username="luolong")
    response = client.post(f"/core/lockouts/{account.pk}/unlock/")
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="luolong").exists()
    event = AccessEvent.objects.get(context="unlock luolong")
    assert (
        event.kind == AccessKind.ACT and event.object_ids == [account.pk] and event.user.username == "admin"
    )
    assert 'data-testid="no-lockouts"' in client.get("/core/lockouts/").content.decode()


def test_the_unlocked_account_logs_in_again(settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    for _attempt in range(2):
        client.post("/login/", {"username": "luolong", "password": "wrong"})
    assert client.post("/login/", {"username": "luolong", "password": DEMO_PASSWORD}).status_code == 429
    identity_services.unlock_account(
        get_user_model().objects.get(username="admin"), Account.objects.get(user__username="luolong")
    )
    assert client.post("/login/", {"username": "luolong", "password": DEMO_PASSWORD}).status_code == 302


def test_unlock_is_refused_without_the_permission(client_as: Any, settings: Any) -> None:
    _lock("luolong", settings)
    account = Account.objects.get(user__username="luolong")
    assert client_as("laocheng").post(f"/core/lockouts/{account.pk}/unlock/").status_code == 403
    assert AccessAttempt.objects.filter(username="luolong").exists()


# Two-factor login ----------------------------------------------------------------------------------------


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def enrol(client: Client, user: Any) -> tuple[TOTPDevice, list[str]]:
    page = client.get("/two-factor/enrol/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert identity_services.totp_secret(device) in page.content.decode()
    response = client.post("/two-factor/enrol/", {"code": code(device)})
    assert response.status_code == 200, response.content.decode()
    return device, response.context["codes"]


def password_login(username: str) -> Client:
    client = Client()
    response = client.post("/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def test_enrolment_wants_a_right_code(client_as: Any, users: dict[str, Any]) -> None:
    client = client_as("luolong")
    client.get("/two-factor/enrol/")
    response = client.post("/two-factor/enrol/", {"code": "000000"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not identity_services.has_two_factor(users["luolong"])


def test_after_enrolment_a_login_needs_the_code_or_a_recovery_code(
    client_as: Any, users: dict[str, Any], settings: Any
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    device, codes = enrol(client_as("luolong"), users["luolong"])
    assert len(codes) == 10 and len(set(codes)) == 10

    client = password_login("luolong")
    response = client.get("/core/units/")
    assert response.status_code == 302 and response["Location"].startswith("/login/verify/?next=")
    assert client.get("/api/me/").status_code == 403
    wrong = client.post("/login/verify/", {"code": "123456", "next": "/core/units/"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    right = client.post("/login/verify/", {"code": code(device, 1), "next": "/core/units/"})
    assert right.status_code == 302 and right["Location"] == "/core/units/"
    assert client.get("/core/units/").status_code == 200

    with_recovery = password_login("luolong")
    assert with_recovery.post("/login/verify/", {"code": codes[0]}).status_code == 302
    assert with_recovery.get("/").status_code == 200
    again = password_login("luolong")
    assert again.post("/login/verify/", {"code": codes[0]}).status_code == 200  # used up


def test_turning_two_factor_off_removes_the_devices(client_as: Any, users: dict[str, Any]) -> None:
    client = client_as("luolong")
    enrol(client, users["luolong"])
    assert client.post("/two-factor/disable/").status_code == 302
    assert not identity_services.has_two_factor(users["luolong"])
    assert password_login("luolong").get("/").status_code == 200


@pytest.mark.parametrize(
    ("username", "required"), [("admin", True), ("laocheng", True), ("wuzhuang", True), ("luolong", False)]
)
def test_the_policy_sends_administrators_and_militia_to_enrol(
    client_as: Any, username: str, required: bool
) -> None:
    level_three()
    response = client_as(username).get("/")
    if required:
        assert response.status_code == 302 and response["Location"] == "/two-factor/enrol/"
    else:
        assert response.status_code == 200


def test_an_administrator_who_must_change_the_password_does_so_then_enrols(users: dict[str, Any]) -> None:
    level_three()
    Account.objects.filter(user__username="admin").update(must_change_password=True)
    client = Client()
    client.force_login(users["admin"])
    assert client.get("/", follow=True).redirect_chain[-1][0] == "/password/"
    response = client.post(
        "/password/",
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "Erste-Anmeldung-2026",
            "new_password2": "Erste-Anmeldung-2026",
        },
    )
    assert response.status_code == 302
    assert client.get("/")["Location"] == "/two-factor/enrol/"
    enrol(client, users["admin"])
    assert client.get("/").status_code == 200


def test_the_api_token_needs_the_code_of_a_user_with_two_factor(
    client_as: Any, users: dict[str, Any], settings: Any
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device, _codes = enrol(client_as("luolong"), users["luolong"])
    api = APIClient()
    credentials = {"username": "luolong", "password": DEMO_PASSWORD}
    missing = api.post("/api/token/", credentials, format="json")
    assert missing.status_code == 400 and "otp" in missing.content.decode()
    assert api.post("/api/token/", {**credentials, "otp": "000000"}, format="json").status_code == 400
    given = api.post("/api/token/", {**credentials, "otp": code(device, 1)}, format="json")
    assert given.status_code == 200 and given.json()["token"]


def test_the_api_refuses_a_token_to_an_administrator_who_has_not_enrolled() -> None:
    level_three()
    response = APIClient().post(
        "/api/token/", {"username": "admin", "password": DEMO_PASSWORD}, format="json"
    )
    assert response.status_code == 403


# Dormant accounts ----------------------------------------------------------------------------------------


def test_dormant_accounts_are_disabled_and_the_rest_left_alone(users: dict[str, Any]) -> None:
    user_model = get_user_model()
    long_ago = timezone.now() - dt.timedelta(days=120)
    user_model.objects.filter(username="luolong").update(last_login=long_ago)
    user_model.objects.filter(username="laocheng").update(last_login=None, date_joined=long_ago)
    user_model.objects.filter(username="system").update(last_login=long_ago, date_joined=long_ago)
    assert identity_services.disable_dormant_accounts() == []  # off by default
    level_three()
    output = StringIO()
    call_command("accounts", "disable-dormant", stdout=output)
    disabled = set(user_model.objects.filter(is_active=False).values_list("username", flat=True))
    assert {"luolong", "laocheng"} <= disabled
    assert "system" not in disabled and "admin" not in disabled
    assert "luolong" in output.getvalue()
    assert identity_services.disable_dormant_accounts() == []  # idempotent


def test_an_administrator_resets_a_lost_second_factor_and_the_reset_is_logged(
    client_as: Any, users: dict[str, Any]
) -> None:
    enrol(client_as("luolong"), users["luolong"])
    account = Account.objects.get(user__username="luolong")
    assert client_as("laocheng").post(f"/core/accounts/{account.pk}/reset-two-factor/").status_code in {
        403,
        404,
    }
    assert identity_services.has_two_factor(users["luolong"])
    response = client_as("admin").post(f"/core/accounts/{account.pk}/reset-two-factor/")
    assert response.status_code == 302
    assert not identity_services.has_two_factor(users["luolong"])
    assert AccessEvent.objects.filter(context="reset two-factor luolong", object_ids=[account.pk]).exists()


def test_before_the_second_step_no_page_opens_not_even_the_two_factor_pages(
    client_as: Any, users: dict[str, Any]
) -> None:
    enrol(client_as("luolong"), users["luolong"])
    client = password_login("luolong")
    for path in ("/", "/two-factor/", "/two-factor/enrol/", "/password/", "/core/security-policy/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/login/verify/"), path
    assert client.post("/two-factor/disable/").status_code == 302
    assert identity_services.has_two_factor(users["luolong"])
    page = client.get("/login/verify/").content.decode()
    assert 'id="sidebar"' not in page


def test_the_verify_page_sends_nowhere_outside(client_as: Any, users: dict[str, Any], settings: Any) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device, _codes = enrol(client_as("luolong"), users["luolong"])
    client = password_login("luolong")
    response = client.post("/login/verify/", {"code": code(device, 1), "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"


def test_the_daily_task_disables_dormant_accounts(users: dict[str, Any]) -> None:
    from heluo.core.tasks import disable_dormant_accounts

    level_three()
    get_user_model().objects.filter(username="luolong").update(
        last_login=timezone.now() - dt.timedelta(days=91)
    )
    assert disable_dormant_accounts.call_local() >= 1
    assert not get_user_model().objects.get(username="luolong").is_active
