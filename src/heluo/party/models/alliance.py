"""The 红引擎 party-building alliance (党建联盟): its member units, its three lists — resources (资源清单),
needs (需求清单) and projects (项目清单) — the matches between needs and resources, and its joint
activities with their participants' hours (which feed the members' points).

Every row belongs to an alliance, and an alliance to its lead party organisation: the rows are seen in
the organisation's division and by the posts of the organisation's tree (heluo.party.scope)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import Division, LedgerModel, Unit

from ..scope import tree_participation
from .members import Member
from .organisations import PartyOrganisation

__all__ = [
    "ActivityKind",
    "ActivityParticipant",
    "Alliance",
    "AllianceMember",
    "JointActivity",
    "ListCategory",
    "Match",
    "MatchState",
    "MemberUnitKind",
    "Need",
    "NeedState",
    "Project",
    "ProjectState",
    "Resource",
    "ResourceState",
]


def default_stale_days() -> int:
    return settings.PARTY_LIST_STALE_DAYS


class Alliance(LedgerModel):
    """A party-building alliance (党建联盟) led by a party organisation, such as 瀍河区北窑街道党工委's
    “红引擎”: member units pooling resources for residents' needs through joint projects."""

    scope_module = "party"
    scope_division_field = "organisation__division"
    participation_q = classmethod(tree_participation("organisation"))

    name = models.CharField(_("name"), max_length=120)
    organisation = models.ForeignKey(
        PartyOrganisation, verbose_name=_("lead party organisation"), on_delete=models.PROTECT,
        related_name="alliances",
    )  # fmt: skip
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    stale_after_days = models.PositiveSmallIntegerField(
        _("list stale after (days)"), default=default_stale_days, validators=[MinValueValidator(1)],
        help_text=_("A list (resources, needs, projects) not updated for this many days is flagged."),
    )  # fmt: skip
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party-building alliance")
        verbose_name_plural = _("party-building alliances")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="party_alliance_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("party:alliance_detail", args=[self.pk])

    def current_members(self) -> models.QuerySet[AllianceMember]:
        return self.members.filter(left_on__isnull=True)


class MemberUnitKind(models.TextChoices):
    ORGAN = "organ", _("government or party department")
    HOSPITAL = "hospital", _("hospital")
    SCHOOL = "school", _("school")
    COMMUNITY = "community", _("community")
    ENTERPRISE = "enterprise", _("enterprise")
    PUBLIC_INSTITUTION = "institution", _("public institution")
    SOCIAL = "social", _("social organisation")


class AllianceMember(LedgerModel):
    """A member unit of an alliance (成员单位): a unit of Heluo's register or, for one not in it, a name."""

    scope_module = "party"
    scope_division_field = "alliance__organisation__division"
    participation_q = classmethod(tree_participation("alliance__organisation"))

    alliance = models.ForeignKey(
        Alliance, verbose_name=_("alliance"), on_delete=models.PROTECT, related_name="members"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text=_("The unit in Heluo's register; empty for a unit known by its name only."),
    )  # fmt: skip
    name = models.CharField(
        _("unit name"), max_length=120, blank=True, help_text=_("Empty: the unit's name.")
    )
    kind = models.CharField(_("kind of unit"), max_length=20, choices=MemberUnitKind.choices)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alliance member unit")
        verbose_name_plural = _("alliance member units")
        ordering = ["alliance", "joined_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["alliance", "name"], name="party_alliance_member_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("party:alliancemember_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if not self.name and self.unit_id:
            self.name = self.unit.name
        if not self.name:
            raise ValidationError({"name": _("Choose the unit or give its name.")})
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("A unit cannot leave before it joined.")})

    @property
    def is_current(self) -> bool:
        return self.left_on is None


class ListCategory(models.TextChoices):
    """What a resource offers and a need asks for: matching pairs them by this."""

    MEDICAL = "medical", _("medical and health care")
    EDUCATION = "education", _("education and training")
    LEGAL = "legal", _("legal services")
    CULTURE = "culture", _("culture and the arts")
    VOLUNTEER = "volunteer", _("volunteer services")
    EMPLOYMENT = "employment", _("jobs and business start-ups")
    ELDERLY = "elderly", _("care for the elderly")
    VENUE = "venue", _("venues and facilities")
    MATERIAL = "material", _("funds and materials")
    OTHER = "other", _("other")


