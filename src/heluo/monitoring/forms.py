"""Monitoring's forms."""

from __future__ import annotations

from heluo.core.forms import LedgerForm

from .models import Monitor


class MonitorForm(LedgerForm):
    class Meta:
        model = Monitor
        fields = [
            "mn",
            "pw",
            "site",
            "name",
            "vendor",
            "protocol_version",
            "particulate_unit",
            "accept_crc_swapped",
            "accept_crc_modbus_swapped",
            "accept_crc_modbus",
            "sm4_key",
            "sm4_padding",
            "active",
            "notes",
        ]

    def clean_mn(self) -> str:
        return (self.cleaned_data.get("mn") or "").strip()

    def clean_sm4_key(self) -> str:
        return (self.cleaned_data.get("sm4_key") or "").strip()
