"""The questions' fingerprint now covers only what a full check asks and stores.

Issue 13 adds a check-in-only question (``checkin_worse_after_training``). Under the old
fingerprint (every question plus the check-in's order) that would have sent every member
back to the full check, though a full check never stores a check-in answer. The new
fingerprint (``core/triage/loader.questions_version``) leaves check-in-only questions
out, so its value differs from the old one for the same full-check questions. This
migration rewrites the one value that means "made with the questions just before this
change" to the value those same questions have under the new fingerprint.

Both values were computed from ``content/triage/questions.yaml`` when this was written:
``OLD`` with the old function on the questions of commit b443e63, ``NEW`` with the new
function on those questions, which is also its value with the added check-in question.
Any other stored value (an older question set, or empty) was outdated before and stays
so: only a check that meant the same keeps meaning the same.
"""

from django.db import migrations

OLD = "591bf0b9d8d4"
NEW = "4c75337cb1e7"


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    TriageResult = apps.get_model("triage", "TriageResult")
    TriageResult.objects.filter(questions_version=OLD).update(questions_version=NEW)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    # The old code computes OLD for these questions; a check made after this migration
    # answered the same full-check questions, so it maps back too.
    TriageResult = apps.get_model("triage", "TriageResult")
    TriageResult.objects.filter(questions_version=NEW).update(questions_version=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0002_questions_version"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
