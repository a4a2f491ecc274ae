from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rugcoach.content import get_catalog
from rugcoach.core.kernel.keyset import parse_cursor
from rugcoach.core.triage.engine import (
    Answer,
    TriageInputError,
    checkin_questions,
    ends_early,
    evaluate,
    visible_questions,
)
from rugcoach.triage import selectors, wizard
from rugcoach.triage.forms import QuestionsForm
from rugcoach.triage.presenters import present_answers, present_verdict
from rugcoach.triage.services import (
    FullCheckOutdated,
    NoFullCheck,
    checkin_basis,
    record_checkin,
    record_result,
)

# A check-in that allows training leads to today's session (the plans app's page).
TODAY_URL = "plans:today"


def start(request: HttpRequest) -> HttpResponse:
    answers = wizard.load_answers(request)
    member = request.user
    latest = selectors.latest_triage(member) if member.is_authenticated else None
    redo = selectors.training_status(member).redo_reason if member.is_authenticated else None
    return render(
        request,
        "triage/start.html",
        {"in_progress": bool(answers), "latest": latest, "redo_reason": redo},
    )


def _answers(request: HttpRequest) -> dict[str, Answer]:
    """The answers so far, with the facts a member's stored checks give (these win)."""
    return {**wizard.load_answers(request), **selectors.record_facts(request.user)}


def step(request: HttpRequest, number: int) -> HttpResponse:
    content = get_catalog().triage
    answers = _answers(request)
    steps = wizard.steps(content, answers)
    first_open = wizard.first_unanswered_step(content, answers)
    # No skipping ahead past unanswered questions, and no steps that do not exist.
    if first_open is not None and number > first_open:
        return redirect("triage:step", number=first_open)
    if not 1 <= number <= len(steps):
        return redirect("triage:step", number=first_open or 1)

    screen = steps[number - 1]
    language = translation.get_language()
    questions = visible_questions(answers, content, screen=screen.id)
    if request.method == "POST":
        form = QuestionsForm(request.POST, questions=questions, language=language)
        if not form.is_valid():
            if ends_early({**answers, **form.valid_answers()}, content):
                return _finish(request, {**answers, **form.valid_answers()})
            response = redirect("triage:step", number=number)
            fields = [question.id for question in questions]
            wizard.keep_for_retry(response, number, request.POST, fields)
            return response
        answers.update(form.answers())
        # An emergency answer ends the check at once: nothing later could change it.
        if number == len(wizard.steps(content, answers)) or ends_early(answers, content):
            return _finish(request, answers)
        response = redirect("triage:step", number=number + 1)
        wizard.save_answers(response, answers)
        return response

    retry = wizard.take_retry(request, number, [question.id for question in questions])
    form = QuestionsForm(retry, questions=questions, language=language, answers=answers)
    if retry is not None:
        form.is_valid()  # show what is still missing
    context = {
        "title": screen.title.get(language),
        "intro": screen.intro.get(language) if screen.intro else "",
        "form": form,
        "number": number,
        "total": len(steps),
    }
    page = render(request, "triage/step.html", context)
    if retry is not None:
        wizard.clear_retry(page)
    return page


def _finish(request: HttpRequest, answers: dict[str, Answer]) -> HttpResponse:
    """Members' results are stored and their answers leave the browser; visitors keep
    their answers in their own browser, where the result page reads them."""
    content = get_catalog().triage
    try:
        verdict = evaluate(answers, content)
    except TriageInputError:
        response = redirect(
            "triage:step", number=wizard.first_unanswered_step(content, answers) or 1
        )
        wizard.save_answers(response, answers)
        return response
    if request.user.is_authenticated:
        result = record_result(request.user, answers, verdict)
        response = redirect("triage:member_result", result_id=result.pk)
        wizard.forget_answers(response)
        return response
    response = redirect("triage:result")
    wizard.save_answers(response, answers)
    return response


def result(request: HttpRequest) -> HttpResponse:
    """A visitor's verdict, computed from the answers in their own browser; not stored."""
    content = get_catalog().triage
    answers = _answers(request)
    try:
        verdict = evaluate(answers, content)
    except TriageInputError:
        return redirect("triage:step", number=wizard.first_unanswered_step(content, answers) or 1)
    view = present_verdict(verdict, get_catalog(), translation.get_language(), answers)
    return render(request, "triage/result.html", {"verdict": view, "stored": None})


