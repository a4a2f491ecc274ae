"""Intakes and plans stored a trimester; they now store the due date (uitgerekende datum).

A trimester does not say the exact week, so each stored trimester becomes a plausible due
date, counted from the day it was given (the intake's last change, the plan's creation):

- 1st trimester → 12 weeks pregnant on that day: the safe side, because the week-13
  switch to inclined or side-lying exercises then comes a week later at the latest;
- 2nd trimester → 20 weeks (the middle of weeks 13–27);
- 3rd trimester → 33 weeks (the middle of weeks 28–40).

The member sees the date in her intake and can correct it. docs/planner.md says the same.
The arithmetic is written out here (not imported) so the migration never changes.
"""

from datetime import date, timedelta

from django.db import migrations
from django.utils import timezone

FULL_TERM_DAYS = 280
WEEK_FOR_TRIMESTER = {1: 12, 2: 20, 3: 33}


def due_date_for(trimester: int, given_on: date) -> date:
    # Mid-week (day 3) of the assumed week: a week counts from 280 days before the due date.
    week = WEEK_FOR_TRIMESTER[trimester]
    return given_on + timedelta(days=FULL_TERM_DAYS - 7 * week - 3)


def trimester_for(due: date, on: date) -> int:
    week = max(0, FULL_TERM_DAYS - (due - on).days) // 7
    return 3 if week >= 28 else 2 if week >= 13 else 1


def _day(moment) -> date:  # noqa: ANN001 - a datetime from the historical model
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def to_due_date(profile: dict, given_on: date) -> dict | None:
    if "trimester" not in profile:
        return None
    changed = {key: value for key, value in profile.items() if key != "trimester"}
    trimester = profile["trimester"]
    changed["due_date"] = (
        due_date_for(int(trimester), given_on).isoformat() if trimester is not None else None
    )
    return changed


def to_trimester(profile: dict, given_on: date) -> dict | None:
    if "due_date" not in profile:
        return None
    changed = {key: value for key, value in profile.items() if key != "due_date"}
    due = profile["due_date"]
    changed["trimester"] = (
        trimester_for(date.fromisoformat(due), given_on) if due is not None else None
    )
    return changed


def _convert(apps, convert) -> None:  # noqa: ANN001
    Intake = apps.get_model("plans", "Intake")
    Plan = apps.get_model("plans", "Plan")
    for intake in Intake.objects.all().only("pk", "profile", "updated_at"):
        changed = convert(intake.profile, _day(intake.updated_at))
        if changed is not None:
            # update(), not save(): keep updated_at, the day the member last changed it.
            Intake.objects.filter(pk=intake.pk).update(profile=changed)
    for plan in Plan.objects.all().only("pk", "profile", "created_at"):
        changed = convert(plan.profile, _day(plan.created_at))
        if changed is not None:
            Plan.objects.filter(pk=plan.pk).update(profile=changed)


def forwards(apps, schema_editor) -> None:  # noqa: ANN001
    _convert(apps, to_due_date)


def backwards(apps, schema_editor) -> None:  # noqa: ANN001
    _convert(apps, to_trimester)


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
