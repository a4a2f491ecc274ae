"""The programs pages: the list, a program, join/leave/restart, and the next day in the
session player (after the same gate as a plan's session, and "not for you now")."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_POST

from rugcoach.core.programs.build import NotForYou
from rugcoach.plans.presenters import blocking_notice
from rugcoach.programs import presenters, selectors, services
from rugcoach.training import presenters as training_presenters
from rugcoach.triage.selectors import training_status


def program_list(request: HttpRequest) -> HttpResponse:
    """Every program: its figures, dose and who it is for; joined ones with the progress."""
    language = translation.get_language()
    today = timezone.localdate()
    latest = selectors.latest_enrollments(request.user) if request.user.is_authenticated else {}
    cards = []
    for program in selectors.programs().values():
        enrollment = latest.get(program.slug)
        cards.append(
            {
                "program": program,
                "name": program.name.get(language),
                "summary": program.summary.get(language),
                "who_for": program.who_for.get(language),
                "dose": program.dose.get(language),
                "figures": presenters.figure_strip(program, language),
                "enrollment": enrollment,
                "standing": selectors.list_standing(program, enrollment, today),
            }
        )
    return render(request, "programs/list.html", {"cards": cards})


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    program = selectors.program_or_404(slug)
    language = translation.get_language()
    context: dict[str, Any] = {
        "program": program,
        "name": program.name.get(language),
        "summary": program.summary.get(language),
        "who_for": program.who_for.get(language),
        "dose": program.dose.get(language),
        "figures": presenters.figure_strip(program, language),
        "equipment": presenters.equipment_names(program, language),
        "source": program.source,
    }
    done_keys: frozenset[str] = frozenset()
    next_key = program.sessions[0].key if program.sessions else None
    if request.user.is_authenticated:
        mine = selectors.member_program(request.user, program)
        context["mine"] = mine
        done_keys = mine.done_keys if mine.active or mine.enrollment is None else frozenset()
        if mine.active and mine.next is not None:
            next_key = mine.next.key
            context["next_day_number"] = next(
                (s.day for s in program.sessions if s.key == next_key), len(program.sessions)
            )
            context["next_reasons"] = [r.text.get(language) for r in mine.next.reasons]
        status = training_status(request.user)
        fit = selectors.fits(request.user, program, status)
        if fit is not None and isinstance(fit.result, NotForYou):
            context["not_for_you"] = _not_for_you(fit.result, language)
        elif fit is not None:
            # The member's own variant: exercises they may not do are swapped or left out,
            # each with the planner's reason.
            mine_slugs = presenters.schedule_slugs(fit.result)
            changes = presenters.adaptations(program, fit.result, fit.member, language)
            if changes or set(mine_slugs) != set(presenters.exercise_slugs(program)):
                context["adapted"] = changes
                context["figures"] = presenters.figure_strip(program, language, mine_slugs)
        physio = selectors.physio_first(request.user, program, status)
        if physio is not None:
            context["physio"] = physio.text.get(language)
    context["days"] = [
        {
            "key": session.key,
            "day": session.day,
            "title": session.title.get(language),
            "done": session.key in done_keys,
            "next": session.key == next_key and "not_for_you" not in context,
            "advice": [text.get(language) for text in session.advice],
        }
        for session in program.sessions
    ]
    with_advice = [day for day in context["days"] if day["advice"]]
    context["next_advice"] = next((day for day in with_advice if day["next"]), None)
    context["other_advice"] = [day for day in with_advice if not day["next"]]
    return render(request, "programs/detail.html", context)


def _not_for_you(found: NotForYou, language: str) -> dict[str, Any]:
    instead = selectors.programs().get(found.instead) if found.instead else None
    return {
        "reasons": [reason.get(language) for reason in found.reasons],
        "instead": instead,
        "instead_name": instead.name.get(language) if instead else "",
    }


@login_required
@require_POST
def join(request: HttpRequest, slug: str) -> HttpResponse:
    selectors.program_or_404(slug)
    services.join(request.user, program=slug)
    return redirect("programs:detail", slug=slug)


@login_required
@require_POST
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    selectors.program_or_404(slug)
    services.leave(request.user, program=slug)
    return redirect("programs:detail", slug=slug)


@login_required
@require_POST
def restart(request: HttpRequest, slug: str) -> HttpResponse:
    selectors.program_or_404(slug)
    services.restart(request.user, program=slug)
    return redirect("programs:detail", slug=slug)


@login_required
@ensure_csrf_cookie  # the outbox sends the cookie's token with each POST
def play(request: HttpRequest, slug: str) -> HttpResponse:
    """The program's next day in the session player, once the gate lets the member in."""
    program = selectors.program_or_404(slug)
    language = translation.get_language()
    gate = selectors.gate(request.user, program)
    fit = gate.fit
    if gate.step != "train" or fit is None or isinstance(fit.result, NotForYou):
        return _gate_page(request, program, gate, language)
    to_play = selectors.next_to_play(request.user, program, fit)
    if to_play is None:
        return redirect("programs:detail", slug=slug)
    target = training_presenters.Target(
        id=f"{slug}/{to_play.session.key}",
        key=to_play.session.key,
        report={"session_key": f"{slug}/{to_play.session.key}"},
    )
    urls = {
        "api": reverse("api:program_sessions", kwargs={"slug": slug}),
        "plan": reverse("programs:detail", kwargs={"slug": slug}),
        "today": reverse("programs:detail", kwargs={"slug": slug}),
        "checkin": reverse("triage:checkin"),
    }
    assert gate.check is not None  # "train" always carries today's check
    checked_on = timezone.localdate(gate.check.created_at)
    data = training_presenters.player_data(
        target, to_play.session, language, urls, checked_on, gate.check.pk
    )
    data["labels"]["to_plan"] = program.name.get(language)
    day = next((s.day for s in program.sessions if s.key == to_play.session.key), 1)
    return render(
        request,
        "programs/player.html",
        {
            "data": data,
            "items": data["items"],
            "date": timezone.localdate(),
            "program": program,
            "name": program.name.get(language),
            "day": day,
            "total": len(program.sessions),
            "repeat": to_play.next.repeat,
            "gentler": to_play.next.gentler,
            "reasons": [r.text.get(language) for r in to_play.next.reasons],
            "dropped": [text.get(language) for text in to_play.dropped],
            "advice": [
                text.get(language)
                for s in program.sessions
                if s.key == to_play.session.key
                for text in s.advice
            ],
        },
    )


def _gate_page(
    request: HttpRequest, program: Any, gate: selectors.ProgramGate, language: str
) -> HttpResponse:
    """What comes first: a check's advice, the check, a physio, today's check-in, or
    "not for you now" with another program."""
    context: dict[str, Any] = {
        "step": gate.step,
        "program": program,
        "name": program.name.get(language),
    }
    blocking = gate.status.blocking
    if gate.step == "blocked" and blocking is not None:
        context["blocked"] = blocking_notice(blocking, language)
    if gate.paused is not None:
        context["paused_reasons"] = gate.paused.reason_texts(language)
    if gate.physio is not None:
        context["physio"] = gate.physio.text.get(language)
    if gate.not_for_you is not None:
        context["not_for_you"] = _not_for_you(gate.not_for_you, language)
    return render(request, "programs/gate.html", context)
