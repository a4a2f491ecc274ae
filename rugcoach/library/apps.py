from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "rugcoach.library"
    verbose_name = _("Oefeningen")

    def ready(self) -> None:
        # Invalid content is a system check error (rugcoach.E001, one per problem), so
        # `manage.py check` lists the problems instead of a traceback from here; runserver
        # and migrate refuse to run, and wsgi.py refuses to serve (library/checks.py).
        from rugcoach.library import checks  # noqa: F401  (registers the check)
