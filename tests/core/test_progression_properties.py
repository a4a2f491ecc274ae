"""Properties of the progression engine over simulated members (issue 13 §2).

A member follows the engine session by session (a session every other day, the
engine's dose each time; a swapped or advanced exercise is a different exercise, so it
leaves that exercise's log) and answers with any pain, outcome and follow-up. Over
every such history:

- the dose never rises while pain is above the band or rising;
- "it hurt" is always followed by a lower or a different exercise;
- no exercise rises more than one step a week;
- the same input gives the same output.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from itertools import pairwise
from statistics import fmean

from hypothesis import given, settings
from hypothesis import strategies as st

from rugcoach.core.progression.models import CheckIn, Evaluation, ExerciseLog, FollowUp, SessionLog
from tests.core.progression_support import (
    MAINS,
    START,
    catalog,
    check_in,
    item,
    key,
    run,
    schedule,
)

RULES = catalog().progression
PLAN = schedule(planned={"glute-bridge": 3, "bird-dog": 1})  # week 3 jumps: the cap holds
TRAINING = ("active", "held", "reduced")

pain = st.integers(min_value=0, max_value=10)
follow_up = st.none() | st.builds(
    FollowUp, feeling=st.sampled_from(["better", "same", "worse"]), pain=pain
)
outcome = st.sampled_from(["done", "too_easy", "too_easy", "right", "too_hard", "hurt"])


@st.composite
def day(draw: st.DrawFn) -> dict:
    """One session's answers: half the days calm (low pain, settled the next morning), so
    members also climb and can then hurt at a higher rung; the other half anything."""
    baseline = draw(pain)
    outcomes = draw(st.tuples(outcome, outcome))
    if draw(st.booleans()):
        low = st.integers(min_value=0, max_value=RULES.bands.safe_max)
        settled = FollowUp(
            feeling=draw(st.sampled_from(["better", "same"])),
            pain=draw(st.integers(min_value=0, max_value=baseline)),
        )
        return {"baseline": baseline, "peak": draw(low), "morning": settled, "later": None,
                "outcomes": outcomes, "pains": draw(st.tuples(st.none() | low, st.none() | low)),
                "worse_check_in": False}  # fmt: skip
    return {"baseline": baseline, "peak": draw(pain), "morning": draw(follow_up),
            "later": draw(follow_up), "outcomes": outcomes,
            "pains": draw(st.tuples(st.none() | pain, st.none() | pain)),
            "worse_check_in": draw(st.booleans())}  # fmt: skip


members = st.lists(day(), min_size=1, max_size=14)


@dataclass(frozen=True)
class Step:
    history: tuple[SessionLog, ...]
    check_ins: tuple[CheckIn, ...]
    evaluation: Evaluation


def simulate(days: list[dict]) -> list[Step]:
    history: list[SessionLog] = []
    check_ins: list[CheckIn] = []
    steps: list[Step] = []
    for index, answers in enumerate(days):
        on = index * 2
        if answers["worse_check_in"] and history:
            check_ins.append(check_in(on))
        evaluation = run(history, today=on, schedule=PLAN, check_ins=check_ins)
        steps.append(Step(tuple(history), tuple(check_ins), evaluation))
        if evaluation.status not in TRAINING or evaluation.session_key != key(on):
            break
        logs = []
        for slug, result, felt in zip(MAINS, answers["outcomes"], answers["pains"], strict=True):
            decision = item(evaluation, slug)
            if decision.action in ("swap", "advance"):
                continue  # a different exercise now
            logs.append(
                ExerciseLog(item_key=decision.item_key, slug=slug,
                            prescription=decision.prescription, outcome=result, pain=felt)
            )  # fmt: skip
        history.append(
            SessionLog(
                session_key=key(on),
                on=START + timedelta(days=on),
                baseline=answers["baseline"],
                peak=max([answers["peak"], *(p for p in answers["pains"] if p is not None)]),
                exercises=tuple(logs),
                next_morning=answers["morning"],
                later=answers["later"] if answers["morning"] else None,  # asked after it
            )
        )
    return steps


def last_rung(history: tuple[SessionLog, ...], slug: str) -> int | None:
    logs = [e for s in history for e in s.exercises if e.slug == slug]
    return logs[-1].prescription.rung if logs else None


def weekly_rise(history: tuple[SessionLog, ...], today: int) -> bool:
    """The last full plan week's pain above the week before's (pain only, as a member
    would tell it: the pre-session and next-morning scores)."""
    days = RULES.weeks.days
    current = today // days

    def mean(week: int) -> float | None:
        scores = [
            score
            for s in history
            if (s.on - START).days // days == week
            for score in (s.baseline, *([s.next_morning.pain] if s.next_morning else []))
        ]
        return fmean(scores) if scores else None

    now, before = mean(current - 1), mean(current - 2)
    return now is not None and before is not None and now >= before + RULES.weeks.rise_min_points


@given(members)
@settings(max_examples=80, deadline=None)
def test_the_dose_never_rises_while_pain_is_above_the_band_or_rising(days):
    for index, step in enumerate(simulate(days)):
        if not step.history or step.evaluation.status not in TRAINING:
            continue  # stopped or paused: nothing is trained
        last = step.history[-1]
        morning = last.next_morning
        above = last.peak > RULES.bands.acceptable_max
        rising = (
            (morning is not None and (morning.pain > last.baseline or morning.feeling == "worse"))
            or any(c.clearly_worse and c.on > last.on for c in step.check_ins)
            or weekly_rise(step.history, index * 2)
        )
        if not (above or rising):
            continue
        for slug in MAINS:
            decision = item(step.evaluation, slug)
            done = last_rung(step.history, slug)
            assert decision.action not in ("progress", "advance"), (slug, decision)
            if done is not None and decision.action != "swap":
                assert decision.prescription.rung is not None
                assert decision.prescription.rung <= done, (slug, decision)


@given(members)
@settings(max_examples=80, deadline=None)
def test_it_hurt_is_always_followed_by_a_lower_or_different_exercise(days):
    for step in simulate(days):
        if not step.history or step.evaluation.status not in TRAINING:
            continue
        for log in step.history[-1].exercises:
            if log.outcome != "hurt":
                continue
            decision = item(step.evaluation, log.slug)
            done = log.prescription.rung
            assert decision.action == "swap" or (
                decision.action == "regress"
                and decision.prescription.rung is not None
                and done is not None
                and decision.prescription.rung < done
            ), (log, decision)


@given(members)
@settings(max_examples=80, deadline=None)
def test_never_more_than_one_step_a_week_per_exercise(days):
    steps = simulate(days)
    history = steps[-1].history
    for slug in MAINS:
        rises = []
        previous = None
        for s in history:
            for log in s.exercises:
                if log.slug != slug:
                    continue
                rung = log.prescription.rung
                if previous is not None and rung is not None and rung > previous:
                    assert rung == previous + 1, (slug, previous, rung)
                    rises.append(s.on)
                previous = rung if rung is not None else previous
        for earlier, later in pairwise(rises):
            assert (later - earlier).days >= RULES.steps.window_days, (slug, rises)


@given(members, st.randoms(use_true_random=False))
@settings(max_examples=40, deadline=None)
def test_the_same_input_gives_the_same_output(days, random):
    for index, step in enumerate(simulate(days)):
        shuffled = list(step.history)
        random.shuffle(shuffled)
        again = run(shuffled, today=index * 2, schedule=PLAN, check_ins=list(step.check_ins))
        assert again == step.evaluation
