"""Who is calling: a token for a user name and password (`POST /api/token/`) and `GET /api/me/`.

A token lasts HELUO_API_TOKEN_DAYS from its issue and ends when its user's password changes (the
tokens are deleted with the change, heluo.core.apps): `POST /api/token/` then gives a new one.
A user with two-factor login gives its code too (`otp`): a token never skips the second factor.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate, user_logged_in
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from heluo.core.api.authentication import token_expired
from heluo.core.api.errors import LockedOut
from heluo.core.models import Account, Person
from heluo.core.modules import MODULES, SENSITIVE_MODULES
from heluo.core.scope import scope_of
from heluo.core.services import identity
from heluo.core.services.masking import sees_in_full


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})
    otp = serializers.CharField(
        max_length=20,
        required=False,
        help_text="The authenticator's code or a recovery code; required when the user has two-factor login.",
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class TokenView(APIView):
    """Exchange a user name and password for the user's API token (the same one on every call until it
    expires or the password changes).

    The log-in throttle of the pages (django-axes) counts here too: after repeated failures the user
    name is locked on that address for the cool-off time, even with the right password. A user with
    two-factor login must send `otp` as well; one the security policy requires it of and who has not
    enrolled is refused until they enrol on the web pages.
    """

    # The credentials are in the body; a session or old token must not stand in for them.
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(request=TokenRequestSerializer, responses=TokenSerializer, auth=[])
    def post(self, request: Request) -> Response:
        given = TokenRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        credentials = dict(given.validated_data)
        otp = credentials.pop("otp", "")
        # axes needs the request; it marks the DRF request (not Django's), so its middleware leaves
        # our JSON answer alone and we answer the lock-out ourselves.
        user = authenticate(request, **credentials)
        if getattr(request, "axes_locked_out", False):
            raise LockedOut
        if user is None:
            raise ValidationError(_("Wrong user name or password."), code="invalid_credentials")
        if Account.objects.filter(user=user, must_change_password=True).exists():
            raise PermissionDenied(_("Change your temporary password on the web pages before using the API."))
        self.check_second_factor(user, otp)
        # A token is a log-in: the last log-in time is set and axes forgets earlier failures.
        user_logged_in.send(sender=type(user), request=request, user=user)
        token, _created = Token.objects.get_or_create(user=user)
        if token_expired(token):
            token.delete()
            token = Token.objects.create(user=user)
        return Response({"token": token.key})

    @staticmethod
    def check_second_factor(user: Any, otp: str) -> None:
        if identity.has_two_factor(user):
            if not otp:
                raise ValidationError(
                    {"otp": [_("This account logs in with two factors: send the code as otp.")]},
                    code="otp_required",
                )
            if identity.verify_code(user, otp) is None:
                raise ValidationError({"otp": [_("The code is wrong or has expired.")]}, code="invalid_otp")
        elif identity.requires_two_factor(user):
            raise PermissionDenied(_("Turn on two-factor login on the web pages before using the API."))


class RoleBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class ScopeSerializer(serializers.Serializer):
    unrestricted = serializers.BooleanField()
    home_division = serializers.IntegerField(allow_null=True)
    home_zone = serializers.IntegerField(allow_null=True)
    unit = serializers.IntegerField(allow_null=True)
    person = serializers.IntegerField(allow_null=True)
    grids = serializers.ListField(child=serializers.IntegerField())


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    display_name = serializers.CharField()
    account = serializers.IntegerField(allow_null=True)
    roles = RoleBriefSerializer(many=True)
    modules = serializers.ListField(child=serializers.CharField())
    scope = ScopeSerializer()
    sees_document_numbers = serializers.BooleanField()


class MeView(APIView):
    """The calling user: account, roles, the modules (条) they open and the territory (块) they cover."""

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        user = request.user
        scope = scope_of(user)
        account = (
            Account.objects.select_related("home_division", "home_zone")
            .prefetch_related("roles")
            .filter(user=user)
            .first()
        )
        roles = list(account.roles.all()) if account else []
        me = {
            "username": user.get_username(),
            "display_name": str(account) if account else user.get_username(),
            "account": account.pk if account else None,
            "roles": [{"id": role.pk, "code": role.code, "name": role.name} for role in roles],
            "modules": sorted(set(MODULES) - SENSITIVE_MODULES if scope.unrestricted else scope.modules),
            "scope": {
                "unrestricted": scope.unrestricted,
                "home_division": account.home_division_id if account else None,
                "home_zone": account.home_zone_id if account else None,
                "unit": scope.unit_id,
                "person": scope.person_id,
                "grids": list(scope.grid_ids),
            },
            "sees_document_numbers": sees_in_full(user, Person),
        }
        return Response(MeSerializer(me).data)
