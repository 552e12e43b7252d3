"""A frame's text with its access password blanked, for everything that keeps or shows frames.

MN and PW are all a sender needs to post readings (HJ 212-2017 §6.3.2), so the PW is a secret: the message
log, the conflicts, the unknown devices and the stored readings keep the frame with `PW=******`. The
values (CP) are untouched, so a stored frame still compares with a retransmission (ingest.rows.cp_text).
"""

from __future__ import annotations

import re

REDACTED = "******"
# PW in a frame's header: after `;` (or at the segment's start), up to the next field.
_PASSWORD = re.compile(r"(?<![A-Za-z0-9])PW=[^;&\r\n]*")


def redact_password(text: str) -> str:
    """`text` with the value of every PW field replaced by REDACTED (a text without one is returned as is)."""
    if "PW=" not in text:
        return text
    return _PASSWORD.sub(f"PW={REDACTED}", text)
