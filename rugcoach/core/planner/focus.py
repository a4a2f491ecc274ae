"""Self-tests and intake → focus areas: "train the cause, not the symptom" (article §4).

Each answer that points to a cause raises a *signal*. ``content/planner.yaml`` says which
focus area a signal points to, how strongly (its weight) and what the member reads. The
areas with the highest total weight win, at most ``max_focus_areas``; ties follow the
order of ``focus_areas`` in the content. The signal table is in ``docs/planner.md``.
"""

from __future__ import annotations

from rugcoach.core.kernel.text import Text
from rugcoach.core.planner.content import PlannerContent
from rugcoach.core.planner.profile import Focus, FocusArea, Profile, SelfTests, Trigger

__all__ = [
    "CHRONIC_AFTER_WEEKS",
    "DEFAULT_FOCUS",
    "SITTING_LONG_HOURS",
    "SITTING_SOME_HOURS",
    "default_focus",
    "focus_areas",
    "focus_left_out",
]

SITTING_LONG_HOURS = 6
"""Article §1.1: sitting more than 6 hours a day raises the risk of low back pain by 50%."""
SITTING_SOME_HOURS = 4
CHRONIC_AFTER_WEEKS = 6
"""Article §4: complaints longer than 6 weeks are chronic (build up, core, glutes)."""

SITUATION_PREFIX = "situation-"
DEFAULT_FOCUS = (
    ("default-mobility", FocusArea.MOBILITY),
    ("default-deep-core", FocusArea.DEEP_CORE),
)
"""Without any answer that points to a cause: mobility and deep core, each raised by its
own signal (whose reason the member reads)."""
DEFAULT_SIGNALS = tuple(signal for signal, _ in DEFAULT_FOCUS)
REASONS_PER_FOCUS = 2


def fired_signals(profile: Profile, tests: SelfTests) -> tuple[str, ...]:
    """The signal ids these answers raise, in a fixed order (tests, then intake)."""
    fired = list(self_test_signals(tests))
    fired.extend(f"trigger-{trigger.value}" for trigger in Trigger if trigger in profile.triggers)
    if profile.complaint_weeks > CHRONIC_AFTER_WEEKS:
        fired.extend(("chronic-core", "chronic-glutes"))
    if not fired:
        fired.extend(DEFAULT_SIGNALS)
    fired.append(SITUATION_PREFIX + profile.situation.value)
    return tuple(fired)


def self_test_signals(tests: SelfTests) -> tuple[str, ...]:
    """The signal ids the self-tests alone raise, in a fixed order."""
    fired: list[str] = []
    if tests.bridge_felt_in == "lower-back":
        fired.append("bridge-lower-back")
    elif tests.bridge_felt_in == "hamstrings":
        fired.append("bridge-hamstrings")
    if tests.core_belly_shakes:
        fired.append("core-belly-shakes")
    if tests.core_breath_stops:
        fired.extend(("core-breath-stops", "breath-held"))
    if tests.core_pelvis_moves:
        fired.append("core-pelvis-moves")
    hours = tests.sitting_hours
    if hours is not None and hours >= SITTING_LONG_HOURS:
        fired.extend(("sitting-long-posture", "sitting-long-stiff"))
    elif hours is not None and hours >= SITTING_SOME_HOURS:
        fired.append("sitting-some")
    if tests.stress in ("high", "medium"):
        fired.append(f"stress-{tests.stress}")
    if tests.training_load in ("high", "medium"):
        fired.append(f"load-{tests.training_load}")
    if tests.movement_variety == "low":
        fired.append("variety-low")
    return tuple(fired)


def focus_areas(profile: Profile, tests: SelfTests, content: PlannerContent) -> tuple[Focus, ...]:
    """The member's focus areas, most important first; never empty.

    Without any answer that points to a cause, the default is mobility and deep core
    (plus whatever the situation itself suggests).
    """
    return _ranked(profile, tests, content)[: content.max_focus_areas]


def default_focus(content: PlannerContent) -> tuple[Focus, ...]:
    """The focus of a plan built without focus areas: ``DEFAULT_FOCUS``, with its reasons."""
    return tuple(
        Focus(area=area, reason=content.signals[signal].reason, signals=(signal,))
        for signal, area in DEFAULT_FOCUS
    )


def focus_left_out(
    profile: Profile, tests: SelfTests, content: PlannerContent
) -> tuple[Focus, ...]:
    """Areas a self-test raised that did not make the cut of ``max_focus_areas``: the
    plan names them and says why (issue 10: a self-test's finding is served or the plan
    says why not)."""
    from_tests = set(self_test_signals(tests))
    return tuple(
        focus
        for focus in _ranked(profile, tests, content)[content.max_focus_areas :]
        if from_tests & set(focus.signals)
    )


def _ranked(profile: Profile, tests: SelfTests, content: PlannerContent) -> tuple[Focus, ...]:
    fired = fired_signals(profile, tests)
    order = list(content.focus_areas)
    scores: dict[FocusArea, int] = dict.fromkeys(order, 0)
    behind: dict[FocusArea, list[str]] = {area: [] for area in order}
    for signal_id in fired:
        signal = content.signals[signal_id]
        scores[signal.area] += signal.weight
        behind[signal.area].append(signal_id)
    ranked = sorted(
        (area for area in order if scores[area] > 0),
        key=lambda area: (-scores[area], order.index(area)),
    )
    return tuple(_focus(area, behind[area], fired, content) for area in ranked)


def _focus(
    area: FocusArea, signal_ids: list[str], fired: tuple[str, ...], content: PlannerContent
) -> Focus:
    strongest = sorted(signal_ids, key=lambda s: (-content.signals[s].weight, fired.index(s)))
    reasons = [content.signals[s].reason for s in strongest[:REASONS_PER_FOCUS]]
    return Focus(
        area=area,
        reason=Text(
            nl=" ".join(reason.nl for reason in reasons),
            en=" ".join(reason.en for reason in reasons),
        ),
        signals=tuple(strongest),
    )
