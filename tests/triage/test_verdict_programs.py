"""Verdict pages link to the programs that suit them (issue 14 §3), from the programs'
``suggested_for`` content; never on a verdict that forbids training."""

import pytest
from django.urls import reverse
from django.utils import translation

from rugcoach.content import get_catalog
from tests.triage.wizard_walker import walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    return get_catalog().triage


def link(slug: str, language: str = "nl") -> str:
    with translation.override(language):
        return f'href="{reverse("programs:detail", args=[slug])}"'


def test_acute_lumbago_links_the_seven_day_recovery_plan(client, content):
    html = walk(client, content, {"onset": "sudden"}).content.decode()
    assert "Programma&#x27;s die hierbij passen" in html or "Programma's die hierbij passen" in html
    assert link("recovery-7-days") in html


def test_a_back_that_tightens_with_stress_links_breathing(client, content):
    html = walk(client, content, {"stress_tension": True}).content.decode()
    assert link("breathe-and-relax") in html
    calm = walk(client, content, {}).content.decode()
    assert "Je mag trainen" in calm or "hierbij passen" not in calm
    assert link("breathe-and-relax") not in calm  # the same verdict without stress


def test_english_verdict_links_the_english_program_page(client, content):
    html = walk(client, content, {"onset": "sudden"}, prefix="/en").content.decode()
    assert link("recovery-7-days", "en") in html


@pytest.mark.parametrize("overrides", [{"saddle_numbness": True}, {"fever": True}])
def test_a_verdict_that_forbids_training_links_no_program(client, content, overrides):
    html = walk(client, content, {**overrides, "stress_tension": True}).content.decode()
    assert "hierbij passen" not in html
    assert "/programmas/" not in html.split("<footer", 1)[0].split("<main", 1)[1]
