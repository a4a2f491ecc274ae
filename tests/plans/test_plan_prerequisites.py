"""What a member must do before a plan can be made, as typed errors (issue 10 §3: no
``PlanNotPossible("triage")`` compared as a string), and what the page and API say."""

from datetime import timedelta

import pytest

from rugcoach.core.planner import Profile
from rugcoach.plans import services
from tests.plan_helpers import HOME_PROFILE, TODAY, record_triage

pytestmark = pytest.mark.django_db


def test_without_a_safety_check_the_error_asks_for_it(client, member):
    with pytest.raises(services.TriageNeeded):
        services.generate_plan(member, TODAY)
    client.force_login(member)
    response = client.post("/api/plans/current/regenerate")
    assert response.status_code == 409
    assert response.json()["detail"] == "Do the safety check first."


def test_without_an_intake_the_error_asks_for_it(client, member):
    record_triage(member)
    with pytest.raises(services.IntakeNeeded) as raised:
        services.generate_plan(member, TODAY)
    assert not isinstance(raised.value, services.DueDatePassed)
    client.force_login(member)
    assert client.post("/plan/maken/")["Location"] == "/plan/intake/"


def test_a_past_due_date_asks_to_update_the_intake(client, member):
    record_triage(member)
    pregnant = Profile.model_validate(
        {
            **HOME_PROFILE.model_dump(),
            "situation": "pregnancy",
            "due_date": TODAY - timedelta(days=30),
        }
    )
    services.save_intake(member, pregnant)
    with pytest.raises(services.DueDatePassed):
        services.generate_plan(member, TODAY)
