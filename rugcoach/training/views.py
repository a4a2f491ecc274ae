from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_http_methods

from rugcoach.library.figures import figure_url
from rugcoach.plans import selectors as plan_selectors
from rugcoach.plans.presenters import blocking_notice
from rugcoach.training import followups, presenters, selectors, services
from rugcoach.training.forms import FollowUpForm


def _today() -> date:
    return timezone.localdate()


def _gate_page(request: HttpRequest, gate: selectors.Gate, session_id: int | None) -> HttpResponse:
    """What comes before training: the check-in, or a check's advice, or a plan."""
    if gate.step == "lighter":
        return redirect("plans:today")
    context: dict[str, object] = {"step": gate.step, "session_id": session_id}
    blocking = gate.status.blocking
    if gate.step == "blocked" and blocking is not None:
        context["blocked"] = blocking_notice(blocking, translation.get_language())
    if gate.paused is not None:
        language = translation.get_language()
        context["paused_reasons"] = gate.paused.reason_texts(language)
    return render(request, "training/gate.html", context)


@login_required
def today(request: HttpRequest) -> HttpResponse:
    """Today's session of the current plan, once the check-in is done."""
    gate = selectors.gate(request.user)
    if gate.step != "train" or gate.plan is None:
        return _gate_page(request, gate, None)
    upcoming = selectors.upcoming_sessions(gate.plan, _today(), 1)
    if upcoming and selectors.session_date(upcoming[0]) == _today():
        return redirect("training:session", session_id=upcoming[0].pk)
    context = {
        "next": upcoming[0] if upcoming else None,
        "next_date": selectors.session_date(upcoming[0]) if upcoming else None,
    }
    return render(request, "training/no_session.html", context)


@login_required
def session_by_key(request: HttpRequest, key: str) -> HttpResponse:
    """A session of the current plan by its key (the plan page knows keys, not rows)."""
    row = selectors.plan_session_by_key(request.user, key)
    return redirect("training:session", session_id=row.pk)


@login_required
@ensure_csrf_cookie  # the outbox sends the cookie's token with each POST
def session(request: HttpRequest, session_id: int) -> HttpResponse:
    row = selectors.plan_session_of(request.user, session_id)
    gate = selectors.gate(request.user)
    if gate.step != "train":
        return _gate_page(request, gate, row.pk)
    upcoming = selectors.upcoming_sessions(row.plan, _today(), 1)
    if not upcoming or upcoming[0].pk != row.pk:
        # Sessions are trained in order: the next one carries the doses your feedback
        # adapted (an exercise that hurt is lighter there); a later one does not yet.
        context = {
            "step": "not_next",
            "next": upcoming[0] if upcoming else None,
            "next_date": selectors.session_date(upcoming[0]) if upcoming else None,
        }
        return render(request, "training/gate.html", context)
    schedule = plan_selectors.stored_schedule(row.plan)
    scheduled = schedule.session(row.key)
    assert scheduled is not None  # the rows are the schedule
    language = translation.get_language()
    urls = {
        "api": reverse("api:sessions"),
        "plan": reverse("plans:plan"),
        "today": reverse("training:today"),
        "checkin": reverse("triage:checkin"),
    }
    assert gate.check is not None  # "train" always carries today's check
    checked_on = timezone.localdate(gate.check.created_at)
    data = presenters.player_data(
        presenters.plan_target(row), scheduled, language, urls, checked_on, gate.check.pk
    )
    return render(
        request,
        "training/player.html",
        {"data": data, "row": row, "date": selectors.session_date(row), "items": data["items"]},
    )


def offline_urls(request: HttpRequest) -> JsonResponse:
    """What the service worker keeps for training offline: the player pages of today's and
    the next sessions, their figures and the player's files (current language)."""
    if not request.user.is_authenticated:
        return JsonResponse({"detail": "Log in first."}, status=401)
    # Only what the member may start now: after a check-in that blocks or asks for less than
    # the plan, the list is empty and the worker drops the copies it kept (safety first).
    gate = selectors.gate(request.user)
    stored = gate.plan if gate.step == "train" else None
    pages: list[str] = []
    figures: list[str] = []
    if stored is not None:
        language = translation.get_language()
        for row in selectors.upcoming_sessions(stored, _today(), 1 + selectors.OFFLINE_AHEAD):
            pages.append(presenters.player_url(row.pk))
            for item in row.items.all():
                url = figure_url(item.slug, "animated", language)
                if url and url not in figures:
                    figures.append(url)
    return JsonResponse(
        {"pages": pages, "figures": figures, "static": presenters.static_urls()},
        headers={"Cache-Control": "private, no-store"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def followup(request: HttpRequest, pk: int) -> HttpResponse:
    """'How is your back compared with before the session?': the form while it is open;
    once answered, the answer and what it means for the next session."""
    found = followups.followup_of(request.user, pk)
    context: dict[str, object] = {"followup": found, "day": followups.session_day(found)}
    if found.answered_at is not None:
        context["meaning"] = followups.next_session_meaning(request.user)
        return render(request, "training/followup.html", context)
    if not found.is_due():
        context["not_yet"] = timezone.localtime(found.due_at)
        return render(request, "training/followup.html", context)
    form = FollowUpForm(request.POST or None, followup_id=found.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_followup(
                request.user,
                followup_id=found.pk,
                feeling=form.cleaned_data["feeling"],
                pain=form.cleaned_data["pain"],
                stiffness=form.cleaned_data["stiffness"],
            )
        except services.InvalidFollowUpAnswer as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        except services.FollowUpAlreadyAnswered:
            pass  # answered a moment ago (another tab): the page shows that answer
        if not form.errors:
            # Post/redirect/get: the page now shows the answer and what it means.
            return redirect("training:followup", pk=found.pk)
    context["form"] = form
    status = 400 if form.errors else 200
    return render(request, "training/followup.html", context, status=status)
