"""A plan session as the player runs it: everything in one JSON document, in one language,
so the page runs from the phone's cache with no further request (issue 12 §3)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from rugcoach.content import get_catalog
from rugcoach.core.library.exercises import Exercise
from rugcoach.core.schedule import Item, Prescription, ScheduleSession
from rugcoach.library.figures import figure_alt, figure_url
from rugcoach.plans.models import PlanSession
from rugcoach.training.models import Outcome, Where, stored_text

# The player's own files, for the offline list (the service worker caches them).
PLAYER_MODULES = (
    "clock.js",
    "machine.js",
    "outbox.js",
    "store.js",
    "sound.js",
    "player.js",
    "replay.js",
)
PLAYER_STYLE = "player.css"


def _cue(exercise: Exercise, language: str) -> str:
    """One line to keep in mind: the first tip, else the breathing cue (as on the poster)."""
    tips = exercise.tips.get(language)
    return tips[0] if tips else exercise.breathing.get(language)


def prescription_data(p: Prescription, exercise: Exercise) -> dict[str, Any]:
    # A paced-breathing exercise runs the pacer for its time: a breathing category, or a
    # breathing count on a timed dose.
    paced = p.breathing is not None and (
        exercise.category == "breathing" or p.duration_seconds is not None
    )
    return {
        "sets": p.sets,
        "reps": p.reps,
        "hold": p.hold_seconds,
        "duration": p.duration_seconds,
        "per_side": p.per_side,
        "rest": p.rest_seconds if p.sets > 1 else 0,
        "tempo": p.tempo.model_dump() if p.tempo else None,
        "breathing": p.breathing.model_dump() if p.breathing and paced else None,
    }


def item_data(item: Item, exercise: Exercise, language: str) -> dict[str, Any]:
    p = item.prescription
    return {
        "key": item.key,
        "version": item.versions[-1].number,
        "slug": item.slug,
        "name": exercise.name.get(language),
        "dose": p.words().get(language),
        "steps": list(exercise.steps.get(language)),
        "cue": _cue(exercise, language),
        "breathing_text": exercise.breathing.get(language),
        "figure": {
            "url": figure_url(item.slug, "animated", language),
            "alt": figure_alt(item.slug, language),
        }
        if exercise.figure
        else None,
        "prescription": prescription_data(p, exercise),
        "why_changed": item.why_changed.get(language) if item.why_changed else "",
    }


def labels() -> dict[str, str]:
    """Every word the player's JavaScript shows or speaks, in the active language."""
    return {
        "start": _("Start"),
        "intro_title": _("Klaar om te trainen?"),
        "why_changed": _("Waarom dit veranderde:"),
        "intro_hint": _(
            "Leg je telefoon zo neer dat je het scherm ziet. Tik op Start: dan gaan ook de "
            "piepjes en de stem aan, en blijft je scherm aan."
        ),
        "high_pain": _(
            "Meer dan %(band)s pijn is te veel. Doe die oefening vandaag niet meer. Voelt "
            "een volgende oefening ook zo, sla hem dan over of stop."
        )
        % {"band": get_catalog().progression.bands.acceptable_max},
        "resume_notice": _("Je sessie is hervat waar je was."),
        "get_ready": _("Maak je klaar"),
        "hold": _("Vasthouden"),
        "work": _("Bezig"),
        "rest": _("Rust"),
        "breathe_in": _("Adem in"),
        "breathe_out": _("Adem uit"),
        "breathe_hold": _("Vasthouden"),
        "move": _("Beweeg"),
        "pause_phase": _("Even vast"),
        "back": _("Terug"),
        "set_of": _("Set %(set)s van %(sets)s"),
        "rep_of": _("Herhaling %(rep)s van %(reps)s"),
        "reps_count": _("%(rep)s van %(reps)s herhalingen"),
        "right_side": _("Rechterkant"),
        "left_side": _("Nu de linkerkant"),
        "exercise_of": _("Oefening %(n)s van %(total)s"),
        "next_up": _("Hierna: %(name)s"),
        "seconds_left": _("nog %(s)s seconden"),
        "done_waiting": _("Klaar. Tik op Verder als je zover bent."),
        "pause": _("Pauze"),
        "continue": _("Verder"),
        "paused": _("Gepauzeerd"),
        "skip": _("Overslaan"),
        "previous": _("Vorige"),
        "plus": _("+10 seconden"),
        "minus": _("−10 seconden"),
        "rep_plus": _("+1 herhaling"),
        "finished_reps": _("Klaar met deze set"),
        "auto_advance": _("Zelf doorgaan als de tijd om is"),
        "sound": _("Piepjes"),
        "voice": _("Stem"),
        "stop": _("Stoppen"),
        "how_was_it": _("Hoe ging %(name)s?"),
        # The answers' words are the model's choices (one home for them).
        **{outcome.value: str(outcome.label) for outcome in Outcome},
        "where": _("Waar voelde je het?"),
        **{where.value: str(where.label) for where in Where},
        "pain_scale": _("Hoeveel pijn (0 is geen, 10 is de ergste)?"),
        "end_title": _("Klaar met trainen"),
        "end_title_partial": _("Je stopt eerder"),
        "pain_now": _("Hoeveel pijn heb je nu (0 tot 10)?"),
        "effort": _("Hoe zwaar was de training (0 is heel licht, 10 is maximaal)?"),
        "save": _("Opslaan"),
        "saved": _("Opgeslagen. Goed gedaan!"),
        "pending": _(
            "Bewaard op je telefoon. We sturen het zodra je weer verbinding hebt; je "
            "hoeft niets te doen."
        ),
        "not_counted": _(
            "Je sessie is bewaard, maar telt niet als dag van dit programma. Open het "
            "programma: daar staat waarom."
        ),
        "to_plan": _("Naar je plan"),
        "wake_lock_off": _(
            "Deze browser kan je scherm niet aan houden. Zet 'automatisch vergrendelen' "
            "even uit, of tik af en toe op het scherm."
        ),
        "confirm_stop": _("Stoppen met deze sessie?"),
        "stop_no": _("Nee, ga door"),
        "stop_yes": _("Ja, stoppen"),
        "choose_pain": _("Kies eerst hoeveel pijn."),
        "choose_where": _("Kies eerst waar je het voelde."),
        "choose_end": _("Kies eerst je pijn en hoe zwaar het was."),
        "sets_done": _("%(done)s van %(sets)s sets gedaan"),
        "checkin_first": _("Eerst je check-in van vandaag"),
        "checkin_first_text": _(
            "Deze sessie is op een andere dag voor je klaargezet. Vertel eerst hoe het nu met "
            "je rug gaat: doe je check-in, dan start je daarna."
        ),
        "checkin_go": _("Doe de check-in"),
        "voice_lang": "nl-NL" if translation.get_language() == "nl" else "en-GB",
    }


