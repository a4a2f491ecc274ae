"""Sanne with all her data, and the people who might try to reach it: built once per test
module (conftest.py), read by the rows to build their URLs and bodies."""

import uuid
from dataclasses import dataclass
from datetime import time, timedelta

from django.urls import reverse
from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.planner import Profile, SelfTests, Weekday, alternatives
from rugcoach.core.triage.engine import Verdict
from rugcoach.intakes import selectors as intake_selectors
from rugcoach.intakes.models import AvailabilityBlock
from rugcoach.plans import selectors, services
from rugcoach.plans.models import CalendarFeed, PlanItem
from rugcoach.programs import services as programs_services
from rugcoach.trainers import consent
from rugcoach.training import services as training_services
from rugcoach.training.models import FollowUp
from tests.accounts.access_table.actors import Actor, Marker
from tests.plan_helpers import HOME_PROFILE, PASSWORD, TODAY, record_triage
from tests.sharing.helpers import booking, trainer

BOOKING_REASON = "Pijn bij tillen sinds de verhuizing"
CHALLENGE = "challenge-30-days"  # the program Sanne joined
OTHER_PASSWORD = "not-Sannes-password-77"


@dataclass(frozen=True)
class World:
    """Sanne with all her data, and the people who might try to reach it."""

    sanne: User
    people: dict[Actor, User | None]
    result_id: int
    feed_token: str
    first_item: tuple[int, str, str]  # (week, weekday, slug) of her plan's first exercise
    plan_session_id: int  # her plan's first session (the player's URL)
    plan_session_key: str  # the same session's key in her plan (the plan page's start link)
    training_key: str  # the client key of a session she trained
    followup_id: int  # that session's next-morning question, due now
    booked_trainer_id: int  # intakes.Trainer of the trainer she booked
    consented_trainer_id: int  # intakes.Trainer of the trainer she consented to
    booking_id: int  # her upcoming intake with the booked trainer
    location_id: int  # where both trainers work
    free_slot: int  # a free slot of the booked trainer (its key: seconds since 1970)
    plan_item_key: str  # her plan's first item's key (the trainer's swap and dose pages)
    sanne_id: int  # her id (kept: a case may delete her)

    def markers(self) -> dict[Marker, str]:
        """Strings that only an answer about Sanne's data contains."""
        return {
            Marker.EMAIL: self.sanne.email,
            Marker.NAME: self.sanne.first_name,
            Marker.FEED: self.feed_token,
            Marker.CHECK: reverse("triage:member_result", args=[self.result_id]),
            Marker.SESSION: self.training_key,
            Marker.REASON: BOOKING_REASON,
        }


def a_replacement(world: World) -> str:
    """An exercise that may take the place of Sanne's first one (a valid swap for her)."""
    stored = selectors.current_plan(world.sanne)
    assert stored is not None
    catalog = get_catalog()
    week, weekday, slug = world.first_item
    options = alternatives(
        selectors.parsed_plan(stored),
        week,
        Weekday(weekday),
        slug,
        Profile.model_validate(stored.profile),
        Verdict.model_validate(stored.verdict),
        catalog,
        catalog.planner,
    )
    assert options, "Sanne's first exercise needs an alternative for the swap rows"
    return options[0]


def _person(email: str, role: str = User.Role.MEMBER) -> User:
    name = email.split("@")[0]
    return User.objects.create_user(email, OTHER_PASSWORD, first_name=name, role=role)


def build_world() -> World:
    sanne = User.objects.create_user("sanne@example.com", PASSWORD, first_name="Sanneke")
    result = record_triage(sanne)
    services.save_intake(sanne, HOME_PROFILE, SelfTests(bridge_felt_in="lower-back"))
    services.generate_plan(sanne, TODAY)
    feed = CalendarFeed.objects.create(member=sanne, kind="sessions")
    CalendarFeed.objects.create(member=sanne, kind="posture", workdays=["mon"])
    stored = selectors.current_plan(sanne)
    assert stored is not None
    first_session = selectors.parsed_plan(stored).weeks[0].sessions[0]
    plan_session = stored.sessions.order_by("day_offset", "order").first()
    assert plan_session is not None
    trained, _created = training_services.record_session(
        sanne,
        training_services.SessionReport(
            client_key=uuid.uuid4(),
            started_at=plan_session.plan.created_at,
            completed=True,
            plan_session=plan_session.pk,
            pain_after=1,
        ),
    )
    programs_services.join(sanne, program=CHALLENGE)
    # The next morning has come: her question is open (home, plan, its page, the API).
    FollowUp.objects.filter(session=trained).update(due_at=timezone.now() - timedelta(minutes=1))
    # An intake booked with one trainer; another she met at an intake and consented to,
    # who looked at her plan once (so her access log has an entry).
    booked = trainer("booked@example.com", "Bettina", "Geboekt", password=OTHER_PASSWORD)
    upcoming = booking(sanne, booked, reason=BOOKING_REASON)
    for weekday in range(7):  # free slots to book (the booking pages and the API)
        AvailabilityBlock.objects.create(
            trainer=booked,
            location=upcoming.location,
            weekday=weekday,
            starts=time(9),
            ends=time(17),
        )
    free = intake_selectors.slots_of(booked, now=timezone.now(), location_id=upcoming.location_id)
    first_item = (
        PlanItem.objects.filter(session=plan_session).order_by("order", "id").values("key").first()
    )
    assert free and first_item is not None
    consented = trainer("consented@example.com", "Chris", "Gedeeld", password=OTHER_PASSWORD)
    booking(
        sanne,
        consented,
        starts_at=timezone.now() - timedelta(days=7),
        status="attended",
        reason=BOOKING_REASON,
    )
    consent.give(member=sanne, trainer=consented)
    selectors.current_plan(sanne, viewer=consented.user)
    people: dict[Actor, User | None] = {
        Actor.VISITOR: None,
        Actor.MEMBER: sanne,
        Actor.OTHER_MEMBER: _person("ruud@example.com"),
        Actor.TRAINER: trainer("coach@example.com", "Coco", password=OTHER_PASSWORD).user,
        Actor.BOOKED_TRAINER: booked.user,
        Actor.CONSENTED_TRAINER: consented.user,
        Actor.ADMIN: User.objects.create_user(
            "admin@example.com", OTHER_PASSWORD, first_name="Ada", role="admin", is_staff=True
        ),
    }
    return World(
        sanne=sanne,
        people=people,
        result_id=result.pk,
        feed_token=feed.token,
        first_item=(1, first_session.weekday.value, first_session.items[0].slug),
        plan_session_id=plan_session.pk,
        plan_session_key=plan_session.key,
        training_key=str(trained.client_key),
        followup_id=FollowUp.objects.get(session=trained).pk,
        booked_trainer_id=booked.pk,
        consented_trainer_id=consented.pk,
        booking_id=upcoming.pk,
        location_id=upcoming.location_id,
        free_slot=int(free[-1].start.timestamp()),
        plan_item_key=first_item["key"],
        sanne_id=sanne.pk,
    )
