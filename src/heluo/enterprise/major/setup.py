from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from heluo.cases.sources import register_source
    from heluo.core.modules import MenuItem, register_menu

    from . import figures, ledgers, tasks  # noqa: F401  (registers the ledgers and the periodic task)
    from .services import SOURCE_KIND, milestone_case_changed

    # A milestone not done by its planned date opens a case; the case's closing records it done.
    register_source(
        SOURCE_KIND, _("slipped major-project milestone"), model="enterprise.Milestone",
        on_change=milestone_case_changed,
    )  # fmt: skip
    figures.register()
    register_menu(
        "enterprise",
        MenuItem(_("Major projects"), "enterprise:majorproject_list", "enterprise.MajorProject"),
        MenuItem(_("Project milestones"), "enterprise:milestone_list", "enterprise.Milestone"),
        MenuItem(_("Major projects in figures"), "enterprise:major_summary", "enterprise.MajorProject"),
    )
