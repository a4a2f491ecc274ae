"""A trainer's agenda (today and this week; marks and notes) and their availability.

Only trainers: anyone else gets 404, as if the pages did not exist (visitors are sent
to log in). Reading the bookings goes through the access policy (Scope.BOOKING, logged).
"""

from collections.abc import Callable
from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rugcoach.intakes import selectors, services
from rugcoach.intakes.forms import (
    WEEKDAYS,
    BlockForm,
    ExceptionForm,
    LengthForm,
    MarkForm,
    NoteForm,
)
from rugcoach.intakes.models import Booking, Location
from rugcoach.intakes.reasons import level_label

View = Callable[..., HttpResponse]


def trainer_only(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        trainer = selectors.trainer_of(request.user)
        if trainer is None:
            raise Http404
        request.trainer = trainer  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped


@trainer_only
def today(request: HttpRequest) -> HttpResponse:
    """Today's intakes and the rest of the week: time, first name, reason, level."""
    now = timezone.now()
    found = selectors.upcoming_for_trainer(request.user, days=7, now=now, what="agenda")
    today_date = timezone.localdate(now)
    items = [
        {
            "booking": b,
            "note_form": NoteForm(initial={"note": b.trainer_note}, prefix=f"b{b.pk}"),
            "started": b.starts_at <= now,
            "level_label": level_label(b.verdict_level) if b.verdict_level else "",
        }
        for b in found
    ]
    return render(
        request,
        "intakes/agenda_today.html",
        {
            "today": [i for i in items if timezone.localdate(i["booking"].starts_at) == today_date],
            "week": [i for i in items if timezone.localdate(i["booking"].starts_at) != today_date],
        },
    )


def _own_booking(request: HttpRequest, booking_id: int) -> Booking:
    booking = request.trainer.bookings.filter(pk=booking_id).first()  # type: ignore[attr-defined]
    if booking is None:
        raise Http404
    return booking


@trainer_only
@require_POST
def mark(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = _own_booking(request, booking_id)
    form = MarkForm(request.POST)
    if form.is_valid():
        try:
            services.mark(
                trainer_user=request.user, booking=booking, status=form.cleaned_data["status"]
            )
        except services.BookingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Bewaard."))
    return redirect("agenda:today")


@trainer_only
@require_POST
def note(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = _own_booking(request, booking_id)
    form = NoteForm(request.POST, prefix=f"b{booking.pk}")
    if form.is_valid():
        services.save_note(
            trainer_user=request.user, booking=booking, note=form.cleaned_data["note"]
        )
        messages.success(request, _("Notitie bewaard."))
    else:
        messages.error(request, _("De notitie is te lang (hoogstens 4000 tekens)."))
    return redirect("agenda:today")


@trainer_only
def availability(request: HttpRequest) -> HttpResponse:
    """Weekly blocks per location, exceptions and the intake length; each form posts here
    with its ``action``; a form with errors is shown again with them."""
    trainer = request.trainer  # type: ignore[attr-defined]
    now = timezone.now()
    locations = list(trainer.locations.all())
    block_form = BlockForm(locations=locations)
    exception_form = ExceptionForm()
    length_form = LengthForm(initial={"minutes": trainer.intake_minutes})
    if request.method == "POST":
        action = request.POST.get("action", "")
        done = False
        try:
            if action == "add_block":
                block_form = BlockForm(request.POST, locations=locations)
                if block_form.is_valid():
                    data = block_form.cleaned_data
                    services.add_block(
                        trainer_user=request.user,
                        location=Location.objects.get(pk=data["location"]),
                        weekday=data["weekday"],
                        starts=data["starts"],
                        ends=data["ends"],
                    )
                    done = True
            elif action == "remove_block":
                services.remove_block(
                    trainer_user=request.user, block_id=int(request.POST.get("id", "0") or 0)
                )
                done = True
            elif action == "add_exception":
                exception_form = ExceptionForm(request.POST)
                if exception_form.is_valid():
                    data = exception_form.cleaned_data
                    services.add_exception(
                        trainer_user=request.user,
                        starts_at=data["starts_at"],
                        ends_at=data["ends_at"],
                        kind=data["kind"],
                    )
                    done = True
            elif action == "remove_exception":
                services.remove_exception(
                    trainer_user=request.user, exception_id=int(request.POST.get("id", "0") or 0)
                )
                done = True
            elif action == "length":
                length_form = LengthForm(request.POST)
                if length_form.is_valid():
                    services.set_intake_length(
                        trainer_user=request.user, minutes=length_form.cleaned_data["minutes"]
                    )
                    done = True
        except (services.BookingError, ValueError) as error:
            messages.error(request, getattr(error, "message", _("Dat ging niet.")))
        if done:
            messages.success(request, _("Je beschikbaarheid is bijgewerkt."))
            return redirect("agenda:availability")
    shown = selectors.trainer_availability(trainer, now=now)
    labels = dict(WEEKDAYS)
    for block in shown["blocks"]:  # type: ignore[attr-defined]
        block.weekday_label = labels[block.weekday]
    return render(
        request,
        "intakes/agenda_availability.html",
        {
            **shown,
            "trainer": trainer,
            "block_form": block_form,
            "exception_form": exception_form,
            "length_form": length_form,
            "week_ahead": now + timedelta(days=7),
        },
    )
