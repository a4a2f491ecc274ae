"""What a member sees of their trainer's notes: a panel on the plan page (registered in
``plans.extras``) and on the home page. Read as the member themselves."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.compiled import CompiledQuery
from rugcoach.trainers.models import MemberNote

NOTES_SHOWN = 3


# Every plan page and home page asks: compiled once (rugcoach/compiled.py).
_LATEST_NOTES = CompiledQuery(
    lambda member_id: MemberNote.objects.filter(member_id=member_id)[:NOTES_SHOWN]
)


def member_notes(member: User, *, viewer: User | None = None) -> list[MemberNote]:
    """The member's latest notes from trainers, newest first (one query)."""
    return _LATEST_NOTES.all(access.reads(member, viewer).pk)


def notes_panel(request: HttpRequest, member: User) -> SafeString | str:
    notes = member_notes(member)
    if not notes:
        return ""
    return render_to_string("trainers/_member_notes.html", {"notes": notes}, request=request)
