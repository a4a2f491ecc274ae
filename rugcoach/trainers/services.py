"""A trainer's writes about a member: marking an alert handled, a note the member sees,
and pausing the plan with a note that says why. Each asks the access policy first
(``access.changes`` / ``authorize_id``, which log the change) and runs in one transaction."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.plans import adjust
from rugcoach.plans import models as plan_models
from rugcoach.trainers.models import AlertHandled, MemberNote

NOTE_MAX = 500
MEMBER_NOTE_MAX = 1000
# The keys rugcoach.core.coaching.alerts makes: kind and row id, or inactive:<date|never>.
ALERT_KEY = re.compile(
    r"^((check|checkin|session|morning|signal):\d+|inactive:(\d{4}-\d{2}-\d{2}|never))$"
)


class NoteError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


@transaction.atomic
def mark_handled(*, member: User, key: str, note: str, by: User) -> AlertHandled:
    """Mark one of the member's alerts handled (again: the note and who are updated)."""
    access.changes(member, by, what="alert-handled")
    note = note.strip()
    if not ALERT_KEY.match(key):
        raise NoteError("key", _("Onbekende melding."))
    if len(note) > NOTE_MAX:
        raise NoteError("note", _("Houd de notitie onder de %(max)s tekens.") % {"max": NOTE_MAX})
    found, _created = AlertHandled.objects.update_or_create(
        member=member,
        key=key,
        defaults={
            "handled_by": by,
            "handled_by_name": adjust.author_name(by),
            "note": note,
            "at": timezone.now(),
        },
    )
    return found


def _checked_note(text: str) -> str:
    text = text.strip()
    if not text:
        raise NoteError("text", _("Schrijf een notitie."))
    if len(text) > MEMBER_NOTE_MAX:
        raise NoteError(
            "text", _("Houd de notitie onder de %(max)s tekens.") % {"max": MEMBER_NOTE_MAX}
        )
    return text


@transaction.atomic
def add_note(*, member: User, text: str, by: User) -> MemberNote:
    """A note the member reads on their plan page and home."""
    access.changes(member, by, what="member-note")
    return MemberNote.objects.create(
        member=member, author=by, author_name=adjust.author_name(by), text=_checked_note(text)
    )


@transaction.atomic
def pause_plan(*, member: User, stored: plan_models.Plan, reason: str, by: User) -> MemberNote:
    """Pause the member's plan and tell them why in a note (one transaction)."""
    adjust.pause(stored, reason=reason, by=by)
    with translation.override(member.preferred_language):  # the note is for the member
        text = _("Je trainer heeft je plan gepauzeerd: %(reason)s") % {"reason": reason.strip()}
    return MemberNote.objects.create(
        member=member, author=by, author_name=adjust.author_name(by), text=text
    )


@transaction.atomic
def resume_plan(*, stored: plan_models.Plan, reason: str, by: User) -> None:
    """Resume the member's plan (refused while the member may not train, and after the
    progression engine's R4 pause until a new full check: ``plans.adjust.resume``)."""
    adjust.resume(stored, reason=reason, by=by)