class ResourceState(models.TextChoices):
    AVAILABLE = "available", _("available")
    SUSPENDED = "suspended", _("suspended")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Resource(LedgerModel):
    """A row of the resource list (资源清单): what a member unit offers, how much, where and when."""

    scope_module = "party"
    scope_division_field = "alliance__organisation__division"
    participation_q = classmethod(tree_participation("alliance__organisation"))

    alliance = models.ForeignKey(
        Alliance, verbose_name=_("alliance"), on_delete=models.PROTECT, related_name="resources"
    )
    member = models.ForeignKey(
        AllianceMember, verbose_name=_("offered by"), on_delete=models.PROTECT, related_name="resources"
    )
    category = models.CharField(_("category"), max_length=20, choices=ListCategory.choices)
    title = models.CharField(_("resource"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), validators=[MinValueValidator(1)],
        help_text=_("How many people (or times) it can serve; accepted matches take from it."),
    )  # fmt: skip
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="+",
        help_text=_("Where the resource is."),
    )  # fmt: skip
    place = models.CharField(_("place"), max_length=200, blank=True)
    service_area = models.ForeignKey(
        Division, verbose_name=_("serves"), on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text=_("The division it serves, with everything below it; empty: its own division only."),
    )  # fmt: skip
    anywhere = models.BooleanField(_("serves anywhere"), default=False)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=ResourceState.choices, default=ResourceState.AVAILABLE
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resource list")
        ordering = ["alliance", "category", "pk"]

    def __str__(self) -> str:
        return f"{self.member}:{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("party:resource_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.member_id and self.alliance_id and self.member.alliance_id != self.alliance_id:
            raise ValidationError({"member": _("The unit is not a member of this alliance.")})
        if self.available_from and self.available_until and self.available_until < self.available_from:
            raise ValidationError({"available_until": _("The end is before the start.")})

    @property
    def taken(self) -> int:
        """The capacity accepted matches have taken: the sizes of their needs."""
        total = self.matches.filter(state=MatchState.ACCEPTED).aggregate(total=Sum("need__size"))["total"]
        return total or 0

    @property
    def remaining(self) -> int:
        return self.capacity - self.taken


class NeedState(models.TextChoices):
    OPEN = "open", _("open")
    MATCHED = "matched", _("matched")
    CLOSED = "closed", _("closed")


