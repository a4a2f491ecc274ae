"""Walk the triage wizard through Django's test client, as a member filling it in."""

import re

from rugcoach.core.triage.engine import visible_questions
from rugcoach.core.triage.schema import AnswerType, TriageContent
from tests.triage_answers import benign

STEP_URL = re.compile(r"/(?:en/may-i-train/step|mag-ik-trainen/stap)/(\d+)/$")


def form_value(question, value: object) -> str:
    if question.type is AnswerType.YES_NO:
        return "yes" if value else "no"
    return str(value)


def urgent_no(content: TriageContent) -> dict[str, str]:
    """The first screen's form data with every warning sign answered "no"."""
    return {
        question.id: form_value(question, benign(question))
        for question in visible_questions({}, content, screen="urgent")
    }


def walk(client, content: TriageContent, overrides: dict[str, object], *, prefix: str = ""):
    """Answer every step (benign unless overridden); return the final response."""
    base = f"{prefix}/may-i-train/step" if prefix else "/mag-ik-trainen/stap"
    answers: dict[str, object] = {}
    url = f"{base}/1/"
    for _ in range(30):
        page = client.get(url)
        assert page.status_code == 200, url
        screen_id = _screen_of(page, content, answers)
        html = page.content.decode()
        data = {}
        # The questions the page shows (a member's page may add one from their record).
        for question in content.questions.values():
            if question.screen != screen_id or f'name="{question.id}"' not in html:
                continue
            value = overrides.get(question.id, benign(question))
            answers[question.id] = value
            data[question.id] = form_value(question, value)
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
        location = response["Location"]
        if not STEP_URL.search(location):
            return client.get(location)
        url = location
    raise AssertionError("the wizard did not finish")


def _screen_of(page, content: TriageContent, answers: dict[str, object]) -> str:
    """The screen whose questions the page shows (by their field names)."""
    html = page.content.decode()
    for question in content.questions.values():
        if f'name="{question.id}"' in html:
            return question.screen
    raise AssertionError("no question on the page")
