"""四议两公开's one write path: recording a step of a village matter, or correcting one, checked by the
pure procedure (heluo.party.rules.four_steps) against the matter's steps so far; the matter's state
follows. Pages, imports and the API reach these through the step ledger's saver."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.core.scope import may, visible

from ..models import MatterStep, VillageMatter
from ..models.villages import STATE_AFTER_STEP, MatterState
from ..rules import four_steps

PUBLICATION_FIELDS = ("published_on", "published_where")
MEETING_FIELDS = (
    "held_on", "assembly", "expected", "present", "in_favour", "against", "abstained", "households",
    "households_present",
)  # fmt: skip


def _clear_what_does_not_belong(step: MatterStep) -> None:
    """A publication has no meeting counts, a meeting no publication; step 4 alone has households."""
    if step.step in four_steps.PUBLICATIONS:
        for name in MEETING_FIELDS:
            setattr(step, name, MatterStep._meta.get_field(name).get_default())  # type: ignore[union-attr]
    else:
        step.published_on, step.published_where = None, ""
        if step.step != four_steps.RESOLUTION:
            step.assembly, step.households, step.households_present = "", 0, 0
    if step.step != four_steps.PROPOSAL:
        step.joint = False


def _refusal(matter: VillageMatter, steps: list[MatterStep]) -> str | None:
    for step in steps:
        if step.on is None:
            field = _("publication day") if step.step in four_steps.PUBLICATIONS else _("meeting day")
            return _("Step %(step)s: give the %(field)s.") % {"step": step.step, "field": field}
    records = [s.as_record() for s in steps]
    return four_steps.sequence_refusal(records, matter.secretary_is_chair, timezone.localdate())


def _sequence_with(step: MatterStep) -> list[MatterStep]:
    """The matter's steps with `step` in its place (a new one added, a stored one replaced), by number."""
    others = [s for s in step.matter.steps.order_by("step") if s.pk != step.pk or step.pk is None]
    return sorted([*others, step], key=lambda s: s.step)


def step_refusal(step: MatterStep) -> str | None:
    """Why `step` (new, or a correction of a stored one) may not be recorded, in Chinese; None if it
    may: it must be the matter's next step, dated no earlier than the one before and not in the
    future, quorate by its step's rule, with counts that can be true; a correction must leave every
    later step valid. The step's form asks this; `record_step` asks again under the matter's lock."""
    _clear_what_does_not_belong(step)
    return _refusal(step.matter, _sequence_with(step))


@transaction.atomic
def record_step(user: Any, step: MatterStep) -> MatterStep:
    """Record `step` (see `step_refusal`) as `user`; its vote's outcome is stored with it and the
    matter's state follows its last step. Refused with nothing changed: ValidationError with the
    reason in Chinese, PermissionDenied without the right or sight of the matter."""
    action: Literal["add", "change"] = "change" if step.pk else "add"
    if not may(user, action, MatterStep) or not visible(user, step.matter):
        raise PermissionDenied(_("You may not record the steps of this matter."))
    matter = VillageMatter.objects.select_for_update().get(pk=step.matter.pk)
    step.matter = matter
    reason = step_refusal(step)
    if reason:
        raise ValidationError(reason)
    step.passed = four_steps.passed(step.as_record())
    step._history_user = user  # type: ignore[attr-defined]
    step.save()
    _follow_state(user, matter, _sequence_with(step))
    return step


def _follow_state(user: Any, matter: VillageMatter, steps: list[MatterStep]) -> None:
    reached, failed = four_steps.state_after([s.as_record() for s in steps])
    state = MatterState.REJECTED if failed else STATE_AFTER_STEP[reached]
    if matter.state != state:
        matter.state = state
        matter._history_user = user  # type: ignore[attr-defined]
        matter.save(update_fields=["state", "updated_at", "row_version"])


def next_step(matter: VillageMatter) -> int | None:
    """The step the matter records next (None: finished, or stopped by a failed vote)."""
    return four_steps.next_step([s.as_record() for s in matter.steps.order_by("step")])
