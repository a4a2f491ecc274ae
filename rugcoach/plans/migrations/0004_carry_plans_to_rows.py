"""Carry every stored plan over to session, item and prescription rows (issue 10 §1).

The plan JSON (``Plan.plan``) stays as it was; the rows say the same thing with stable
keys. Written out here, not imported, so this migration never changes:

- a session's key is ``w<week>-<day>``, its day offset 7 × (week - 1) + the day's index
  (Monday 0 … Sunday 6), its title the week's theme;
- an item's key is ``<session key>.<order>``; its dose becomes version 1 of its
  prescription (the numbers as stored; tempo and breathing stay the library's, read with
  the exercise; the rung is unknown for these plans);
- each plan gets revision 1, "carried over".

Going back deletes the rows; the JSON was never touched.
"""

from django.db import migrations

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def prescription(item: dict) -> dict:
    return {
        "sets": item["sets"],
        "reps": item.get("reps"),
        "hold_seconds": item.get("hold_seconds"),
        "duration_seconds": item.get("duration_seconds"),
        "per_side": bool(item.get("per_side")),
        "rest_seconds": item.get("rest_seconds", 0),
        "tempo": None,
        "breathing": None,
        "load_note": None,
        "rung": None,
    }


def carry_over(apps, schema_editor):  # noqa: ANN001 - the migration's historical apps
    Plan = apps.get_model("plans", "Plan")
    PlanSession = apps.get_model("plans", "PlanSession")
    PlanItem = apps.get_model("plans", "PlanItem")
    PrescriptionVersion = apps.get_model("plans", "PrescriptionVersion")
    PlanRevision = apps.get_model("plans", "PlanRevision")
    for stored in Plan.objects.all().iterator():
        if PlanSession.objects.filter(plan=stored).exists():
            continue
        for week in stored.plan.get("weeks", []):
            for session in week.get("sessions", []):
                key = f"w{week['number']}-{session['weekday']}"
                pregnancy_week = session.get("pregnancy_week")
                row = PlanSession.objects.create(
                    plan=stored,
                    key=key,
                    day_offset=7 * (week["number"] - 1) + DAYS.index(session["weekday"]),
                    order=0,
                    title=week.get("theme"),
                    seconds=session.get("seconds", 0),
                    note="" if pregnancy_week is None else f"pregnancy-week:{pregnancy_week}",
                )
                for order, item in enumerate(session.get("items", [])):
                    item_row = PlanItem.objects.create(
                        session=row,
                        key=f"{key}.{order}",
                        order=order,
                        slug=item["slug"],
                        role=item["role"],
                        reason=item["reason"],
                        focus=item.get("focus") or "",
                        replaces=item.get("replaces") or "",
                        step=item["step"],
                    )
                    PrescriptionVersion.objects.create(
                        item=item_row,
                        number=1,
                        prescription=prescription(item),
                        reason=item["reason"],
                        source="swap" if item["step"] == "swapped" else "planner",
                        created_at=stored.created_at,
                    )
        PlanRevision.objects.create(
            plan=stored,
            number=1,
            created_at=stored.created_at,
            changed_by="planner",
            what={"kind": "carried-over", "plan_version": stored.plan.get("version", 1)},
            why="stored before plans had session rows (issue 10)",
        )


def remove_rows(apps, schema_editor):  # noqa: ANN001
    apps.get_model("plans", "PlanSession").objects.all().delete()
    apps.get_model("plans", "PlanRevision").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_schedule_rows")]

    operations = [migrations.RunPython(carry_over, remove_rows)]
