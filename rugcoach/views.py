from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from rugcoach.training import followups


def home(request: HttpRequest) -> HttpResponse:
    # The open follow-up question, asked where a member lands (the same card as the plan's).
    cards = followups.open_cards(request, request.user) if request.user.is_authenticated else ""
    return render(request, "home.html", {"followup_cards": cards})


@require_GET
def train_hub(request: HttpRequest) -> HttpResponse:
    """/trainen/: the Trainen section (plan, programs, progress) one tap from every page.

    Open to visitors too: they see what is there and how to get an account; the member
    pages it links to ask them to log in.
    """
    return render(request, "train_hub.html")


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links; send them to the static file.

    Resolved per request, so the hashed name of the manifest storage is used in production.
    Not a permanent redirect: that hashed name changes with the icon, and browsers keep a
    301 for good; a day's cache is enough.
    """
    response = HttpResponseRedirect(static("favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response
