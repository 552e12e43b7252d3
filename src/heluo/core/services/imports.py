"""Import of a ledger from a spreadsheet: a preview first, then an all-or-nothing write.

Guarantees:
- Every cell is checked by the ledger's own form (the same rules as the pages) and uniqueness across
  the file's rows as well as against the database.
- A row with a record ID updates that row, only if it is in the user's scope; a row someone changed since
  the export (its row version is not the exported one) is refused only when the file changes it. A row
  without an ID updates the row in the user's scope with the same values of the ledger's import key (an
  enterprise's figures of a year), if it declares one and there is such a row; otherwise it creates. A masked cell equal to the stored value's mask is unchanged.
- The preview lists, per updated row, each changed column before and after, as the export writes them.
- `apply_import` re-checks everything inside one transaction: one bad cell anywhere writes nothing.
- Every write goes through the audit trail, as the importing user.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from heluo.core.forms import current_references, unchanged_data
from heluo.core.scope import may
from heluo.core.services import uniqueness
from heluo.core.services.audit import acting_as, audited_bulk_create, audited_bulk_update
from heluo.core.tabular.columns import (
    ID_HEADER,
    VERSION_HEADER,
    Column,
    Kind,
    boolean_of,
    cell_value,
    columns_for,
    read_only_columns_for,
    split_multi,
    text_of,
)
from heluo.core.tabular.keys import resolve_all
from heluo.core.tabular.reading import Table

Progress = Callable[[int, int], None]
CREATED, UPDATED, UNCHANGED, REFUSED = "created", "updated", "unchanged", "refused"
MAX_LISTED_ERRORS = 1000
MAX_LISTED_CHANGES = 1000


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    value: str
    message: str


@dataclass(frozen=True)
class FieldChange:
    column: str
    before: str
    after: str


@dataclass(frozen=True)
class RowChange:
    row: int
    id: int
    record: str
    fields: list[FieldChange]


@dataclass
class ImportPlan:
    counts: dict[str, int] = dataclasses.field(
        default_factory=lambda: {CREATED: 0, UPDATED: 0, UNCHANGED: 0, REFUSED: 0}
    )
    errors: list[CellError] = dataclasses.field(default_factory=list)
    # (sheet row, action, what to write) for every row that passed: the validated instance, or the whole
    # form for ledgers saved row by row (their saver needs it). Kept for the write, not the preview.
    accepted: list[tuple[int, str, Any]] = dataclasses.field(default_factory=list, repr=False)
    error_count: int = 0
    # What each updated row changes, for the preview: (sheet row, record ID, record, [(column, before, after)]).
    changes: list[RowChange] = dataclasses.field(default_factory=list)

    def refuse(self, error: CellError) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(error)

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def summary(self) -> dict[str, Any]:
        """The preview as JSON: counts and every listed error (row, column, value, message)."""
        return {
            "counts": dict(self.counts),
            "errors": [asdict(e) for e in self.errors],
            "error_count": self.error_count,
            "changes": [asdict(c) for c in self.changes[:MAX_LISTED_CHANGES]],
        }


class ImportRefused(Exception):
    def __init__(self, plan: ImportPlan) -> None:
        super().__init__(_("The import was refused: %(n)d problem(s).") % {"n": plan.error_count})
        self.plan = plan


def _scoped(model: type[models.Model], user: Any) -> models.QuerySet:
    manager = model._default_manager
    return manager.for_user(user) if hasattr(manager, "for_user") else manager.all()


@dataclass
class _Layout:
    """Which cell of a row holds which column."""

    columns: list[tuple[int, Column]]
    id_index: int | None
    version_index: int | None


def _layout(table: Table, columns: list[Column], read_only: set[str], plan: ImportPlan) -> _Layout | None:
    by_header: dict[str, Column] = {}
    for column in columns:
        by_header[column.header] = column
        by_header[column.name] = column
    found: list[tuple[int, Column]] = []
    id_index = version_index = None
    for index, header in enumerate(table.headers):
        if header in {str(ID_HEADER), "ID", "id"}:
            id_index = index
        elif header in {str(VERSION_HEADER), "row_version"}:
            version_index = index
        elif header in by_header:
            found.append((index, by_header[header]))
        elif header in read_only:
            continue  # exported for reading; its cells are not imported
        elif header:
            plan.refuse(
                CellError(1, header, header, _("Unknown column: remove it or use the template's headers."))
            )
    present = {column.name for _i, column in found}
    for column in columns:
        if column.required and column.name not in present:
            plan.refuse(CellError(1, column.header, "", _("A required column is missing.")))
    return None if plan.error_count else _Layout(found, id_index, version_index)


def _references(
    layout: _Layout, table: Table, user: Any, existing: dict[int, Any]
) -> dict[str, dict[str, Any]]:
    """Every referenced row of the file, looked up once per column inside the user's scope, plus the
    rows the updated records already point to (a row keeps its references, as on the edit page)."""
    found: dict[str, dict[str, Any]] = {}
    for index, column in layout.columns:
        if column.kind not in (Kind.RELATION, Kind.RELATIONS) or column.key is None or column.related is None:
            continue
        texts: set[str] = set()
        for _number, cells in table.rows:
            text = text_of(cells[index])
            texts.update(split_multi(text) if column.kind == Kind.RELATIONS else [text])
        kept = [
            pk
            for row in existing.values()
            for pk in current_references(row, [column.name]).get(column.name, [])
        ]
        allowed = _scoped(column.related, user)
        if kept:
            allowed = allowed | column.related._default_manager.filter(pk__in=kept)
        found[column.name] = resolve_all(column.key, allowed, texts)
    return found


def _kept_references(ledger: Any, existing: dict[int, Any], exclude: set[str]) -> dict[str, dict[Any, Any]]:
    """For the form's reference fields the file does not carry: exactly the rows the updated records
    already point to (a new row leaves them empty; an updated row keeps what it has)."""
    kept: dict[str, dict[Any, Any]] = {}
    for name, field in ledger.form.base_fields.items():
        if name in exclude or not isinstance(field, forms.ModelChoiceField):
            continue
        pks = {pk for row in existing.values() for pk in current_references(row, [name]).get(name, [])}
        kept[name] = (
            {row.pk: row for row in field.queryset.model._default_manager.filter(pk__in=pks)}  # type: ignore[union-attr]
            if pks
            else {}
        )
    return kept


def _keyed_rows(
    ledger: Any, layout: _Layout, table: Table, user: Any, references: dict[str, dict[str, Any]]
) -> dict[tuple[str, ...], Any]:
    """The stored rows in the user's scope that the file's rows without an ID name by the ledger's import
    key, by their key values as text ({(enterprise pk, year): row})."""
    key = ledger.import_key
    indexes = {column.name: index for index, column in layout.columns}
    if not key or any(name not in indexes for name in key):
        return {}
    wanted: dict[str, set[Any]] = {name: set() for name in key}
    for _number, cells in table.rows:
        if layout.id_index is not None and text_of(cells[layout.id_index]):
            continue
        for name in key:
            found = _key_value(ledger.model, name, text_of(cells[indexes[name]]), references)
            if found is not None:
                wanted[name].add(found)
    condition = {
        f"{_concrete_field(ledger.model, name).attname}__in": values for name, values in wanted.items()
    }
    rows = ledger.list_queryset(_scoped(ledger.model, user)).filter(**condition)
    return {_stored_key(row, key): row for row in rows}


def _key_value(model: Any, name: str, text: str, references: dict[str, dict[str, Any]]) -> Any:
    """A key cell's value as stored (a referenced row's pk), or None when no stored row can have it: the
    cell's own check reports it."""
    if name in references:
        row = references[name].get(text)
        return row.pk if row is not None else None
    try:
        return _concrete_field(model, name).to_python(text) if text else None
    except ValidationError:
        return None


