from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from heluo.core import identity
from heluo.core.models import Account
from heluo.core.services import identity as identity_services
from heluo.core.services.access import client_address as recording_address

# Paths any logged-in user may reach whatever they still owe (a password change, a second factor).
_ALWAYS_OPEN = ("/static/", "/jsi18n/", "/api/")


def _always_open(path: str) -> bool:
    # The API refuses such a user itself, in JSON (heluo.core.api.permissions.Authenticated).
    return path in {reverse("logout"), reverse("set_language")} or path.startswith(_ALWAYS_OPEN)


class PasswordChangeRequiredMiddleware:
    """A new or reset password (first login) or one older than the security policy's maximum age must be
    changed before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and self.guarded(request.path)
            and (
                Account.objects.filter(user=user, must_change_password=True).exists()
                or identity_services.password_expired(user)
            )
        ):
            return redirect("password_change")
        return self.get_response(request)

    @staticmethod
    def guarded(path: str) -> bool:
        return path != reverse("password_change") and not _always_open(path)


# Sent by the pages' polling elements (hx-headers): a page left open is not a user at work.
POLL_HEADER = "X-Heluo-Poll"
LAST_ACTIVITY_KEY = "heluo_last_activity"


class IdleTimeoutMiddleware:
    """Log out a session idle for longer than the security policy's timeout. A request counts as activity
    unless it is a page's automatic polling (POLL_HEADER); the time is stored at most once a minute, so
    the timeout holds to the minute."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(("/static/", "/jsi18n/")):
            return self.get_response(request)
        timeout = identity_services.current_policy().idle_timeout_minutes
        now = time.time()
        last = request.session.get(LAST_ACTIVITY_KEY)
        if timeout and last is not None and identity.idle_too_long(last, now, timeout):
            logout(request)
            if request.path.startswith("/api/"):
                # The API answers the now anonymous caller itself (401, in JSON).
                return self.get_response(request)
            messages.info(
                request,
                _("You were logged out after %(minutes)d minutes without activity.") % {"minutes": timeout},
            )
            login = f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}"
            return HttpResponseClientRedirect(login) if getattr(request, "htmx", False) else redirect(login)
        polled = POLL_HEADER in request.headers
        if timeout and not polled and (last is None or now - last >= 60):
            request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


class TwoFactorMiddleware:
    """After the password, a user with a second factor gives its code (the verify page) before anything
    else; a user the security policy requires one of and who has none enrols first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        path = request.path
        if user is None or not user.is_authenticated or user.is_verified() or _always_open(path):
            return self.get_response(request)
        if identity_services.has_two_factor(user):
            verify = reverse("two_factor_verify")
            if path != verify:
                return redirect(f"{verify}?{urlencode({'next': request.get_full_path()})}")
        elif (
            not path.startswith(reverse("two_factor"))
            and path != reverse("password_change")
            and identity_services.requires_two_factor(user)
        ):
            return redirect("two_factor_enrol")
        return self.get_response(request)


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
