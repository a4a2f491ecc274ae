from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "rugcoach.plans"
    verbose_name = _("Persoonlijk plan")
