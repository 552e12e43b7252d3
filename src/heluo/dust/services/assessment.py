"""Assessment (考核奖惩): the counts of a period per district or enterprise, their scores under a scheme
(heluo.dust.rules.assessment), the ranking and the 通报 as an official document and a workbook.

Counts come from a registry of collectors, one per kind of count. A collector takes the sites and the
period's first and last day and returns {site pk: count}; the service adds them up per district or
enterprise. Adding a kind is one line:

    register_collector("failed_items", failed_items)

with the kind one of SCHEME_FIELDS (the scheme's points per event of that kind).
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case as Choice
from django.db.models import DateTimeField, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from heluo.cases.models import Case, overdue_q
from heluo.core import documents
from heluo.core.dates import EXCEL_DATE
from heluo.core.expressions import ElapsedSeconds
from heluo.core.models import Division, DivisionLevel
from heluo.core.tabular.writing import new_workbook
from heluo.monitoring.models import Alarm, AlarmState

from ..models import (
    AssessedSubject,
    AssessmentScheme,
    CoverRecord,
    InspectionResult,
    Measure,
    Outcome,
    PatrolReport,
    Site,
)
from ..rules import assessment as scoring

Collector = Callable[[QuerySet[Site], dt.date, dt.date], Mapping[int, int]]

# Kind of count → the scheme's field of points per event, and its label.
SCHEME_FIELDS: dict[str, str] = {
    "failed_items": "per_failed_item",
    "overdue_cases": "per_overdue_case",
    "alarm_hours": "per_alarm_hour",
    "enforcement": "per_enforcement",
}
KIND_LABELS = {
    "failed_items": gettext_lazy("failed inspection items"),
    "overdue_cases": gettext_lazy("overdue cases"),
    "alarm_hours": gettext_lazy("alarm hours"),
    "enforcement": gettext_lazy("enforcement measures"),
}
COLLECTORS: dict[str, Collector] = {}
TEMPLATE = "dust/bulletin.html"


def register_collector(kind: str, collector: Collector) -> None:
    """Count `kind` (one of SCHEME_FIELDS) per site with `collector`; a second registration replaces."""
    if kind not in SCHEME_FIELDS:
        raise ValueError(f"unknown kind of count {kind!r}; known: {', '.join(SCHEME_FIELDS)}")
    COLLECTORS[kind] = collector


def _bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(first, dt.time.min, tzinfo=zone)
    return start, dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=zone)


def _alarms_of(sites: QuerySet[Site]) -> QuerySet[Alarm]:
    return Alarm.objects.filter(
        point__watched_type=ContentType.objects.get_for_model(Site), point__watched_id__in=sites.values("pk")
    )


# Rows of a site that open cases, with the path from the row to its site.
CASE_SOURCES: dict[type[Any], str] = {
    InspectionResult: "inspection__site_id",
    PatrolReport: "site_id",
    Measure: "site_id",
    CoverRecord: "site_id",
}
# Source rows looked up per query (SQLite's older builds take 999 parameters at most).
SOURCE_BATCH = 900


def overdue_cases(sites: QuerySet[Site], first: dt.date, last: dt.date) -> dict[int, int]:
    """Supervision cases of each site that fell overdue in the period (deadline inside it, overdue at its
    end or now, whichever is first): cases opened on the site itself, on an alarm of its monitors, on a
    failed inspection item, a patrol report, an order to correct or an uncovered-ground record of it."""
    start, end = _bounds(first, last)
    at = min(end, timezone.now())
    overdue = Case.objects.filter(overdue_q(at), due_at__gte=start, due_at__lt=end)
    counts: Counter[Any] = Counter()
    site_ids = set(sites.values_list("pk", flat=True))
    site_type = ContentType.objects.get_for_model(Site).pk
    sources = {
        ContentType.objects.get_for_model(model).pk: (model, path) for model, path in CASE_SOURCES.items()
    }
    # One pass over the period's overdue cases finds those of every kind of source (a pass per kind
    # read the year's cases five times); each kind's rows then name their sites.
    opened: dict[int, list[int | None]] = defaultdict(list)
    for type_id, source_id in (
        overdue.filter(source_type__in=[site_type, *sources])
        .values_list("source_type", "source_id")
        .order_by()
    ):
        opened[type_id].append(source_id)
    counts.update(source_id for source_id in opened.pop(site_type, []) if source_id in site_ids)
    for type_id, ids in opened.items():
        model, path = sources[type_id]
        for offset in range(0, len(ids), SOURCE_BATCH):
            rows = model.objects.filter(pk__in=ids[offset : offset + SOURCE_BATCH]).order_by()
            counts.update(site_id for site_id in rows.values_list(path, flat=True) if site_id in site_ids)
    for site_id in (
        _alarms_of(sites).filter(case__in=overdue).values_list("point__watched_id", flat=True).order_by()
    ):
        counts[site_id] += 1
    return dict(counts)


def failed_items(sites: QuerySet[Site], first: dt.date, last: dt.date) -> dict[int, int]:
    """Checklist items each site failed in the period's inspections."""
    start, end = _bounds(first, last)
    failed = InspectionResult.objects.filter(
        outcome=Outcome.FAILED,
        inspection__site__in=sites,
        inspection__performed_at__gte=start,
        inspection__performed_at__lt=end,
    )
    return dict(Counter(failed.values_list("inspection__site_id", flat=True)))


