"""Benign triage answers for tests: everything fine unless a test says otherwise."""

from rugcoach.core.triage.schema import AnswerType, Question, TriageContent

# Where "no" / the first option / the minimum is not the benign answer.
BENIGN = {
    "age": 40,
    "pain_now": 2,
    "duration_weeks": 2,
    "onset_age": 38,
    "leg_pain_stable": True,
    "pregnancy_week": 20,
}


def candidates(question: Question) -> list[object]:
    """Every valid answer to a question (numbers: the whole range)."""
    if question.type is AnswerType.YES_NO:
        return [False, True]
    if question.type is AnswerType.CHOICE:
        return list(question.option_values)
    assert question.min is not None and question.max is not None
    return list(range(question.min, question.max + 1))


def benign(question: Question) -> object:
    if question.id in BENIGN:
        return BENIGN[question.id]
    assert question.type is not AnswerType.NUMBER, f"add a benign value for {question.id}"
    return candidates(question)[0]


def benign_answers(content: TriageContent) -> dict[str, object]:
    """A benign answer to every question, follow-ups and check-in questions included."""
    return {question.id: benign(question) for question in content.questions.values()}
