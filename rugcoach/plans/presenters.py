"""A stored plan as the member reads it: one language, exercise names, figures, dates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from rugcoach.core.catalog import Catalog
from rugcoach.core.planner import Excluded, Weekday
from rugcoach.core.schedule import Item, Role, Schedule, ScheduleSession
from rugcoach.library.presenters import ExercisePresenter
from rugcoach.plans.calendar import session_minutes
from rugcoach.triage.models import TriageResult


@dataclass(frozen=True)
class ItemView:
    """One exercise of a session as the plan, today's page and the printouts show it:
    its name, link and thumbnail (from the library's card, which is built once per
    process and shared), the item's own dose and reason, why it changed, and the swap."""

    slug: str
    name: str
    url: str
    thumbnail: str
    """The figure's thumbnail URL; empty for an exercise without a figure."""
    role: str
    dose: str
    reason: str
    why_changed: str = ""
    """Why the engine or a trainer changed this dose or exercise; empty if it is as planned."""
    swap_url: str = ""
    """Where the member swaps this exercise (main exercises only); empty otherwise."""


@dataclass(frozen=True)
class SessionView:
    key: str
    """The session's key in the plan (``w1-mon``): the player starts a session by it."""
    week: int
    weekday: Weekday
    day_label: str
    date: date
    date_label: str
    minutes: int
    items: tuple[ItemView, ...]
    is_today: bool
    pregnancy_week: int | None = None


@dataclass(frozen=True)
class ActionView:
    label: str
    detail: str
    phone: str | None

    @property
    def line(self) -> str:
        """The action as one printed line (PDF, calendar)."""
        parts = [self.label, self.detail, self.phone or ""]
        return " · ".join(part for part in parts if part)


@dataclass(frozen=True)
class BlockingNotice:
    """Why training is blocked and what to do, from the check that blocks it."""

    result_id: int
    heading: str
    """'Your check-in of 3 March says: …' — which check, and when."""
    label: str
    title: str
    reasons: list[str]
    actions: list[ActionView]
    next_step: str


def blocking_notice(result: TriageResult, language: str) -> BlockingNotice:
    """The stored verdict as a member reads it: its title, the reasons that decided its
    level (no rule ids), its actions, and that only a new full check lifts the block."""
    verdict = result.stored_verdict
    deciding = [r for r in verdict.reasons if r.level is verdict.level] or list(verdict.reasons)
    with translation.override(language):
        day = formats.date_format(timezone.localtime(result.created_at), "j F Y")
        if result.kind == TriageResult.Kind.CHECKIN:
            heading = _("Je check-in van %(day)s zegt: niet trainen.") % {"day": day}
        else:
            heading = _("Je veiligheidscheck van %(day)s zegt: niet trainen.") % {"day": day}
        next_step = _(
            "Doe eerst wat hierboven staat. Gaat het weer goed, of heeft een arts of "
            "verloskundige je gezien? Doe dan een nieuwe volledige veiligheidscheck. Pas "
            "daarna mag je weer trainen en maken we je plan opnieuw."
        )
    return BlockingNotice(
        result_id=result.pk,
        heading=heading,
        label=verdict.label.get(language),
        title=verdict.title.get(language),
        reasons=[reason.text.get(language) for reason in deciding],
        actions=[
            ActionView(a.label.get(language), a.detail.get(language), a.phone)
            for a in verdict.actions
        ],
        next_step=next_step,
    )


@dataclass(frozen=True)
class WeekView:
    number: int
    theme: str
    sessions: list[SessionView]


def item_dose(item: Item, *, brief: bool = False) -> str:
    """What to do next time, in words: the item's latest prescription version, in the
    one dose type's own words (as the library says it); ``brief`` for a poster."""
    language = translation.get_language() or "nl"
    return item.prescription.words(brief=brief).get(language)


def session_week(session: ScheduleSession) -> int:
    """The plan's week of a session (1 for day offsets 0–6): the page groups by week."""
    return session.day_offset // 7 + 1


def _pregnancy_week(session: ScheduleSession) -> int | None:
    note = session.note or ""
    return int(note.split(":", 1)[1]) if note.startswith("pregnancy-week:") else None


# A slug no exercise has, reversed in its place (see _swap_url_of).
_SLUG_MARK = "slug-mark"


def _swap_url_of(week: int, weekday: Weekday) -> Callable[[str], str]:
    """The swap page's URL of each exercise of one session: one reverse() per session,
    not per item (the slug is the URL's last part, and a slug needs no quoting)."""
    marked = reverse("plans:swap", args=[week, weekday, _SLUG_MARK])
    head, tail = marked.rsplit(_SLUG_MARK, 1)
    return lambda slug: f"{head}{slug}{tail}"


