"""Monitoring's API: frames from devices over HTTP (`/api/monitoring/frames/`, a device's own
authentication, never a user's), and the ledgers of control stations, their hourly values and the
alarm rules (`/api/monitoring/controlstations/`, `controlreadings/`, `alarmrules/`)."""

from __future__ import annotations

import base64
import binascii
import hmac
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import APIException, AuthenticationFailed, Throttled, ValidationError
from rest_framework.parsers import BaseParser
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from heluo.core.api.base import LedgerSerializer, LedgerViewSet, register_ledgers
from heluo.core.api.parsers import BoundedJSONParser
from heluo.core.middleware import client_address
from heluo.core.services import throttle
from heluo.monitoring import ledgers
from heluo.monitoring.ingest.policy import Refusal
from heluo.monitoring.models import AlarmRule, ControlReading, ControlStation, Monitor, MonitoringPoint
from heluo.monitoring.services import device_of, is_retryable
from heluo.monitoring.services.devices import token_digest
from heluo.monitoring.services.intake import MAX_FRAMES, ingest, json_frame, refuse_device


class Device:
    """The caller of the frames endpoint: a monitor, not a person."""

    is_authenticated = True
    is_active = True
    pk = None

    def __init__(self, monitor: Monitor) -> None:
        self.monitor = monitor

    def __str__(self) -> str:
        return self.monitor.mn


class DeviceAuthentication(BaseAuthentication):
    """`Authorization: Basic base64(MN:PW)` (the HJ 212 access password) or `Authorization: Device
    <token>` (a per-device token issued on the monitor's page). A wrong password or token is logged
    under the MN like a refused frame."""

    def authenticate(self, request: Request) -> tuple[Device, Monitor] | None:
        header = get_authorization_header(request).decode("latin-1")
        scheme, _sep, credentials = header.partition(" ")
        if scheme.lower() == "basic":
            return self._basic(request, credentials.strip())
        if scheme.lower() == "device":
            return self._token(request, credentials.strip())
        return None

    def _basic(self, request: Request, credentials: str) -> tuple[Device, Monitor]:
        try:
            mn, sep, pw = base64.b64decode(credentials, validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError) as error:
            raise AuthenticationFailed(
                _("Send the MN and access password as HTTP Basic credentials.")
            ) from error
        address = client_address(request)
        _refuse_if_locked(mn, address)
        monitor = Monitor.objects.filter(mn=mn).first() if sep else None
        if monitor is None or not hmac.compare_digest(monitor.pw.encode(), pw.encode()):
            _count_failure(mn, address)
            if monitor is not None:
                refuse_device(
                    mn,
                    peer=_peer(request),
                    reason=Refusal.WRONG_PW,
                    message=f"wrong password for {mn} (HTTP)",
                )
            raise AuthenticationFailed(_("Unknown MN or wrong access password."))
        throttle.forget(_pair_key(mn, address))
        return self._active(monitor)

    def _token(self, request: Request, token: str) -> tuple[Device, Monitor]:
        address = client_address(request)
        _refuse_if_locked("", address)
        monitor = Monitor.objects.filter(token_digest=token_digest(token)).first() if token else None
        if monitor is None:
            _count_failure("", address)
            raise AuthenticationFailed(_("Unknown device token."))
        return self._active(monitor)

    def _active(self, monitor: Monitor) -> tuple[Device, Monitor]:
        if not monitor.active:
            raise AuthenticationFailed(_("This monitor is not active: its frames are refused."))
        return Device(monitor), monitor

    def authenticate_header(self, request: Request) -> str:
        return 'Basic realm="heluo devices"'


# Wrong passwords are counted per MN and address, and per address (several times as many), as the log-in
# page counts them per user name and address: past the limit both are refused for the cool-off time,
# even with the right password. A device elsewhere with the right password is not locked out.
ADDRESS_FACTOR = 5


def _pair_key(mn: str, address: str) -> str:
    return f"device:{mn}:{address}"


def _cooloff() -> timedelta:
    return timedelta(minutes=settings.DEVICE_COOLOFF_MINUTES)


def _refuse_if_locked(mn: str, address: str) -> None:
    limit = settings.DEVICE_FAILURE_LIMIT
    if (mn and throttle.locked(_pair_key(mn, address), limit, _cooloff())) or throttle.locked(
        f"device-address:{address}", limit * ADDRESS_FACTOR, _cooloff()
    ):
        raise Throttled(
            wait=_cooloff().total_seconds(),
            detail=_("Too many wrong access passwords from this address: try again later."),
        )


def _count_failure(mn: str, address: str) -> None:
    if mn:
        throttle.record_refusal(_pair_key(mn, address))
    throttle.record_refusal(f"device-address:{address}")


def _peer(request: Request) -> str:
    return f"http:{client_address(request)}"


