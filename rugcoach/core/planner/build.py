"""How the planner fills a session and builds it up over four weeks (internal).

The Builder chooses a session's exercises (focus-area pools, rotation across the week,
warm-up and cool-down), knows the time model's numbers, and turns the finished ``Slot``
lists into ``PlanItem`` models with their reasons. Fitting to time and the build-up of
weeks 3–4 are in ``weeks``. Sessions and items are memoised on the per-catalog
Index: the same inputs give the very same objects. See ``docs/planner.md``.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from rugcoach.core.kernel.text import Text
from rugcoach.core.kernel.vocabulary import Category
from rugcoach.core.library.exercises import Exercise
from rugcoach.core.planner.constraints import Allowed, Constraints, Index, constraints_for
from rugcoach.core.planner.dose import (
    TRANSITION_SECONDS,
    Amount,
    base_amount,
    item_seconds,
    light_amount,
    work_seconds_per_set,
)
from rugcoach.core.planner.focus import DEFAULT_FOCUS
from rugcoach.core.planner.models import PlanItem
from rugcoach.core.planner.profile import Focus, FocusArea, Profile
from rugcoach.core.planner.weeks import NEW_EXERCISE_STEPS, Slot, build_up, fit, progress
from rugcoach.core.triage.engine import Verdict

MAINS_LONG = 4
"""Main exercises in a 30-minute session; shorter sessions start from MAINS_SHORT."""
MAINS_SHORT = 3
LONG_SESSION_MINUTES = 30
START_SHARE = 0.8
"""Weeks 1–2 use at most this share of the session, so weeks 3–4 have room to build up
(the article's "begin light and build up in a controlled way")."""


def builder_for(
    profile: Profile,
    focus: tuple[Focus, ...],
    verdict: Verdict,
    index: Index,
    pregnancy_week: int | None = None,
) -> Builder:
    """The Builder of one member's sessions: their constraints on that week of pregnancy
    (if any), at most ``max_focus_areas`` of their focus areas (the default ones when they
    have none), their minutes. Building a plan and swapping in it both start here, so a
    swap is judged by the same rules the plan was built by."""
    areas = tuple(dict.fromkeys(f.area for f in focus))[: index.content.max_focus_areas]
    areas = areas or tuple(area for _, area in DEFAULT_FOCUS)
    constraints = constraints_for(profile, verdict, index, pregnancy_week)
    return Builder(index, constraints, areas, profile.minutes_per_session)


class Builder:
    """Builds the sessions of one plan: one member's constraints, focus and minutes."""

    def __init__(
        self,
        index: Index,
        constraints: Constraints,
        areas: tuple[FocusArea, ...],
        minutes: int,
    ) -> None:
        self.index = index
        self.content = index.content
        self.exercises = index.exercises
        self.constraints = constraints
        self.allowed: Allowed = index.allowed(constraints)
        self.areas = areas
        self.minutes = minutes
        self.full_budget = minutes * 60
        self.start_budget = int(self.full_budget * START_SHARE)
        self.budget = self.full_budget

    # --- candidates ---------------------------------------------------------------------

    def candidates(self, area: FocusArea) -> list[str]:
        """The area's allowed exercises: level 1 first, then the verdict's own list, then
        the member's situation, then the content's order."""
        found = self.allowed.candidates.get(area)
        if found is None:
            pool = self.content.focus_areas[area].exercises
            order = self.allowed.order
            allowed = [(order[s], i, s) for i, s in enumerate(pool) if s in self.allowed.slugs]
            found = self.allowed.candidates[area] = [s for _, _, s in sorted(allowed)]
        return found

    def basics(self, area: FocusArea) -> list[str]:
        """Candidates at the lowest level the area has (weeks 1–2: level 1 first)."""
        found = self.allowed.basics.get(area)
        if found is None:
            candidates = self.candidates(area)
            lowest = self.exercises[candidates[0]].level if candidates else 0
            found = [s for s in candidates if self.exercises[s].level == lowest]
            self.allowed.basics[area] = found
        return found

    def area_of(self, slug: str) -> FocusArea:
        for area in (*self.areas, *self.content.focus_areas):
            if slug in self.content.focus_areas[area].exercises:
                return area
        return self.areas[0]

    def has_main_candidate(self) -> bool:
        return any(self.candidates(area) for area in self.content.focus_areas)

    # --- time ---------------------------------------------------------------------------

    def seconds(self, slot: Slot) -> tuple[int, int]:
        """(time incl. rest between sets, working time) of a slot; cached."""
        key = (slot.slug, slot.amount)
        found = self.index.seconds.get(key)
        if found is None:
            dose = self.exercises[slot.slug].dose
            amount = slot.amount
            total = item_seconds(
                dose,
                sets=amount.sets,
                reps=amount.reps,
                hold_seconds=amount.hold_seconds,
                duration_seconds=amount.duration_seconds,
                per_side=dose.per_side,
                rest_seconds=dose.rest_seconds,
            )
            per_set = work_seconds_per_set(
                dose, amount.reps, amount.hold_seconds, amount.duration_seconds, dose.per_side
            )
            found = self.index.seconds[key] = (total, amount.sets * per_set)
        return found

    def total(self, slots: list[Slot]) -> int:
        time = sum(self.seconds(slot)[0] for slot in slots)
        return time + TRANSITION_SECONDS * max(0, len(slots) - 1)

    def work(self, slots: list[Slot]) -> int:
        return sum(self.seconds(slot)[1] for slot in slots)

    def fits(self, slots: list[Slot]) -> bool:
        return self.total(slots) <= self.budget

    # --- weeks 1–2 ----------------------------------------------------------------------

    def session_weeks(self, number: int) -> tuple[list[Slot], list[Slot], list[Slot]]:
        """Session ``number`` (0-based within the week) in weeks 1–2, 3 and 4.

        Memoised on the index: the same exercises under the same constraints and minutes
        give the same sessions (within a plan, rotations repeat; across plans, members
        share situations)."""
        cache = self.index.sessions
        by_number = (self.constraints, self.areas, self.minutes, number)
        found = cache.get(by_number)
        if found is None:
            picked = self.picks(number)
            by_picks = (self.constraints, self.minutes, tuple(picked))
            found = cache.get(by_picks)
            if found is None:
                base = fit(self, picked, target=self.start_budget)
                built_up = build_up(self, base)
                found = (base, built_up, progress(self, built_up, self.work(base)))
            self.index.remember(cache, by_picks, found)
            self.index.remember(cache, by_number, found)
        return found

    def picks(self, number: int) -> list[Slot]:
        """Session ``number``'s exercises at their base dose, before fitting to time."""
        count = MAINS_LONG if self.minutes >= LONG_SESSION_MINUTES else MAINS_SHORT
        slot_areas = [self.areas[k % len(self.areas)] for k in range(count)]
        per_area = Counter(slot_areas)
        seen: Counter[FocusArea] = Counter()
        used: set[str] = set()
        mains: list[Slot] = []
        for area in slot_areas:
            start = number * per_area[area] + seen[area]
            seen[area] += 1
            slug = self._pick(area, start, per_area[area], used) or self._fallback(used)
            if slug is None:
                continue
            used.add(slug)
            focus = area if slug in self.candidates(area) else self.area_of(slug)
            amount = base_amount(self.exercises[slug].dose)
            mains.append(Slot(slug, "main", amount, focus, "base"))
        slots = []
        warm_up = self._rotate(self.content.warm_up, number, used)
        if warm_up is not None:
            used.add(warm_up)
            slots.append(self._light(warm_up, "warm-up"))
        slots.extend(mains)
        cool_pool = self.content.cool_down
        breathes = any(self.exercises[m.slug].category is Category.BREATHING for m in mains)
        if FocusArea.RELAXATION in self.areas and not breathes:
            breathing = [s for s in cool_pool if self.exercises[s].category is Category.BREATHING]
            cool_pool = (*breathing, *(s for s in cool_pool if s not in breathing))
        cool_down = self._rotate(cool_pool, number, used)
        if cool_down is not None:
            slots.append(self._light(cool_down, "cool-down"))
        return slots

    def _pick(self, area: FocusArea, start: int, width: int, used: set[str]) -> str | None:
        """The area's next exercise for this session: its rotation over the basics, then
        the other basics, then the area's harder candidates; at each stage first one
        that is no variation, progression or regression of an exercise already in the
        session (no two clamshells in one session), then any that is not in it yet."""
        basics = self.basics(area)
        rotation = basics[: width + 1]
        turn = [rotation[(start + k) % len(rotation)] for k in range(len(rotation))]
        related = self.index.related
        near = {slug for done in used for slug in related.get(done, ())}
        others = [s for s in self.candidates(area) if s not in basics]
        for group in ([*turn, *basics[width + 1 :]], others):
            fresh = [s for s in group if s not in used]
            found = next((s for s in fresh if s not in near), None) or next(iter(fresh), None)
            if found is not None:
                return found
        return None

    def _fallback(self, used: set[str]) -> str | None:
        """When an area has nothing left: another area's exercise, preferring a kind of
        exercise (category) the session does not have yet, then the focus order."""
        categories = {self.exercises[slug].category for slug in used}
        areas = (*self.areas, *(a for a in self.content.focus_areas if a not in self.areas))
        found = [
            (self.exercises[slug].category in categories, self.allowed.order[slug], rank, slug)
            for rank, area in enumerate(areas)
            for slug in self.candidates(area)
            if slug not in used
        ]
        return min(found)[3] if found else None

    def _rotate(self, pool: tuple[str, ...], number: int, used: set[str]) -> str | None:
        choices = [s for s in pool if s in self.allowed.slugs and s not in used][:2]
        return choices[number % len(choices)] if choices else None

    def _light(self, slug: str, role: Literal["warm-up", "cool-down"]) -> Slot:
        return Slot(slug, role, light_amount(self.exercises[slug].dose), None, role)

    # --- items --------------------------------------------------------------------------

    def item(self, slot: Slot) -> PlanItem:
        key = (slot, self.minutes)
        found = self.index.items.get(key)
        if found is None:
            total, work = self.seconds(slot)
            amount = slot.amount
            found = PlanItem(
                slug=slot.slug,
                role=slot.role,
                sets=amount.sets,
                reps=amount.reps,
                hold_seconds=amount.hold_seconds,
                duration_seconds=amount.duration_seconds,
                per_side=self.exercises[slot.slug].dose.per_side,
                rest_seconds=self.exercises[slot.slug].dose.rest_seconds,
                seconds=total,
                work_seconds=work,
                reason=self.reason(slot),
                step=slot.step,
                focus=slot.focus,
                replaces=slot.replaces,
            )
            self.index.remember(self.index.items, key, found)
        return found

    def reason(self, slot: Slot) -> Text:
        """Why this exercise (its focus area or role, its goal) and why this dose."""
        exercise = self.exercises[slot.slug]
        shortened = slot.step in NEW_EXERCISE_STEPS and slot.amount.sets < exercise.dose.sets.low
        key = (slot.slug, slot.role, slot.focus, slot.step, slot.replaces, shortened, self.minutes)
        found = self.index.texts.get(key)
        if found is None:
            found = self.index.remember(
                self.index.texts, key, self._reason(slot, exercise, shortened)
            )
        return found

    def _reason(self, slot: Slot, exercise: Exercise, shortened: bool) -> Text:
        content = self.content
        if slot.role != "main":
            return _join(
                content.text(f"item.{slot.role}", goal=exercise.goal),
                content.texts[f"dose.{slot.role}"],
            )
        area = content.focus_areas[slot.focus or self.area_of(slot.slug)].label
        parts = [content.text("item.main", area=area, goal=exercise.goal)]
        previous = self.index.name(slot.replaces) if slot.replaces else None
        if slot.step == "swapped":
            parts += [content.text("item.swapped", previous=previous), content.texts["dose.base"]]
        elif slot.step in ("progression", "variation"):
            parts.append(content.text(f"dose.{slot.step}", previous=previous))
        elif slot.step == "hold":
            parts.append(content.text("dose.hold", minutes=self.minutes))
        else:
            parts.append(content.texts[f"dose.{slot.step}"])
        if shortened:
            parts.append(content.text("dose.shortened", minutes=self.minutes))
        return _join(*parts)


def slot_of(item: PlanItem) -> Slot:
    """A PlanItem back as a Slot (for a swap, which re-fits one session)."""
    amount = Amount(item.sets, item.reps, item.hold_seconds, item.duration_seconds)
    return Slot(item.slug, item.role, amount, item.focus, item.step, item.replaces)


def _join(*parts: Text) -> Text:
    return Text(nl=" ".join(p.nl for p in parts), en=" ".join(p.en for p in parts))
