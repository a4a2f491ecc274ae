"""The data migration that turns a stored trimester into a plausible due date."""

from datetime import UTC, date, datetime, timedelta

import pytest

from rugcoach.core.planner.pregnancy import pregnancy_stage
from tests.plans.migrating import back_to_the_latest_schema, migrate  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("plans", "0001_initial")]
AFTER = [("plans", "0002_due_date_from_trimester")]
GIVEN_ON = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def profile(**changes: object) -> dict[str, object]:
    return {
        "situation": "pregnancy",
        "equipment": [],
        "minutes_per_session": 15,
        "weekdays": ["mon", "thu"],
        "complaint_weeks": 2,
        "triggers": [],
        **changes,
    }


def test_a_stored_trimester_becomes_a_due_date_in_that_trimester_and_back():
    apps = migrate(BEFORE)
    User = apps.get_model("accounts", "User")
    Intake = apps.get_model("plans", "Intake")
    Plan = apps.get_model("plans", "Plan")
    rows = {}
    for number, trimester in enumerate((1, 2, 3, None)):
        member = User.objects.create(email=f"m{number}@example.com", password="x")
        data = profile(trimester=trimester)
        if trimester is None:
            data["situation"] = "home"
        intake = Intake.objects.create(member=member, profile=data)
        Intake.objects.filter(pk=intake.pk).update(updated_at=GIVEN_ON)
        plan = Plan.objects.create(
            member=member,
            created_at=GIVEN_ON,
            starts_on=date(2026, 3, 2),
            profile=data,
            verdict={},
            plan={},
        )
        rows[trimester] = (intake.pk, plan.pk)

    apps = migrate(AFTER)
    Intake = apps.get_model("plans", "Intake")
    Plan = apps.get_model("plans", "Plan")
    given_on = GIVEN_ON.date()
    expected_weeks = {1: 12, 2: 20, 3: 33}
    for trimester, (intake_pk, plan_pk) in rows.items():
        for stored in (
            Intake.objects.get(pk=intake_pk).profile,
            Plan.objects.get(pk=plan_pk).profile,
        ):
            assert "trimester" not in stored
            if trimester is None:
                assert stored["due_date"] is None
                continue
            due = date.fromisoformat(stored["due_date"])
            stage = pregnancy_stage(due, given_on)
            assert stage.trimester == trimester
            assert stage.week == expected_weeks[trimester]
    # The first trimester errs on the safe side: week 13 (no lying on the back) comes
    # within a week of the day the trimester was given.
    due = date.fromisoformat(Intake.objects.get(pk=rows[1][0]).profile["due_date"])
    assert pregnancy_stage(due, given_on + timedelta(days=7)).week == 13
    # The intake's own "last changed" stays the day the member gave the trimester.
    assert Intake.objects.get(pk=rows[1][0]).updated_at == GIVEN_ON

    apps = migrate(BEFORE)
    Intake = apps.get_model("plans", "Intake")
    restored = {
        t: Intake.objects.get(pk=pks[0]).profile.get("trimester") for t, pks in rows.items()
    }
    assert restored == {1: 1, 2: 2, 3: 3, None: None}
    migrate(AFTER)
