"""What apps above plans add to the plan page and the sessions feed.

The training app knows the follow-up questions, but plans sits below it and imports none
of it (import-linter). So training registers what it adds in its ``AppConfig.ready``,
the way triage registers its Keepable with accounts: a panel of HTML for the plan page,
and lines for the next event of the sessions feed. Both take only the member.
"""

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

from rugcoach.accounts.models import User

# (request, member) -> HTML to show on the plan page, or "" when there is nothing to show.
PlanPanel = Callable[[HttpRequest, User], SafeString | str]
# (member, absolute) -> lines for the next session's event; ``absolute`` turns a path
# into a full URL (a calendar app has no site to resolve it against).
FeedNote = Callable[[User, Callable[[str], str]], list[str]]

_PANELS: dict[str, PlanPanel] = {}
_NOTES: dict[str, FeedNote] = {}


def register_plan_panel(name: str, panel: PlanPanel) -> None:
    _PANELS[name] = panel


def register_feed_note(name: str, note: FeedNote) -> None:
    _NOTES[name] = note


def plan_panels(request: HttpRequest, member: User) -> list[SafeString | str]:
    return [html for panel in _PANELS.values() if (html := panel(request, member))]


def feed_notes(member: User, absolute: Callable[[str], str]) -> list[str]:
    return [line for note in _NOTES.values() for line in note(member, absolute)]
