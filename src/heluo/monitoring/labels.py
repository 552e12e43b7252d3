"""How the receiver's codes read on pages: refusal reasons, outcomes, directions."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from heluo.monitoring.hj212 import REASON_LABELS_ZH
from heluo.monitoring.ingest.batch import Outcome
from heluo.monitoring.ingest.policy import Refusal

REASON_LABELS: dict[str, Promise | str] = {
    Refusal.UNKNOWN_MN: _("unregistered MN"),
    Refusal.INACTIVE: _("monitor not active"),
    Refusal.WRONG_PW: _("wrong password"),
    Refusal.LOCKED_OUT: _("too many wrong passwords from this address"),
    Refusal.CRC_FORM_NOT_ALLOWED: _("CRC variant not allowed for this monitor"),
    Refusal.NO_DATA_TIME: _("no readable DataTime"),
    Refusal.OUTSIDE_WINDOW: _("DataTime outside the accepted window"),
    Refusal.STORAGE_ERROR: _("refused by the database"),
    Refusal.SHUTTING_DOWN: _("receiver shutting down"),
    Refusal.MN_MISMATCH: _("MN differs from the sending device's"),
    Refusal.BAD_PAYLOAD: _("not an HJ 212 frame"),
    Outcome.STORED: _("stored"),
    Outcome.DUPLICATE: _("retransmission"),
    Outcome.CONFLICT: _("conflict"),
    Outcome.NOTED: _("noted"),
    # The protocol package names its own reasons in Chinese already.
    **{str(reason): label for reason, label in REASON_LABELS_ZH.items()},
}


def reason_label(code: str) -> Promise | str:
    return REASON_LABELS.get(code, code)
