from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from heluo.core.models import Account


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
