"""Party organisations (党组织) as a tree — 党委, 党工委, 党总支, 党支部, 党小组 — with their field, the term
length each field's committees serve (换届, as data) and the posts (书记, 委员 …) members hold in them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import CITY_WIDE, Division, LedgerModel, Unit

from ..scope import tree_participation

__all__ = [
    "OrganisationField",
    "OrganisationKind",
    "PartyOrganisation",
    "Post",
    "PostKind",
    "TermLength",
]

PATH_STEP = 7  # "000012/": six digits and the slash


class OrganisationKind(models.TextChoices):
    COMMITTEE = "committee", _("party committee")
    WORKING_COMMITTEE = "working_committee", _("party working committee")
    GENERAL_BRANCH = "general_branch", _("general party branch")
    BRANCH = "branch", _("party branch")
    GROUP = "group", _("party group")


class OrganisationField(models.TextChoices):
    RURAL = "rural", _("rural")
    COMMUNITY = "community", _("urban community")
    ORGAN = "organ", _("government organ")
    SOE = "soe", _("state-owned enterprise")
    UNIVERSITY = "university", _("university")
    PRIVATE = "private", _("non-public enterprise")
    SOCIAL = "social", _("social organisation")


class PartyOrganisation(LedgerModel):
    """A party organisation (党组织) in the tree: its kind, field, division and unit, when it was set up
    and when its current committee's term began. `path` is the materialised path of primary keys
    ("000012/000034/"): the subtree of X is `path__startswith=X.path`; the model keeps it on every save,
    a move rewrites the descendants'."""

    scope_module = "party"
    scope_division_field = "division"
    participation_q = classmethod(tree_participation(""))

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    field = models.CharField(_("field"), max_length=20, choices=OrganisationField.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("higher organisation"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )  # fmt: skip
    path = models.CharField(_("tree path"), max_length=255, editable=False, db_index=True, default="")
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="party_organisations"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="party_organisations", help_text=_("The unit the organisation is set up in."),
    )  # fmt: skip
    established_on = models.DateField(_("established on"), null=True, blank=True)
    term_started_on = models.DateField(
        _("current term started on"), null=True, blank=True,
        help_text=_("The day the current committee was elected (换届)."),
    )  # fmt: skip
    # The supervision case of a term about to end (heluo.party.services.organisations).
    changeover_case = models.OneToOneField(
        "cases.Case", verbose_name=_("changeover case"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="party_organisation",
    )  # fmt: skip
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party organisation")
        verbose_name_plural = _("party organisations")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="party_organisation_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("party:partyorganisation_detail", args=[self.pk])

    @property
    def depth(self) -> int:
        return len(self.path) // PATH_STEP

    def clean(self) -> None:
        super().clean()
        if (
            self.parent_id
            and self.pk
            and (self.parent_id == self.pk or (self.path and self.parent.path.startswith(self.path)))
        ):
            raise ValidationError({"parent": _("An organisation cannot be placed under itself.")})
        if self.kind == OrganisationKind.GROUP and self.parent_id is None:
            raise ValidationError({"parent": _("A party group belongs to a branch.")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            super().save(*args, **kwargs)
            self._keep_path()

    def _keep_path(self) -> None:
        parent_path = ""
        if self.parent_id:
            parent_path = type(self).objects.values_list("path", flat=True).get(pk=self.parent_id)
        path = f"{parent_path}{self.pk:06d}/"
        if path == self.path:
            return
        old, self.path = self.path, path
        type(self).objects.filter(pk=self.pk).update(path=path)
        if not old:
            return
        below = list(type(self).objects.filter(path__startswith=old).exclude(pk=self.pk))
        for row in below:
            row.path = path + row.path[len(old) :]
        type(self).objects.bulk_update(below, ["path"])


class TermLength(LedgerModel):
    """How many years a committee of a field serves (5 for rural and community organisations, 3 for
    the others): city-wide reference data, seeded after migrate (heluo.party.apps)."""

    scope_module = "party"
    scope_division_field = CITY_WIDE

    field = models.CharField(_("field"), max_length=20, choices=OrganisationField.choices, unique=True)
    years = models.PositiveSmallIntegerField(_("years"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("term length")
        verbose_name_plural = _("term lengths")
        ordering = ["field"]

    def __str__(self) -> str:
        return f"{self.get_field_display()} {self.years}"

    def get_absolute_url(self) -> str:
        return reverse("party:termlength_detail", args=[self.pk])


class PostKind(models.TextChoices):
    SECRETARY = "secretary", _("secretary")
    DEPUTY_SECRETARY = "deputy_secretary", _("deputy secretary")
    COMMITTEE_MEMBER = "committee_member", _("committee member")
    PARTY_AFFAIRS_STAFF = "party_affairs_staff", _("party affairs staff")


COMMITTEE_POSTS = (PostKind.SECRETARY, PostKind.DEPUTY_SECRETARY, PostKind.COMMITTEE_MEMBER)


class Post(LedgerModel):
    """A post a member holds in an organisation (书记, 副书记, 委员, 党务工作者) from `start` to `end`
    (empty: still held). A person holding a current post sees the organisation's tree (heluo.party.scope)."""

    scope_module = "party"
    scope_division_field = "organisation__division"
    participation_q = classmethod(tree_participation("organisation"))

    organisation = models.ForeignKey(
        PartyOrganisation,
        verbose_name=_("party organisation"),
        on_delete=models.PROTECT,
        related_name="posts",
    )
    member = models.ForeignKey(
        "party.Member", verbose_name=_("party member"), on_delete=models.PROTECT, related_name="posts"
    )
    kind = models.CharField(_("post"), max_length=30, choices=PostKind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party post")
        verbose_name_plural = _("party posts")
        ordering = ["organisation__path", "kind", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="party_post_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.get_kind_display()} {self.member}"

    def get_absolute_url(self) -> str:
        return reverse("party:post_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("A post ends on or after the day it starts.")})