@dataclass(frozen=True)
class Target:
    """Which session the player plays, as the page and the report name it.

    ``id``: the player's key for its saved state (a plan session's id, or a program's
    ``challenge-30-days/d01``); ``report``: what the stored report names it by
    (``{"plan_session": 7}`` or ``{"session_key": "challenge-30-days/d01"}``)."""

    id: int | str
    key: str
    report: dict[str, Any]


def plan_target(row: PlanSession) -> Target:
    return Target(id=row.pk, key=row.key, report={"plan_session": row.pk})


def player_data(
    target: Target,
    session: ScheduleSession,
    language: str,
    urls: dict[str, str],
    checked_on: date,
    check_id: int,
) -> dict[str, Any]:
    """The whole session for the player, in one language. ``checked_on`` is the day of the
    check-in that opened it: a copy kept offline must not start on another day without a
    new check-in (the player says so and links to it). ``check_id`` is that check: once a
    session under it is finished, no kept copy starts another under the same check."""
    exercises = get_catalog().exercises
    with translation.override(language):
        return {
            "session": {
                "id": target.id,
                "key": target.key,
                "target": target.report,
                "title": session.title.get(language) if session.title else "",
                "language": language,
                "checked_on": checked_on.isoformat(),
                "check_id": check_id,
                # Pain above this in an exercise is too much (R1's band, one home).
                "high_pain": get_catalog().progression.bands.acceptable_max,
            },
            "items": [
                item_data(item, exercises[item.slug], language)
                for item in session.items
                if item.slug in exercises
            ],
            "labels": labels(),
            "urls": urls,
        }


def static_urls() -> list[str]:
    return [static(f"training/{name}") for name in (*PLAYER_MODULES, PLAYER_STYLE)]


def player_url(session_id: int) -> str:
    return reverse("training:session", args=[session_id])


@dataclass(frozen=True)
class DoseChange:
    """One change the progression engine made, as a member reads it (the progress page,
    the answer to a follow-up)."""

    on: date
    slug: str
    exercise: str
    to_exercise: str  # a swap's new exercise, else ""
    action: str
    before: str  # the dose in words
    after: str
    rule: str
    reason: str


def _words(data: Any, language: str) -> str:
    if not data:
        return ""
    return Prescription.model_validate(data).words().get(language)


def _exercise_name(slug: str, language: str) -> str:
    exercise = get_catalog().exercise(slug)
    return exercise.name.get(language) if exercise else slug


def present_change(change: dict[str, Any], on: date, language: str) -> DoseChange:
    """An entry of ``Adaptation.changes`` in one language."""
    to = change.get("to") or ""
    return DoseChange(
        on=on,
        slug=change.get("slug", ""),
        exercise=_exercise_name(change.get("slug", ""), language),
        to_exercise=_exercise_name(to, language) if to else "",
        action=change.get("action", ""),
        before=_words(change.get("before"), language),
        after=_words(change.get("after"), language),
        rule=change.get("rule", ""),
        reason=stored_text(change, language),
    )
