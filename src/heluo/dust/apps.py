from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DustConfig(AppConfig):
    name = "heluo.dust"
    label = "dust"
    verbose_name = _("Dust control")

    def ready(self) -> None:
        from heluo.cases.sources import register_source
        from heluo.core.modules import MenuItem, register_menu
        from heluo.dust import ledgers  # noqa: F401  (registers the dust ledgers)
        from heluo.dust.services import site_responsible
        from heluo.monitoring.points import register_responsible

        # A site's monitoring alarms go to its grid officers.
        register_responsible("dust.site", site_responsible)

        register_menu("dust", MenuItem(_("Construction sites"), "dust:site_list", "dust.Site"))
        # A failed inspection item and a patrol report each open a case linked back to them.
        register_source("dust_inspection", _("dust inspection finding"), model="dust.InspectionResult")
        register_source("dust_patrol", _("dust patrol report"), model="dust.PatrolReport")
        register_menu(
            "dust",
            MenuItem(_("Inspections"), "dust:inspection_list", "dust.Inspection"),
            MenuItem(_("Patrol reports"), "dust:patrolreport_list", "dust.PatrolReport"),
            MenuItem(_("Report on patrol"), "dust:patrol_new", "dust.PatrolReport"),
            MenuItem(_("Checklists"), "dust:checklisttemplate_list", "dust.ChecklistTemplate"),
            MenuItem(_("Checklist items"), "dust:checklistitem_list", "dust.ChecklistItem"),
        )
