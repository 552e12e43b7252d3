from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MilitiaConfig(AppConfig):
    name = "heluo.militia"
    label = "militia"
    verbose_name = _("Militia")

    def ready(self) -> None:
        # Part B: the reorganisation (targets, the new-type share, musters).
        from . import apps_reorganisation

        apps_reorganisation.ready()