def enforcement(sites: QuerySet[Site], first: dt.date, last: dt.date) -> dict[int, int]:
    """Enforcement measures served on each site in the period (every kind: an order to correct, a fine,
    a stop-work …)."""
    served = Measure.objects.filter(site__in=sites, served_on__gte=first, served_on__lte=last)
    return dict(Counter(served.values_list("site_id", flat=True)))


def alarm_hours(sites: QuerySet[Site], first: dt.date, last: dt.date) -> dict[int, int]:
    """Hours in the period each site's monitors were in alarm (every alarm from its first breach until
    it cleared, or until now while on), each alarm's hours rounded up."""
    start, end = _bounds(first, last)
    alarms = (
        _alarms_of(sites)
        .filter(raised_at__lt=end)
        .filter(Q(cleared_at__isnull=True) | Q(cleared_at__gt=start))
    )
    # The seconds inside the period are counted by the database: a year of a city's alarms converted to
    # Python datetimes one by one took most of the ranking's time.
    until = Coalesce(
        "cleared_at",
        Choice(When(state=AlarmState.ACTIVE, then=_moment(timezone.now())), default=F("raised_at")),
    )
    seconds = ElapsedSeconds(Least(until, _moment(end)), Greatest("raised_at", _moment(start)))
    counts: Counter[Any] = Counter()
    for site_id, inside in (
        alarms.annotate(inside=seconds).values_list("point__watched_id", "inside").order_by()
    ):
        if inside > 0:
            counts[site_id] += math.ceil(inside / 3600)
    return dict(counts)


def _moment(at: dt.datetime) -> Value:
    return Value(at, output_field=DateTimeField())


register_collector("failed_items", failed_items)
register_collector("overdue_cases", overdue_cases)
register_collector("alarm_hours", alarm_hours)
register_collector("enforcement", enforcement)


@dataclass(frozen=True)
class Subject:
    key: int
    name: str


def _subjects(scheme: AssessmentScheme, sites: QuerySet[Site]) -> dict[int, Subject]:
    """Site pk → the district/county or the contractor it counts for."""
    if scheme.subject == AssessedSubject.ENTERPRISE:
        return {
            pk: Subject(unit, name)
            for pk, unit, name in sites.values_list("pk", "contractor_id", "contractor__name")
        }
    placed = list(sites.values_list("pk", "division__path"))
    counties = {
        d.path: d
        # Today's county last, so that it wins where a historic one shares its code.
        for d in Division.objects.filter(
            level=DivisionLevel.COUNTY, path__in={path[:6] for _pk, path in placed}
        ).order_by(F("valid_to").desc(nulls_last=True))
    }
    result = {}
    for pk, path in placed:
        county = counties.get(path[:6])
        if county is not None:
            result[pk] = Subject(county.pk, county.name)
    return result


def pure_scheme(scheme: AssessmentScheme) -> scoring.Scheme:
    per_event = {kind: getattr(scheme, field) for kind, field in SCHEME_FIELDS.items()}
    caps = {kind: scheme.cap_per_kind for kind in SCHEME_FIELDS} if scheme.cap_per_kind is not None else {}
    return scoring.Scheme(
        base=scheme.base_score, per_event=per_event, caps=caps, clean_bonus=scheme.clean_bonus
    )


