from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudyroomsConfig(AppConfig):
    name = "heluo.studyrooms"
    label = "studyrooms"
    verbose_name = _("City study rooms")

    def ready(self) -> None:
        from heluo.cases.sources import register_source
        from heluo.core.modules import MenuItem, register_menu

        from . import ledgers, tasks  # noqa: F401  (registers the ledgers and the periodic task)
        from .services import SOURCE_KIND

        # A room not in service by its deadline opens a case; the room's opening closes it.
        register_source(SOURCE_KIND, _("city study room late against its plan"), model="studyrooms.Room")
        register_menu(
            "studyrooms",
            MenuItem(_("City study rooms"), "studyrooms:room_list", "studyrooms.Room"),
            MenuItem(_("Year plans in progress"), "studyrooms:plan_progress", "studyrooms.YearPlan"),
            MenuItem(_("Year plans"), "studyrooms:yearplan_list", "studyrooms.YearPlan"),
            MenuItem(
                _("Monthly statistics"), "studyrooms:monthlystatistics_list", "studyrooms.MonthlyStatistics"
            ),
            MenuItem(_("Opening balances"), "studyrooms:openingbalance_list", "studyrooms.OpeningBalance"),
            MenuItem(_("Reading events"), "studyrooms:readingevent_list", "studyrooms.ReadingEvent"),
            MenuItem(_("Opening hours"), "studyrooms:openinghours_list", "studyrooms.OpeningHours"),
            MenuItem(_("Special days"), "studyrooms:specialday_list", "studyrooms.SpecialDay"),
        )
        from . import figures  # noqa: F401  (registers the published figures)

        register_menu(
            "studyrooms", MenuItem(_("Study rooms in figures"), "studyrooms:summary", "studyrooms.Room")
        )
