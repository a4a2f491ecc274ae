"""Every row of the table as every actor (the package's docstring says what is checked)."""

import pytest
from django.test import Client
from django.urls import reverse

from rugcoach.accounts import access
from rugcoach.accounts.models import AccessLogEntry
from tests.accounts.access_table.actors import LINKED, LOGIN, Actor
from tests.accounts.access_table.calls import call, comparable, normalised, snapshot
from tests.accounts.access_table.row import Row, row_id
from tests.accounts.access_table.table import TABLE

pytestmark = pytest.mark.django_db


CASES = [
    pytest.param(row, actor, id=f"{row_id(row)} as {actor}") for row in TABLE for actor in Actor
]


@pytest.mark.parametrize(("row", "actor"), CASES)
def test_each_actor_gets_the_expected_answer_and_nothing_of_sannes(row: Row, actor: Actor, world):
    client = Client()
    person = world.people[actor]
    if person is not None:
        client.force_login(person)
    before = snapshot(world.sanne)
    logged = AccessLogEntry.objects.filter(member=world.sanne).count()
    logged_by = AccessLogEntry.objects.filter(member=world.sanne, viewer=person).count()

    response = call(client, row, world)

    expected = row.expect[actor]
    if expected == LOGIN:
        assert response.status_code == 302, row.note
        assert response["Location"].startswith(reverse("accounts:login"))
    else:
        assert response.status_code == expected, (row.note, response.content[:300])
    if actor is Actor.MEMBER:
        return
    if actor in row.changes_sanne:
        # A linked trainer's change is real (or the table could not tell) and in her log.
        assert snapshot(world.sanne) != before, "the trainer's change did not reach Sanne"
        changes = AccessLogEntry.objects.filter(
            member=world.sanne, viewer=person, action=access.Action.CHANGE
        )
        assert AccessLogEntry.objects.filter(member=world.sanne, viewer=person).count() > logged_by
        assert changes.exists(), "her log says a trainer changed something"
    else:
        assert snapshot(world.sanne) == before, "another person's request changed Sanne's data"
    if actor not in LINKED:
        # Only a rule that grants access logs it: nobody else leaves a trace in her log.
        assert AccessLogEntry.objects.filter(member=world.sanne).count() == logged
    if row.markers_of_sanne_allowed:
        return
    allowed = row.sees_sanne.get(actor, frozenset())
    body = response.content.decode("utf-8", errors="replace")
    if allowed and row.names_her:
        assert world.sanne.first_name in body, "the page that shares her data shows her"
    if row.method == "get" and comparable(response) and not allowed:
        # What another person reads must not depend on Sanne's data at all: the same
        # request once Sanne is gone gives the same page (bar the CSRF token).
        world.sanne.delete()
        again = call(client, row, world)
        assert (again.status_code, normalised(again)) == (
            response.status_code,
            normalised(response),
        ), "the answer depends on Sanne's data"
    # A visitor's login redirect names the URL they asked for (?next=): not a leak.
    location = "" if expected == LOGIN else response.get("Location", "")
    for name, marker in world.markers().items():
        if name in allowed:
            continue
        assert marker not in body and marker not in location, f"{name} {marker!r} leaked"


def test_a_member_writing_their_own_data_does_change_it(world):
    """The unchanged-data check above can fail: the same write as Sanne changes her data."""
    client = Client()
    client.force_login(world.sanne)
    before = snapshot(world.sanne)
    row = next(r for r in TABLE if r.id == "post-intake")
    assert call(client, row, world).status_code == 302
    assert snapshot(world.sanne) != before