def present_plan(
    schedule: Schedule, starts_on: date, catalog: Catalog, language: str, today: date
) -> list[WeekView]:
    """The schedule's sessions by week, read from its rows; each dose is the item's
    latest prescription version."""
    # A plan names a dozen exercises across ~60 items: each one's name, link and
    # thumbnail come from the library's card, built once per process (issue 16).
    presenter = ExercisePresenter(catalog, language)

    def link(slug: str) -> tuple[str, str, str]:
        card = presenter.card(catalog.exercises[slug])
        return card.name, card.url, card.figure.thumbnail if card.figure else ""

    weeks: list[WeekView] = []
    with translation.override(language):
        for session in schedule.sessions:
            number = session_week(session)
            day = starts_on + timedelta(days=session.day_offset)
            weekday = list(Weekday)[day.weekday()]
            swap_url = _swap_url_of(number, weekday)
            if not weeks or weeks[-1].number != number:
                theme = session.title.get(language) if session.title else ""
                weeks.append(WeekView(number, theme, []))
            weeks[-1].sessions.append(
                SessionView(
                    key=session.key,
                    week=number,
                    weekday=weekday,
                    day_label=catalog.planner.weekdays[weekday].get(language),
                    date=day,
                    date_label=formats.date_format(day, "l j F"),
                    minutes=session_minutes(session.seconds),
                    items=tuple(
                        ItemView(
                            item.slug,
                            *link(item.slug),
                            role=item.role,
                            dose=item_dose(item),
                            reason=item.reason.get(language),
                            why_changed=item.why_changed.get(language) if item.why_changed else "",
                            swap_url=swap_url(item.slug) if item.role == "main" else "",
                        )
                        for item in session.items
                        if item.slug in catalog.exercises
                    ),
                    is_today=day == today,
                    pregnancy_week=_pregnancy_week(session),
                )
            )
    return weeks


@dataclass(frozen=True)
class ExcludedView:
    """An exercise the plan leaves out, as the plan page names it: a link and why."""

    name: str
    url: str
    reason: str


def present_excluded(
    excluded: Sequence[Excluded], catalog: Catalog, language: str
) -> list[ExcludedView]:
    """The plan's left-out exercises (17 for a common plan): their name and link, from
    the library's cards (built once per process, then only looked up)."""
    presenter = ExercisePresenter(catalog, language)
    return [
        ExcludedView(
            name=(card := presenter.card(catalog.exercises[left_out.slug])).name,
            url=card.url,
            reason=left_out.reason.get(language),
        )
        for left_out in excluded
        if left_out.slug in catalog.exercises
    ]


def next_session(weeks: list[WeekView], today: date) -> SessionView | None:
    upcoming = [s for w in weeks for s in w.sessions if s.date >= today]
    return min(upcoming, key=lambda s: s.date) if upcoming else None


# The order a poster names an exercise's roles in: its main work first.
_ROLE_ORDER: tuple[Role, ...] = ("main", "warm-up", "cool-down")


def poster_doses(schedule: Schedule) -> dict[str, str]:
    """Each exercise once, in order of first appearance, with every dose the plan gives
    it (issue 10: the poster once showed only the fullest dose, 2 × 45 s against 20 s on
    the schedule), said briefly enough for a wall poster.

    Grouped by what differs: by week where the dose grows ("Week 1–2: …; week 3: …"),
    and by role where the exercise is also a warm-up or cool-down ("… Als opwarming:
    15 herhalingen"). One dose for the whole plan is shown as it is."""
    doses: dict[str, dict[Role, dict[int, tuple[str, ...]]]] = {}
    for session in schedule.sessions:
        number = session_week(session)
        for item in session.items:
            weeks = doses.setdefault(item.slug, {}).setdefault(item.role, {})
            text = item_dose(item, brief=True)
            if text not in weeks.get(number, ()):
                weeks[number] = (*weeks.get(number, ()), text)
    shown = {}
    for slug, roles in doses.items():
        said = {role: _by_week(roles[role]) for role in _ROLE_ORDER if role in roles}
        if len(set(said.values())) == 1:  # one role, or the same dose in every role
            shown[slug] = next(iter(said.values()))
            continue
        shown[slug] = ". ".join(
            text if role == "main" else _role_prefix(role) % {"dose": text}
            for role, text in said.items()
        )
    return shown


def _role_prefix(role: Role) -> str:
    if role == "warm-up":
        return _("Als opwarming: %(dose)s")
    return _("Als cooling-down: %(dose)s")


def _by_week(weeks: dict[int, tuple[str, ...]]) -> str:
    """One role's doses: as they are if they never change, else by runs of weeks. Two
    doses in one week (on different days) read as alternatives: 'a of b'."""
    word = pgettext("two doses in one week: this one or that one", "of")
    alternatives = f" {word} "
    groups: list[tuple[list[int], tuple[str, ...]]] = []
    for number, doses in sorted(weeks.items()):
        if groups and groups[-1][1] == doses and groups[-1][0][-1] == number - 1:
            groups[-1][0].append(number)
        else:
            groups.append(([number], doses))
    if len(groups) == 1:
        return alternatives.join(groups[0][1])
    text = "; ".join(
        _("week %(weeks)s: %(dose)s")
        % {
            "weeks": str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}",
            "dose": alternatives.join(doses),
        }
        for numbers, doses in groups
    )
    return text[:1].upper() + text[1:]
