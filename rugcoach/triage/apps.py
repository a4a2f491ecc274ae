from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "rugcoach.triage"
    verbose_name = _("Veiligheidscheck")

    def ready(self) -> None:
        # The sign-up form offers to keep a visitor's check; accounts cannot import us.
        from rugcoach.accounts.services import register_keepable
        from rugcoach.triage.keep import VISITOR_CHECK

        register_keepable(VISITOR_CHECK)
