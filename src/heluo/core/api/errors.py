"""Every API error has one shape (docs/api.md), with its message in the user's language (Chinese by default):

    {"code": "invalid", "message": "…", "fields": {"credit_code": [{"code": "credit_code", "message": "…"}]}}

`fields` is present only for validation errors (400); the other errors carry `code` and `message`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


def django_errors(error: DjangoValidationError) -> dict[str, Any]:
    """A Django ValidationError (model or service) as a serializer's errors, by field."""
    errors = as_serializer_error(error)
    if NON_FIELD_ERRORS in errors:
        errors[api_settings.NON_FIELD_ERRORS_KEY] = errors.pop(NON_FIELD_ERRORS)
    return errors


class LockedOut(exceptions.APIException):
    status_code = 429
    default_code = "locked_out"

    def __init__(self) -> None:
        super().__init__(_("Too many failed log-ins for this user name: try again later."))


def _as_api_exception(exc: Exception) -> Exception:
    """Django's own exceptions as DRF's, keeping their messages (raised by services and get_object)."""
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(django_errors(exc))
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(*exc.args)
    if isinstance(exc, Http404):
        # Django's 404 message names the model in English; say only that nothing was found.
        return exceptions.NotFound()
    return exc


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    exc = _as_api_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, exceptions.ValidationError):
        details = exc.get_full_details()
        if not isinstance(details, dict):
            details = {api_settings.NON_FIELD_ERRORS_KEY: details}
        response.data = {
            "code": "invalid",
            "message": _("Some values are not valid: nothing was changed."),
            "fields": details,
        }
    else:
        detail = exc.get_full_details()
        response.data = {"code": detail["code"], "message": detail["message"]}
    return response
