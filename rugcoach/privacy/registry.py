"""Every app that holds member data, in one list: the export reads them all.

An app adds itself with an ``exports`` module that has ``MODELS`` (the models with a
member foreign key whose rows it exports) and ``export_member_data(member) -> dict``.
``tests/privacy`` fails when a model with a member foreign key is in no app's ``MODELS``
and not in ``NOT_MEMBER_DATA``, so new data cannot be left out of the export by accident.
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.db import models

# In the order the export shows them. Later issues append their app's exports module.
EXPORT_MODULES = (
    "rugcoach.accounts.exports",
    "rugcoach.triage.exports",
    "rugcoach.plans.exports",
    "rugcoach.training.exports",
    "rugcoach.progress.exports",
    "rugcoach.programs.exports",
    "rugcoach.intakes.exports",
    "rugcoach.trainers.exports",
)

# Models with a foreign key to the user that are not data about the member, with why.
NOT_MEMBER_DATA = {
    "admin.LogEntry": "what staff did in the admin; a member never has rows here",
    "intakes.Trainer": "a trainer's work record (locations, intake length), kept by the gym's "
    "admins in the Django admin; a member has none",
    # Two-factor login (docs/security.md): keys, not data about the person. An export
    # holding them would be a second way into the account; they go with it (cascade).
    "otp_totp.TOTPDevice": "the two-factor app's secret key: a login credential",
    "otp_static.StaticDevice": "the holder of the recovery codes: a login credential",
}


@dataclass(frozen=True)
class Anonymised:
    """A foreign key to the user that is set to NULL, not deleted, when the member goes:
    the row stays for someone else, with ``cleared`` emptied so it keeps nothing of them."""

    why: str
    cleared: tuple[str, ...] = ()


# "app.Model.field" → how and why; ``privacy.services.delete_member`` applies them all in
# its transaction, and tests/privacy fails for a SET_NULL key to the user not listed here.
ANONYMISED: dict[str, Anonymised] = {
    "intakes.Booking.member": Anonymised(
        "the trainer's agenda keeps the slot (a past intake happened; a future one is "
        "cancelled by the deletion, so the time is free again), without the person",
        cleared=("reason", "trainer_note", "verdict_level"),
    ),
    "accounts.AccessLogEntry.member": Anonymised(
        "the log's entries stay countable (how often trainers looked) but name nobody; "
        "the entry holds only the trainer's name, a time and a code"
    ),
}

# "app.Model.field" → why: keys to the user that name the *trainer* who wrote a row about a
# member, not the member it is about. The row is the member's: it reaches the export and
# goes with the member through its own member key (or its plan), so a model whose only
# keys to the user are staff keys needs no ``MODELS`` entry. The key is SET_NULL, so the
# member's row outlives the trainer's account (the gym's admin removes that; the privacy
# page refuses staff accounts); the trainer's name is copied into the row or its reason.
# tests/privacy fails for a staff key that is not SET_NULL or no longer exists.
STAFF_KEYS: dict[str, str] = {
    "plans.PrescriptionVersion.author": "the trainer who changed a dose; the version is the "
    "member's plan (exported with it, deleted with it), its reason names the trainer",
    "trainers.AlertHandled.handled_by": "the trainer who handled the member's alert; the mark "
    "is the member's (trainers.exports), handled_by_name keeps who it was",
    "trainers.MemberNote.author": "the trainer who wrote the member a note; the note is the "
    "member's (trainers.exports), author_name keeps who wrote it",
    "accounts.AccessLogEntry.viewer": "the trainer who saw the member's data; when their "
    "account goes, the member keeps the record (the viewer's name is copied into it)",
}


@dataclass(frozen=True)
class Exporter:
    section: str
    export: Callable[[Any], dict[str, Any]]
    models: tuple[type[models.Model], ...]


def exporters() -> tuple[Exporter, ...]:
    found = []
    for path in EXPORT_MODULES:
        module = import_module(path)
        section = path.split(".")[-2]
        found.append(Exporter(section, module.export_member_data, tuple(module.MODELS)))
    return tuple(found)
