"""The trainers' pages under /trainer/: the dashboard, alerts, a member's detail and the
plan adjustments. Thin: selectors read, services write, both ask the access policy.

Who: a logged-in user with the trainer role. A visitor is sent to the login page; any
other role gets 403 (the pages are staff pages, their existence is no secret). A member
the trainer has no active consent of is a 404, the same as an unknown id (never a peek).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.schedule import Prescription
from rugcoach.plans import adjust
from rugcoach.plans import models as plan_models
from rugcoach.plans import selectors as plan_selectors
from rugcoach.trainers import services
from rugcoach.trainers.detail import member_detail, reachable_member
from rugcoach.trainers.forms import DoseForm, HandledForm, NoteForm, ReasonForm, SwapForm
from rugcoach.trainers.presenters import present_members
from rugcoach.trainers.selectors import MEMBERS_PER_PAGE, is_trainer
from rugcoach.trainers.selectors import dashboard as dashboard_of

View = Callable[..., HttpResponse]


def trainer_required(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_trainer(request.user):
            raise PermissionDenied("trainers only")
        return view(request, *args, **kwargs)

    return wrapped


def _trainer(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@trainer_required
@require_http_methods(["GET"])
def dashboard(request: HttpRequest) -> HttpResponse:
    page = request.GET.get("pagina", "1")
    number = int(page) if page.isdigit() else 1
    found = dashboard_of(_trainer(request), now=timezone.now(), page=number)
    pages = Paginator(range(found.member_count), MEMBERS_PER_PAGE).get_page(number)
    return render(
        request,
        "trainers/dashboard.html",
        {
            "dashboard": found,
            "members": present_members(found.members),
            "pages": pages,
            "handled_form": HandledForm(),
        },
    )


@trainer_required
@require_http_methods(["GET", "POST"])
def alerts(request: HttpRequest) -> HttpResponse:
    """GET: the alerts, open and handled. POST: mark one handled with a note."""
    trainer = _trainer(request)
    if request.method == "POST":
        form = HandledForm(request.POST)
        member_id = request.POST.get("member", "")
        if form.is_valid() and member_id.isdigit():
            member = reachable_member(trainer, int(member_id), what=None)
            try:
                services.mark_handled(
                    member=member,
                    key=form.cleaned_data["key"],
                    note=form.cleaned_data["note"],
                    by=trainer,
                )
            except services.NoteError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Melding afgehandeld."))
        else:
            messages.error(
                request, _("Die melding kon niet worden afgehandeld: kijk de notitie na.")
            )
        back = request.POST.get("next", "")
        safe = url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        return redirect(back if back and safe else "trainers:alerts")
    found = dashboard_of(trainer, now=timezone.now(), what="alerts")
    return render(
        request, "trainers/alerts.html", {"dashboard": found, "handled_form": HandledForm()}
    )


@trainer_required
@require_http_methods(["GET"])
def member(request: HttpRequest, member_id: int) -> HttpResponse:
    detail = member_detail(_trainer(request), member_id)
    return render(
        request,
        "trainers/member.html",
        {
            "detail": detail,
            "note_form": NoteForm(),
            "reason_form": ReasonForm(),
            "handled_form": HandledForm(),
        },
    )


@trainer_required
@require_POST
def note(request: HttpRequest, member_id: int) -> HttpResponse:
    trainer = _trainer(request)
    found = reachable_member(trainer, member_id, what=None)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(member=found, text=form.cleaned_data["text"], by=trainer)
        except services.NoteError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("Notitie geplaatst; het lid ziet haar bij het plan."))
            return redirect("trainers:member", member_id=member_id)
    detail = member_detail(trainer, member_id)
    return render(
        request,
        "trainers/member.html",
        {
            "detail": detail,
            "note_form": form,
            "reason_form": ReasonForm(),
            "handled_form": HandledForm(),
        },
        status=400,
    )


def _plan_and_item(
    trainer: User, member_id: int, item_key: str, *, post: bool
) -> tuple[User, plan_models.Plan, plan_models.PlanItem]:
    # A form's page is a read (logged); its post is the service's change (logged there).
    found = reachable_member(trainer, member_id, what=None if post else "plan-adjust")
    stored = plan_selectors.current_plan(found)
    if stored is None:
        raise Http404("no plan")
    item = (
        plan_models.PlanItem.objects.select_related("session")
        .filter(session__plan=stored, key=item_key)
        .first()
    )
    if item is None:
        raise Http404("no such item")
    return found, stored, item


def _name(slug: str) -> str:
    exercise = get_catalog().exercises.get(slug)
    return exercise.name.get(translation.get_language() or "nl") if exercise else slug


@trainer_required
@require_http_methods(["GET", "POST"])
def swap(request: HttpRequest, member_id: int, item_key: str) -> HttpResponse:
    trainer = _trainer(request)
    found, stored, item = _plan_and_item(
        trainer, member_id, item_key, post=request.method == "POST"
    )
    language = translation.get_language() or "nl"
    choices = adjust.swap_choices(stored, item)
    excluded = {e.slug: e for e in choices.excluded}
    options = [(slug, _name(slug)) for slug in choices.alternatives]
    options += [
        (
            slug,
            _("%(name)s — uitgesloten: %(why)s")
            % {"name": _name(slug), "why": e.reason.get(language)},
        )
        for slug, e in excluded.items()
    ]
    form = SwapForm(request.POST or None, choices=options)
    if request.method == "POST" and form.is_valid():
        try:
            overridden = adjust.swap_item(
                stored,
                item_key=item_key,
                replacement=form.cleaned_data["replacement"],
                reason=form.cleaned_data["reason"],
                by=trainer,
                confirm_override=form.cleaned_data["confirm"],
            )
        except adjust.AdjustError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            if overridden is not None:
                messages.warning(request, _("Gewisseld, met een bewuste uitzondering; vastgelegd."))
            else:
                messages.success(request, _("Oefening gewisseld."))
            return redirect(reverse("trainers:member", kwargs={"member_id": member_id}) + "#plan")
    chosen = form.data.get("replacement") if form.is_bound else None
    return render(
        request,
        "trainers/swap.html",
        {
            "member": found,
            "item": item,
            "item_name": _name(item.slug),
            "form": form,
            "alternatives": [(slug, _name(slug)) for slug in choices.alternatives],
            "excluded": [
                (slug, _name(slug), e.reason.get(language), e.cause) for slug, e in excluded.items()
            ],
            "chosen_warning": excluded[chosen].reason.get(language) if chosen in excluded else "",
        },
        status=400 if form.is_bound else 200,
    )


@trainer_required
@require_http_methods(["GET", "POST"])
def dose(request: HttpRequest, member_id: int, item_key: str) -> HttpResponse:
    trainer = _trainer(request)
    found, stored, item = _plan_and_item(
        trainer, member_id, item_key, post=request.method == "POST"
    )
    language = translation.get_language() or "nl"
    steps = adjust.dose_steps(item)
    form = DoseForm(
        request.POST or None,
        steps=[(index, p.words().get(language)) for index, p in enumerate(steps)],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            adjust.change_dose(
                stored,
                item_key=item_key,
                reason=data["reason"],
                by=trainer,
                step=data["step"],
                sets=data["sets"],
                reps=data["reps"],
                hold_seconds=data["hold_seconds"],
                later_too=data["later_too"],
            )
        except adjust.AdjustError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("Dosis aangepast."))
            return redirect(reverse("trainers:member", kwargs={"member_id": member_id}) + "#plan")
    latest = item.versions.order_by("-number").first()
    current = Prescription.model_validate(latest.prescription) if latest else None
    return render(
        request,
        "trainers/dose.html",
        {
            "member": found,
            "item": item,
            "item_name": _name(item.slug),
            "current": current.words().get(language) if current else "",
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )


@trainer_required
@require_POST
def pause(request: HttpRequest, member_id: int) -> HttpResponse:
    """Pause or resume the member's plan (``action``: pause / resume), with a reason."""
    trainer = _trainer(request)
    found = reachable_member(trainer, member_id, what=None)
    stored = plan_selectors.current_plan(found)
    if stored is None:
        raise Http404("no plan")
    form = ReasonForm(request.POST)
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if request.POST.get("action") == "resume":
                services.resume_plan(stored=stored, reason=reason, by=trainer)
                messages.success(request, _("Plan hervat."))
            else:
                services.pause_plan(member=found, stored=stored, reason=reason, by=trainer)
                messages.success(request, _("Plan gepauzeerd; het lid leest je reden."))
        except adjust.AdjustError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, _("Geef een reden (het lid leest haar)."))
    return redirect(reverse("trainers:member", kwargs={"member_id": member_id}) + "#plan")
