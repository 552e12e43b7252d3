"""Ledgers in and out of spreadsheets, for pages, tasks and commands alike.

Export writes the rows the user sees with the list's filters; import previews or applies a file.
Scope applies throughout: nobody exports or updates a row they cannot see.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from types import SimpleNamespace
from typing import IO, Any

from django.http import QueryDict
from django.utils import timezone

from heluo.core.models import AccessKind
from heluo.core.services.access import MAX_LOGGED_IDS, record_access
from heluo.core.services.imports import ImportRefused, apply_import, plan_import
from heluo.core.services.masking import sees_in_full
from heluo.core.tabular.reading import read_table
from heluo.core.tabular.writing import export_xlsx

Progress = Callable[[int, int], None]


def filtered_rows(ledger: Any, user: Any, query: str) -> Any:
    """The ledger's rows as its list page shows them for `user` with the query string `query`."""
    params = QueryDict(query)
    rows = ledger.search(ledger.model.objects.for_user(user), params.get("q"))
    request = SimpleNamespace(user=user, GET=params)
    return ledger.filterset(params or None, queryset=rows, request=request).qs


def export_filename(ledger: Any) -> str:
    return f"{ledger.verbose_name_plural}-{timezone.localtime():%Y%m%d-%H%M}.xlsx"


def export(
    ledger: Any, user: Any, target: str | IO[bytes], query: str = "", progress: Progress | None = None
) -> int:
    """Write the ledger as `user` sees it with `query`'s filters to `target` (a path or a binary file);
    returns the row count. Streams: memory stays flat however many rows there are."""
    rows = filtered_rows(ledger, user, query)
    total = rows.count()
    count = export_xlsx(
        ledger, rows, user, target, (lambda done: progress(done, total)) if progress else None
    )
    model = ledger.model
    shows_rows = (model.sensitive_fields and sees_in_full(user, model)) or model.access_logged
    ids = rows.values_list("pk", flat=True)[: MAX_LOGGED_IDS + 1] if shows_rows else []
    record_access(
        user, AccessKind.EXPORT, model, object_ids=ids, count=count, context=f"export {ledger.label} ?{query}"
    )
    return count


def export_to_bytes(ledger: Any, user: Any, query: str = "") -> tuple[str, bytes, int]:
    """(file name, .xlsx bytes, row count): for small exports answered at once."""
    buffer = io.BytesIO()
    count = export(ledger, user, buffer, query)
    return export_filename(ledger), buffer.getvalue(), count


def import_file(
    ledger: Any, user: Any, filename: str, data: bytes, *, apply: bool, progress: Progress | None = None
) -> dict[str, Any]:
    """Preview (apply=False) or write (apply=True) a file; returns the summary the pages and commands
    show: counts, every listed error, and whether anything was written."""
    table = read_table(filename, data)
    if not apply:
        plan = plan_import(ledger, table, user, progress)
        return {**plan.summary(), "written": False, "rows": len(table.rows)}
    try:
        plan = apply_import(ledger, table, user, progress)
    except ImportRefused as refusal:
        return {**refusal.plan.summary(), "written": False, "rows": len(table.rows)}
    saved = [getattr(accepted, "saved", accepted) for _n, _a, accepted in plan.accepted]
    passwords = {
        str(obj): obj.temporary_password for obj in saved if getattr(obj, "temporary_password", None)
    }
    summary = {**plan.summary(), "written": True, "rows": len(table.rows)}
    if passwords:
        summary["temporary_passwords"] = passwords
    return summary
