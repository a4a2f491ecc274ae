"""JSON shapes of the API; they mirror the presenters the pages use."""

from typing import Literal

from ninja import Field, Schema

from rugcoach.api.contract import answers_model, json_strict
from rugcoach.api.errors import ErrorOut, ValidationErrorOut
from rugcoach.content import get_catalog
from rugcoach.core.kernel.content_io import ContentError
from rugcoach.core.kernel.vocabulary import Category, Equipment, Muscle, Position, Situation
from rugcoach.core.planner import Profile, SelfTests

LanguageParam = Literal["nl", "en"]


class ExerciseFilters(Schema):
    """Same filters as the library page: AND across filters, OR within one."""

    category: list[Category] = Field(default_factory=list)
    situation: list[Situation] = Field(default_factory=list)
    equipment: list[Equipment] = Field(default_factory=list)
    position: list[Position] = Field(default_factory=list)
    muscle: list[Muscle] = Field(default_factory=list)
    q: str = Field("", max_length=100, description="Search in Dutch and English names")
    lang: LanguageParam = "nl"


class LanguageQuery(Schema):
    lang: LanguageParam = "nl"


class LabelOut(Schema):
    id: str
    label: str


class LinkOut(Schema):
    text: str
    slug: str | None = None
    url: str | None = None
    note: str | None = None


class CautionOut(Schema):
    condition: LabelOut
    reason: str


class DoseOut(Schema):
    summary: str
    sets: str
    reps: str | None
    hold_seconds: str | None
    duration_seconds: str | None
    per_side: bool
    rest_seconds: int
    seconds_per_rep: int | None
    breathing_pace: str | None


class FigureOut(Schema):
    alt: str
    thumbnail: str
    still: str
    animated: str


class ExerciseSummaryOut(Schema):
    slug: str
    name: str
    url: str
    goal: str
    category: LabelOut
    position: LabelOut
    equipment: list[LabelOut]
    situations: list[LabelOut]
    level: int
    dose: DoseOut
    figure: FigureOut | None


class ExerciseOut(ExerciseSummaryOut):
    aliases: list[str]
    muscles: list[LabelOut]
    steps: list[str]
    breathing: str
    tips: list[str]
    mistakes: list[str]
    progressions: list[LinkOut]
    regressions: list[LinkOut]
    variations: list[LinkOut]
    contraindications: list[CautionOut]
    related: list[ExerciseSummaryOut]
    source_section: str


# Declared on every operation so clients (and the OpenAPI docs) know the error shapes.
INVALID = {422: ValidationErrorOut}
MEMBERS_ONLY = {401: ErrorOut, 403: ErrorOut}
# Operations that read a JSON body: 400 when it is not JSON, 413 when it is too large.
WITH_BODY = {400: ErrorOut, 413: ErrorOut}


# --- request bodies generated from the domain models and the content --------------------

ProfileIn = json_strict(Profile, unique_items=["weekdays"])
SelfTestsIn = json_strict(SelfTests)

try:
    _questions = list(get_catalog().triage.questions.values())
except ContentError:
    # Invalid content: the system check (rugcoach.E001) lists the problems and the app
    # refuses to serve (rugcoach/library/checks.py); an import error here would hide them.
    _questions = []
TriageAnswersIn = answers_model(
    "TriageAnswers",
    _questions,
    "question id → answer: true/false for a yes/no question, an option's value, a whole "
    "number in the question's range. Which questions must be answered depends on earlier "
    "answers (GET /api/triage/questions, ask_if); a missing one is a 422 naming it.",
)
CheckinAnswersIn = answers_model(
    "CheckinAnswers",
    [question for question in _questions if question.checkin],
    "today's answers to the check-in questions, typed as in TriageAnswers",
)
