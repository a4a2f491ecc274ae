"""A check-in asked for by a program's session goes back to that session (``?next=``):
only to a page of this site, and only when the check-in lets the member train."""

import pytest

from rugcoach.triage.models import TriageResult
from tests.triage.test_checkin_worse_after_training import CHECKIN, member, page_answers

__all__ = ["member"]  # the fixture, used by name

PLAY = "/programmas/challenge-30-days/trainen/"


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        (PLAY, PLAY),
        ("https://elders.example/phish", "/plan/vandaag/"),
        ("//elders.example/phish", "/plan/vandaag/"),
        ("", "/plan/vandaag/"),
    ],
)
def test_a_calm_check_in_goes_on_to_the_page_that_asked_for_it(client, member, next_url, lands_on):
    client.force_login(member)
    response = client.post(f"{CHECKIN}?next={next_url}", page_answers())
    assert response.status_code == 302
    assert response["Location"] == lands_on


def test_a_check_in_that_blocks_shows_its_verdict_whatever_asked_for_it(client, member):
    client.force_login(member)
    response = client.post(f"{CHECKIN}?next={PLAY}", page_answers(checkin_genital_sensation=True))
    stored = TriageResult.objects.filter(member=member, kind="checkin").first()
    assert not stored.may_train
    assert response.status_code == 302
    assert response["Location"] != PLAY
    assert str(stored.pk) in response["Location"]