def ranking(scheme: AssessmentScheme, sites: QuerySet[Site] | None = None) -> list[scoring.Ranked]:
    """Every district/county (or contractor) with sites, scored under the scheme for its period and
    ranked; each score's subject is a Subject. Kinds without a collector count nothing."""
    sites = sites if sites is not None else Site.objects.all()
    subjects = _subjects(scheme, sites)
    # Every subject with a site is ranked, counted or not.
    counts = {subject: dict.fromkeys(COLLECTORS, 0) for subject in subjects.values()}
    for kind, collector in COLLECTORS.items():
        for site_id, count in collector(sites, scheme.period_start, scheme.period_end).items():
            if site_id in subjects:
                counts[subjects[site_id]][kind] += count
    pure = pure_scheme(scheme)
    scores = [scoring.score(pure, subject, kinds) for subject, kinds in counts.items()]
    return scoring.rank(scores, key=lambda s: s.subject.name)


# --- the 通报 ------------------------------------------------------------------------------------


def document_number(scheme: AssessmentScheme) -> str:
    return _("Dust assessment 〔%(year)s〕 No. %(n)s") % {"year": scheme.period_end.year, "n": scheme.pk}


def ranking_table(scheme: AssessmentScheme) -> dict[str, Any]:
    """The ranking as the pages and exports show it: the kinds counted, then one row per subject."""
    ranked = ranking(scheme)
    kinds = [(kind, KIND_LABELS[kind]) for kind in SCHEME_FIELDS if kind in COLLECTORS]
    rows = [
        {"rank": r.rank, "name": r.score.subject.name, "counts": [r.score.counts.get(k, 0) for k, _l in kinds],
         "deducted": sum(r.score.deductions.values(), Decimal(0)), "bonus": r.score.bonus, "total": r.score.total}
        for r in ranked
    ]  # fmt: skip
    return {"kinds": kinds, "rows": rows}


def context(scheme: AssessmentScheme) -> dict[str, Any]:
    table = ranking_table(scheme)
    rows = table["rows"]
    title = scheme.name
    return {
        **table,
        "scheme": scheme,
        "first": [row["name"] for row in rows if row["rank"] <= 3],
        # The bottom three, unless they share the top score (nobody is criticised for a full mark).
        "last": [row["name"] for row in rows[-3:] if row["total"] < rows[0]["total"]]
        if len(rows) > 3
        else [],
        "title": title,
        "issuer": scheme.issuer or _("Dust control office"),
        "document_number": document_number(scheme),
        "title_phrases": documents.title_phrases(_("Bulletin on the assessment “%(title)s”"), title),
        "date": timezone.localdate(),
        "copy_to": [],
    }


def bulletin_page(scheme: AssessmentScheme) -> str:
    return documents.page(TEMPLATE, context(scheme))


def bulletin_pdf(scheme: AssessmentScheme, *, base_url: str = "/") -> bytes:
    """The 通报 as a PDF. Raises documents.PdfUnavailable when WeasyPrint cannot run."""
    return documents.pdf(TEMPLATE, context(scheme), base_url=base_url)


def bulletin_word(scheme: AssessmentScheme) -> bytes:
    return documents.word(TEMPLATE, context(scheme))


def bulletin_workbook(scheme: AssessmentScheme) -> bytes:
    """The ranking as an .xlsx: the scheme, then one row per district or enterprise."""
    data = context(scheme)
    buffer = io.BytesIO()
    book = new_workbook(buffer, in_memory=True)
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": EXCEL_DATE})
    points = book.add_format({"num_format": "0.00"})
    sheet = book.add_worksheet(_("Ranking"))
    sheet.write(0, 0, scheme.name, bold)
    sheet.write(1, 0, _("Period"))
    sheet.write_datetime(1, 1, dt.datetime.combine(scheme.period_start, dt.time.min), day)
    sheet.write_datetime(1, 2, dt.datetime.combine(scheme.period_end, dt.time.min), day)
    headers = [_("Rank"), scheme.get_subject_display(), *[str(label) for _k, label in data["kinds"]],
               _("Deducted"), _("Bonus"), _("Score")]  # fmt: skip
    sheet.write_row(3, 0, headers, bold)
    for index, row in enumerate(data["rows"], start=4):
        sheet.write_number(index, 0, row["rank"])
        sheet.write_string(index, 1, row["name"])
        for offset, count in enumerate(row["counts"], start=2):
            sheet.write_number(index, offset, count)
        column = 2 + len(row["counts"])
        for offset, value in enumerate((row["deducted"], row["bonus"], row["total"])):
            sheet.write_number(index, column + offset, float(value), points)
    sheet.freeze_panes(4, 2)
    sheet.set_column(1, 1, 36)
    book.close()
    return buffer.getvalue()
