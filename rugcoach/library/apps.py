from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "rugcoach.library"
    verbose_name = _("Oefeningen")

    def ready(self) -> None:
        # Refuse to start on invalid content: ContentError names each file and field.
        from rugcoach.content import get_catalog

        get_catalog()
