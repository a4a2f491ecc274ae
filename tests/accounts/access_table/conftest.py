"""The world every test of the table and the policy runs against (world.py)."""

from dataclasses import replace

import pytest
from django.db import transaction

from rugcoach.accounts.models import User
from tests.accounts.access_table.actors import Actor
from tests.accounts.access_table.world import World, build_world


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Sanne's world, built once for the module inside a transaction rolled back at its end
    (building it takes about a second; the table has hundreds of cases)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build_world()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def world(_module_world: World, db) -> World:  # type: ignore[no-untyped-def]
    """The module's world for one case (run in a savepoint that is rolled back), with the
    people read again: a case may log in as them, deactivate or delete them."""
    people = {
        actor: None if person is None else User.objects.get(pk=person.pk)
        for actor, person in _module_world.people.items()
    }
    sanne = people[Actor.MEMBER]
    assert sanne is not None
    return replace(_module_world, sanne=sanne, people=people)
