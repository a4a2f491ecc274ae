"""A member's intake pages: locations → free slots → book → confirmation; their intakes."""

from collections import defaultdict
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rugcoach.core.booking.slots import Slot
from rugcoach.intakes import selectors, services
from rugcoach.intakes.forms import BookForm, MoveForm, SlotForm, from_slot_key, slot_key
from rugcoach.intakes.models import Booking, Location, Trainer
from rugcoach.intakes.reasons import suggested_reason


def by_day(slots: list[Slot]) -> list[tuple[date, list[dict[str, object]]]]:
    """Slots grouped per local day, each with its local time and its key for links."""
    days: dict[date, list[dict[str, object]]] = defaultdict(list)
    for slot in slots:
        local = timezone.localtime(slot.start)
        days[local.date()].append({"start": local, "key": slot_key(slot.start)})
    return sorted(days.items())


def locations(request: HttpRequest) -> HttpResponse:
    """Every location with its address, opening hours and trainers (public)."""
    return render(request, "intakes/locations.html", {"locations": selectors.locations()})


def slots(request: HttpRequest, location_id: int) -> HttpResponse:
    """Free slots for the coming three weeks per trainer at one location, per day."""
    try:
        place = selectors.location(location_id)
    except Location.DoesNotExist:
        raise Http404 from None
    now = timezone.now()
    trainers = selectors.trainers_with_agenda(location_id, now=now)
    wanted = request.GET.get("trainer", "")
    if wanted.isdigit():
        trainers = trainers.filter(pk=int(wanted))
    shown = [
        {"trainer": t, "days": by_day(selectors.slots_of(t, now=now, location_id=location_id))}
        for t in trainers
    ]
    return render(
        request,
        "intakes/slots.html",
        {"location": place, "trainers": shown, "days": selectors.WINDOW_DAYS},
    )


def _taken_page(request: HttpRequest, form_data: dict, taken: services.SlotTaken) -> HttpResponse:
    return render(
        request,
        "intakes/taken.html",
        {
            "nearest": [
                {"start": timezone.localtime(s.start), "key": slot_key(s.start)}
                for s in taken.nearest
            ],
            "data": form_data,
        },
        status=409,
    )


@login_required
def book(request: HttpRequest) -> HttpResponse:
    """The booking form: the chosen slot, the reason prefilled from the check and intake."""
    source = request.POST if request.method == "POST" else request.GET
    target = SlotForm(source)
    if not target.is_valid():
        raise Http404
    chosen = target.cleaned_data
    try:
        trainer = selectors.trainer_at(chosen["trainer"], chosen["location"])
        place = selectors.location(chosen["location"])
    except (Trainer.DoesNotExist, Location.DoesNotExist):
        raise Http404 from None
    starts_at = from_slot_key(chosen["start"])
    if request.method == "POST":
        form = BookForm(request.POST)
        if form.is_valid():
            try:
                booking = services.book(
                    member=request.user,
                    trainer=trainer,
                    location=place,
                    starts_at=starts_at,
                    reason=form.cleaned_data["reason"],
                )
            except services.SlotTaken as taken:
                return _taken_page(request, form.cleaned_data, taken)
            except services.BookingError as error:
                form.add_error(None, error.message)
            else:
                return redirect("intakes:done", booking_id=booking.pk)
    else:
        form = BookForm(initial={**chosen, "reason": suggested_reason(request.user)})
    return render(
        request,
        "intakes/book.html",
        {
            "form": form,
            "trainer": trainer,
            "location": place,
            "start": timezone.localtime(starts_at),
            "upcoming": selectors.upcoming_booking(request.user, now=timezone.now()),
        },
    )


@login_required
def done(request: HttpRequest, booking_id: int) -> HttpResponse:
    try:
        booking = selectors.member_booking(request.user, booking_id)
    except Booking.DoesNotExist:
        raise Http404 from None
    return render(
        request, "intakes/done.html", {"booking": booking, "cutoff": selectors.change_cutoff()}
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The member's intakes: upcoming (move, cancel) and past."""
    found = selectors.member_bookings(request.user)
    return render(
        request,
        "intakes/mine.html",
        {"bookings": found, "hours": int(selectors.change_cutoff().total_seconds() // 3600)},
    )


@login_required
def reschedule(request: HttpRequest, booking_id: int) -> HttpResponse:
    """Pick another free time with the same trainer at the same location."""
    try:
        booking = selectors.member_booking(request.user, booking_id)
    except Booking.DoesNotExist:
        raise Http404 from None
    if request.method == "POST":
        form = MoveForm(request.POST)
        if form.is_valid():
            try:
                services.reschedule(
                    member=request.user,
                    booking=booking,
                    starts_at=from_slot_key(form.cleaned_data["start"]),
                )
            except services.BookingError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Je intake is verplaatst. Je krijgt een e-mail."))
                return redirect("intakes:mine")
    try:
        selectors.trainer_at(booking.trainer_id, booking.location_id)
    except Trainer.DoesNotExist:  # the trainer left this location: only cancelling is left
        return render(request, "intakes/reschedule.html", {"booking": booking, "gone": True})
    free = selectors.trainer_slots(
        booking.trainer_id, booking.location_id, now=timezone.now(), ignore_booking=booking.pk
    )
    free = [s for s in free if s.start != booking.starts_at]
    return render(request, "intakes/reschedule.html", {"booking": booking, "days": by_day(free)})


@login_required
@require_POST
def cancel(request: HttpRequest, booking_id: int) -> HttpResponse:
    try:
        booking = selectors.member_booking(request.user, booking_id)
        services.cancel(member=request.user, booking=booking)
    except Booking.DoesNotExist:
        raise Http404 from None
    except services.BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Je intake is geannuleerd. Je krijgt een e-mail."))
    return redirect("intakes:mine")
