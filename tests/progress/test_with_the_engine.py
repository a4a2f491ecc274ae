"""The progress page over what the app really stores: a session through record_session
(its pain before from the check-in), the next morning's answer through answer_followup, and
the progression engine's dose change."""

import re

import pytest

from rugcoach.content import get_catalog
from rugcoach.training import services
from tests.training.helpers import (
    check_in,
    checks_made_yesterday,
    in_next_session,
    plan_starting_today,
    the_next_morning,
    train,
)

pytestmark = pytest.mark.django_db


def test_an_it_hurt_session_and_a_worse_morning_show_on_the_progress_page(client, member_with_plan):
    member = member_with_plan
    first = plan_starting_today(member)
    checks_made_yesterday(member)
    check_in(member, pain_now=3)
    hurt = in_next_session(first)
    session = train(member, first, {hurt.slug: ("hurt", 7)}, pain_after=4)
    morning = the_next_morning(session)
    services.answer_followup(member, followup_id=morning.pk, feeling="worse", pain=5)

    client.force_login(member)
    html = client.get("/voortgang/").content.decode()

    table = html.split('class="data-table pain-table"')[1].split("</table>")[0]
    cells = re.findall(r"<td>(.*?)</td>", table)
    assert cells == ["3", "4", "5"], "before (the check-in), after, the next morning"
    assert len(re.findall(r'class="point point-morning"', html)) == 1
    assert "1 trainingsdag op rij" in html
    changes = html.split('class="dose-changes"')[1].split("</ul>")[0]
    exercise = get_catalog().exercise(hurt.slug)
    assert exercise is not None
    assert f"<strong>{exercise.name.nl}</strong>" in changes
    assert "E2" in changes, "the rule of an exercise that hurt"
    assert " → " in changes
