"""The monitoring part of the Luoyang demo: one dust monitor on each demo construction site.

Most speak HJ 212-2017; some older ones 2005 (14-character MN, vendor factor names); a few new ones
2025, half of those encrypting with SM4. A few send mg/m³ or a byte-swapped CRC, as real devices do.
Idempotent (a site that has a monitor gets no second one); every row is marked demo.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

from django.db import transaction

from heluo.core.services.audit import audited_bulk_create
from heluo.dust.models import Site

from .models import Monitor, ParticulateUnit, ProtocolVersion, Sm4Padding

VENDORS = ("洛阳某环保科技 YC-3000", "河南某仪器 PM-100", "郑州某电子 DM-6", "某智能 TSP-2")


def demo_mn(version: str, number: int) -> str:
    """A synthetic MN: 14 digits for 2005 devices, 24 characters (0–9, A–F) for later ones."""
    if version == ProtocolVersion.HJT212_2005:
        return f"4103{number:010d}"
    return f"410300D3{number:016X}"


@transaction.atomic
def load_demo(operator: Any) -> Counter[str]:
    """Register a monitor on every demo site that has none. Returns what was created."""
    created: Counter[str] = Counter()
    sites = list(Site.objects.filter(is_demo=True, monitors__isnull=True).order_by("pk"))
    if not sites:
        return created
    monitors = []
    for site in sites:
        # Seeded by the site, so a site's monitor is the same whenever it is created.
        rng = random.Random(site.pk * 7919)
        version = rng.choices(
            [ProtocolVersion.HJ212_2017, ProtocolVersion.HJT212_2005, ProtocolVersion.HJ212_2025],
            weights=[70, 20, 10],
        )[0]
        encrypts = version == ProtocolVersion.HJ212_2025 and rng.random() < 0.5
        monitors.append(
            Monitor(
                mn=demo_mn(version, site.pk),
                pw=f"{rng.randrange(10**6):06d}",
                site=site,
                name="扬尘在线监测仪",
                vendor=rng.choice(VENDORS),
                protocol_version=version,
                particulate_unit=ParticulateUnit.MG_M3 if rng.random() < 0.1 else ParticulateUnit.UG_M3,
                accept_crc_swapped=rng.random() < 0.05,
                sm4_key=f"{rng.getrandbits(128):032X}" if encrypts else "",
                sm4_padding=Sm4Padding.PKCS7 if encrypts else Sm4Padding.NONE,
                is_demo=True,
            )
        )
    for monitor in monitors:
        monitor.full_clean(validate_unique=False)
    audited_bulk_create(Monitor, monitors, user=operator)
    created[str(Monitor._meta.verbose_name_plural)] += len(monitors)
    return created
