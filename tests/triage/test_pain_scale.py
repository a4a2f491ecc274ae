"""Issue 11 §3: pain is entered on a tappable 0–10 scale with words at the ends."""

import re

import pytest

from rugcoach.content import get_catalog
from rugcoach.triage.forms import QuestionsForm
from tests.plan_helpers import record_triage
from tests.triage.test_triage_pages import checkin_data
from tests.triage.wizard_walker import walk

pytestmark = pytest.mark.django_db


def pain_fieldset(html: str) -> str:
    found = re.search(
        r"<fieldset[^>]*>(?:(?!</fieldset>).)*name=\"pain_now\".*?</fieldset>", html, re.S
    )
    assert found, "the pain question is a fieldset"
    return found.group(0)


def assert_pain_scale(html: str) -> None:
    fieldset = pain_fieldset(html)
    assert "<legend" in fieldset
    values = re.findall(r'<input type="radio" name="pain_now" value="(\d+)"', fieldset)
    assert values == [str(n) for n in range(11)]
    assert 'type="number"' not in fieldset
    assert "geen pijn" in fieldset and "ergste pijn die je je kunt voorstellen" in fieldset
    # the words belong to the ends only: a screen reader hears "0 geen pijn", "5", "10 ergste…"
    labels = re.findall(r'<label class="pain-scale-option".*?</label>', fieldset, re.S)
    assert len(labels) == 11
    assert "geen pijn" in labels[0] and "ergste pijn" in labels[10]
    assert all("pijn" not in label for label in labels[1:10])


def test_the_full_check_asks_pain_on_the_scale(client):
    content = get_catalog().triage
    form = QuestionsForm(None, questions=[content.questions["pain_now"]], language="nl")
    assert_pain_scale(f"<form>{form.as_div()}</form>")
    # and the chosen number comes back as a number, as the triage engine expects it
    posted = QuestionsForm(
        {"pain_now": "4"}, questions=[content.questions["pain_now"]], language="nl"
    )
    assert posted.is_valid() and posted.answers() == {"pain_now": 4}


def test_the_checkin_asks_pain_on_the_scale_and_keeps_a_choice(client, member):
    content = get_catalog().triage
    client.force_login(member)
    walk(client, content, {})
    assert_pain_scale(client.get("/mag-ik-trainen/check-in/").content.decode())
    data = checkin_data(content)
    other = next(key for key in data if key != "pain_now" and key != "checkin_walking")
    del data[other]  # an unanswered question: the page comes back
    html = client.post("/mag-ik-trainen/check-in/", {**data, "pain_now": "3"}).content.decode()
    assert re.search(r'name="pain_now" value="3"[^>]*checked', pain_fieldset(html))


def test_the_scale_in_english(client, member):
    member.preferred_language = "en"
    member.save()
    client.force_login(member)
    record_triage(member)
    html = client.get("/en/may-i-train/check-in/", follow=True).content.decode()
    fieldset = pain_fieldset(html)
    assert "no pain" in fieldset and "worst pain you can imagine" in fieldset
