from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from rugcoach.api.auth import MEMBER_AUTH
from rugcoach.api.errors import ErrorOut, ValidationErrorOut, field_error, invalid
from rugcoach.api.schemas import (
    INVALID,
    MEMBERS_ONLY,
    WITH_BODY,
    CheckinAnswersIn,
    LanguageQuery,
    TriageAnswersIn,
)
from rugcoach.content import get_catalog
from rugcoach.core.triage.engine import (
    Level,
    TriageInputError,
    checkin_questions,
    evaluate,
    screens,
)
from rugcoach.core.triage.schema import Question
from rugcoach.triage.services import FullCheckOutdated, NoFullCheck, record_checkin

router = Router(tags=["triage"])


class OptionOut(Schema):
    value: str
    label: str
    red_flag: bool


class QuestionOut(Schema):
    id: str
    screen: str
    type: str
    text: str
    help: str
    options: list[OptionOut]
    min: int | None
    max: int | None
    unit: str | None
    unit_label: str | None
    red_flag: bool
    ask_if: list[dict[str, Any]] = Field(description="show only when these conditions hold")


class ScreenOut(Schema):
    id: str
    title: str
    intro: str | None
    questions: list[QuestionOut]


class QuestionsOut(Schema):
    screens: list[ScreenOut]
    checkin: list[QuestionOut]


class AnswersIn(Schema):
    answers: TriageAnswersIn  # type: ignore[valid-type]

    def given(self) -> dict[str, Any]:
        """The answers the client sent (an unanswered question is left out)."""
        return self.answers.model_dump(exclude_unset=True)


class CheckinIn(AnswersIn):
    answers: CheckinAnswersIn  # type: ignore[valid-type]


class ReasonOut(Schema):
    rule: str
    level: Level
    text: str


class ActionOut(Schema):
    id: str
    label: str
    detail: str
    phone: str | None


class VerdictOut(Schema):
    level: Level
    label: str
    title: str
    reasons: list[ReasonOut]
    actions: list[ActionOut]
    tell_them: str | None
    advice: list[str]
    exercises: list[str]
    conditions: list[str]
    may_train: bool
    recheck_after_days: int | None
    recheck: str
    disclaimer: str
    checkin: bool
    cut_short: bool = Field(
        default=False,
        description="the answers so far already gave EMERGENCY, so the rest was not needed",
    )


class StoredVerdictOut(VerdictOut):
    id: int
    created_at: datetime


def _question(question: Question, language: str) -> dict[str, Any]:
    return {
        "id": question.id,
        "screen": question.screen,
        "type": question.type.value,
        "text": question.text.get(language),
        "help": question.help.get(language),
        "options": [
            {"value": o.value, "label": o.label.get(language), "red_flag": o.red_flag}
            for o in question.options
        ],
        "min": question.min,
        "max": question.max,
        "unit": question.unit.value if question.unit else None,
        "unit_label": question.unit_label.get(language) if question.unit_label else None,
        "red_flag": question.red_flag,
        "ask_if": [condition.model_dump(mode="json") for condition in question.ask_if],
    }


def answer_errors(error: TriageInputError) -> dict[str, list[dict[str, Any]]]:
    return invalid(
        *(
            field_error(["body", "answers", question_id], message)
            for question_id, message in error.errors.items()
        )
    )


@router.get(
    "/questions",
    response={200: QuestionsOut, **INVALID},
    summary="The triage's screens and questions",
)
def questions(request: HttpRequest, params: Query[LanguageQuery]) -> dict[str, Any]:
    content = get_catalog().triage
    language = params.lang
    by_screen = {screen.id: [] for screen in screens(content)}
    for question in content.questions.values():
        if question.triage and not question.from_record and question.screen in by_screen:
            by_screen[question.screen].append(_question(question, language))
    return {
        "screens": [
            {
                "id": screen.id,
                "title": screen.title.get(language),
                "intro": screen.intro.get(language) if screen.intro else None,
                "questions": by_screen[screen.id],
            }
            for screen in screens(content)
        ],
        "checkin": [_question(q, language) for q in checkin_questions(content)],
    }


@router.post(
    "",
    response={200: VerdictOut, 422: ValidationErrorOut, **WITH_BODY},
    summary="Evaluate answers: the verdict with its reasons (nothing is stored); answers "
    "may stop at the first emergency sign",
)
def triage(request: HttpRequest, body: AnswersIn, params: Query[LanguageQuery]) -> Any:
    try:
        verdict = evaluate(body.given(), get_catalog().triage)
    except TriageInputError as error:
        return Status(422, answer_errors(error))
    return verdict.localize(params.lang)


checkins = Router(tags=["triage"])


@checkins.post(
    "",
    auth=MEMBER_AUTH,
    response={
        201: StoredVerdictOut,
        409: ErrorOut,
        422: ValidationErrorOut,
        **MEMBERS_ONLY,
        **WITH_BODY,
    },
    summary="A member's daily check-in before a session; stored in their history",
    description="201 for every stored check-in, also one that stops at an emergency sign "
    "(`cut_short`). Only the check-in's questions (GET /api/triage/questions, `checkin`) "
    "are accepted: an answer to a full-check question is a 422 naming it, never ignored.",
)
def checkin(request: HttpRequest, body: CheckinIn, params: Query[LanguageQuery]) -> Any:
    try:
        stored = record_checkin(request.user, body.given())
    except NoFullCheck as missing:
        raise HttpError(409, "Complete the full triage once before a check-in.") from missing
    except FullCheckOutdated as outdated:
        why = {
            "questions": "The questions changed: do the full triage again.",
            "cut_short": "The last full triage ended at an emergency: do it again.",
            "expired": "The last full triage is too old to reuse: do it again.",
            "blocked": "A check-in since the last full triage forbade training: only a new "
            "full triage (in the app) lifts that, so no check-in is taken until then.",
        }.get(outdated.reason, "Do the full triage again.")
        raise HttpError(409, why) from outdated
    except TriageInputError as error:
        return Status(422, answer_errors(error))
    verdict = stored.stored_verdict
    return Status(
        201, {**verdict.localize(params.lang), "id": stored.pk, "created_at": stored.created_at}
    )
