from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from rugcoach.accounts.models import User
from rugcoach.trainers.panels import notes_panel
from rugcoach.training import followups


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    # A trainer's home is the dashboard, never the member app's prompts (issue 15 §4).
    if getattr(user, "role", None) == User.Role.TRAINER:
        return redirect("trainers:dashboard")
    # The open follow-up question, asked where a member lands (the same card as the plan's);
    # the trainer's notes too.
    cards = followups.open_cards(request, user) if user.is_authenticated else ""
    notes = notes_panel(request, user) if user.is_authenticated else ""
    return render(request, "home.html", {"followup_cards": cards, "trainer_notes": notes})


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
