"""Browser tests: a real Heluo (`heluo up`: gunicorn over its own database with the demo loaded) driven
by Debian's Chromium through Playwright. The installation is a copy of the run's demo installation
(tests/installations.py): SQLite in a temporary data directory, or a PostgreSQL database of its own when
HELUO_TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.databases import drop_database
from tests.installations import heluo_environment, installed, server_url

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}


@dataclass
class Served:
    url: str
    env: dict[str, str]
    data_dir: Path
    log: Path
    writer_dir: Path | None = None
    hj212_port: int = 0  # the HJ 212 receiver `heluo up` starts

    def heluo(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "heluo", *args], env=self.env, capture_output=True, text=True, timeout=600
        )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(
                "CI=true: Chromium is required for the browser tests (scripts/ensure_packages.sh test)"
            )
        pytest.skip("Chromium not installed (run scripts/ensure_packages.sh test)")
    data_dir = tmp_path_factory.mktemp("served")
    server = server_url()
    database = installed(
        tmp_path_factory, "demo", data_dir, f"{server.rsplit('/', 1)[-1]}_browser_{os.getpid()}"
    )
    env = {**heluo_environment(data_dir, database), "HELUO_LOGIN_FAILURE_LIMIT": "50"}
    port = _free_port()
    served = Served(
        f"http://127.0.0.1:{port}", env, data_dir, data_dir / "server.log", hj212_port=_free_port()
    )
    with served.log.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "heluo", "up", "--port", str(port), "--web-workers", "2", "--no-worker",
             "--hj212-port", str(served.hj212_port)],
            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    writer = None
    if not database:
        # On SQLite a second process writes all along, as the task worker and the receiver will.
        served.writer_dir = data_dir / "writer"
        served.writer_dir.mkdir()
        code = (Path(__file__).parent / "writer.py").read_text()
        writer = subprocess.Popen(
            [sys.executable, "-m", "heluo", "shell", "--no-imports", "-c", code],
            env={**env, "WRITER_DIR": str(served.writer_dir)},
        )
    try:
        _wait_for(served.url + "/login/", process)
        yield served
    finally:
        if writer is not None and served.writer_dir is not None:
            (served.writer_dir / "stop").touch()
            writer.wait(timeout=60)
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=30)
        if database:
            drop_database(env["HELUO_DATABASE_URL"])


def _wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("heluo up exited early")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(url)


@pytest.fixture(scope="session")
def monkeypatch_session() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(scope="session")
def browser(monkeypatch_session: pytest.MonkeyPatch) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's synchronous API keeps its event loop running in this thread for the whole session, and
    # Django then refuses to open a database connection here (SynchronousOnlyOperation) in every later
    # test of the worker. The tests' own code never runs inside that loop, so Django's check is waived.
    monkeypatch_session.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS))
def page(request: pytest.FixtureRequest, browser: Any, served: Served) -> Iterator[Any]:
    context = browser.new_context(base_url=served.url, locale="zh-CN", **VIEWPORTS[request.param])
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.viewport_name = request.param
    yield page
    context.close()


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{page.viewport_name}.png"), full_page=True)


def log_in(page: Any, username: str, password: str = "heluo-demo") -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("[data-testid=login]")
    page.wait_for_url("**/")


def open_menu_item(page: Any, label: str) -> None:
    """Click a sidebar entry; on a phone the sidebar is behind the menu button."""
    if page.viewport_name == "phone":
        page.click("button[data-bs-target='#sidebar']")
    page.locator("#sidebar").get_by_role("link", name=label, exact=True).click()


def open_filters(page: Any) -> None:
    """On a phone a list's filters fold behind a button; on a desktop they are always there."""
    if page.viewport_name == "phone":
        page.click("[data-testid=filter-toggle]")
        page.locator("#filter-fields").wait_for(state="visible")
