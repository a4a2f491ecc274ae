"""The personal poster says each exercise's doses in words a member reads off a wall:
by week where the dose grows, 'as a warm-up' where the exercise is also one, never two
prescriptions glued together with '/'."""

import subprocess

import pytest
from django.urls import reverse
from django.utils import translation

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
