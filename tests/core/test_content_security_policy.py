"""Every HTML page carries a Content-Security-Policy that forbids inline script and event handlers, and no
page relies on either (a page that did would stop working under the policy).

The pages are found by following the links of the site as the city administrator and as a district user,
one page per URL pattern, from the home page and the menu, plus the login page before login.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

# An inline script; data blocks (json_script's type="application/json") are not run.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(src=|type=\"application/json\"))[^>]*>", re.IGNORECASE)
# A tag attribute whose name starts with "on" (onclick, onerror, ...), or a javascript: URL.
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
LINK = re.compile(r"""href="(/[^"#]*)""")
# Pages that act on a GET (downloads, logout) or that are not HTML.
SKIPPED_PREFIXES = ("/static/", "/api/", "/jsi18n/", "/core/files/")
SKIPPED_SUFFIXES = ("/export/", "/template/", "/download/", "/pdf/")


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def _check(url: str, response: Any) -> list[str]:
    problems = []
    header = response.get("Content-Security-Policy", "")
    policy = _directives(header)
    script = policy.get("script-src", policy.get("default-src", []))
    if not script or "'unsafe-inline'" in script or "'unsafe-eval'" in script or "*" in script:
        problems.append(f"{url}: script-src {script!r}")
    if policy.get("object-src") != ["'none'"]:
        problems.append(f"{url}: object-src {policy.get('object-src')!r}")
    body = response.content.decode()
    for pattern in (INLINE_SCRIPT, EVENT_HANDLER, JAVASCRIPT_URL):
        found = pattern.search(body)
        if found:
            problems.append(f"{url}: {found.group(0)[:80]}")
    return problems


def _route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route


def _crawl(client: Client, start: list[str], limit: int = 400) -> tuple[int, list[str]]:
    """Visit one page per URL pattern reachable from `start`; (pages checked, problems found)."""
    seen_routes: set[str] = set()
    queue = deque(start)
    checked = 0
    problems: list[str] = []
    while queue and checked < limit:
        url = queue.popleft()
        path = urlsplit(url).path
        route = _route(path)
        if route is None or route in seen_routes:
            continue
        seen_routes.add(route)
        response = client.get(url)
        if "text/html" not in response.get("Content-Type", "") or response.status_code >= 300:
            continue
        checked += 1
        problems += _check(url, response)
        for link in LINK.findall(response.content.decode()):
            if not link.startswith(SKIPPED_PREFIXES) and not urlsplit(link).path.endswith(SKIPPED_SUFFIXES):
                queue.append(link.replace("&amp;", "&"))
    return checked, problems


def test_the_login_page_has_the_policy(client: Client, db: Any) -> None:
    response = client.get("/login/")
    assert response.status_code == 200
    assert _check("/login/", response) == []


@pytest.mark.parametrize("username", ["admin", "luolong"])
def test_every_page_forbids_inline_script_and_uses_none(client_as: Any, username: str) -> None:
    from heluo.cases.models import Case

    client = client_as(username)
    case = Case.objects.order_by("pk").first()
    start = ["/", "/api/docs/", "/monitoring/live/", "/cases/statistics/"]
    if case is not None:
        start.append(f"/cases/cases/{case.pk}/notice/")
    checked, problems = _crawl(client, start)
    assert problems == []
    # The crawl reached the pages of every app, not just the home page.
    assert checked > 40, checked


def test_an_error_page_has_the_policy_too(client_as: Any) -> None:
    response = client_as("luolong").get("/cases/calendar/?year=abc")
    assert "script-src 'self'" in response.get("Content-Security-Policy", "")
