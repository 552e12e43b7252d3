"""The inspections of the Luoyang demo: 90 days of site inspections by the grid officers (the bureau's
dust officer where a grid has no account), made through submit_inspection in time order, so that failed
items become cases and later re-inspections close or reopen them, as they would have. Idempotent, every
row marked demo; the photos are tiny generated images."""

from __future__ import annotations

import datetime as dt
import heapq
import random
import struct
import uuid
import zlib
from collections import Counter
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from heluo.cases.models import Case, State
from heluo.cases.services import transitions as act
from heluo.core.models import Account

from .models import ChecklistKind, Inspection, InspectionResult, Outcome, Site, SiteState
from .services import ItemResult, Submission, checklists_in_force, site_officers, submit_inspection
from .services.inspections import party_unit

DAYS = 90
# How often a site is inspected (days between visits), by whether its grid's officer has an account.
EVERY = {True: (7, 14), False: (18, 30)}
FAILURE_RATE = 0.06
# A failed site is re-inspected within these days; the re-inspection finds it put right this often.
RECHECK_DAYS = (2, 5)
FIXED_RATE = 0.8
NOTES = (
    "防尘网破损",
    "现场未见覆盖",
    "冲洗设备未开启",
    "出口道路有带泥痕迹",
    "围挡缺口约5米",
    "作业面干燥起尘",
)


def demo_photo(rng: random.Random) -> SimpleUploadedFile:
    """A tiny PNG of one random colour: enough for a case page to show a photo."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    colour = bytes(rng.randrange(256) for _ in range(3))
    rows = b"".join(b"\x00" + colour * 8 for _ in range(8))
    content = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
               + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))  # fmt: skip
    return SimpleUploadedFile("现场照片.png", content, content_type="image/png")


def inspector_of(site: Site, fallback: Any) -> tuple[Any, bool]:
    """The site's grid officer with an account, else `fallback`; and whether it was the officer."""
    people = [member.person_id for member in site_officers(site)]
    account = (
        Account.objects.filter(person_id__in=people, user__is_active=True).select_related("user").first()
    )
    return (account.user, True) if account is not None else (fallback, False)


def assign_waiting(supervisor: Any, inspection: Inspection, at: dt.datetime) -> None:
    """The bureau assigns, as a supervisor would, the cases no grid officer's account could take: to the
    party the item names, with the item's time limit."""
    waiting = inspection.results.filter(case__state=State.REGISTERED).select_related("case", "item")
    for result in waiting:
        act.assign_case(supervisor, result.case, unit=party_unit(inspection.site, result.item),
                        days=result.item.time_limit_days, at=at)  # fmt: skip


@transaction.atomic
def load_demo(operator: Any) -> Counter[str]:
    """Load 90 days of inspections over the demo sites. Returns what was created (empty on a second run)."""
    created: Counter[str] = Counter()
    bureau = get_user_model().objects.filter(username="zhujian").first()
    templates = {template.kind: template for template in checklists_in_force()}
    if Inspection.objects.filter(is_demo=True).exists() or bureau is None or len(templates) < 3:
        return created
    rng = random.Random(20200601)
    now = timezone.now()
    start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0) - dt.timedelta(
        days=DAYS
    )
    sites = Site.objects.filter(
        is_demo=True, grid__isnull=False, state__in=[SiteState.PLANNED, SiteState.UNDER_CONSTRUCTION]
    ).select_related("grid", "division")
    # A queue in time order: (when, tie-breaker, site, inspector); a failure adds its re-inspection.
    visits: list[tuple[dt.datetime, int, Site, Any]] = []
    planned: dict[int, list[dt.datetime]] = {}
    for site in sites.order_by("pk"):
        user, own = inspector_of(site, bureau)
        day = rng.uniform(0, EVERY[own][1])
        while day < DAYS:
            moment = start + dt.timedelta(days=day, hours=rng.uniform(8.5, 16.5))
            heapq.heappush(visits, (moment, len(visits), site, user))
            planned.setdefault(site.pk, []).append(moment)
            day += rng.uniform(*EVERY[own])
    serial = len(visits)
    failing: dict[int, set[str]] = {}  # site → item codes failed at its last visit
    stored: list[int] = []
    while visits:
        moment, _order, site, user = heapq.heappop(visits)
        if moment > now - dt.timedelta(minutes=30):
            continue
        kind = ChecklistKind.BEFORE_START if site.state == SiteState.PLANNED else ChecklistKind.DURING
        if kind == ChecklistKind.DURING and rng.random() < 0.15:
            kind = ChecklistKind.PROHIBITIONS
        template = templates[kind]
        open_items = failing.get(site.pk, set())
        results = []
        for item in template.items.all():
            fails = rng.random() > FIXED_RATE if item.code in open_items else rng.random() < FAILURE_RATE
            results.append(
                ItemResult(item=item, outcome=Outcome.FAILED if fails else Outcome.PASSED,
                           note=rng.choice(NOTES) if fails else "", photos=[demo_photo(rng)] if fails else [])
            )  # fmt: skip
        submission = Submission(
            client_id=uuid.UUID(int=rng.getrandbits(128), version=4), site=site, template=template,
            results=results, performed_at=moment, note="演示数据：检查记录为虚构。",
        )  # fmt: skip
        inspection, _new = submit_inspection(user, submission, at=moment)
        stored.append(inspection.pk)
        assign_waiting(bureau, inspection, moment + dt.timedelta(hours=rng.uniform(1, 4)))
        failing[site.pk] = {result.item.code for result in results if result.outcome == Outcome.FAILED}
        if failing[site.pk]:
            # The officer comes back within days to check the failures, unless a visit is due sooner.
            again = moment + dt.timedelta(days=rng.uniform(*RECHECK_DAYS))
            if not any(moment < when <= again for when in planned[site.pk]):
                heapq.heappush(visits, (again, serial, site, user))
                planned[site.pk].append(again)
                serial += 1
    Inspection.objects.filter(pk__in=stored).update(is_demo=True)
    cases = InspectionResult.objects.filter(inspection_id__in=stored, case__isnull=False).values("case_id")
    Case.objects.filter(pk__in=cases).update(is_demo=True)
    created[str(Inspection._meta.verbose_name_plural)] += len(stored)
    created[str(Case._meta.verbose_name_plural)] += Case.objects.filter(pk__in=cases).count()
    return created
