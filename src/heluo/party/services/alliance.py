"""The 红引擎 alliance's acts: proposing resources for open needs (the pure matching of
heluo.party.rules.matching over the rows), accepting a match (which makes or joins the need's project
and marks the need matched) or rejecting it, how current each of an alliance's three lists is, and
the joint activities' hours as points awards.

Who may act: accepting and rejecting need the right to change matches and sight of the match;
proposing is bookkeeping any caller with sight of the alliance may trigger (it adds only proposals)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from heluo.core.models import Division
from heluo.core.scope import may, visible

from ..models import (
    ActivityParticipant,
    Alliance,
    JointActivity,
    Match,
    MatchState,
    Need,
    NeedState,
    Project,
    ProjectState,
    Resource,
    ResourceState,
)
from ..rules import matching
from .points import Award, refresh_points

# The points rule a joint activity's hours earn (heluo.party.services.points' scheme).
ACTIVITY_HOUR_RULE = "activity_hour"


def _ancestry(division: Division) -> tuple[int, ...]:
    """The division and those above it, nearest first (as matching reads a need's place)."""
    above = list(division.ancestors().exclude(pk=division.pk).order_by("-level").values_list("pk", flat=True))
    return (division.pk, *above)


def taken_by_resource(resources: Iterable[Resource]) -> dict[int, int]:
    """{resource id: capacity taken by its accepted matches}, in one query."""
    rows = (
        Match.objects.filter(resource__in=list(resources), state=MatchState.ACCEPTED)
        .values("resource_id")
        .annotate(taken=Sum("need__size"))
    )
    return {row["resource_id"]: row["taken"] or 0 for row in rows}


def resource_fact(resource: Resource, taken: int) -> matching.ResourceFact:
    return matching.ResourceFact(
        id=resource.pk, category=resource.category, division=resource.division_id, capacity=resource.capacity,
        taken=taken, available_from=resource.available_from, available_until=resource.available_until,
        serves=resource.service_area_id, anywhere=resource.anywhere,
        available=resource.state == ResourceState.AVAILABLE, listed_on=timezone.localdate(resource.created_at),
    )  # fmt: skip


def need_fact(need: Need) -> matching.NeedFact:
    return matching.NeedFact(
        id=need.pk, category=need.category, divisions=_ancestry(need.division), size=need.size,
        wanted_from=need.wanted_from, wanted_until=need.wanted_until, open=need.state == NeedState.OPEN,
    )  # fmt: skip


def _resource_facts(alliance: Alliance) -> list[matching.ResourceFact]:
    resources = list(alliance.resources.all())
    taken = taken_by_resource(resources)
    return [resource_fact(r, taken.get(r.pk, 0)) for r in resources]


@transaction.atomic
def propose_matches(alliance: Alliance) -> int:
    """Bring the alliance's proposals up to date with its lists: a proposal for every fitting pair
    (heluo.party.rules.matching), ranked; a proposal that no longer fits is withdrawn (deleted, its
    history kept); accepted and rejected matches stay as they are. Idempotent. Returns how many
    proposals were added."""
    decided = set(
        Match.objects.filter(need__alliance=alliance)
        .exclude(state=MatchState.PROPOSED)
        .values_list("need_id", "resource_id")
    )
    needs = [need_fact(n) for n in alliance.needs.filter(state=NeedState.OPEN).select_related("division")]
    proposals = matching.propose(needs, _resource_facts(alliance), rejected=decided)
    wanted = {
        (need, resource): rank
        for need, ranked in proposals.items()
        for rank, resource in enumerate(ranked, 1)
    }
    added = 0
    for match in Match.objects.filter(need__alliance=alliance, state=MatchState.PROPOSED):
        rank = wanted.pop((match.need_id, match.resource_id), None)
        if rank is None:
            match.delete()
        elif rank != match.rank:
            match.rank = rank
            match.save(update_fields=["rank", "updated_at", "row_version"])
    for (need_id, resource_id), rank in wanted.items():
        Match.objects.create(need_id=need_id, resource_id=resource_id, rank=rank)
        added += 1
    return added


def why_not_matched(need: Need, resource: Resource) -> str | None:
    """Why the resource is not proposed for the need, in Chinese; None when it fits."""
    taken = taken_by_resource([resource]).get(resource.pk, 0)
    code = matching.why_not(resource_fact(resource, taken), need_fact(need))
    return matching.REASONS[code] if code else None


def _check_may_decide(user: Any, match: Match) -> None:
    if not may(user, "change", Match) or not visible(user, match):
        raise PermissionDenied(_("You may not decide on this match."))


@transaction.atomic
def accept_match(user: Any, match: Match, *, on: dt.date | None = None) -> Project:
    """Accept a proposed match as `user` on `on` (default today): the need's project is made (named
    after the need, owned by the resource's unit, planned from that day) or, when the need already has
    one, the resource joins it; the need becomes matched. Refused with nothing changed when the match
    is not a proposal any more, the user may not decide, or the resource no longer fits the need
    (ValidationError with the reason in Chinese)."""
    _check_may_decide(user, match)
    match = Match.objects.select_for_update().select_related("need", "resource__member").get(pk=match.pk)
    if match.state != MatchState.PROPOSED:
        raise ValidationError(_("This match was already decided."))
    need, resource = match.need, match.resource
    if need.state == NeedState.CLOSED:
        raise ValidationError(_("The need is closed."))
    reason = (
        why_not_matched(need, resource) if need.state == NeedState.OPEN else _capacity_reason(need, resource)
    )
    if reason:
        raise ValidationError(reason)
    day = on or timezone.localdate()
    project = need.projects.order_by("pk").first()
    if project is None:
        project = Project(
            alliance_id=need.alliance_id, name=need.title[:120], owner=resource.member, need=need,
            plan=_("%(need)s, served by %(resource)s.") % {"need": need.title, "resource": resource},
            state=ProjectState.PLANNED, started_on=day,
        )  # fmt: skip
        project._history_user = user  # type: ignore[attr-defined]
        project.save()
    match.state, match.decided_on, match.project = MatchState.ACCEPTED, day, project
    match._history_user = user  # type: ignore[attr-defined]
    match.save(update_fields=["state", "decided_on", "project", "updated_at", "row_version"])
    if need.state != NeedState.MATCHED:
        need.state = NeedState.MATCHED
        need._history_user = user  # type: ignore[attr-defined]
        need.save(update_fields=["state", "updated_at", "row_version"])
    return project


def _capacity_reason(need: Need, resource: Resource) -> str | None:
    """A need already matched takes one more resource only if that resource has room for it."""
    if resource.state != ResourceState.AVAILABLE:
        return matching.REASONS[matching.NOT_AVAILABLE]
    if resource.remaining < need.size:
        return matching.REASONS[matching.CAPACITY]
    return None


@transaction.atomic
def reject_match(user: Any, match: Match, *, note: str = "", on: dt.date | None = None) -> Match:
    """Reject a proposed match as `user`: it is kept, rejected, and never proposed again."""
    _check_may_decide(user, match)
    match = Match.objects.select_for_update().get(pk=match.pk)
    if match.state != MatchState.PROPOSED:
        raise ValidationError(_("This match was already decided."))
    match.state, match.decided_on, match.note = MatchState.REJECTED, on or timezone.localdate(), note[:200]
    match._history_user = user  # type: ignore[attr-defined]
    match.save(update_fields=["state", "decided_on", "note", "updated_at", "row_version"])
    return match


# --- how current the three lists are ----------------------------------------------------------------

LISTS: tuple[tuple[str, type[models.Model]], ...] = (
    ("resources", Resource),
    ("needs", Need),
    ("projects", Project),
)


@dataclass(frozen=True)
class ListFreshness:
    """One of an alliance's three lists: its last change (an addition, edit or deletion of a row; the
    alliance's creation when it never had one), the days since, and whether that is too long."""

    name: str
    label: str
    last_change: dt.datetime
    days: int
    stale: bool


def list_freshness(alliance: Alliance, today: dt.date | None = None) -> list[ListFreshness]:
    """The resource, need and project lists of the alliance, read from their rows' history: a list not
    changed for more than the alliance's `stale_after_days` is stale."""
    today = today or timezone.localdate()
    result = []
    for name, model in LISTS:
        history = model.history.model  # type: ignore[attr-defined]
        last = history.objects.filter(alliance_id=alliance.pk).aggregate(last=Max("history_date"))["last"]
        last = last or alliance.created_at
        days = (today - timezone.localdate(last)).days
        label = str(model._meta.verbose_name_plural)
        result.append(ListFreshness(name, label, last, days, days > alliance.stale_after_days))
    return result


def stale_lists(
    alliances: Iterable[Alliance], today: dt.date | None = None
) -> list[tuple[Alliance, ListFreshness]]:
    """Every stale list of the given alliances (the flag list's rows)."""
    return [(a, f) for a in alliances for f in list_freshness(a, today) if f.stale]


# --- joint activities and points ----------------------------------------------------------------------


def activity_awards(activity: models.Model) -> list[Award]:
    """The points a joint activity earns: each participant's hours under the rule "activity_hour"."""
    assert isinstance(activity, JointActivity)
    return [
        Award(p.member_id, ACTIVITY_HOUR_RULE, p.hours if p.hours is not None else activity.hours)
        for p in activity.participants.order_by("pk")
    ]


def activity_year(activity: models.Model) -> int:
    assert isinstance(activity, JointActivity)
    return activity.held_on.year


@transaction.atomic
def save_activity(user: Any, activity: JointActivity) -> JointActivity:
    """Save a joint activity from its validated form as `user`; a change of its hours changes the
    points of the participants who count the activity's hours."""
    activity._history_user = user  # type: ignore[attr-defined]
    activity.save()
    refresh_activity_points(activity, by=user)
    return activity


@transaction.atomic
def save_participant(user: Any, participant: ActivityParticipant) -> ActivityParticipant:
    """Save a participant of a joint activity from its validated form as `user`, and bring the
    activity's points entries up to date with its participants."""
    participant._history_user = user  # type: ignore[attr-defined]
    participant.save()
    refresh_activity_points(participant.activity, by=user)
    return participant


def refresh_activity_points(activity: JointActivity, by: Any = None) -> None:
    """The activity's points entries again from its participants (heluo.party.services.points):
    idempotent; refused (ValidationError) when a participant's points year is closed."""
    refresh_points(activity, by=by)


def participant_removed(sender: Any, instance: ActivityParticipant, **kwargs: Any) -> None:
    """A participant deleted (through the ledger): their activity's entries follow, once it is
    committed, so the points ledger keeps equal to its sources."""
    activity_id = instance.activity_id
    transaction.on_commit(lambda: _refresh_by_id(activity_id))


def _refresh_by_id(activity_id: int) -> None:
    activity = JointActivity.objects.filter(pk=activity_id).first()
    if activity is not None:
        refresh_points(activity)


def work_months(member_ids: Collection[int], start: dt.date, end: dt.date) -> dict[int, set[dt.date]]:
    """The months (their first days) between `start` and `end` in which each member took part in a
    joint activity: the "work" kind of the art. 9 check (heluo.party.activity)."""
    months: dict[int, set[dt.date]] = {}
    rows = ActivityParticipant.objects.filter(
        member_id__in=list(member_ids), activity__held_on__gte=start, activity__held_on__lte=end
    ).values_list("member_id", "activity__held_on")
    for member_id, held_on in rows:
        months.setdefault(member_id, set()).add(held_on.replace(day=1))
    return months