@login_required
def member_result(request: HttpRequest, result_id: int) -> HttpResponse:
    stored = selectors.result_of_member(request.user, result_id)
    catalog, language = get_catalog(), translation.get_language()
    status = selectors.training_status(request.user)
    context = {
        "verdict": present_verdict(stored.stored_verdict, catalog, language, stored.answers),
        "stored": stored,
        # The next step ("go to your plan") only under the check that counts now: an old
        # result opened from the history while a newer check blocks must not say "train".
        "is_current": status.latest == stored and status.may_train,
        "answers": present_answers(stored.answers, catalog.triage, language),
    }
    return render(request, "triage/result.html", context)


# ?ouder=<cursor>: the history page that starts below the last check of the page before.
OLDER_PARAMETER = "ouder"


@login_required
def history(request: HttpRequest) -> HttpResponse:
    """The member's checks, newest first, a page at a time ("Oudere checks" goes on)."""
    given = request.GET.get(OLDER_PARAMETER)
    after = parse_cursor(given) if given is not None else None
    page = selectors.history_page(request.user, after)
    language = translation.get_language()
    rows = [(item, item.stored_verdict.localize(language)) for item in page.results]
    context = {
        "rows": rows,
        "older": f"?{OLDER_PARAMETER}={page.older}" if page.older else None,
        "deeper": after is not None,
        # A link that names no place in the list (edited, cut off): the newest checks
        # are shown, and the member is told why.
        "bad_link": given is not None and after is None,
    }
    return render(request, "triage/history.html", context)


@require_POST
def reset(request: HttpRequest) -> HttpResponse:
    response = redirect("triage:start")
    wizard.forget_answers(response)
    messages.info(request, _("Je antwoorden zijn gewist."))
    return response


def _next_page(request: HttpRequest) -> str | None:
    """``?next=``: a page of this site to go on to (never another site's)."""
    target = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe and target.startswith("/") else None


@login_required
def checkin(request: HttpRequest) -> HttpResponse:
    content = get_catalog().triage
    try:
        basis = checkin_basis(request.user)
    except NoFullCheck:
        messages.info(
            request, _("Doe eerst één keer de volledige check; daarna is de check-in genoeg.")
        )
        return redirect("triage:start")
    except FullCheckOutdated as outdated:
        if outdated.reason != selectors.REDO_BLOCKED:  # the start page says that one itself
            messages.info(request, selectors.redo_reason(outdated.reason, outdated.full_check))
        return redirect("triage:start")
    latest, known = basis.full_check, basis.known
    language = translation.get_language()
    form = QuestionsForm(
        request.POST if request.method == "POST" else None,
        questions=checkin_questions(content, known),
        language=language,
    )
    if request.method == "POST":
        # An emergency sign ends the check-in too, even with other questions left open.
        answers = form.answers() if form.is_valid() else form.valid_answers()
        if form.is_valid() or ends_early({**known, **answers}, content):
            try:
                stored = record_checkin(request.user, answers)
            except FullCheckOutdated as outdated:
                if outdated.reason != selectors.REDO_BLOCKED:
                    messages.info(
                        request, selectors.redo_reason(outdated.reason, outdated.full_check)
                    )
                return redirect("triage:start")
            if stored.may_train:
                # Back to the session that asked for the check-in (a program's day), or
                # today's session of their plan (or a way to make one): the plans app
                # shows it beside this check-in's verdict. A check-in that blocks always
                # shows its verdict, whatever asked for it.
                return redirect(_next_page(request) or TODAY_URL)
            return redirect("triage:member_result", result_id=stored.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "latest": latest,
        "recheck_due": selectors.recheck_due(latest),
        "redo_reason": selectors.training_status(request.user).redo_reason,
        "intro": next(
            (s.intro.get(language) for s in content.screens if s.checkin and s.intro), ""
        ),
    }
    return render(request, "triage/checkin.html", context, status=status)
