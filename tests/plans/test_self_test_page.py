"""The self-test page shows only the tests this member may do: as usual, as a safe
version (side-lying or standing), or skipped with the reason."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from rugcoach.core.planner import Profile
from rugcoach.plans import services
from rugcoach.plans.models import Intake
from tests.plan_helpers import HOME_PROFILE, record_triage

pytestmark = pytest.mark.django_db

BRIDGE_FIELD = 'name="bridge_felt_in"'
CORE_FIELDS = ('name="core_belly_shakes"', 'name="core_breath_stops"', 'name="core_pelvis_moves"')


def changed(**changes: object) -> Profile:
    return Profile.model_validate({**HOME_PROFILE.model_dump(mode="json"), **changes})


def pregnant_profile(weeks_now: int) -> Profile:
    due = timezone.localdate() + timedelta(days=280 - 7 * weeks_now - 3)
    return changed(situation="pregnancy", due_date=due)


def page(client, member) -> str:  # type: ignore[no-untyped-def]
    client.force_login(member)
    response = client.get("/plan/zelftests/")
    assert response.status_code == 200
    return response.content.decode()


def test_everyone_else_gets_both_tests_on_the_back(client, member):
    record_triage(member)
    services.save_intake(member, HOME_PROFILE)
    html = page(client, member)
    assert "2 korte zelftests en je dagelijks leven" in html
    assert "De bruggetjestest" in html and BRIDGE_FIELD in html
    assert all(field in html for field in CORE_FIELDS)
    assert "druk hem ook niet in de grond" in html  # the guide's core test


def test_from_week_13_of_pregnancy_the_tests_are_on_the_side_and_standing(client, member):
    record_triage(member)
    services.save_intake(member, pregnant_profile(14))
    html = page(client, member)
    assert "De bruggetjestest" not in html and "lig op je rug, voeten plat" not in html
    assert "De bilspiertest op je zij" in html and BRIDGE_FIELD in html
    assert "De core-test staand" in html and "Lig op je rug met gebogen" not in html
    assert "Je bent 13 weken of langer zwanger" in html


def test_early_in_pregnancy_the_guides_tests_stay(client, member):
    record_triage(member)
    services.save_intake(member, pregnant_profile(8))
    html = page(client, member)
    assert "De bruggetjestest" in html and "De core-test" in html
    assert "13 weken of langer" not in html


def test_acute_lumbago_skips_both_tests_and_posted_answers_are_not_saved(client, member):
    record_triage(member, onset="sudden")  # the latest full check gives acute-pain
    services.save_intake(member, HOME_PROFILE)
    html = page(client, member)
    assert BRIDGE_FIELD not in html
    assert not any(field in html for field in CORE_FIELDS)
    assert "Doe deze test nu niet" in html
    assert "Een paar vragen over je dag" in html
    client.post("/plan/zelftests/", {"bridge_felt_in": "lower-back", "core_belly_shakes": "yes"})
    stored = Intake.objects.get(member=member).self_tests
    assert stored["bridge_felt_in"] is None and stored["core_belly_shakes"] is None


def test_an_unexamined_hernia_skips_the_bridge_and_asks_the_core_test_standing(client, member):
    record_triage(member)
    services.save_intake(member, changed(situation="hernia-lumbago"))
    html = page(client, member)
    assert BRIDGE_FIELD not in html
    assert "Sla deze test over tot een fysiotherapeut of arts" in html
    assert "De core-test staand" in html and all(field in html for field in CORE_FIELDS)


def test_a_hernia_a_professional_has_examined_gets_the_usual_tests(client, member):
    record_triage(member, earlier_hernia_or_stenosis=True, cleared_by_professional=True)
    services.save_intake(member, changed(situation="hernia-lumbago"))
    html = page(client, member)
    assert "De bruggetjestest" in html and BRIDGE_FIELD in html


def test_a_pregnancy_week_from_the_check_prefills_a_due_date_to_confirm(client, member):
    from rugcoach.triage.models import TriageResult

    stored = record_triage(member)
    # A check that asks the week of pregnancy (the triage side of issue 8) stores it.
    TriageResult.objects.filter(pk=stored.pk).update(
        answers={**stored.answers, "pregnancy_week": 20}
    )
    client.force_login(member)
    html = client.get("/plan/intake/").content.decode()
    due = timezone.localdate() + timedelta(days=280 - 20 * 7 - 3)
    assert f'value="{due.isoformat()}"' in html
    radio = re.search(r'<input[^>]*value="pregnancy"[^>]*>', html).group(0)
    assert "checked" in radio
    assert Intake.objects.count() == 0  # only a suggestion until she saves it
