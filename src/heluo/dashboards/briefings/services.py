"""Briefings made and sent: `generate_briefing` writes a division's briefing for a week or a month once,
puts it in the inbox of the division's leaders and administrators and posts its headlines to the
division's group robots; the document is rendered by core's A4 document renderer.

The chat message carries the headline sentences (aggregate figures, no person) and a link, never more:
whoever reads the group reads the document only through the link, with their own scope.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from heluo.core import documents
from heluo.core.figures import Period
from heluo.core.models import Account, Delivery, Division, DivisionLevel
from heluo.core.services import notifications
from heluo.core.tasks import deliver_task
from heluo.dashboards.models import Briefing, BriefingChannel, BriefingKind, BriefingState

from .content import Periods, compose, periods_of

TEMPLATE = "dashboards/briefings/document.html"
KIND_WORDS = {BriefingKind.WEEK: "周报", BriefingKind.MONTH: "月报"}
# The roles that receive a division's briefing in their inbox: who leads or administers the division.
RECIPIENT_ROLES = ("leader", "city_admin", "district_admin")


def title_of(division: Division, kind: str, periods: Periods) -> str:
    """老城区周报（2026年11月30日至12月6日）: what the list, the inbox and the robots call it."""
    return f"{division.display_name}{KIND_WORDS[BriefingKind(kind)]}（{periods.current.label}）"


def generate_briefing(division: Division, kind: str, day: dt.date) -> tuple[Briefing, bool]:
    """The division's briefing of the week or month holding `day`, and whether this call made it.

    Idempotent: a period's briefing is made once (a unique row; a second caller, at the same time or
    later, gets the first one and sends nothing). A period with nothing to report is kept as EMPTY and
    sent to nobody. Otherwise, in one transaction, the inbox messages are written and the robots'
    deliveries queued for after commit (core's deliveries: retried, failures kept with their error).
    """
    periods = periods_of(kind, day)
    existing = Briefing.objects.filter(
        division=division, kind=kind, period_start=periods.current.start
    ).first()
    if existing is not None:
        return existing, False
    with translation.override(settings.LANGUAGE_CODE):
        content = compose(division, periods)
    state = BriefingState.SENT if content["sections"] else BriefingState.EMPTY
    try:
        with transaction.atomic():
            briefing = Briefing.objects.create(
                division=division, kind=kind, period_start=periods.current.start, period_end=periods.current.end,
                title=title_of(division, kind, periods), state=state, generated_at=timezone.now(), content=content,
            )  # fmt: skip
            if state == BriefingState.SENT:
                send(briefing)
    except IntegrityError:
        # Another worker made it between our look and our write: theirs stands, ours is not sent.
        return Briefing.objects.get(division=division, kind=kind, period_start=periods.current.start), False
    return briefing, True


def recipients(division: Division) -> list[Any]:
    """The users of the division's leaders and administrators (their home is the division itself)."""
    accounts = Account.objects.filter(
        home_division=division, roles__code__in=RECIPIENT_ROLES, user__is_active=True
    ).values_list("user_id", flat=True)
    return list(get_user_model().objects.filter(pk__in=list(accounts)))


def message_body(briefing: Briefing) -> str:
    """The headline sentences: what the inbox and the robots show of a briefing."""
    return "\n\n".join(briefing.headlines)


def send(briefing: Briefing) -> None:
    """The inbox messages and the robots' deliveries of a briefing, in the caller's transaction."""
    title, body, link = briefing.title, message_body(briefing), briefing.get_absolute_url()
    notifications.notify(
        recipients(briefing.division), title=title, body=body, link=link, event="briefing", about=briefing
    )
    channels = BriefingChannel.objects.filter(is_active=True, divisions=briefing.division)
    payload = {"title": title, "body": body, "link": link, "event": "briefing"}
    made = Delivery.objects.bulk_create(
        [Delivery(kind=c.kind, target=c.url, subject=title[:200], payload=payload) for c in channels]
    )
    if made:
        briefing.deliveries.add(*made)
        ids = [d.pk for d in made]
        transaction.on_commit(lambda: [deliver_task(pk) for pk in ids])


def add_channel(name: str, kind: str, url: str, divisions: list[Division]) -> BriefingChannel:
    """A group robot for the briefings of `divisions`, active (a robot's address is validated as a URL;
    its kind is WeCom or DingTalk)."""
    channel = BriefingChannel(name=name, kind=kind, url=url)
    channel.full_clean()
    with transaction.atomic():
        channel.save()
        channel.divisions.set(divisions)
    return channel


def briefing_divisions() -> list[Division]:
    """The divisions whose briefings are made on schedule: HELUO_BRIEFING_DIVISIONS (codes), by default
    the city."""
    codes = settings.HELUO_BRIEFING_DIVISIONS
    divisions = Division.objects.filter(valid_to__isnull=True)
    if codes:
        return list(divisions.filter(code__in=codes))
    return list(divisions.filter(level=DivisionLevel.CITY))


def generate_due(today: dt.date) -> list[Briefing]:
    """The briefings due on `today` for every configured division: last week's on a Monday, last month's
    on the 1st. Safe to run again: what is made is not made twice."""
    due = []
    if today.weekday() == 0:
        due.append((BriefingKind.WEEK, today - dt.timedelta(days=7)))
    if today.day == 1:
        due.append((BriefingKind.MONTH, today - dt.timedelta(days=1)))
    made = []
    for kind, day in due:
        for division in briefing_divisions():
            briefing, created = generate_briefing(division, kind, day)
            if created:
                made.append(briefing)
    return made


# --- the document ------------------------------------------------------------------------------------


def document_number(briefing: Briefing) -> str:
    """周报〔2026〕49号 (the ISO week), 月报〔2026〕11号 (the month)."""
    start = briefing.period_start
    number = start.isocalendar().week if briefing.kind == BriefingKind.WEEK else start.month
    year = start.isocalendar().year if briefing.kind == BriefingKind.WEEK else start.year
    return f"{KIND_WORDS[BriefingKind(briefing.kind)]}〔{year}〕{number}号"


def context(briefing: Briefing) -> dict[str, Any]:
    """The document in the layout of a 简报: the red head names the division's briefing (老城区工作周报),
    the title the period."""
    label = Period(briefing.period_start, briefing.period_end).label
    kind = KIND_WORDS[BriefingKind(briefing.kind)]
    return {
        "briefing": briefing,
        "content": briefing.content,
        "title": f"{label}重点工作情况",
        "title_phrases": documents.title_phrases("%(title)s重点工作情况", label),
        "issuer": f"{briefing.division.display_name}工作{kind}",
        "document_number": document_number(briefing),
        "date": timezone.localdate(briefing.generated_at),
        "copy_to": [],
    }


def document_page(briefing: Briefing) -> str:
    return documents.page(TEMPLATE, context(briefing))


def document_pdf(briefing: Briefing, *, base_url: str = "/") -> bytes:
    """The briefing as a PDF. Raises documents.PdfUnavailable when WeasyPrint cannot run."""
    return documents.pdf(TEMPLATE, context(briefing), base_url=base_url)


def document_word(briefing: Briefing) -> bytes:
    return documents.word(TEMPLATE, context(briefing))
