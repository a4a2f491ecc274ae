"""The personal poster says each exercise's doses in words a member reads off a wall:
by week where the dose grows, 'as a warm-up' where the exercise is also one, never two
prescriptions glued together with '/'."""

import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

from rugcoach.core.kernel.text import Text
from rugcoach.core.schedule import (
    Item,
    Prescription,
    PrescriptionVersion,
    Schedule,
    ScheduleSession,
)
from rugcoach.plans.presenters import poster_doses

pytestmark = pytest.mark.django_db


def poster_words(client, tmp_path, language: str) -> str:
    with translation.override(language):
        url = reverse("plans:poster")
    path = tmp_path / "poster.pdf"
    path.write_bytes(client.get(f"{url}?size=A3").content)
    raw = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(raw.split())


# The fixture's standing pelvic tilt is a main exercise on Mondays and Fridays (2 × 15,
# then 3 × 15 from week 3) and the warm-up on Wednesdays (15 repetitions).
@pytest.mark.parametrize(
    ("language", "expected", "stray"),
    [
        (
            "nl",
            "Week 1–2: 2 × 15 herhalingen, 30 s rust; week 3–4: 3 × 15 herhalingen, "
            "30 s rust. Als opwarming: 15 herhalingen",
            "tussen de sets",
        ),
        (
            "en",
            "Week 1–2: 2 × 15 repetitions, 30 s rest; week 3–4: 3 × 15 repetitions, "
            "30 s rest. As a warm-up: 15 repetitions",
            "between sets",
        ),
    ],
)
def test_an_exercise_in_two_roles_reads_as_words_not_slashes(
    client, member_with_plan, tmp_path, language, expected, stray
):
    member_with_plan.preferred_language = language
    member_with_plan.save()
    client.force_login(member_with_plan)
    text = poster_words(client, tmp_path, language)
    assert expected in text
    assert " / " not in text
    assert stray not in text  # brief: the sets are named just before the rest


def _schedule(*sessions: tuple[int, list[tuple[str, str, Prescription]]]) -> Schedule:
    why = Text(nl="omdat", en="because")
    return Schedule(
        kind="test",
        sessions=tuple(
            ScheduleSession(
                key=f"s{n}",
                day_offset=day,
                order=0,
                seconds=600,
                items=tuple(
                    Item(
                        key=f"s{n}-{i}",
                        order=i,
                        slug=slug,
                        role=role,
                        reason=why,
                        step="base",
                        versions=(PrescriptionVersion(number=1, prescription=dose, reason=why),),
                    )
                    for i, (slug, role, dose) in enumerate(items)
                ),
            )
            for n, (day, items) in enumerate(sessions)
        ),
    )


TWELVE = Prescription(sets=2, reps=12, rest_seconds=45)
TEN = Prescription(sets=1, reps=10)
HOLD = Prescription(sets=1, hold_seconds=30)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", "2 × 12 herhalingen, 45 s rust of 10 herhalingen"),
        ("en", "2 × 12 repetitions, 45 s rest or 10 repetitions"),
    ],
)
def test_two_doses_on_two_days_of_one_week_read_as_a_choice(language, expected):
    # Monday and Thursday of the same week, the same role: no week to tell them apart.
    schedule = _schedule((0, [("bridge", "main", TWELVE)]), (3, [("bridge", "main", TEN)]))
    with translation.override(language):
        assert poster_doses(schedule) == {"bridge": expected}


def test_a_warm_up_and_cool_down_only_exercise_names_both_roles():
    schedule = _schedule((0, [("cat-cow", "warm-up", TEN), ("cat-cow", "cool-down", HOLD)]))
    with translation.override("nl"):
        assert poster_doses(schedule) == {
            "cat-cow": "Als opwarming: 10 herhalingen. Als cooling-down: 30 s vasthouden"
        }


def test_the_same_dose_in_two_roles_is_said_once():
    schedule = _schedule((0, [("cat-cow", "warm-up", TEN)]), (2, [("cat-cow", "main", TEN)]))
    with translation.override("en"):
        assert poster_doses(schedule) == {"cat-cow": "10 repetitions"}
