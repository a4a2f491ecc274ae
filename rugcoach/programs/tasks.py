"""Background work of programs: building the Herstelgids PDF (seconds of figure drawing)
in the task worker, never in a request."""

from django.conf import settings
from django_tasks import task

from rugcoach.programs import guide_files


@task()
def build_herstelgids(language: str) -> str:
    """Build the guide in ``language`` unless this content version is built already."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unknown language {language!r}")
    found = guide_files.stored_guide(language)
    return str(found or guide_files.store_guide(language))
