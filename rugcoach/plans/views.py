from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rugcoach.content import get_catalog
from rugcoach.core.planner import NoPlan, PlanError, Profile, Weekday, alternatives
from rugcoach.core.planner.schedule import session_key
from rugcoach.core.triage.engine import Verdict
from rugcoach.library.presenters import ExercisePresenter
from rugcoach.plans import extras, selectors, services
from rugcoach.plans.body import plan_body
from rugcoach.plans.forms import (
    SELF_TEST_FIELDS,
    IntakeForm,
    SelfTestsForm,
    initial_from_profile,
    initial_from_self_tests,
)
from rugcoach.plans.presenters import blocking_notice
from rugcoach.triage.presenters import present_verdict
from rugcoach.triage.selectors import checked_today, training_status


def _today() -> date:
    return timezone.localdate()


@login_required
def plan_page(request: HttpRequest) -> HttpResponse:
    member = request.user
    catalog, language = get_catalog(), translation.get_language()
    status = training_status(member)
    intake = selectors.intake_of(member)
    stored = selectors.current_plan(member)
    # What apps above plans add (the open follow-up question): plans.extras.
    panels = extras.plan_panels(request, member)
    context: dict[str, object] = {"verdict_row": status.triage, "intake": intake, "panels": panels}
    blocking = status.blocking
    if blocking is not None:
        # A check that forbids training stops the plan: say why and what to do.
        context["blocked"] = blocking_notice(blocking, language)
    elif stored is not None and selectors.plan_is_stale(stored, status):
        context["stale"] = (
            "pregnancy" if selectors.plan_predates_pregnancy_weeks(stored) else "check"
        )
    elif stored is not None:
        # Sessions, exercises and doses from the schedule's rows; the focus, reasons and
        # exclusions as the planner gave them (rendered once per exact input, day and
        # language: plans/body.py).
        body = plan_body(stored, catalog, language, _today())
        context.update(
            stored=stored,
            body=body,
            upcoming=body.upcoming,
            earlier=selectors.earlier_plans(member),
            outdated=intake is not None and intake.updated_at > stored.created_at,
            checked_today=checked_today(status),
            trainer_pause=selectors.trainer_pause(stored),
        )
    return render(request, "plans/plan.html", context)


@login_required
def next_step(request: HttpRequest) -> HttpResponse:
    """Where a member goes on from here (after sign-up, from a verdict): the one home of
    'what is next' — the check, its advice when it forbids training, the intake, the plan."""
    member = request.user
    status = training_status(member)
    if status.needs_full_check:
        return redirect("triage:start")
    blocking = status.blocking
    if blocking is not None:
        return redirect("triage:member_result", result_id=blocking.pk)
    if selectors.intake_of(member) is None:
        return redirect("plans:intake")
    return redirect("plans:plan")


@login_required
def today(request: HttpRequest) -> HttpResponse:
    """After a check-in that allows training: its verdict and today's session of the
    member's plan, with each exercise's dose (from the schedule's rows)."""
    member = request.user
    catalog, language = get_catalog(), translation.get_language()
    status = training_status(member)
    check = checked_today(status)
    if check is None:
        blocking = status.blocking
        if blocking is not None:
            return redirect("triage:member_result", result_id=blocking.pk)
        return redirect("triage:checkin")
    stored, _status = selectors.usable_plan(member)
    context: dict[str, object] = {
        "verdict": present_verdict(check.stored_verdict, catalog, language),
        "check": check,
        "stored": stored,
    }
    context["paused"] = stored is not None and stored.paused_at is not None
    if stored is not None and not context["paused"]:
        # A check-in that asks for less than the plan was made for (more pain today, a
        # small strain) gets its own, lighter list, never the plan's session.
        fits = selectors.plan_fits_check(stored, check)
        context["fits"] = fits
        if fits:
            upcoming = plan_body(stored, catalog, language, _today()).upcoming
            context["session"] = upcoming if upcoming and upcoming.is_today else None
            context["upcoming"] = upcoming
    # The verdict's own exercises stand in for the plan's session when none is shown; a
    # paused plan shows neither (see a physio first).
    context["hide_exercises"] = bool(context.get("session")) or context["paused"]
    return render(request, "plans/today.html", context)


@login_required
def intake(request: HttpRequest) -> HttpResponse:
    catalog, language = get_catalog(), translation.get_language()
    existing = selectors.intake_of(request.user)
    if existing is not None:
        initial = initial_from_profile(selectors.parsed_intake(existing)[0])
    else:
        # What the check already knows is filled in, never asked blank again.
        initial = selectors.intake_hints(request.user)
    form = IntakeForm(
        request.POST or None,
        initial=initial,
        vocabulary=catalog.vocabulary,
        language=language,
        today=_today(),
    )
    if request.method == "POST" and form.is_valid():
        services.save_intake(request.user, form.profile)
        if existing is None:
            return redirect("plans:self_tests")
        messages.success(
            request, _("Je intake is opgeslagen. Maak een nieuw plan om hem te gebruiken.")
        )
        return redirect("plans:plan")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "from_check": existing is None and bool(initial)}
    return render(request, "plans/intake.html", context, status=status)


