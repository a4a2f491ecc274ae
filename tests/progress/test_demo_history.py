"""`make run`'s demo members arrive with two weeks of training: the progress page, the
dose changes and an open question are there to see at once."""

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from rugcoach.training.models import Adaptation, FollowUp, TrainingSession

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_the_demo_members_get_two_weeks_of_training_once(client):
    call_command("demo_accounts")
    call_command("demo_history")
    sanne = TrainingSession.objects.filter(member__email="lid@rugcoach.test")
    assert sanne.count() == 6
    assert sanne.filter(pain_before__isnull=False).count() == 6
    assert FollowUp.objects.filter(session__in=sanne, answered_at__isnull=True).count() == 1
    changes = [
        c for a in Adaptation.objects.filter(member__email="lid@rugcoach.test") for c in a.changes
    ]
    assert any(c["rule"] == "E2" for c in changes), "the exercise that hurt was lowered"

    call_command("demo_history")  # again: nothing is added
    assert sanne.count() == 6

    client.force_login(sanne.first().member)
    page = client.get("/voortgang/").content.decode()
    assert "pain-chart" in page and "Deze oefening deed pijn" in page


def test_demo_history_is_refused_outside_debug():
    with pytest.raises(CommandError):
        call_command("demo_history")
