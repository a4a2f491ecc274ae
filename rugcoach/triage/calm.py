"""A calm member's answers to every question: no warning sign, a 40-year-old with mild
pain of two weeks. The demo data's checks are made of them (and the tests start from them,
changing what a test is about)."""

from rugcoach.core.triage.engine import Answer
from rugcoach.core.triage.schema import AnswerType, Question, TriageContent

# Where "no", the first option or the lowest number is not the calm answer.
CALM = {
    "age": 40,
    "pain_now": 2,
    "duration_weeks": 2,
    "onset_age": 38,
    "leg_pain_stable": True,
    "pregnancy_week": 20,
}


def calm_answer(question: Question) -> Answer:
    if question.id in CALM:
        return CALM[question.id]
    if question.type is AnswerType.YES_NO:
        return False
    if question.type is AnswerType.CHOICE:
        return question.option_values[0]
    raise ValueError(f"add a calm value for the number question {question.id}")


def calm_answers(content: TriageContent) -> dict[str, Answer]:
    """A calm answer to every question, follow-ups and check-in questions included."""
    return {question.id: calm_answer(question) for question in content.questions.values()}