@login_required
def self_tests(request: HttpRequest) -> HttpResponse:
    existing = selectors.intake_of(request.user)
    if existing is None:
        return redirect("plans:intake")
    profile, tests = selectors.parsed_intake(existing)
    offers = selectors.self_test_offers(request.user, profile, _today())
    skipped = tuple(offer.test.value for offer in offers if offer.skipped)
    # Never saved yet: what the check knows (stress, training load) is filled in.
    initial = (
        initial_from_self_tests(tests)
        if existing.self_tests
        else {**initial_from_self_tests(tests), **selectors.self_test_hints(request.user)}
    )
    form = SelfTestsForm(request.POST or None, initial=initial, skipped=skipped)
    if request.method == "POST" and form.is_valid():
        services.save_self_tests(request.user, form.self_tests())
        return _generate(request)
    catalog, language = get_catalog(), translation.get_language()
    presenter = ExercisePresenter(catalog, language)
    cards = [
        {
            "test": offer.test.value,
            "title": (offer.version or catalog.planner.self_tests.tests[offer.test]).title.get(
                language
            ),
            "instruction": offer.version.instruction.get(language) if offer.version else None,
            "figure": (
                presenter.card(catalog.exercises[offer.version.figure]) if offer.version else None
            ),
            "reason": offer.reason.get(language) if offer.reason else None,
            "fields": [form[name] for name in SELF_TEST_FIELDS[offer.test.value]]
            if not offer.skipped
            else [],
        }
        for offer in offers
    ]
    context = {"form": form, "cards": cards, "offered": sum(not o.skipped for o in offers)}
    return render(
        request, "plans/self_tests.html", context, status=400 if request.method == "POST" else 200
    )


@login_required
@require_POST
def generate(request: HttpRequest) -> HttpResponse:
    return _generate(request)


def _generate(request: HttpRequest) -> HttpResponse:
    try:
        result = services.generate_plan(request.user, _today())
    except services.PausedPlan:
        messages.info(
            request,
            _(
                "Je plan staat op pauze. Heeft een fysiotherapeut of huisarts je rug bekeken? "
                "Doe dan eerst een nieuwe veiligheidscheck; daarna maken we je nieuwe plan."
            ),
        )
        return redirect("triage:start")
    except services.TriageNeeded:
        redo = training_status(request.user).redo_reason
        messages.info(request, redo or _("Doe eerst de veiligheidscheck; daarna maken we je plan."))
        return redirect("triage:start")
    except services.DueDatePassed:
        messages.warning(
            request,
            _("Je uitgerekende datum is voorbij. Pas je intake aan; daarna maken we je plan."),
        )
        return redirect("plans:intake")
    except services.IntakeNeeded:
        return redirect("plans:intake")
    if isinstance(result.no_plan, NoPlan):
        messages.warning(request, result.no_plan.reason.get(translation.get_language()))
    else:
        messages.success(request, _("Je plan staat klaar."))
    return redirect("plans:plan")


@login_required
def swap(request: HttpRequest, week: int, weekday: str, slug: str) -> HttpResponse:
    stored, _status = selectors.usable_plan(request.user)
    catalog, language = get_catalog(), translation.get_language()
    if stored is None:
        return redirect("plans:plan")
    if weekday not in Weekday._value2member_map_ or slug not in catalog.exercises:
        raise Http404("No such session")
    # The session and the exercise in it, from the schedule's rows (the stable key names
    # the place: 'w1-mon'); the alternatives come from the planner's rules.
    session = selectors.stored_schedule(stored).session(session_key(week, weekday))
    if session is None or all(item.slug != slug for item in session.items):
        raise Http404("No such exercise in that session")
    plan = selectors.parsed_plan(stored)
    profile = Profile.model_validate(stored.profile)
    verdict = Verdict.model_validate(stored.verdict)
    day = Weekday(weekday)
    try:
        options = alternatives(plan, week, day, slug, profile, verdict, catalog, catalog.planner)
    except PlanError as error:
        raise Http404(str(error)) from error
    error_message = None
    if request.method == "POST":
        replacement = request.POST.get("replacement", "")
        scope = request.POST.get("scope", "session")
        scope = scope if scope in ("session", "everywhere") else "session"
        try:
            services.swap_exercise(
                stored, week, day, slug, replacement, scope=scope, by=request.user
            )
        except PlanError:
            error_message = _("Deze oefening kan hier niet. Kies er een uit de lijst.")
        else:
            messages.success(request, _("Oefening gewisseld."))
            return redirect(f"{reverse('plans:plan')}#week-{week}")
    presenter = ExercisePresenter(catalog, language)
    context = {
        "week": week,
        "weekday": day,
        "weekday_label": catalog.planner.weekdays[day].get(language),
        "current": presenter.card(catalog.exercises[slug]),
        "options": [
            presenter.card(catalog.exercises[option])
            for option in options
            if option in catalog.exercises
        ],
        "error": error_message,
    }
    return render(request, "plans/swap.html", context, status=400 if error_message else 200)