class Need(LedgerModel):
    """A row of the need list (需求清单): what residents or a member unit need, how much, where, when."""

    scope_module = "party"
    scope_division_field = "alliance__organisation__division"
    participation_q = classmethod(tree_participation("alliance__organisation"))

    alliance = models.ForeignKey(
        Alliance, verbose_name=_("alliance"), on_delete=models.PROTECT, related_name="needs"
    )
    raised_by = models.CharField(
        _("raised by"), max_length=120, help_text=_("Who needs it: residents of a community, a unit …")
    )
    member = models.ForeignKey(
        AllianceMember, verbose_name=_("member unit raising it"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="needs",
    )  # fmt: skip
    category = models.CharField(_("category"), max_length=20, choices=ListCategory.choices)
    title = models.CharField(_("need"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    size = models.PositiveIntegerField(
        _("size"), validators=[MinValueValidator(1)], help_text=_("How many people (or times) it concerns.")
    )
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="+",
        help_text=_("Where it is needed."),
    )  # fmt: skip
    place = models.CharField(_("place"), max_length=200, blank=True)
    wanted_from = models.DateField(_("wanted from"), null=True, blank=True)
    wanted_until = models.DateField(_("wanted until"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=NeedState.choices, default=NeedState.OPEN)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("need list")
        ordering = ["alliance", "state", "pk"]

    def __str__(self) -> str:
        return f"{self.raised_by}:{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("party:need_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.member_id and self.alliance_id and self.member.alliance_id != self.alliance_id:
            raise ValidationError({"member": _("The unit is not a member of this alliance.")})
        if self.wanted_from and self.wanted_until and self.wanted_until < self.wanted_from:
            raise ValidationError({"wanted_until": _("The end is before the start.")})


class ProjectState(models.TextChoices):
    PLANNED = "planned", _("planned")
    UNDER_WAY = "under_way", _("under way")
    COMPLETED = "completed", _("completed")
    STOPPED = "stopped", _("stopped")


class Project(LedgerModel):
    """A row of the project list (项目清单): a joint project with its owner unit, plan and progress; an
    accepted match makes one for its need (heluo.party.services.alliance.accept_match)."""

    scope_module = "party"
    scope_division_field = "alliance__organisation__division"
    participation_q = classmethod(tree_participation("alliance__organisation"))

    alliance = models.ForeignKey(
        Alliance, verbose_name=_("alliance"), on_delete=models.PROTECT, related_name="projects"
    )
    name = models.CharField(_("name"), max_length=120)
    owner = models.ForeignKey(
        AllianceMember, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="projects"
    )
    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.PROTECT, null=True, blank=True, related_name="projects"
    )
    plan = models.TextField(_("plan"), blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ProjectState.choices, default=ProjectState.PLANNED
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("project list")
        ordering = ["alliance", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="party_project_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("party:project_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.owner_id and self.alliance_id and self.owner.alliance_id != self.alliance_id:
            raise ValidationError({"owner": _("The unit is not a member of this alliance.")})
        if self.need_id and self.alliance_id and self.need.alliance_id != self.alliance_id:
            raise ValidationError({"need": _("The need is another alliance's.")})
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end is before the start.")})
        if self.state == ProjectState.COMPLETED and self.progress != 100:
            raise ValidationError({"progress": _("A completed project is 100 per cent done.")})


class MatchState(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class Match(LedgerModel):
    """A resource proposed for a need (by matching, or by hand); accepting it makes the project and
    marks the need matched, rejecting it keeps it from being proposed again."""

    scope_module = "party"
    scope_division_field = "need__alliance__organisation__division"
    participation_q = classmethod(tree_participation("need__alliance__organisation"))

    need = models.ForeignKey(Need, verbose_name=_("need"), on_delete=models.PROTECT, related_name="matches")
    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.PROTECT, related_name="matches"
    )
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=1, help_text=_("1: the best fit when proposed.")
    )
    state = models.CharField(
        _("state"), max_length=20, choices=MatchState.choices, default=MatchState.PROPOSED
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="matches",
    )  # fmt: skip
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["need", "rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["need", "resource"], name="party_match_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.need.title} ← {self.resource.title}"

    def get_absolute_url(self) -> str:
        return reverse("party:match_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.need_id and self.resource_id and self.need.alliance_id != self.resource.alliance_id:
            raise ValidationError({"resource": _("The resource is another alliance's.")})


class ActivityKind(models.TextChoices):
    TRAINING = "training", _("party-building training")
    ARTS = "arts", _("arts performance")
    LAW = "law", _("legal awareness")
    VOLUNTEER = "volunteer", _("volunteer service")
    OTHER = "other", _("other")


class JointActivity(LedgerModel):
    """A joint activity of the alliance (联建活动): its participants' hours feed their points."""

    scope_module = "party"
    scope_division_field = "alliance__organisation__division"
    participation_q = classmethod(tree_participation("alliance__organisation"))

    alliance = models.ForeignKey(
        Alliance, verbose_name=_("alliance"), on_delete=models.PROTECT, related_name="activities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=120)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    hours = models.DecimalField(
        _("hours"), max_digits=4, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))],
        help_text=_("How long it lasted; a participant's hours default to it."),
    )  # fmt: skip
    organiser = models.ForeignKey(
        AllianceMember, verbose_name=_("organised by"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="activities",
    )  # fmt: skip
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("joint activity")
        verbose_name_plural = _("joint activities")
        ordering = ["-held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("party:jointactivity_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.organiser_id and self.alliance_id and self.organiser.alliance_id != self.alliance_id:
            raise ValidationError({"organiser": _("The unit is not a member of this alliance.")})


class ActivityParticipant(LedgerModel):
    """A party member who took part in a joint activity, with their hours (记入党员积分)."""

    scope_module = "party"
    scope_division_field = "activity__alliance__organisation__division"
    participation_q = classmethod(tree_participation("activity__alliance__organisation"))

    activity = models.ForeignKey(
        JointActivity, verbose_name=_("joint activity"), on_delete=models.PROTECT, related_name="participants"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("party member"), on_delete=models.PROTECT, related_name="joint_activities"
    )
    hours = models.DecimalField(
        _("hours"), max_digits=4, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.5"))], help_text=_("Empty: the activity's hours."),
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity participant")
        verbose_name_plural = _("activity participants")
        ordering = ["activity", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "member"], name="party_activity_participant_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.member} @ {self.activity}"

    def get_absolute_url(self) -> str:
        return reverse("party:activityparticipant_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.hours is not None and self.activity_id and self.hours > self.activity.hours:
            raise ValidationError({"hours": _("More hours than the activity lasted.")})

    @property
    def hours_counted(self) -> Decimal:
        return self.hours if self.hours is not None else self.activity.hours
