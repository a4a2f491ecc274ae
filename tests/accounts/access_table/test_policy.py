"""The access rule itself (rugcoach/accounts/access.py), actor by actor and scope by scope,
and the selectors and services that ask it."""

import pytest

from rugcoach.accounts import access
from rugcoach.accounts.models import AccessLogEntry
from rugcoach.core.planner import Weekday
from rugcoach.plans import selectors, services
from rugcoach.trainers import consent
from tests.accounts.access_table.actors import OTHERS, Actor
from tests.accounts.access_table.world import World, a_replacement

pytestmark = pytest.mark.django_db


READ, CHANGE = access.Action.READ, access.Action.CHANGE
HEALTH, BOOKING, ACCOUNT = access.Scope.HEALTH, access.Scope.BOOKING, access.Scope.ACCOUNT

# What each actor may do with Sanne's data, by the rule alone (issue 15 §3): a booking
# shares the booking, to read; consent shares health and booking, to read and change; the
# account (export, deletion, consents, the log) is Sanne's alone. Nobody else gets anything.
RULE: dict[Actor, set[tuple[access.Action, access.Scope]]] = {
    Actor.VISITOR: set(),
    Actor.MEMBER: {(a, s) for a in access.Action for s in access.Scope},
    Actor.OTHER_MEMBER: set(),
    Actor.TRAINER: set(),
    Actor.BOOKED_TRAINER: {(READ, BOOKING)},
    Actor.CONSENTED_TRAINER: {(READ, HEALTH), (CHANGE, HEALTH), (READ, BOOKING), (CHANGE, BOOKING)},
    Actor.ADMIN: set(),
}


def _may(world: World, actor: Actor) -> set[tuple[access.Action, access.Scope]]:
    from django.contrib.auth.models import AnonymousUser

    person = world.people[actor] or AnonymousUser()
    return {
        (action, scope)
        for action in access.Action
        for scope in access.Scope
        if access.may(person, world.sanne.pk, action, scope)
    }


def test_the_rule_for_every_actor(world):
    assert {actor: _may(world, actor) for actor in Actor} == RULE
    # The lists of many members agree with the rule (the dashboard's and agenda's filter).
    for actor in OTHERS:
        person = world.people[actor]
        for action in access.Action:
            for scope in access.Scope:
                ids = access.reachable_member_ids(person, action, scope)
                reached = ids is not None and world.sanne.pk in set(ids)
                assert reached == ((action, scope) in RULE[actor]), (actor, action, scope)


def test_revoked_consent_and_a_cancelled_booking_share_nothing(world):
    consented = world.people[Actor.CONSENTED_TRAINER]
    from rugcoach.intakes.models import Booking, Trainer

    consent.revoke(member=world.sanne, trainer=Trainer.objects.get(pk=world.consented_trainer_id))
    assert _may(world, Actor.CONSENTED_TRAINER) == {(READ, BOOKING)}, "only the intake's booking"
    with pytest.raises(access.AccessDenied):
        selectors.current_plan(world.sanne, viewer=consented)
    Booking.objects.filter(member=world.sanne).update(status=Booking.Status.CANCELLED)
    assert _may(world, Actor.CONSENTED_TRAINER) == set()
    assert _may(world, Actor.BOOKED_TRAINER) == set()


def test_a_deactivated_member_reaches_nothing(world):
    sanne = world.sanne
    sanne.is_active = False
    assert not any(access.may(sanne, sanne.pk, a, s) for a in access.Action for s in access.Scope)


def test_selectors_and_services_refuse_another_viewer(world):
    for actor in (Actor.OTHER_MEMBER, Actor.TRAINER, Actor.BOOKED_TRAINER, Actor.ADMIN):
        viewer = world.people[actor]
        with pytest.raises(access.AccessDenied):
            selectors.current_plan(world.sanne, viewer=viewer)
        with pytest.raises(access.AccessDenied):
            selectors.intake_of(world.sanne, viewer=viewer)
        with pytest.raises(access.AccessDenied):
            from rugcoach.triage.selectors import member_results

            member_results(world.sanne, viewer=viewer)
        stored = selectors.current_plan(world.sanne)
        week, weekday, slug = world.first_item
        with pytest.raises(access.AccessDenied):
            services.swap_exercise(
                stored, week, Weekday(weekday), slug, a_replacement(world), by=viewer
            )
        with pytest.raises(access.AccessDenied):
            access.reads(world.sanne, viewer, scope=ACCOUNT)  # her export, consents, log
    assert selectors.current_plan(world.sanne, viewer=world.sanne) is not None


def test_the_consented_trainer_reads_and_it_is_logged(world):
    consented = world.people[Actor.CONSENTED_TRAINER]
    before = AccessLogEntry.objects.filter(member=world.sanne).count()
    assert selectors.current_plan(world.sanne, viewer=consented) is not None
    assert selectors.intake_of(world.sanne, viewer=consented) is not None
    entries = AccessLogEntry.objects.filter(member=world.sanne)
    assert entries.count() == before + 2
    assert {e.viewer_id for e in entries} == {consented.pk}
