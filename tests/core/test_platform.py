"""The platform around the pages: login and its throttling, first-login password, settings switches,
the `heluo` commands (init, demo), and the process supervisor of `heluo up`."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import translation
from django.utils.translation import gettext

from heluo.core.demo import load_demo
from heluo.core.demo_accounts import DEMO_PASSWORD
from heluo.core.services.accounts import system_operator
from heluo.core.supervisor import Child, Supervisor
from tests.installations import build_output, heluo_environment, installed


def heluo(*args: str, data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**heluo_environment(data_dir), **env}
    return subprocess.run(
        [sys.executable, "-m", "heluo", *args], env=environment, capture_output=True, text=True, timeout=300
    )


def test_every_page_requires_login(client: Client, db: Any) -> None:
    for url in ("/", "/core/units/", "/core/search/?q=x", "/core/inbox/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_login_page_is_chinese_and_lists_demo_accounts_in_demo_mode(client: Client, db: Any) -> None:
    body = client.get("/login/").content.decode()
    assert "登录" in body and 'lang="zh-hans"' in body
    assert 'data-testid="demo-logins"' in body and "laocheng" in body and DEMO_PASSWORD in body


@override_settings(ALLOWED_HOSTS=["*"])
def test_login_works_over_plain_http_under_any_host_name(db: Any) -> None:
    client = Client(HTTP_HOST="10.20.30.40:8000", enforce_csrf_checks=True)
    page = client.get("/login/")
    token = page.cookies["csrftoken"].value
    response = client.post(
        "/login/", {"username": "laocheng", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302 and response["Location"] == "/"


def test_repeated_wrong_passwords_lock_the_login_with_a_chinese_explanation(client: Client, db: Any) -> None:
    for _ in range(5):
        client.post("/login/", {"username": "luolong", "password": "wrong"})
    response = client.post("/login/", {"username": "luolong", "password": DEMO_PASSWORD})
    assert response.status_code == 429
    body = response.content.decode()
    assert 'data-testid="locked-out"' in body and "分钟" in body


def test_https_switch_passes_the_deploy_check(tmp_path: Path) -> None:
    result = heluo(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        data_dir=tmp_path,
        HELUO_HTTPS="1",
        HELUO_CSRF_TRUSTED_ORIGINS="https://heluo.example.gov.cn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_secret_key_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = heluo("shell", "--no-imports", "-c", code, data_dir=tmp_path).stdout.strip()
    second = heluo("shell", "--no-imports", "-c", code, data_dir=tmp_path).stdout.strip()
    assert first == second and len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_init_gives_an_empty_installation_with_three_separate_administrators_and_the_level_three_policy(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # A copy of the run's migrated installation, which `heluo migrate` built: init's own migrate has
    # nothing left to do, and the test does not spend a minute migrating again.
    installed(tmp_path_factory, "migrated", tmp_path, "", sqlite=True)
    result = heluo("init", "--division", "410311", "--admin", "chief", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "chief" in result.stdout
    report = heluo(
        "shell",
        "--no-imports",
        "-c",
        (
            "from heluo.core.models import *; from django.apps import apps; from django.contrib.auth.models import User;"
            "demo = sum(m.objects.filter(is_demo=True).count() for m in apps.get_models() if hasattr(m, 'is_demo'));"
            "a = Account.objects.get(user__username='chief');"
            "p = SecurityPolicy.current();"
            "print(Account.objects.filter(is_system=False).count(), demo, a.must_change_password, a.home_division.name,"
            " Division.objects.count(), [r.code for r in a.roles.all()], p.two_factor_for_administrators,"
            " p.required_character_classes, p.password_max_age_days, p.idle_timeout_minutes,"
            " p.separate_administrators, [list(Account.objects.get(user__username=n).roles.values_list('code', flat=True))"
            " for n in ('security', 'audit')], User.objects.filter(is_superuser=True).count())"
        ),
        data_dir=tmp_path,
    )
    # The level-3 security policy: the administrator's first login enrols two-factor login.
    assert report.stdout.split() == [
        "3", "0", "True", "洛龙区", str(len(list(_luolong()))), "['city_admin',", "'system_admin']", "True", "3", "90",
        "30", "True", "[['security_admin'],", "['audit_admin']]", "0",
    ]  # fmt: skip
    assert "security" in result.stdout and "audit" in result.stdout
    # 三员分立: no superuser is made, and createsuperuser says why.
    refused = heluo(
        "createsuperuser", "--noinput", "--username", "root", "--email", "r@example.cn", data_dir=tmp_path
    )
    assert refused.returncode != 0 and "三员分立" in refused.stderr
    again = heluo("init", "--division", "410311", "--admin", "chief2", data_dir=tmp_path)
    assert again.returncode != 0 and "chief2" not in again.stdout


def _luolong() -> list[Any]:
    from heluo.core.divisions_data import iter_divisions

    return list(iter_divisions("410311"))


@pytest.mark.parametrize("code", ["999999", "41a311"])
def test_init_refuses_a_code_not_in_the_dataset_before_writing_anything(tmp_path: Path, code: str) -> None:
    result = heluo("init", "--division", code, "--admin", "chief", data_dir=tmp_path)
    assert result.returncode != 0 and code in result.stderr
    assert not (tmp_path / "heluo.sqlite3").exists()


def test_demo_twice_changes_nothing(db: Any) -> None:
    assert load_demo(system_operator()) == {}


def test_heluo_demo_says_what_it_loaded_and_on_a_loaded_installation_that_nothing_changed(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # The command over SQLite's demo installation, which the browser tests and the backup tests use too:
    # building one on PostgreSQL as well would only repeat, in another process, what the test above
    # proves on both databases.
    data_dir = tmp_path_factory.mktemp("demo-again")
    installed(tmp_path_factory, "demo", data_dir, "", sqlite=True)
    # `heluo demo` loaded every module's demo into the run's demo installation and said so in Chinese.
    created = [
        line
        for line in build_output(tmp_path_factory, "demo", sqlite=True).splitlines()
        if line.startswith("新建")
    ]
    assert created and not [line for line in created if re.search("[A-Za-z]", line)]
    again = subprocess.run(
        [sys.executable, "-m", "heluo", "demo"],
        env=heluo_environment(data_dir), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    with translation.override("zh-hans"):
        assert (
            again.returncode == 0
            and gettext("The demo data is already loaded: nothing changed.") in again.stdout
        )


def test_supervisor_restarts_a_dead_child_and_stops_all_on_request(tmp_path: Path) -> None:
    marker = tmp_path / "starts"
    script = f"import pathlib,time; p=pathlib.Path({str(marker)!r}); p.write_text(p.read_text()+'x' if p.exists() else 'x'); time.sleep(0.2)"
    sleeper = Child("sleeper", [sys.executable, "-c", "import time; time.sleep(60)"])
    dying = Child("dying", [sys.executable, "-c", script])
    lines: list[str] = []
    supervisor = Supervisor([sleeper, dying], log=lines.append, grace_seconds=5)
    started = time.monotonic()
    supervisor.run(
        poll_seconds=0.05,
        until=lambda: (
            len(marker.read_text() if marker.exists() else "") >= 3 or time.monotonic() - started > 20
        ),
    )
    assert len(marker.read_text()) >= 3
    assert any("dying exited with code 0" in line for line in lines)
    assert any("restarted dying" in line for line in lines)
    assert sleeper.process is not None and sleeper.process.returncode is not None  # stopped on the way out
    assert lines[-1].endswith("stopped")


@pytest.mark.parametrize("code", ["410300", "4103"])
def test_significant_prefix_accepts_short_codes(code: str) -> None:
    from heluo.core.services.divisions import significant_prefix

    assert significant_prefix(code) == "4103"


def test_chinese_is_the_default_whatever_the_browser_asks(client: Client, db: Any) -> None:
    body = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "登录" in body
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert "Log in" in client.get("/login/").content.decode()


def test_the_layout_names_english_in_english_links_the_api_docs_and_has_an_icon(client_as: Any) -> None:
    page = client_as("zhujian").get("/").content.decode()
    assert (
        '<button class="dropdown-item" name="language" value="en" data-testid="language-en">English</button>'
        in page
    )
    assert "英语" not in page
    assert 'href="/api/docs/"' in page
    assert "扬尘在线监测" in page and "技防监控" not in page  # the monitoring section of the menu
    icon = re.search(r'<link rel="icon" href="([^"]+)"', page)
    assert icon is not None and client_as("zhujian").get(icon.group(1)).status_code == 200


def test_the_home_page_is_asked_of_a_registered_provider_first(client_as: Any, monkeypatch: Any) -> None:
    """A module above core (the cockpit) takes over `/` by registering a provider; one that passes (None)
    leaves the page to the next, and at last to core's own."""
    from django.http import HttpResponse

    from heluo.core import homes

    monkeypatch.setattr(homes, "_PROVIDERS", [])
    homes.register_home(lambda request: None, order=1)
    homes.register_home(
        lambda request: HttpResponse("驾驶舱") if request.user.username == "lingdao" else None, order=5
    )
    assert client_as("lingdao").get("/").content.decode() == "驾驶舱"
    assert client_as("laocheng").get("/").content.decode() != "驾驶舱"
