"""The "Mag ik trainen?" triage: answers in, a verdict with its reasons out.

Pure and fast: no I/O, no Django, no clock. The clinical knowledge (questions, rules,
verdict texts) is content, loaded once by :func:`load_triage`; this module only applies
it. How it works, the rule table and the decisions behind it: ``docs/triage.md``.

Safety in short: the most severe fired rule decides the level; a red-flag answer that
no rule escalated still gives at least GP_SOON (the safety net); exercises are offered
only at levels that allow training, minus everything any fired rule says to avoid.

Ending early: as soon as the answers so far fire an EMERGENCY rule, the check may end
there (clinical reference §8). That is safe because conditions never negate: an answer
added later can fire more rules but never unfire one, and EMERGENCY is the top level.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from rugcoach.core.kernel.text import Text
from rugcoach.core.kernel.vocabulary import Condition as MemberCondition
from rugcoach.core.triage.conditions import all_hold
from rugcoach.core.triage.loader import load_triage
from rugcoach.core.triage.schema import (
    Action,
    Answer,
    ContentError,
    FixedRule,
    Level,
    Question,
    Rule,
    Screen,
    TriageContent,
    Unit,
)

__all__ = [
    "Answer",
    "ContentError",
    "Level",
    "Reason",
    "TriageContent",
    "TriageInputError",
    "Verdict",
    "aged_answers",
    "checkin_questions",
    "ends_early",
    "evaluate",
    "load_triage",
    "screens",
    "validate_answers",
    "visible_questions",
]

MISSING_ANSWER = "this question needs an answer"
UNKNOWN_QUESTION = "unknown question"
MOST_SEVERE = Level.EMERGENCY


class TriageInputError(ValueError):
    """Answers that do not fit the questions; ``errors`` maps each question id to why."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        details = "; ".join(f"{key}: {message}" for key, message in errors.items())
        super().__init__(f"invalid answers: {details}")


class Reason(BaseModel):
    """One rule that fired: its id, its level and the sentence the member reads."""

    model_config = ConfigDict(frozen=True)

    rule: str
    level: Level
    text: Text
    source: str


class Verdict(BaseModel):
    """The triage's outcome, with every text in both languages.

    ``model_dump(mode="json")`` gives JSON with ``{nl, en}`` texts; :meth:`localize`
    gives one language.
    """

    model_config = ConfigDict(frozen=True)

    level: Level
    label: Text
    title: Text
    reasons: tuple[Reason, ...]
    actions: tuple[Action, ...]
    tell_them: Text | None
    advice: tuple[Text, ...]
    exercises: tuple[str, ...]
    conditions: tuple[MemberCondition, ...]
    may_train: bool
    recheck_after_days: int | None
    recheck: Text
    disclaimer: Text
    checkin: bool
    cut_short: bool = False
    """The check ended before every question was answered, because the answers so far
    already fixed the most severe level; no later answer could have changed it."""

    @property
    def deciding_reasons(self) -> tuple[Reason, ...]:
        """The reasons that decide the level; the page lists them first."""
        return tuple(reason for reason in self.reasons if reason.level is self.level)

    @property
    def other_reasons(self) -> tuple[Reason, ...]:
        """Reasons of a milder level: shown apart ("Ook opgemerkt"), never as the why."""
        return tuple(reason for reason in self.reasons if reason.level is not self.level)

    def localize(self, language: str) -> dict[str, Any]:
        """A plain, JSON-ready dict with every text in ``language`` ('nl' or 'en')."""
        return {
            "level": str(self.level),
            "label": self.label.get(language),
            "title": self.title.get(language),
            "reasons": [
                {"rule": reason.rule, "level": str(reason.level), "text": reason.text.get(language)}
                for reason in self.reasons
            ],
            "actions": [
                {
                    "id": action.id,
                    "label": action.label.get(language),
                    "detail": action.detail.get(language),
                    "phone": action.phone,
                }
                for action in self.actions
            ],
            "tell_them": self.tell_them.get(language) if self.tell_them else None,
            "advice": [text.get(language) for text in self.advice],
            "exercises": list(self.exercises),
            "conditions": [str(condition) for condition in self.conditions],
            "may_train": self.may_train,
            "recheck_after_days": self.recheck_after_days,
            "recheck": self.recheck.get(language),
            "disclaimer": self.disclaimer.get(language),
            "checkin": self.checkin,
            "cut_short": self.cut_short,
        }


# --- the wizard's helpers ---------------------------------------------------------------