def _data_key(model: Any, key: tuple[str, ...], data: dict[str, Any]) -> tuple[str, ...] | None:
    """A row's import key from its form data, as _stored_key writes a stored row's (None: not valid)."""
    try:
        return tuple(str(_concrete_field(model, name).to_python(data[name])) for name in key)
    except ValidationError:
        return None


def _stored_key(row: Any, key: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(str(getattr(row, _concrete_field(row, name).attname)) for name in key)


def _form_data(
    number: int, cells: list[Any], layout: _Layout, references: dict[str, dict[str, Any]], plan: ImportPlan
) -> dict[str, Any] | None:
    data: dict[str, Any] = {}
    problems = []
    for index, column in layout.columns:
        text = text_of(cells[index])
        if column.kind == Kind.RELATION:
            row = references[column.name].get(text) if text else None
            if text and row is None:
                problems.append((column, text, _("Not found, or outside your scope.")))
            data[column.name] = row.pk if row is not None else ""
        elif column.kind == Kind.RELATIONS:
            parts = split_multi(text)
            missing = [p for p in parts if p not in references[column.name]]
            if missing:
                problems.append(
                    (
                        column,
                        text,
                        _("Not found, or outside your scope: %(items)s.") % {"items": "、".join(missing)},
                    )
                )
            data[column.name] = [references[column.name][p].pk for p in parts if p in references[column.name]]
        elif column.kind == Kind.CHOICE:
            value = column.labels.get(text)
            if text and value is None:
                allowed = "、".join(label for _v, label in column.choices)
                problems.append(
                    (column, text, _("Not one of the allowed values: %(allowed)s.") % {"allowed": allowed})
                )
            data[column.name] = value or ""
        elif column.kind == Kind.BOOLEAN:
            flag = boolean_of(text)
            if flag is None:
                problems.append((column, text, _("Write 是 or 否.")))
            data[column.name] = "on" if flag else ""
        else:
            data[column.name] = text
    for column, text, message in problems:
        plan.refuse(CellError(number, column.header, text, message))
    return None if problems else data


def _target(
    number: int, cells: list[Any], layout: _Layout, existing: dict[int, Any], plan: ImportPlan
) -> Any:
    """The row an ID points to (None: a new row); False when the ID is refused."""
    if layout.id_index is None:
        return None
    text = text_of(cells[layout.id_index])
    if not text:
        return None
    if not text.isdigit() or int(text) not in existing:
        plan.refuse(CellError(number, str(ID_HEADER), text, _("No such record in your scope.")))
        return False
    return existing[int(text)]


def _stale_version(cells: list[Any], layout: _Layout, row: Any) -> str | None:
    """The file's row version when someone changed the record since the export (None: it is current)."""
    version = text_of(cells[layout.version_index]) if layout.version_index is not None else ""
    return None if version == str(row.row_version) else version


def _as_exported(row: Any, version: str, layout: _Layout, user: Any) -> dict[str, str] | None:
    """The file's columns of `row` as they were at row version `version` (from its history), or None
    when the history does not have that version."""
    history = getattr(type(row), "history", None)
    if history is None or not version.isdigit():
        return None
    then = history.filter(id=row.pk, row_version=int(version)).order_by("-history_date").first()
    return _texts(then.instance, layout, user) if then is not None else None


def _refuse_stale(number: int, version: str, row: Any, plan: ImportPlan) -> None:
    message = _(
        "Changed by someone else since it was exported (version %(then)s, now %(now)s), and this file "
        "changes it too: export again and redo the change."
    ) % {"then": version or "?", "now": row.row_version}
    plan.refuse(CellError(number, str(VERSION_HEADER), version, message))


def _concrete_field(model: Any, name: str) -> models.Field[Any, Any]:
    """A model's field by name; imports name only concrete fields (never reverse relations)."""
    return cast("models.Field[Any, Any]", model._meta.get_field(name))


def _snapshot(instance: models.Model, names: list[str]) -> dict[str, Any]:
    values = {}
    for name in names:
        try:
            model_field = _concrete_field(instance, name)
        except Exception:
            continue
        if model_field.many_to_many:
            values[name] = {row.pk for row in getattr(instance, name).all()}
        else:
            values[name] = getattr(instance, model_field.attname)
    return values


def _changed(form: Any, before: dict[str, Any]) -> bool:
    after = {}
    for name in before:
        model_field = _concrete_field(form.instance, name)
        if model_field.many_to_many:
            after[name] = {row.pk for row in form.cleaned_data.get(name) or []}
        else:
            after[name] = getattr(form.instance, model_field.attname)
    user = getattr(form.instance, "user", None)
    extra = [
        n for n in ("email", "is_active") if n in form.fields and user is not None and n in form.cleaned_data
    ]
    return after != before or any(getattr(user, n) != form.cleaned_data[n] for n in extra)


def _texts(source: Any, layout: _Layout, user: Any) -> dict[str, str]:
    """The file's columns of a stored row, or of a validated form's row, as the export writes them
    (masked where the user may not see a value)."""
    form = source if hasattr(source, "cleaned_data") else None
    obj = form.instance if form is not None else source
    texts = {}
    for _index, column in layout.columns:
        if form is not None and column.kind == Kind.RELATIONS:
            chosen = form.cleaned_data.get(column.name) or []
            texts[column.header] = "、".join(column.key.to_text(row) for row in chosen)  # type: ignore[union-attr]
        elif form is not None and column.model_field is None:
            texts[column.header] = text_of(form.cleaned_data.get(column.name, ""))
        else:
            texts[column.header] = text_of(cell_value(column, obj, user))
    return texts


def _differences(before: dict[str, str], after: dict[str, str]) -> list[FieldChange]:
    return [
        FieldChange(header, before[header], after[header])
        for header in before
        if before[header] != after[header]
    ]


def _header_of(form: Any, name: str | None, columns: dict[str, Column]) -> str:
    if name and name in columns:
        return columns[name].header
    return str(form.fields[name].label) if name and name in form.fields else ""


def plan_import(ledger: Any, table: Table, user: Any, progress: Progress | None = None) -> ImportPlan:
    """Check the whole file and say what an import would do; writes nothing."""
    plan = ImportPlan()
    columns = columns_for(ledger)
    read_only = {c.header for c in read_only_columns_for(ledger)} | set(ledger.read_only_columns)
    layout = _layout(table, columns, read_only, plan)
    if layout is None:
        return plan
    ids: set[int] = set()
    if layout.id_index is not None:
        ids = {int(t) for t in (text_of(cells[layout.id_index]) for _n, cells in table.rows) if t.isdigit()}
    existing = {row.pk: row for row in ledger.list_queryset(_scoped(ledger.model, user)).filter(pk__in=ids)}
    references = _references(layout, table, user, existing)
    keyed = _keyed_rows(ledger, layout, table, user, references)
    if keyed:
        # Rows found by key are updated as rows found by ID: they keep the references they have.
        existing.update({row.pk: row for row in keyed.values()})
        references = _references(layout, table, user, existing)
    preloaded = {name: {row.pk: row for row in rows.values()} for name, rows in references.items()}
    preloaded.update(_kept_references(ledger, existing, exclude=set(preloaded)))
    import_form = ledger.form.for_import(preloaded)
    per_row = saved_row_by_row(ledger)
    may_add, may_change = may(user, "add", ledger.model), may(user, "change", ledger.model)
    by_name = {column.name: column for column in columns}
    names = [column.name for _i, column in layout.columns]
    # A file without some of the columns leaves those fields of existing rows as they are.
    partial = bool(set(ledger.form.base_fields) - set(names))
    for done, (number, cells) in enumerate(table.rows, start=1):
        if progress is not None and done % 500 == 0:
            progress(done, len(table.rows))
        errors_before = plan.error_count
        target = _target(number, cells, layout, existing, plan)
        data = _form_data(number, cells, layout, references, plan)
        by_key = False
        if target is None and data is not None and keyed:
            key = _data_key(ledger.model, ledger.import_key, data)
            target = keyed.get(key) if key is not None else None
            by_key = target is not None
        if target is False or data is None or not _permitted(number, target, may_add, may_change, plan):
            plan.counts[REFUSED] += 1
            continue
        if target is not None and partial:
            data = {**unchanged_data(ledger.form(instance=target, user=user)), **data}
        before = _snapshot(target, names) if target is not None else {}
        shown_before = _texts(target, layout, user) if target is not None else {}
        form = import_form(data=data, instance=target, user=user)
        if not form.is_valid():
            for name, messages in form.errors.items():
                header = _header_of(form, None if name == "__all__" else name, by_name)
                value = (
                    text_of(cells[next((i for i, c in layout.columns if c.name == name), 0)])
                    if name != "__all__"
                    else ""
                )
                for message in messages:
                    plan.refuse(CellError(number, header, value, str(message)))
        if plan.error_count > errors_before:
            plan.counts[REFUSED] += 1
            continue
        action = CREATED if target is None else (UPDATED if _changed(form, before) else UNCHANGED)
        refusal = ledger.change_refusal(user, target) if action == UPDATED else None
        if refusal is not None:
            plan.refuse(CellError(number, str(ID_HEADER), str(target.pk), refusal))
            plan.counts[REFUSED] += 1
            continue
        if action == UPDATED:
            shown_after = _texts(form, layout, user)
            # A row found by its key was not exported with a version: the file names it afresh.
            stale = None if by_key else _stale_version(cells, layout, target)
            if stale is not None:
                # Someone changed the record since the export: the row blocks only when this file changes
                # it too, that is, when the file's row is not the record as it was exported.
                exported_as = _as_exported(target, stale, layout, user)
                if exported_as != shown_after:
                    _refuse_stale(number, stale, target, plan)
                    plan.counts[REFUSED] += 1
                    continue
                action = UNCHANGED
            else:
                plan.changes.append(
                    RowChange(number, target.pk, str(target), _differences(shown_before, shown_after))
                )
        plan.counts[action] += 1
        plan.accepted.append((number, action, form if per_row else form.instance))
    _check_uniqueness(ledger.model, plan, by_name, user)
    if progress is not None:
        progress(len(table.rows), len(table.rows))
    return plan


def _permitted(number: int, target: Any, may_add: bool, may_change: bool, plan: ImportPlan) -> bool:
    if target is None and not may_add:
        plan.refuse(CellError(number, str(ID_HEADER), "", _("You may not add records to this ledger.")))
        return False
    if target is not None and not may_change:
        plan.refuse(
            CellError(number, str(ID_HEADER), str(target.pk), _("You may not change records of this ledger."))
        )
        return False
    return True


def _check_uniqueness(
    model: type[models.Model], plan: ImportPlan, columns: dict[str, Column], user: Any
) -> None:
    """Refuse rows whose unique values repeat another row of the file or a row already stored
    (heluo.core.services.uniqueness: the same check as a form's, with its lock-out)."""
    candidates = [(number, getattr(accepted, "instance", accepted)) for number, _a, accepted in plan.accepted]
    try:
        found = uniqueness.clashes(user, model, candidates)
    except uniqueness.UniquenessLocked as locked:
        plan.refuse(CellError(0, "", "", str(locked)))
        return
    refused_rows = {clash.number for clash in found}
    for clash in found:
        header = columns[clash.fields[0]].header if clash.fields[0] in columns else clash.fields[0]
        plan.refuse(CellError(clash.number, header, "、".join(map(str, clash.key)), clash.message))
    if refused_rows:
        kept = [(n, a, f) for n, a, f in plan.accepted if n not in refused_rows]
        for _n, action, _f in plan.accepted:
            plan.counts[action] -= 1
        for _n, action, _f in kept:
            plan.counts[action] += 1
        plan.counts[REFUSED] += len(refused_rows)
        plan.accepted = kept


def apply_import(ledger: Any, table: Table, user: Any, progress: Progress | None = None) -> ImportPlan:
    """Check the file again and write it in one transaction; raise ImportRefused (writing nothing) on any
    problem. Rows are saved as `user` in the history."""
    with transaction.atomic(), acting_as(user):
        plan = plan_import(ledger, table, user, progress)
        if not plan.ok:
            raise ImportRefused(plan)
        try:
            _write(ledger, plan, user)
        except (IntegrityError, ValidationError) as error:
            # A race with another writer since the check: refuse whole, as for a bad cell.
            plan.refuse(CellError(0, "", "", str(error)))
            raise ImportRefused(plan) from error
    return plan


def saved_row_by_row(ledger: Any) -> bool:
    """Ledgers with their own saver or with many-to-many fields are written row by row, others in bulk."""
    return ledger.saver is not None or any(
        isinstance(f, forms.ModelMultipleChoiceField) for f in ledger.form.base_fields.values()
    )


def _write(ledger: Any, plan: ImportPlan, user: Any) -> None:
    rows: dict[str, list[Any]] = {CREATED: [], UPDATED: []}
    for _number, action, accepted in plan.accepted:
        if action in rows:
            rows[action].append(accepted)
    if saved_row_by_row(ledger):
        for form in rows[CREATED] + rows[UPDATED]:
            form.saved = ledger.save(form, user)
        return
    model = ledger.model
    audited_bulk_create(model, rows[CREATED], user=user, reason="import")
    if rows[UPDATED]:
        names = [f.name for f in model._meta.concrete_fields if f.name in ledger.form.base_fields]
        audited_bulk_update(model, rows[UPDATED], names, user=user, reason="import")
