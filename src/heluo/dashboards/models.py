"""The dashboards' rows: the briefings (周报、月报) generated from the figures registry, and the group
robots (WeCom, DingTalk) they are posted to. The homes and the cockpit keep no rows of their own."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from heluo.core.models import ChannelKind, Delivery, Division, LedgerModel

__all__ = ["Briefing", "BriefingChannel", "BriefingKind", "BriefingState"]


class BriefingKind(models.TextChoices):
    WEEK = "week", _("weekly briefing")
    MONTH = "month", _("monthly briefing")


class BriefingState(models.TextChoices):
    # Delivered to the inbox and queued for the channels; a delivery's own state says whether it arrived.
    SENT = "sent", _("sent")
    # Nothing to report in the period: kept so that the period is not generated again, never sent.
    EMPTY = "empty", _("nothing to report")


class Briefing(LedgerModel):
    """A division's briefing for a week or a month: its sentences and tables as written when it was
    generated (the figures may change later; the briefing, like a paper one, does not). Made once per
    division, kind and period."""

    scope_module = "dashboards"

    division = models.ForeignKey(
        Division, verbose_name=_("division"), on_delete=models.PROTECT, related_name="dashboard_briefings"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=BriefingKind.choices)
    period_start = models.DateField(_("first day of the period"))
    period_end = models.DateField(_("last day of the period"))
    title = models.CharField(_("title"), max_length=200)
    state = models.CharField(_("state"), max_length=10, choices=BriefingState.choices)
    generated_at = models.DateTimeField(_("generated at"))
    # {"opening": str, "sections": [{"heading", "sentences"}], "tables": [{"title", "header", "rows"}]}
    content = models.JSONField(_("sentences and tables"), default=dict)
    deliveries = models.ManyToManyField(Delivery, verbose_name=_("deliveries"), blank=True, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("briefing")
        verbose_name_plural = _("briefings")
        ordering = ["-period_end", "kind", "division__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["division", "kind", "period_start"], name="dashboards_briefing_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dashboards:briefing_detail", args=[self.pk])

    @property
    def headlines(self) -> list[str]:
        """The first sentence of each section: what a chat message and the list page show."""
        return [
            section["sentences"][0] for section in self.content.get("sections", []) if section["sentences"]
        ]


class BriefingChannel(LedgerModel):
    """A group robot the briefings of some divisions are posted to. Its address is the one copied from the
    group (path and key); HELUO_WECOM_BASE_URL / HELUO_DINGTALK_BASE_URL put an intranet relay in front."""

    scope_module = "dashboards"
    scope_division_field = "divisions"

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=[(k.value, k.label) for k in (ChannelKind.WECOM, ChannelKind.DINGTALK)],
    )
    url = models.URLField(_("robot address"), max_length=500)
    divisions = models.ManyToManyField(
        Division, verbose_name=_("divisions"), related_name="briefing_channels",
        help_text=_("The briefings of these divisions are posted to the robot."),
    )  # fmt: skip
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords(m2m_fields=[divisions])

    class Meta:
        verbose_name = _("briefing channel")
        verbose_name_plural = _("briefing channels")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
