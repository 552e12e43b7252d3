"""Monitoring's settings (read by heluo.settings from HELUO_HJ212_*, HELUO_MONITORING_KEEP_DAYS and
HELUO_MQTT_*), read when used, so override_settings is heard at once."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

from heluo.monitoring.ingest.policy import IngestSettings


def ingest_settings(**overrides: object) -> IngestSettings:
    """The receiver's settings: HELUO_HJ212_* values, then `overrides` (command-line options) not None.
    Raises ValueError naming a malformed or non-positive value."""
    return IngestSettings.from_env(settings.HJ212_ENVIRONMENT, **overrides)


def offline_after() -> timedelta:
    """A monitor not heard from for this long shows as offline (HELUO_HJ212_OFFLINE_MINUTES, default 10)."""
    return timedelta(minutes=float(settings.HJ212_OFFLINE_MINUTES))


def mqtt_url() -> str:
    """The broker frames come in through (HELUO_MQTT_URL); empty: no MQTT subscriber."""
    return str(settings.MQTT_URL)


def mqtt_client_id() -> str:
    return str(settings.MQTT_CLIENT_ID)
