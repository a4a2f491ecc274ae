"""The plan's state on the plan page: when the engine holds the plan, cuts the week or
pauses it, the member reads that and why above the sessions (the changed doses say their
own reasons under each exercise)."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from rugcoach.accounts.models import User
from rugcoach.training import selectors
from rugcoach.training.models import Adaptation

SHOWN = {Adaptation.Status.HELD, Adaptation.Status.REDUCED, Adaptation.Status.PAUSED}


def state_panel(request: HttpRequest, member: User) -> SafeString | str:
    """The panel, or "" while the plan runs as planned (one query)."""
    state = selectors.current_plan_state(member)
    if state is None or state.status not in SHOWN:
        return ""
    language = translation.get_language()
    context = {
        "state": state,
        "reasons": state.reason_texts(language),
    }
    return render_to_string("training/_plan_state.html", context, request=request)
