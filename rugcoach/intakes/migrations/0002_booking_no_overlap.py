"""No two bookings of one trainer overlap, unless cancelled: decided by PostgreSQL.

On PostgreSQL an exclusion constraint over (trainer =, [starts_at, ends_at) &&) for
bookings that are not cancelled (btree_gist lets the trainer's id join a GiST index). On
SQLite both operations do nothing: the booking service checks for overlap inside an
immediate transaction, which holds SQLite's one write lock (docs/intakes.md).
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations, models

CONSTRAINT = "booking_no_overlap"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE intakes_booking ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(trainer_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
        "WHERE (status <> 'cancelled')"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE intakes_booking DROP CONSTRAINT {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("intakes", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="booking",
            name="sequence",
            field=models.PositiveIntegerField(
                default=0,
                help_text="the calendar invitation's SEQUENCE: +1 on each reschedule or cancel",
            ),
        ),
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, drop_constraint),
    ]
