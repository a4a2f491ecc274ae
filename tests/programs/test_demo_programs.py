"""`make run`'s demo members are in the 30-day challenge with five days done, once."""

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from rugcoach.programs.models import Enrollment, ProgramDay

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_the_demo_members_have_five_days_of_the_challenge_once(client):
    call_command("demo_accounts")
    call_command("demo_history")
    call_command("demo_programs")
    for email in ("lid@rugcoach.test", "member@rugcoach.test"):
        enrollment = Enrollment.objects.get(member__email=email, program="challenge-30-days")
        days = ProgramDay.objects.filter(enrollment=enrollment)
        assert [d.day_key for d in days] == ["d01", "d02", "d03", "d04", "d05"]
    call_command("demo_programs")  # again: nothing is added
    assert ProgramDay.objects.count() == 10

    client.force_login(Enrollment.objects.get(member__email="lid@rugcoach.test").member)
    html = client.get(reverse("programs:detail", args=["challenge-30-days"])).content.decode()
    assert 'data-testid="streak">5<' in html
    assert "<strong>6</strong>" in html, "day 6 is next"


def test_demo_programs_is_refused_outside_debug():
    with pytest.raises(CommandError):
        call_command("demo_programs")
