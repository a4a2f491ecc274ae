"""Exercises as a member reads them: one language, labels resolved, doses in words.

Pages and the API both use these, so a member sees the same text everywhere.

The catalog is immutable, so each view (card, detail, not-advised entry) is built once
per (catalog, URL prefix, language, slug) and then shared by every request: a list page
only picks the cards it shows. Shared views are frozen and hold tuples, never lists, so
no caller can change what the next request reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rugcoach.content import PerCatalog
from rugcoach.core.catalog import Catalog
from rugcoach.core.kernel.text import LANGUAGES
from rugcoach.core.library.exercises import Dose, Exercise, IntRange, NotAdvised, Reference
from rugcoach.core.library.search import related_exercises
from rugcoach.library.figures import MODES, figure_alt, figure_url


@dataclass(frozen=True)
class Label:
    id: str
    label: str


@dataclass(frozen=True)
class Link:
    """A progression, regression or variation: a link where it names an exercise."""

    text: str
    slug: str | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Caution:
    condition: Label
    reason: str


@dataclass(frozen=True)
class DoseView:
    summary: str
    sets: str
    reps: str | None
    hold_seconds: str | None
    duration_seconds: str | None
    per_side: bool
    rest_seconds: int
    seconds_per_rep: int | None
    breathing_pace: str | None


@dataclass(frozen=True)
class FigureView:
    """URLs of one exercise's drawings and the sentence that describes them."""

    alt: str
    thumbnail: str
    still: str
    animated: str


@dataclass(frozen=True)
class ExerciseCard:
    slug: str
    name: str
    url: str
    goal: str
    category: Label
    position: Label
    equipment: tuple[Label, ...]
    situations: tuple[Label, ...]
    level: int
    dose: DoseView
    figure: FigureView | None


@dataclass(frozen=True)
class ExerciseDetail(ExerciseCard):
    aliases: tuple[str, ...]
    muscles: tuple[Label, ...]
    steps: tuple[str, ...]
    breathing: str
    tips: tuple[str, ...]
    mistakes: tuple[str, ...]
    progressions: tuple[Link, ...]
    regressions: tuple[Link, ...]
    variations: tuple[Link, ...]
    contraindications: tuple[Caution, ...]
    related: tuple[ExerciseCard, ...]
    source_section: str


@dataclass(frozen=True)
class NotAdvisedView:
    slug: str
    name: str
    url: str
    why: str
    instead: tuple[ExerciseCard, ...]


def figure_view(slug: str, language: str) -> FigureView:
    urls = {mode: figure_url(slug, mode, language) or "" for mode in MODES}
    return FigureView(
        alt=figure_alt(slug, language),
        thumbnail=urls["thumbnail"],
        still=urls["static"],
        animated=urls["animated"],
    )


def exercise_url(slug: str, language: str) -> str:
    with translation.override(language):
        return reverse("library:detail", args=[slug])


def _seconds(value: IntRange) -> str:
    if value.low >= 60 and value.low % 60 == 0 and value.high % 60 == 0:
        low, high = value.low // 60, value.high // 60
        span = str(low) if low == high else f"{low}–{high}"
        return _("%(span)s min") % {"span": span}
    return _("%(span)s s") % {"span": value}


def format_dose(dose: Dose) -> DoseView:
    """The dose in words of the active language, e.g. '3 × 10 herhalingen per kant'."""
    sets = f"{dose.sets} × " if dose.sets.high > 1 else ""
    if dose.reps is not None:
        amount = ngettext("%(reps)s herhaling", "%(reps)s herhalingen", dose.reps.high) % {
            "reps": dose.reps
        }
    elif dose.hold_seconds is not None:
        amount = _("%(time)s vasthouden") % {"time": _seconds(dose.hold_seconds)}
    else:
        assert dose.duration_seconds is not None  # the schema requires one of the three
        amount = _seconds(dose.duration_seconds)
    parts = [sets + amount + (" " + _("per kant") if dose.per_side else "")]
    if dose.reps is not None and dose.hold_seconds is not None:
        parts.append(_("elke keer %(time)s vasthouden") % {"time": _seconds(dose.hold_seconds)})
    if dose.sets.high > 1 and dose.rest_seconds:
        parts.append(_("%(rest)s s rust tussen de sets") % {"rest": dose.rest_seconds})
    pace = None
    if dose.breathing_pace is not None:
        pace = _("%(inhale)s tellen in, %(exhale)s tellen uit") % {
            "inhale": dose.breathing_pace.inhale,
            "exhale": dose.breathing_pace.exhale,
        }
        parts.append(pace)
    return DoseView(
        summary=", ".join(parts),
        sets=str(dose.sets),
        reps=str(dose.reps) if dose.reps else None,
        hold_seconds=str(dose.hold_seconds) if dose.hold_seconds else None,
        duration_seconds=str(dose.duration_seconds) if dose.duration_seconds else None,
        per_side=dose.per_side,
        rest_seconds=dose.rest_seconds,
        seconds_per_rep=dose.tempo.seconds_per_rep if dose.tempo else None,
        breathing_pace=pace,
    )


View = TypeVar("View")

# A deployment has one URL prefix (SCRIPT_NAME); a handful more are kept, and beyond
# that views are built per request rather than letting the store grow.
MAX_PREFIXES = 4

