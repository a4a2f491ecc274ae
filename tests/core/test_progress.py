"""The progress page's pure parts: streak, calendar, weekly minutes, outcomes, chart."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from rugcoach.core.kernel.content_io import ContentError
from rugcoach.core.progress.chart import ChartLabels, ChartSession, pain_chart
from rugcoach.core.progress.content import OutcomesContent, load_outcomes
from rugcoach.core.progress.days import (
    PlanSpan,
    month_calendar,
    planned,
    streak,
    weekly_minutes,
)
from rugcoach.core.progress.outcomes import Rating, nprs_change, psfs_change, psfs_due

CONTENT = Path(__file__).resolve().parents[2] / "content"
RULES = load_outcomes(CONTENT)
MON = date(2026, 11, 30)  # a Monday


def days(*offsets: int) -> list[date]:
    return [MON + timedelta(days=n) for n in offsets]


# --- content ------------------------------------------------------------------------------


def test_thresholds_are_the_reference_s_and_each_has_a_source():
    raw = yaml.safe_load((CONTENT / "outcomes.yaml").read_text(encoding="utf-8"))
    assert (raw["nprs_change"]["points"], raw["nprs_change"]["percent"]) == (2, 30)
    assert (raw["psfs"]["average_points"], raw["psfs"]["single_points"]) == (2, 3)
    assert (raw["psfs"]["activities_min"], raw["psfs"]["activities_max"]) == (3, 5)
    assert raw["psfs_due"]["every_days"] == 14
    for name, rule in raw.items():
        assert rule["source"].strip(), name


@pytest.mark.parametrize(
    ("section", "key", "value", "problem"),
    [
        ("psfs", "source", None, "psfs.source: Field required"),
        ("streak", "source", None, "streak.source: Field required"),
        ("psfs", "activities_min", 6, "activities_min must not be above activities_max"),
        ("nprs_change", "points", 0, "nprs_change.points"),
    ],
)
def test_invalid_content_is_refused_naming_the_field(tmp_path, section, key, value, problem):
    raw = yaml.safe_load((CONTENT / "outcomes.yaml").read_text(encoding="utf-8"))
    if value is None:
        del raw[section][key]
    else:
        raw[section][key] = value
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "outcomes.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_outcomes(tmp_path / "content")
    assert problem in "\n".join(error.value.problems)


def test_the_catalog_loads_the_outcomes(catalog):
    assert isinstance(catalog.outcomes, OutcomesContent)
    assert catalog.outcomes.streak.rest_days == 1


# --- the streak ---------------------------------------------------------------------------


def test_daily_training_counts_every_day():
    assert streak(days(0, 1, 2, 3), MON + timedelta(days=3), rest_days=1) == 4


def test_one_rest_day_keeps_the_streak_two_break_it():
    assert streak(days(0, 2, 4), MON + timedelta(days=4), rest_days=1) == 3
    assert streak(days(0, 3, 4), MON + timedelta(days=4), rest_days=1) == 2


def test_not_yet_trained_today_does_not_break_it_but_two_days_off_do():
    trained = days(0, 1)
    assert streak(trained, MON + timedelta(days=2), rest_days=1) == 2  # today still open
    assert streak(trained, MON + timedelta(days=3), rest_days=1) == 2  # one rest day
    assert streak(trained, MON + timedelta(days=4), rest_days=1) == 0  # two missed days


def test_a_plan_s_free_days_are_planned_rest():
    # Mon/Wed/Fri for two weeks: the weekend and the days between never break it.
    plan = planned([PlanSpan(MON, 14, frozenset({0, 2, 4, 7, 9, 11}))])
    trained = days(0, 2, 4, 7, 9, 11)
    assert streak(trained, MON + timedelta(days=11), rest_days=1, plan=plan) == 6
    # Skipping one planned session is forgiven; skipping two in a row is not.
    assert streak(days(0, 2, 7, 9), MON + timedelta(days=9), rest_days=1, plan=plan) == 4
    assert streak(days(0, 7, 9), MON + timedelta(days=9), rest_days=1, plan=plan) == 2


def test_a_later_plan_governs_from_its_first_day():
    old = PlanSpan(MON, 28, frozenset(range(28)))  # every day
    new = PlanSpan(MON + timedelta(days=3), 28, frozenset({0}))  # only its first day
    plan = planned([old, new])
    assert MON + timedelta(days=5) not in plan.sessions
    assert MON + timedelta(days=1) in plan.sessions
    assert MON + timedelta(days=3) in plan.sessions


def test_no_training_is_no_streak():
    assert streak([], MON, rest_days=1) == 0
    assert streak(days(5), MON, rest_days=1) == 0  # a future day does not count


training_days = st.sets(st.integers(min_value=0, max_value=60), max_size=40)


@given(training_days, st.integers(min_value=0, max_value=70), st.integers(0, 3))
def test_streak_is_never_negative_nor_more_than_the_days_trained(offsets, today, rest):
    value = streak(days(*offsets), MON + timedelta(days=today), rest_days=rest)
    assert 0 <= value <= len([n for n in offsets if n <= today])


@given(training_days, st.integers(min_value=0, max_value=60))
def test_a_rest_day_never_breaks_a_streak(offsets, rest_day):
    """Training the day before and after a single rest day: the streak includes both."""
    trained = (set(offsets) - {rest_day}) | {rest_day - 1, rest_day + 1}
    trained = {n for n in trained if n >= 0}
    today = MON + timedelta(days=rest_day + 1)
    before = streak(days(*[n for n in trained if n <= rest_day - 1]), today, rest_days=1)
    after = streak(days(*trained), today, rest_days=1)
    assert after >= before + 1 if rest_day >= 1 else after >= 1


@given(training_days, st.integers(min_value=0, max_value=60))
def test_training_today_never_lowers_the_streak(offsets, today):
    trained = days(*offsets)
    on = MON + timedelta(days=today)
    assert streak([*trained, on], on, rest_days=1) >= streak(trained, on, rest_days=1)


# --- calendar and minutes -----------------------------------------------------------------


def test_the_month_calendar_starts_on_monday_and_marks_training_days():
    weeks = month_calendar(2026, 12, {date(2026, 12, 3): 2}, date(2026, 12, 4))
    assert [d.day for d in weeks[0]][:2] == [date(2026, 11, 30), date(2026, 12, 1)]
    assert all(len(week) == 7 for week in weeks)
    flat = [d for week in weeks for d in week]
    assert [d.day for d in flat if d.sessions] == [date(2026, 12, 3)]
    assert [d.day for d in flat if d.today] == [date(2026, 12, 4)]
    assert not flat[0].in_month and flat[1].in_month


def test_weekly_minutes_are_per_calendar_week_this_week_last():
    seconds = [(MON, 600), (MON + timedelta(days=6), 330), (MON - timedelta(days=1), 900)]
    result = weekly_minutes(seconds, MON + timedelta(days=2), 3)
    assert [(w.monday, w.minutes) for w in result] == [
        (MON - timedelta(days=14), 0),
        (MON - timedelta(days=7), 15),
        (MON, 16),  # 600 + 330 seconds = 15.5 minutes
    ]


# --- outcomes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "latest", "direction", "meaningful"),
    [
        (6, 4, "better", True),  # 2 points
        (6, 5, "better", False),  # 1 point, 17 %
        (3, 2, "better", True),  # 1 point but 33 %
        (10, 7, "better", True),  # exactly 30 %
        (4, 5, "worse", False),
        (3, 5, "worse", True),
        (0, 0, "same", False),
    ],
)
def test_nprs_change(first, latest, direction, meaningful):
    change = nprs_change(first, latest, RULES.nprs_change)
    assert (change.direction, change.meaningful) == (direction, meaningful)
    assert change.points == abs(first - latest)


def ratings(*scores: int) -> list[Rating]:
    names = ["Bukken", "Lang zitten", "Tillen", "Fietsen", "Traplopen"]
    return [Rating(name, score) for name, score in zip(names, scores, strict=False)]


def test_psfs_average_change_of_two_points_is_meaningful():
    change = psfs_change(ratings(3, 4, 5), ratings(5, 6, 7), RULES.psfs)
    assert (change.first, change.latest, change.direction) == (4.0, 6.0, "better")
    assert change.meaningful
    assert not any(a.meaningful for a in change.activities)


def test_psfs_one_activity_three_points_is_meaningful_alone():
    change = psfs_change(ratings(3, 4, 5), ratings(6, 4, 5), RULES.psfs)
    assert not change.meaningful  # the average rose by 1.0
    assert [(a.name, a.meaningful) for a in change.activities] == [
        ("Bukken", True),
        ("Lang zitten", False),
        ("Tillen", False),
    ]


def test_psfs_matches_activities_by_name_not_position():
    first = [Rating("Bukken", 2), Rating("Tillen", 8), Rating("Fietsen", 5)]
    latest = [Rating("tillen", 8), Rating("Bukken", 6), Rating("Wandelen", 5)]
    change = psfs_change(first, latest, RULES.psfs)
    assert [(a.name, a.first, a.latest) for a in change.activities] == [
        ("tillen", 8, 8),
        ("Bukken", 2, 6),
    ]


def test_psfs_is_due_at_the_start_and_every_two_weeks():
    assert psfs_due(None, MON, 14)
    assert not psfs_due(MON, MON + timedelta(days=13), 14)
    assert psfs_due(MON, MON + timedelta(days=14), 14)


# --- the chart ----------------------------------------------------------------------------

LABELS = ChartLabels(
    title="Pijn <per> training",
    description="Pijn voor, na & de ochtend erna",
    before="Voor",
    after="Na",
    morning="Ochtend",
    baseline="Beginpunt",
    axis="Pijn (0–10)",
)
SVG = "{http://www.w3.org/2000/svg}"


def test_the_chart_draws_each_score_as_a_point_of_its_own_shape():
    sessions = [
        ChartSession(MON, 5, 3, 4),
        ChartSession(MON + timedelta(days=2), 4, None, 2),
        ChartSession(MON + timedelta(days=4), 2, 1, None),
    ]
    svg = pain_chart(sessions, 5, LABELS)
    root = ET.fromstring(svg)  # well-formed, so every text was escaped
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Pijn <per> training"
    assert root.find(f"{SVG}desc").text == "Pijn voor, na & de ochtend erna"
    shapes = {
        kind: root.findall(f".//*[@class='point point-{kind}']")
        for kind in ("before", "after", "morning")
    }
    assert [len(shapes[k]) for k in ("before", "after", "morning")] == [3, 2, 2]
    assert {e.tag for e in shapes["before"]} == {f"{SVG}circle"}
    assert {e.tag for e in shapes["after"]} == {f"{SVG}rect"}
    assert {e.tag for e in shapes["morning"]} == {f"{SVG}polygon"}
    # Pain 5 sits higher (smaller y) than pain 2.
    ys = [float(c.get("cy")) for c in shapes["before"]]
    assert ys[0] < ys[1] < ys[2]
    baseline = root.find(".//*[@class='baseline']")
    assert float(baseline.get("y1")) == pytest.approx(ys[0])


def test_the_chart_loads_nothing_from_elsewhere():
    svg = pain_chart([ChartSession(MON, 3, 2, 1)], None, LABELS)
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", svg)
    assert "@font-face" not in svg and "<style" not in svg
    assert ET.fromstring(svg).find(".//*[@class='baseline']") is None
