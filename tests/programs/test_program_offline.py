"""The phone keeps a program's next day for offline use, beside the plan's sessions: only
while the program's gate lets the member start it, and never after a check-in that blocks."""

import pytest
from django.urls import reverse

from rugcoach.programs import services
from rugcoach.programs.models import Enrollment
from tests.programs.helpers import SLUG, checked_yesterday, ready_to_play
from tests.training.helpers import check_in

pytestmark = pytest.mark.django_db


def offline(client, member) -> dict:
    client.force_login(member)
    return client.get(reverse("training:offline_urls")).json()


def test_the_next_day_is_kept_once_the_check_in_lets_the_member_train(member, client):
    services.join(member, program=SLUG)
    checked_yesterday(member)
    assert offline(client, member)["pages"] == [], "no check-in today: nothing to start"
    check_in(member)
    found = offline(client, member)
    assert found["pages"] == [reverse("programs:play", args=[SLUG])]
    # The day's animated figures go with it.
    assert found["figures"] and all("animated" in url for url in found["figures"])


def test_nothing_is_kept_after_a_check_in_that_blocks(member, client):
    services.join(member, program=SLUG)
    ready_to_play(member)
    assert offline(client, member)["pages"]
    check_in(member, checkin_nerve_signs=True)
    assert offline(client, member)["pages"] == []


def test_a_program_left_is_not_kept(member, client):
    services.join(member, program=SLUG)
    ready_to_play(member)
    services.leave(member, program=SLUG)
    assert not Enrollment.objects.filter(member=member, status="active").exists()
    assert offline(client, member)["pages"] == []