def screens(content: TriageContent) -> tuple[Screen, ...]:
    """The full triage's screens in order (the check-in is one page of its own)."""
    return tuple(screen for screen in content.screens if not screen.checkin)


def checkin_questions(
    content: TriageContent, stored: Mapping[str, object] | None = None
) -> tuple[Question, ...]:
    """The daily check-in's questions, in the order they are asked.

    ``stored`` are the answers of the member's last full check: a check-in question with
    ``ask_if`` (the pregnancy signs) is asked only when they make it hold. Without
    them every check-in question is listed.
    """
    found = tuple(content.questions[question_id] for question_id in content.checkin_order)
    if stored is None:
        return found
    effective, _ = _visible_answers(stored, content)
    return tuple(q for q in found if not q.ask_if or all_hold(q.ask_if, effective))


def visible_questions(
    answers: Mapping[str, object],
    content: TriageContent,
    *,
    checkin: bool = False,
    screen: str | None = None,
) -> tuple[Question, ...]:
    """The questions to ask, given the answers so far (follow-ups only when relevant).

    Invalid or unknown answers are ignored here; :func:`evaluate` reports them. Because a
    follow-up depends only on questions of earlier screens, a screen's questions are
    known as soon as the earlier screens are answered.
    """
    if checkin:
        found = checkin_questions(content, answers)
    else:
        _, visible = _visible_answers(answers, content)
        found = tuple(
            content.questions[qid]
            for qid in visible
            if content.questions[qid].triage and not content.questions[qid].from_record
        )
    if screen is not None:
        found = tuple(question for question in found if question.screen == screen)
    return found


# --- validation and evaluation ----------------------------------------------------------


def validate_answers(
    answers: Mapping[str, object], content: TriageContent, *, checkin: bool = False
) -> dict[str, Answer]:
    """Check answers against the questions; return the answers that count.

    Raises TriageInputError naming every unknown question, wrong type, option not
    allowed, number out of range and unanswered question. Required: every question of
    the mode (triage or check-in) whose ``ask_if`` holds. Answers to follow-ups whose
    ``ask_if`` does not hold (e.g. after the back button) are checked, then left out.
    """
    if not isinstance(answers, Mapping):
        raise TriageInputError({"answers": "expected an object of question id to answer"})
    errors: dict[str, str] = {}
    for key, value in answers.items():
        question = content.questions.get(key) if isinstance(key, str) else None
        if question is None:
            errors[str(key)] = UNKNOWN_QUESTION
            continue
        problem = question.problem_with(value)
        if problem is not None:
            errors[key] = problem
    effective, visible = _visible_answers(answers, content)
    for question_id in visible:
        question = content.questions[question_id]
        asked = question.checkin if checkin else question.triage
        if asked and not question.from_record and question_id not in answers:
            errors[question_id] = MISSING_ANSWER
    if errors:
        raise TriageInputError(_in_question_order(errors, content))
    return effective


def evaluate(
    answers: Mapping[str, object], content: TriageContent, *, checkin: bool = False
) -> Verdict:
    """The verdict for these answers: the most severe fired rule decides the level.

    ``checkin=True`` is the daily check-in: only check-in questions are required. The
    caller may add the member's stored triage answers (today's answers replace them), so
    that combinations such as a minor fall plus osteoporosis are still seen.

    Unanswered questions are allowed only when the answers so far already give
    EMERGENCY (see :func:`ends_early`); the verdict then says ``cut_short``. Any other
    incomplete or invalid set raises TriageInputError naming each question.
    """
    cut_short = False
    try:
        effective = validate_answers(answers, content, checkin=checkin)
    except TriageInputError as error:
        only_missing = all(message == MISSING_ANSWER for message in error.errors.values())
        if not (only_missing and ends_early(answers, content)):
            raise
        effective, _ = _visible_answers(answers, content)
        cut_short = True
    fired: list[Rule | FixedRule] = [rule for rule in content.rules if rule.holds(effective)]
    if not fired:
        fired.append(content.checkin_no_findings if checkin else content.no_findings)
    level = Level.most_severe(rule.level for rule in fired)
    if level.severity < content.red_flag_net.level.severity and _has_red_flag(effective, content):
        fired.append(content.red_flag_net)
        level = content.red_flag_net.level
    fired.sort(key=lambda rule: -rule.level.severity)  # stable: content order within a level

    verdict = content.verdicts[level]
    rules = [rule for rule in fired if isinstance(rule, Rule)]
    winning = [rule for rule in rules if rule.level is level]
    # A deciding rule may name whom to call itself (the midwife for a pregnancy sign).
    own = next((rule for rule in winning if rule.actions), None)
    # When the member may train, every fired rule's caution applies to that training;
    # when not, only the advice that belongs to the verdict's own level.
    advising = rules if verdict.may_train else winning
    conditions = tuple(dict.fromkeys(c for rule in rules for c in rule.conditions))
    return Verdict(
        level=level,
        label=own.label if own is not None and own.label else verdict.label,
        title=own.title if own is not None and own.title else verdict.title,
        reasons=tuple(
            Reason(rule=rule.id, level=rule.level, text=rule.reason, source=rule.source)
            for rule in fired
        ),
        actions=own.actions if own is not None else verdict.actions,
        tell_them=verdict.tell_them,
        advice=(
            *(rule.advice for rule in advising if rule.advice),
            *(() if own is not None and own.replaces_level_advice else verdict.advice),
        ),
        exercises=(
            _exercises(verdict.exercises, winning, rules, conditions, content)
            if verdict.may_train
            else ()
        ),
        conditions=conditions,
        may_train=verdict.may_train,
        recheck_after_days=verdict.recheck_after_days,
        recheck=verdict.recheck,
        disclaimer=content.disclaimer,
        checkin=checkin,
        cut_short=cut_short,
    )


