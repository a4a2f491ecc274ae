"""Benign triage answers for tests: everything fine unless a test says otherwise (the calm
member of ``rugcoach.triage.calm``, which the demo data uses too)."""

from rugcoach.core.triage.schema import AnswerType, Question, TriageContent
from rugcoach.triage.calm import calm_answer, calm_answers


def candidates(question: Question) -> list[object]:
    """Every valid answer to a question (numbers: the whole range)."""
    if question.type is AnswerType.YES_NO:
        return [False, True]
    if question.type is AnswerType.CHOICE:
        return list(question.option_values)
    assert question.min is not None and question.max is not None
    return list(range(question.min, question.max + 1))


def benign(question: Question) -> object:
    return calm_answer(question)


def benign_answers(content: TriageContent) -> dict[str, object]:
    """A benign answer to every question, follow-ups and check-in questions included."""
    return dict(calm_answers(content))
