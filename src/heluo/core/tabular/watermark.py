"""The watermark of an export of a sensitive ledger (people with document numbers, devices with their
passwords, militia rosters): who exported it and when, tiled behind the cells as the sheet's background
and printed in its header, so a copy that leaves the office says whose it was."""

from __future__ import annotations

import io
import shutil
import subprocess
from functools import cache

from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

TILE = (560, 300)
GREY = (150, 150, 150, 60)


@cache
def _font_file() -> str | None:
    """A CJK font of the system (fontconfig's choice), for the watermark's Chinese."""
    if shutil.which("fc-match") is None:
        return None
    found = subprocess.run(
        ["fc-match", "-f", "%{file}", "Noto Sans CJK SC:style=Regular"],
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.strip() or None


def watermark_text(user: object) -> str:
    account = getattr(user, "account", None)
    name = getattr(account, "display_name", "") or getattr(user, "username", "")
    return _("Exported by %(name)s (%(user)s) at %(at)s · for official use only") % {
        "name": name, "user": getattr(user, "username", ""), "at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
    }  # fmt: skip


def watermark_png(text: str) -> bytes:
    """A tile with `text` written at a slant in light grey, as a PNG."""
    font_file = _font_file()
    try:
        font: ImageFont.ImageFont | ImageFont.FreeTypeFont = (
            ImageFont.truetype(font_file, 18) if font_file else ImageFont.load_default()
        )
    except OSError:
        font = ImageFont.load_default()
    layer = Image.new("RGBA", (TILE[0] * 2, TILE[0] * 2), (255, 255, 255, 0))
    ImageDraw.Draw(layer).text((TILE[0] // 2, TILE[0]), text, font=font, fill=GREY)
    turned = layer.rotate(20, resample=Image.Resampling.BICUBIC)
    left, top = (turned.width - TILE[0]) // 2, (turned.height - TILE[1]) // 2
    tile = Image.new("RGB", TILE, (255, 255, 255))
    tile.paste(
        turned.crop((left, top, left + TILE[0], top + TILE[1])),
        (0, 0),
        turned.crop((left, top, left + TILE[0], top + TILE[1])),
    )
    buffer = io.BytesIO()
    tile.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