class IsDevice(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return isinstance(request.auth, Monitor)


class PlainTextParser(BaseParser):
    media_type = "text/plain"

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> bytes:
        return bytes(stream.read())


class Unavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "unavailable"


class FrameResultSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    committed = serializers.BooleanField()
    outcome = serializers.ChoiceField(choices=["stored", "duplicate", "conflict", "noted", "refused"])
    reason = serializers.CharField(allow_blank=True)
    message = serializers.CharField(allow_blank=True)
    mn = serializers.CharField(allow_blank=True)
    cn = serializers.CharField(allow_blank=True)
    qn = serializers.CharField(allow_blank=True)
    data_time = serializers.CharField(allow_blank=True)


class FramesAnswerSerializer(serializers.Serializer):
    committed = serializers.IntegerField()
    refused = serializers.IntegerField()
    results = FrameResultSerializer(many=True)


class FramesRequestSerializer(serializers.Serializer):
    frames = serializers.ListField(
        child=serializers.JSONField(),
        help_text="Frame texts, or objects {cn, data_time, values, qn?, st?, flag?}.",
    )


class FrameViewSet(viewsets.ViewSet):
    """Frames from one device: HJ 212 frame text (text/plain, one frame a line) or JSON
    `{"frames": [...]}`. The answer lists every frame with `committed` and, when refused, the reason;
    a frame reported committed is stored (or was already). 503 when the database is unavailable:
    nothing was committed, send again."""

    authentication_classes = [DeviceAuthentication]
    permission_classes = [IsDevice]
    parser_classes = [BoundedJSONParser, PlainTextParser]

    @extend_schema(
        request={"application/json": FramesRequestSerializer, "text/plain": str},
        responses={200: FramesAnswerSerializer, 400: OpenApiResponse(description="no frames in the body")},
        auth=[],
    )
    def create(self, request: Request) -> Response:
        monitor: Monitor = request.auth
        payloads = self._payloads(request, monitor)
        try:
            results = ingest(payloads, mn=monitor.mn, peer=_peer(request))
        except Exception as error:
            if is_retryable(error):
                raise Unavailable(
                    _("The database is unavailable: nothing was committed, send again.")
                ) from error
            raise
        committed = sum(result.committed for result in results)
        body = {
            "committed": committed,
            "refused": len(results) - committed,
            "results": [r.as_dict() for r in results],
        }
        return Response(body)

    def _payloads(self, request: Request, monitor: Monitor) -> list[bytes]:
        data = request.data
        if isinstance(data, bytes):
            payloads = [line for line in data.splitlines() if line.strip()]
        elif isinstance(data, dict) and isinstance(data.get("frames"), list):
            payloads = []
            device = device_of(monitor)
            for index, item in enumerate(data["frames"]):
                try:
                    payloads.append(
                        item.encode("utf-8") if isinstance(item, str) else json_frame(item, device)
                    )
                except ValueError as error:
                    raise ValidationError(
                        {"frames": [_("Frame %(n)d: %(error)s") % {"n": index, "error": error}]}
                    ) from error
        else:
            raise ValidationError({"frames": [_('Send frame text (text/plain) or JSON {"frames": [...]}.')]})
        if not payloads:
            raise ValidationError({"frames": [_("The body holds no frame.")]})
        if len(payloads) > MAX_FRAMES:
            raise ValidationError({"frames": [_("At most %(n)d frames a request.") % {"n": MAX_FRAMES}]})
        return payloads


BOOKKEEPING = ["created_at", "updated_at", "row_version"]


class MonitorSerializer(LedgerSerializer):
    """A monitor: its MN, the point it watches and how it speaks; the password and SM4 key masked for
    callers without the right (sending the mask back keeps them). Its HTTP token is issued on its page."""

    class Meta:
        model = Monitor
        fields = ["id", "display", "mn", "pw", "point", "name", "vendor", "protocol_version", "particulate_unit",
                  "accept_crc_swapped", "accept_crc_modbus_swapped", "accept_crc_modbus", "sm4_key",
                  "sm4_padding", "minute_interval", "active", "notes", *BOOKKEEPING]  # fmt: skip


class MonitorViewSet(LedgerViewSet):
    """On-line monitors (在线监测设备) and their data loggers' MN and password."""

    ledger = ledgers.monitor
    serializer_class = MonitorSerializer


class MonitoringPointSerializer(LedgerSerializer):
    class Meta:
        model = MonitoringPoint
        fields = ["id", "display", "name", "division", "address", "longitude", "latitude", "coordinate_system",
                  "notes", *BOOKKEEPING]  # fmt: skip


class MonitoringPointViewSet(LedgerViewSet):
    """Monitoring points (监测点): the places monitors watch; a module's sites keep their own in step."""

    ledger = ledgers.monitoring_point
    serializer_class = MonitoringPointSerializer


class ControlStationSerializer(LedgerSerializer):
    class Meta:
        model = ControlStation
        fields = ["id", "display", "code", "name", "kind", "division", "longitude", "latitude", "active",
                  "notes", "created_at", "updated_at", "row_version"]  # fmt: skip


class ControlStationViewSet(LedgerViewSet):
    ledger = ledgers.control_station
    serializer_class = ControlStationSerializer


class ControlReadingSerializer(LedgerSerializer):
    class Meta:
        model = ControlReading
        fields = [
            "id",
            "display",
            "station",
            "hour",
            "pm10",
            "pm25",
            "created_at",
            "updated_at",
            "row_version",
        ]


class ControlReadingViewSet(LedgerViewSet):
    ledger = ledgers.control_reading
    serializer_class = ControlReadingSerializer


class AlarmRuleSerializer(LedgerSerializer):
    class Meta:
        model = AlarmRule
        fields = ["id", "display", "code", "name", "method", "factor", "limit", "margin", "cap", "per_day",
                  "count", "minutes", "flags", "clear_minutes", "time_limit_days", "priority", "requirements",
                  "active", "created_at", "updated_at", "row_version"]  # fmt: skip


class AlarmRuleViewSet(LedgerViewSet):
    ledger = ledgers.alarm_rule
    serializer_class = AlarmRuleSerializer


def register(router: BaseRouter) -> None:
    router.register("monitoring/frames", FrameViewSet, basename="monitoring-frames")
    register_ledgers(
        router,
        MonitorViewSet,
        MonitoringPointViewSet,
        ControlStationViewSet,
        ControlReadingViewSet,
        AlarmRuleViewSet,
    )
