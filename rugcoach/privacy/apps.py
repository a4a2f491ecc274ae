from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """A member's rights over their data: export it, delete it, read the policy."""

    name = "rugcoach.privacy"
    verbose_name = _("Privacy")
