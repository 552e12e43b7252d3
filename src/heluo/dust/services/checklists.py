"""Checklists: their versions. A checklist an inspection used never changes again; a change makes the
next version (a new row with copies of the items), and new inspections use that one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from heluo.core.services.audit import audited_bulk_create

from ..models import ChecklistItem, ChecklistKind, ChecklistTemplate, Inspection


def is_used(template: ChecklistTemplate) -> bool:
    """Whether an inspection was made against this version (it is then frozen)."""
    return Inspection.objects.filter(template=template).exists()


def new_version(template: ChecklistTemplate, user: Any) -> ChecklistTemplate:
    """A copy of `template` and its items as its checklist's next version, in force from today; the old
    version stops being offered for new inspections and is otherwise left as it was."""
    latest = ChecklistTemplate.objects.filter(name=template.name).aggregate(top=Max("version"))["top"] or 0
    copy = ChecklistTemplate(
        name=template.name, kind=template.kind, version=latest + 1, in_force_from=timezone.localdate(),
        active=True, notes=template.notes,
    )  # fmt: skip
    copy._history_user = user  # type: ignore[attr-defined]
    copy.save()
    items = [
        ChecklistItem(
            template=copy,
            code=item.code,
            text=item.text,
            severity=item.severity,
            time_limit_days=item.time_limit_days,
            legal_basis=item.legal_basis,
            party=item.party,
            order=item.order,
        )
        for item in template.items.order_by("order", "pk")
    ]
    audited_bulk_create(ChecklistItem, items, user=user)
    old = ChecklistTemplate.objects.get(pk=template.pk)
    old.active = False
    old._history_user = user
    old.save(update_fields=["active", "row_version", "updated_at"])
    return copy


@transaction.atomic
def save_checklist(form: forms.ModelForm, user: Any) -> ChecklistTemplate:
    """Save a checklist from its validated form (page, import, API). A used version is not changed: the
    change goes to a new version carrying the same items, which is returned."""
    template: ChecklistTemplate = form.instance
    if template.pk is not None and is_used(template):
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        copy = new_version(ChecklistTemplate.objects.get(pk=template.pk), user)
        for name, value in changed.items():
            setattr(copy, name, value)
        copy._history_user = user  # type: ignore[attr-defined]
        copy.save()
        return copy
    template._history_user = user  # type: ignore[attr-defined]
    return form.save()


@transaction.atomic
def save_checklist_item(form: forms.ModelForm, user: Any) -> ChecklistItem:
    """Save a checklist item from its validated form (page, import, API). An item of (or added to) a
    used version goes to that checklist's new version instead: the used version keeps its items."""
    item: ChecklistItem = form.instance
    template = item.template
    if not is_used(template):
        item._history_user = user  # type: ignore[attr-defined]
        return form.save()
    copy = new_version(template, user)
    code = ChecklistItem.objects.get(pk=item.pk).code if item.pk is not None else item.code
    target = copy.items.filter(code=code).first() or ChecklistItem(template=copy)
    for name in form.fields:
        if name != "template":
            setattr(target, name, form.cleaned_data[name])
    target.template = copy
    target._history_user = user  # type: ignore[attr-defined]
    target.full_clean()
    target.save()
    return target


def checklists_in_force(on: Any = None) -> QuerySet[ChecklistTemplate]:
    """The active versions in force on `on` (default today), one per checklist: the latest version."""
    day = on or timezone.localdate()
    rows = ChecklistTemplate.objects.filter(active=True, in_force_from__lte=day).order_by("name", "-version")
    latest: dict[str, int] = {}
    for template in rows:
        latest.setdefault(template.name, template.pk)
    return ChecklistTemplate.objects.filter(pk__in=latest.values()).order_by("kind", "name")


def default_checklist(site_state: str, templates: QuerySet[ChecklistTemplate]) -> ChecklistTemplate | None:
    """The checklist an inspection of a site in this state starts with: before start for a planned site,
    else the during-construction one."""
    kind = ChecklistKind.BEFORE_START if site_state == "planned" else ChecklistKind.DURING
    return templates.filter(kind=kind).first() or templates.first()
