"""GET the Herstelgids: the built file, or, while the worker builds it, a page that says
so and reloads itself (202)."""

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rugcoach.programs import guide_files
from rugcoach.programs.tasks import build_herstelgids

# Seconds before the wait page asks again, and before a build is queued a second time.
RETRY_AFTER = 3
QUEUED_FOR = 120


@require_GET
def download(request: HttpRequest) -> HttpResponse:
    """No account needed: nothing about a member is in it."""
    language = translation.get_language()
    found = guide_files.stored_guide(language)
    if found is None and guide_files.build_failed(language):
        response = render(request, "programs/herstelgids_wait.html", {"failed": True}, status=503)
        response["Cache-Control"] = "no-store"
        return response
    if found is None:
        # One build per language and version at a time (the task itself skips a built one).
        version = guide_files.guide_version(language)
        if cache.add(f"herstelgids-queued:{language}:{version}", 1, QUEUED_FOR):
            build_herstelgids.enqueue(language)
        response = render(
            request, "programs/herstelgids_wait.html", {"retry": RETRY_AFTER}, status=202
        )
        response["Retry-After"] = str(RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    filename = _("herstelgids") + f"-{language}.pdf"
    response = HttpResponse(found.read_bytes(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # The same bytes for everyone until the content changes with a deploy.
    response["Cache-Control"] = "public, max-age=3600"
    return response
