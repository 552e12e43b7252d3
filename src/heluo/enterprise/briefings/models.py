"""Policy briefings (惠企政策解读): meetings where departments explain the policies that favour enterprises
to the enterprises attending (the seed's 全区重点企业座谈会)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import Division, LedgerModel, Unit

__all__ = ["Briefing", "BriefingPolicy"]


class Briefing(LedgerModel):
    """A briefing meeting: who organised it, which departments explained, which enterprises came."""

    scope_module = "enterprise"

    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=150)
    place = models.CharField(_("place"), max_length=150, blank=True)
    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="briefings"
    )
    organiser = models.ForeignKey(
        Unit, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="briefings_organised"
    )
    departments = models.ManyToManyField(
        Unit, verbose_name=_("departments explaining"), related_name="briefings_explained",
        limit_choices_to={"unit_type__code": "government"},
    )  # fmt: skip
    enterprises = models.ManyToManyField(
        Unit, verbose_name=_("enterprises attending"), related_name="briefings_attended", blank=True,
        limit_choices_to={"unit_type__code": "enterprise"},
    )  # fmt: skip
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords(m2m_fields=[departments, enterprises])

    class Meta:
        verbose_name = _("policy briefing")
        verbose_name_plural = _("policy briefings")
        ordering = ["-date", "title"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("enterprise:briefing_detail", args=[self.pk])


class BriefingPolicy(LedgerModel):
    """A policy explained at a briefing, by one of its departments."""

    scope_module = "enterprise"
    scope_division_field = "briefing__division"

    briefing = models.ForeignKey(
        Briefing, verbose_name=_("policy briefing"), on_delete=models.PROTECT, related_name="policies"
    )
    title = models.CharField(_("policy"), max_length=200)
    department = models.ForeignKey(
        Unit, verbose_name=_("department"), on_delete=models.PROTECT, related_name="policies_explained"
    )
    document_number = models.CharField(_("document number"), max_length=80, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("policy explained")
        verbose_name_plural = _("policies explained")
        ordering = ["briefing", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("enterprise:briefingpolicy_detail", args=[self.pk])

    def clean(self) -> None:
        if self.briefing_id and self.department_id:
            explaining = self.briefing.departments.all()
            if explaining.exists() and not explaining.filter(pk=self.department_id).exists():
                raise ValidationError(
                    {"department": _("The department is not among the briefing's explaining departments.")}
                )
