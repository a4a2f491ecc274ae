"""The follow-up question on the member's pages: the one follow-up of a member, what it
means for the next session, the card that asks the open ones (home page, plan page) and
the line in the calendar feed. Writes go through ``services.answer_followup``."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from rugcoach.accounts import access
from rugcoach.accounts.models import User
from rugcoach.training import selectors, services
from rugcoach.training.forms import FollowUpForm
from rugcoach.training.models import Adaptation, FollowUp
from rugcoach.training.presenters import DoseChange, present_change


def followup_of(member: User, followup_id: int) -> FollowUp:
    """The member's own follow-up, answered or not; another member's id is a 404."""
    rows = FollowUp.objects.filter(session__member=access.reads(member)).select_related("session")
    return get_object_or_404(rows, pk=followup_id)


def session_day(followup: FollowUp) -> str:
    """'maandag 30 november': the day of the session the question is about."""
    return date_format(timezone.localtime(followup.session.started_at), "l j F")


@dataclass(frozen=True)
class Meaning:
    """What the plan's latest state says for the next session, in the page's language."""

    status: str
    reasons: list[str]
    changes: list[DoseChange]


def next_session_meaning(member: User) -> Meaning | None:
    """The current plan's state (the engine's latest run), or None without one."""
    state = selectors.current_plan_state(member)
    if state is None:
        return None
    language = translation.get_language()
    on = timezone.localdate(state.created_at)
    return Meaning(
        status=Adaptation.Status(state.status).label,
        reasons=state.reason_texts(language),
        changes=[present_change(change, on, language) for change in state.changes],
    )


def url_of(followup: FollowUp) -> str:
    return reverse("training:followup", kwargs={"pk": followup.pk})


def open_cards(request: HttpRequest, member: User) -> SafeString | str:
    """The card that asks the newest open follow-up, with its form inline; "" when none
    is open. One card: a member who trains daily (the 30-day challenge) and skips a few
    mornings would otherwise face a stack of questions about mornings long past; the
    older ones stay answerable through their own links. One query, whatever their number."""
    newest = selectors.newest_open_followup(member)
    if newest is None:
        return ""
    cards = [
        {
            "followup": newest,
            "form": FollowUpForm(followup_id=newest.pk),
            "day": session_day(newest),
        }
    ]
    return render_to_string("training/_followup_cards.html", {"cards": cards}, request=request)


def feed_lines(member: User, absolute: Callable[[str], str]) -> list[str]:
    """The open follow-up question with its link, for the next event of the sessions feed."""
    newest = selectors.newest_open_followup(member)
    if newest is None:
        return []
    question = _("Hoe is je rug vergeleken met voor de training van %(day)s?") % {
        "day": session_day(newest)
    }
    return [question, _("Beantwoord de vraag: %(url)s") % {"url": absolute(url_of(newest))}]


class NothingOpen(Exception):
    """The session has no follow-up to answer now; ``answered`` when it was answered."""

    def __init__(self, answered: bool) -> None:
        self.answered = answered
        super().__init__("already answered" if answered else "nothing open")


def followup_to_answer(member: User, client_key: object, kind: str | None = None) -> FollowUp:
    """The follow-up of the member's session (by its ``client_key``) to answer now: of
    that ``kind``, or the latest one due. Raises FollowUpNotFound for an unknown or another
    member's session, NothingOpen when none is due and unanswered."""
    session = selectors.member_sessions(member).filter(client_key=client_key).first()
    if session is None:
        raise services.FollowUpNotFound(client_key)
    rows = [f for f in session.followups.order_by("-due_at", "-id") if not kind or f.kind == kind]
    for row in rows:
        row.session = session
    due = [f for f in rows if f.answered_at is None and f.is_due()]
    if due:
        return due[0]
    raise NothingOpen(answered=any(f.answered_at is not None for f in rows))