def ends_early(answers: Mapping[str, object], content: TriageContent) -> bool:
    """Whether the answers so far already fix the verdict at the most severe level.

    Only valid answers to visible questions count. Conditions never negate and a
    follow-up only looks back, so every completion of these answers fires the same
    EMERGENCY rule: asking more could not change the verdict (clinical reference §8).
    """
    effective, _ = _visible_answers(answers, content)
    return any(rule.level is MOST_SEVERE and rule.holds(effective) for rule in content.rules)


def aged_answers(
    answers: Mapping[str, Answer], content: TriageContent, days: int
) -> tuple[dict[str, Answer], list[str]]:
    """Stored answers as they stand ``days`` later: time-bound numbers grow with time.

    A lumbago of 1 week at a full check is 3 weeks old at a check-in 14 days later.
    A number stays at its maximum ("a year or longer"), except where the question says
    that passing it makes the answer expire (a pregnancy week past 42). Returns the
    aged answers and the expired questions: a check with those is too old to reuse.
    """
    aged: dict[str, Answer] = dict(answers)
    expired: list[str] = []
    for question_id, value in answers.items():
        question = content.questions.get(question_id)
        if question is None or not question.ages or isinstance(value, bool):
            continue
        if not isinstance(value, int) or question.max is None:
            continue
        step = 7 if question.unit is Unit.WEEKS else 365
        grown = value + max(days, 0) // step
        if grown > question.max and question.expires_past_max:
            expired.append(question_id)
        aged[question_id] = min(grown, question.max)
    return aged, expired


def _visible_answers(
    answers: Mapping[str, object], content: TriageContent
) -> tuple[dict[str, Answer], list[str]]:
    """Walk the questions in order: which are visible, and their valid answers."""
    effective: dict[str, Answer] = {}
    visible: list[str] = []
    for question_id, question in content.questions.items():
        if question.ask_if and not all_hold(question.ask_if, effective):
            continue
        visible.append(question_id)
        if question_id in answers:
            value = answers[question_id]
            if question.problem_with(value) is None:
                effective[question_id] = value  # type: ignore[assignment]
    return effective, visible


def _has_red_flag(answers: Mapping[str, Answer], content: TriageContent) -> bool:
    questions = content.questions
    return any(questions[qid].is_alarming(value) for qid, value in answers.items())


def _exercises(
    level_list: tuple[str, ...],
    winning: list[Rule],
    fired: list[Rule],
    conditions: tuple[MemberCondition, ...],
    content: TriageContent,
) -> tuple[str, ...]:
    """The winning rules' own lists (else the level's), minus what any fired rule avoids
    and what the library says does not suit the member's conditions."""
    chosen = [slug for rule in winning for slug in rule.suitable] or list(level_list)
    avoid = {slug for rule in fired for slug in rule.avoid}
    unsuitable = content.contraindications
    return tuple(
        dict.fromkeys(
            slug
            for slug in chosen
            if slug not in avoid and not unsuitable.get(slug, frozenset()).intersection(conditions)
        )
    )


def _in_question_order(errors: dict[str, str], content: TriageContent) -> dict[str, str]:
    position = {question_id: index for index, question_id in enumerate(content.questions)}
    return dict(sorted(errors.items(), key=lambda item: position.get(item[0], len(position))))
