from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MilitiaConfig(AppConfig):
    name = "heluo.militia"
    label = "militia"
    verbose_name = _("Militia")

    def ready(self) -> None:
        from . import apps_c

        apps_c.ready()  # part C: training, equipment reserves, inspections
