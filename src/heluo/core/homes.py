"""The home page (`/`) is asked of a registered provider: the cockpit and the role homes of a module above
core take it over by registering one, without core importing them. A provider answers a request with its
page, or None to let the next one (and at last core's own start page) answer."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

HomeProvider = Callable[[HttpRequest], HttpResponse | None]
_PROVIDERS: list[tuple[int, HomeProvider]] = []


def register_home(provider: HomeProvider, *, order: int = 100) -> None:
    """Called from an app's AppConfig.ready(); lower `order` is asked first (idempotent per provider)."""
    if all(existing is not provider for _order, existing in _PROVIDERS):
        _PROVIDERS.append((order, provider))
        _PROVIDERS.sort(key=lambda item: item[0])


def home_from_providers(request: HttpRequest) -> HttpResponse | None:
    """The first provider's page for this request, or None when none answers."""
    for _order, provider in _PROVIDERS:
        response = provider(request)
        if response is not None:
            return response
    return None
