from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DustConfig(AppConfig):
    name = "heluo.dust"
    label = "dust"
    verbose_name = _("Dust control")