# Per catalog: URL prefix → (kind, language, slug) → the view built for it. The keys are
# bounded by the catalog itself: three kinds × the languages × the slugs.
_built = PerCatalog[dict[str, dict[tuple[str, str, str], object]]](lambda catalog: {})


class ExercisePresenter:
    """Turns catalog entries into views for one language, each built once and shared."""

    def __init__(self, catalog: Catalog, language: str) -> None:
        self.catalog = catalog
        self.language = language
        self.vocabulary = catalog.vocabulary

    def _once(self, kind: str, slug: str, build: Callable[[], View]) -> View:
        """The view of ``slug`` built on first use, then reused.

        Keyed by the URL prefix too: reverse() includes SCRIPT_NAME when the app is
        mounted under a path, so a view built under one prefix is never served under
        another.
        """
        if self.language not in LANGUAGES:
            return build()
        by_prefix = _built(self.catalog)
        prefix = get_script_prefix()
        views = by_prefix.get(prefix)
        if views is None:
            if len(by_prefix) >= MAX_PREFIXES:
                return build()
            views = by_prefix.setdefault(prefix, {})
        key = (kind, self.language, slug)
        found = views.get(key)
        if found is None:
            found = views[key] = build()
        return found  # type: ignore[return-value]  # stored under its own kind

    def _label(self, field: str, identifier: str) -> Label:
        return Label(identifier, self.vocabulary.label(field, identifier, self.language))

    def card(self, exercise: Exercise) -> ExerciseCard:
        if self.catalog.exercises.get(exercise.slug) is not exercise:
            return self._build_card(exercise)  # not this catalog's: nothing to share
        return self._once("card", exercise.slug, lambda: self._build_card(exercise))

    def _build_card(self, exercise: Exercise) -> ExerciseCard:
        with translation.override(self.language):
            dose = format_dose(exercise.dose)
        return ExerciseCard(**self._card_fields(exercise, dose))

    def _card_fields(self, exercise: Exercise, dose: DoseView) -> dict[str, object]:
        lang = self.language
        return {
            "slug": exercise.slug,
            "name": exercise.name.get(lang),
            "url": exercise_url(exercise.slug, lang),
            "goal": exercise.goal.get(lang),
            "category": self._label("categories", exercise.category),
            "position": self._label("positions", exercise.position),
            "equipment": tuple(self._label("equipment", item) for item in exercise.equipment),
            "situations": tuple(self._label("situations", item) for item in exercise.situations),
            "level": exercise.level,
            "dose": dose,
            "figure": figure_view(exercise.slug, lang) if exercise.figure else None,
        }

    def detail(self, exercise: Exercise) -> ExerciseDetail:
        if self.catalog.exercises.get(exercise.slug) is not exercise:
            return self._build_detail(exercise)
        return self._once("detail", exercise.slug, lambda: self._build_detail(exercise))

    def _build_detail(self, exercise: Exercise) -> ExerciseDetail:
        lang = self.language
        with translation.override(lang):
            dose = format_dose(exercise.dose)
        return ExerciseDetail(
            **self._card_fields(exercise, dose),
            aliases=tuple(exercise.aliases),
            muscles=tuple(self._label("muscles", muscle) for muscle in exercise.muscles),
            steps=tuple(exercise.steps.get(lang)),
            breathing=exercise.breathing.get(lang),
            tips=tuple(exercise.tips.get(lang)),
            mistakes=tuple(exercise.mistakes.get(lang)),
            progressions=tuple(self._reference(ref) for ref in exercise.progressions),
            regressions=tuple(self._reference(ref) for ref in exercise.regressions),
            variations=tuple(
                Link(
                    text=variation.name.get(lang),
                    slug=variation.slug,
                    url=exercise_url(variation.slug, lang) if variation.slug else None,
                    note=variation.description.get(lang),
                )
                for variation in exercise.variations
            ),
            contraindications=tuple(
                Caution(self._label("conditions", item.condition), item.reason.get(lang))
                for item in exercise.contraindications
            ),
            related=tuple(self.card(other) for other in related_exercises(self.catalog, exercise)),
            source_section=exercise.source.section,
        )

    def _reference(self, reference: Reference) -> Link:
        if reference.slug is not None:
            target = self.catalog.exercises[reference.slug]
            return Link(
                text=target.name.get(self.language),
                slug=reference.slug,
                url=exercise_url(reference.slug, self.language),
            )
        assert reference.text is not None  # the schema requires slug or text
        return Link(text=reference.text.get(self.language))

    def not_advised(self, entry: NotAdvised) -> NotAdvisedView:
        if self.catalog.not_advised.get(entry.slug) is not entry:
            return self._build_not_advised(entry)
        return self._once("not_advised", entry.slug, lambda: self._build_not_advised(entry))

    def _build_not_advised(self, entry: NotAdvised) -> NotAdvisedView:
        with translation.override(self.language):
            url = reverse("library:not_advised", args=[entry.slug])
        return NotAdvisedView(
            slug=entry.slug,
            name=entry.name.get(self.language),
            url=url,
            why=entry.why.get(self.language),
            instead=tuple(self.card(exercise) for exercise in self.catalog.resolve(entry.instead)),
        )
