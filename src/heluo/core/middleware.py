from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from heluo.core.models import Account
from heluo.core.services.access import client_address as recording_address


class PasswordChangeRequiredMiddleware:
    """A new or reset password must be changed before anything else (first login)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and self.guarded(request.path)
            and Account.objects.filter(user=user, must_change_password=True).exists()
        ):
            return redirect("password_change")
        return self.get_response(request)

    @staticmethod
    def guarded(path: str) -> bool:
        allowed = {reverse("password_change"), reverse("logout"), reverse("set_language")}
        # The API refuses such a user itself, in JSON (heluo.core.api.permissions.Authenticated).
        return path not in allowed and not path.startswith(("/static/", "/jsi18n/", "/api/"))


class LanguageMiddleware:
    """Chinese unless the user chose another language (the language cookie set by the switch).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: an office computer
    with an English browser still shows Heluo in Chinese until someone picks English.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


@lru_cache(maxsize=1)
def _trusted_proxies(
    listed: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in listed)


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in _trusted_proxies(tuple(settings.TRUSTED_PROXIES)))


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or, when REMOTE_ADDR is one of HELUO_TRUSTED_PROXIES, the
    address that proxy put in X-Forwarded-For (the right-most one no trusted proxy added). Anyone else's
    X-Forwarded-For is ignored: it is a header the client writes. django-axes asks here
    (AXES_CLIENT_IP_CALLABLE), as do the device pages' throttles."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted(remote):
        return remote
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    for address in reversed(forwarded):
        if not _is_trusted(address):
            return address
    return remote


class AuditAddressMiddleware:
    """Events recorded while serving a request carry the client's address (安全审计)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with recording_address(client_address(request)):
            return self.get_response(request)
