from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DustConfig(AppConfig):
    name = "heluo.dust"
    label = "dust"
    verbose_name = _("Dust control")

    def ready(self) -> None:
        from heluo.cases.sources import register_source
        from heluo.core.links import RowLink, register_row_link
        from heluo.core.modules import MenuItem, register_menu
        from heluo.dust import figures, ledgers, tasks  # noqa: F401  (registers the ledgers, figures, tasks)
        from heluo.dust.models import Site
        from heluo.dust.services import cover_case_changed, site_responsible, watched_sites
        from heluo.dust.services.enforcement import SOURCE_KIND, order_case_changed
        from heluo.monitoring.points import register_responsible
        from heluo.monitoring.watchers import register_watchers

        # A site's monitoring alarms go to its grid officers, who see its monitors, curves and alarms.
        register_responsible("dust.site", site_responsible)
        register_watchers("dust.site", watched_sites)
        # Uncovered ground left too long opens a case; the case's closing marks it covered.
        register_source(
            "dust_uncovered", _("uncovered ground or stockpile"), model="dust.CoverRecord",
            on_change=cover_case_changed,
        )  # fmt: skip
        register_row_link("core.person", RowLink(_("Sites answered for"), "dust:person_sites", Site))

        register_menu(
            "dust",
            MenuItem(_("Construction sites"), "dust:site_list", "dust.Site"),
            MenuItem(_("Coverage report"), "dust:coverage", "dust.Site"),
            MenuItem(_("Package areas"), "dust:packagearea_list", "dust.PackageArea"),
            MenuItem(_("Package area staff"), "dust:packageareastaff_list", "dust.PackageAreaStaff"),
            MenuItem(_("Waste removals"), "dust:wasteremoval_list", "dust.WasteRemoval"),
            MenuItem(_("Cover records"), "dust:coverrecord_list", "dust.CoverRecord"),
        )
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
        # An order to correct is a supervised case; closing it verifies the correction.
        register_source(
            SOURCE_KIND, _("enforcement measure"), model="dust.Measure", on_change=order_case_changed
        )
        register_menu(
            "dust",
            MenuItem(_("Enforcement measures"), "dust:measure_list", "dust.Measure"),
            MenuItem(_("Daily penalty counts"), "dust:penaltycount_list", "dust.PenaltyCount"),
            MenuItem(_("Blacklist"), "dust:blacklistentry_list", "dust.BlacklistEntry"),
            MenuItem(_("Legal bases"), "dust:legalbasis_list", "dust.LegalBasis"),
            MenuItem(_("Enforcement ladders"), "dust:ladder_list", "dust.Ladder"),
        )
        register_menu(
            "dust",
            MenuItem(_("Demolition consultation"), "dust:consultation_board", "dust.ConsultationDecision"),
        )
        register_menu(
            "dust",
            MenuItem(_("Sensitive receptors"), "dust:sensitivereceptor_list", "dust.SensitiveReceptor"),
        )
        register_menu(
            "dust", MenuItem(_("Weather forecasts"), "dust:weatherforecast_list", "dust.WeatherForecast")
        )
        register_menu(
            "dust", MenuItem(_("Assessments"), "dust:assessmentscheme_list", "dust.AssessmentScheme")
        )
