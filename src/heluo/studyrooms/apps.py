from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudyroomsConfig(AppConfig):
    name = "heluo.studyrooms"
    label = "studyrooms"
    verbose_name = _("City study rooms")
