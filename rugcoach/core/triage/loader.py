"""Loading ``content/triage/*.yaml`` into a checked TriageContent.

The schema (``triage_schema``) says what each file may hold; this module reads the files
and checks what a schema alone cannot: cross-references between questions, rules and
verdicts, follow-ups that only look back, and suggested exercises that exist and suit
the rule's own conditions.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from rugcoach.core.kernel.content_io import ContentError, read_yaml, validate_model
from rugcoach.core.kernel.vocabulary import Condition as MemberCondition
from rugcoach.core.triage.schema import (
    AnswerType,
    Level,
    Match,
    Question,
    QuestionsFile,
    RulesFile,
    TriageContent,
    VerdictsFile,
)


def load_triage(
    content_dir: Path,
    known_exercise_slugs: set[str] | None = None,
    *,
    contraindications: Mapping[str, Iterable[MemberCondition]] | None = None,
) -> TriageContent:
    """Read ``content_dir/triage/*.yaml``; raise ContentError listing every problem.

    Pass ``known_exercise_slugs`` (the library's slugs) to check that every exercise a
    verdict or rule names exists. Pass ``contraindications`` (slug → the conditions the
    exercise does not suit, from the library) to have verdicts leave out exercises that
    do not suit the member's conditions, and to check that no rule suggests one.
    """
    root = content_dir.parent
    problems: list[str] = []

    def load(name: str, model: type[Any]) -> Any:
        path = content_dir / "triage" / name
        where = str(path.relative_to(root))
        known_problems = len(problems)
        data = read_yaml(path, root, problems)
        if data is None:
            if len(problems) == known_problems:
                problems.append(f"{where}: (top level): the file is empty")
            return None, where
        return validate_model(model, data, where, problems), where

    questions_file, questions_where = load("questions.yaml", QuestionsFile)
    rules_file, rules_where = load("rules.yaml", RulesFile)
    verdicts_file, verdicts_where = load("verdicts.yaml", VerdictsFile)

    ordered: dict[str, Question] = {}
    if questions_file is not None:
        ordered = _check_questions(questions_file, questions_where, problems)
    if rules_file is not None and questions_file is not None:
        _check_rules(rules_file, ordered, rules_where, problems)
    if verdicts_file is not None:
        _check_verdicts(verdicts_file, verdicts_where, problems)
    if known_exercise_slugs is not None:
        _check_known_slugs(
            rules_file, verdicts_file, known_exercise_slugs, rules_where, verdicts_where, problems
        )
    unsuitable = {slug: frozenset(found) for slug, found in (contraindications or {}).items()}
    if rules_file is not None:
        for index, rule in enumerate(rules_file.rules):
            for slug in rule.suitable:
                clash = unsuitable.get(slug, frozenset()) & set(rule.conditions)
                if clash:
                    problems.append(
                        f"{rules_where}: rules.{index}({rule.id}).suitable: '{slug}' does not "
                        f"suit {', '.join(sorted(clash))}"
                    )

    if problems or questions_file is None or rules_file is None or verdicts_file is None:
        raise ContentError(problems)
    return TriageContent(
        screens=questions_file.screens,
        questions=ordered,
        checkin_order=questions_file.checkin_order,
        rules=rules_file.rules,
        verdicts=dict(verdicts_file.levels),
        disclaimer=verdicts_file.disclaimer,
        no_findings=rules_file.no_findings,
        checkin_no_findings=rules_file.checkin_no_findings,
        red_flag_net=rules_file.red_flag_net,
        contraindications=unsuitable,
        questions_version=questions_version(ordered),
    )


def questions_version(questions: Mapping[str, Question]) -> str:
    """A short fingerprint of what a full check asks and stores, not how it is worded.

    It changes when a question of the full check is added, removed or split, or its
    options, range, follow-up condition, red-flag marking or reuse by the check-in
    change: then a stored check's answers no longer mean the same. A reworded text or
    help line leaves it alone, so that fixing a typo does not send every member back to
    the full check. Check-in-only questions are left out: a full check never stores
    their answers, so adding, changing or reordering one (they are asked fresh every
    check-in) says nothing new about what a stored full check means.
    """
    meaning = [
        {
            "id": question.id,
            "type": question.type.value,
            "options": [[option.value, option.red_flag] for option in question.options],
            "range": [question.min, question.max, question.unit],
            "asked": [question.checkin, question.from_record],
            "red_flag": question.red_flag,
            "ask_if": [condition.model_dump(mode="json") for condition in question.ask_if],
        }
        for question in questions.values()
        if question.triage
    ]
    data = json.dumps(meaning, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()[:12]


def _check_questions(file: QuestionsFile, where: str, problems: list[str]) -> dict[str, Question]:
    """Cross-check questions and screens; return the questions in asking order."""
    screen_index: dict[str, int] = {}
    for index, screen in enumerate(file.screens):
        if screen.id in screen_index:
            problems.append(f"{where}: screens.{index}.id: '{screen.id}' is used twice")
        screen_index.setdefault(screen.id, index)

    by_id: dict[str, Question] = {}
    for index, question in enumerate(file.questions):
        at = f"{where}: questions.{index}({question.id})"
        if question.id in by_id:
            problems.append(f"{at}.id: '{question.id}' is used twice")
            continue
        by_id[question.id] = question
        screen_id = question.screen
        if screen_id not in screen_index:
            problems.append(f"{at}.screen: unknown screen '{screen_id}'")
            continue
        if file.screens[screen_index[screen_id]].checkin == question.triage:
            problems.append(
                f"{at}.screen: triage questions belong on triage screens and check-in-only "
                "questions on the check-in screen"
            )
    ordered = dict(
        sorted(by_id.items(), key=lambda item: screen_index.get(item[1].screen, len(screen_index)))
    )

    for index, question in enumerate(file.questions):
        at = f"{where}: questions.{index}({question.id})"
        own_screen = screen_index.get(question.screen, -1)
        for number, condition in enumerate(question.ask_if):
            for match in condition.matches():
                target = by_id.get(match.question)
                # A fact from the member's record is known before the first screen.
                known_earlier = target is not None and target.from_record
                if (
                    target is not None
                    and not known_earlier
                    and screen_index.get(target.screen, -1) >= own_screen
                ):
                    problems.append(
                        f"{at}.ask_if.{number}.question: '{match.question}' must be on an "
                        "earlier screen (so that the wizard works without JavaScript)"
                    )
                _check_match(match, by_id, f"{at}.ask_if.{number}", problems)
                stored_fact = target is not None and target.triage and not target.checkin
                if question.checkin and target is not None and not stored_fact:
                    problems.append(
                        f"{at}.ask_if.{number}.question: a check-in question may only depend "
                        "on an answer of the full check (the check-in reuses those)"
                    )

    for screen in file.screens:
        if not any(question.screen == screen.id for question in file.questions):
            problems.append(f"{where}: screens({screen.id}): no question is on this screen")

    checkin_ids = {question.id for question in file.questions if question.checkin}
    listed = file.checkin_order
    if len(set(listed)) != len(listed) or set(listed) != checkin_ids:
        problems.append(
            f"{where}: checkin_order: must list every check-in question once "
            f"(check-in questions: {', '.join(sorted(checkin_ids))})"
        )
    return ordered


def _check_match(
    match: Match, questions: Mapping[str, Question], at: str, problems: list[str]
) -> None:
    question = questions.get(match.question)
    if question is None:
        problems.append(f"{at}.question: unknown question '{match.question}'")
        return
    values: list[object] = []
    if match.equals is not None:
        values.append(match.equals)
    if match.one_of is not None:
        values.extend(match.one_of)
    if question.type is AnswerType.NUMBER:
        values.extend(value for value in (match.at_least, match.at_most) if value is not None)
    elif match.at_least is not None or match.at_most is not None:
        problems.append(f"{at}: at_least/at_most need a number question, '{question.id}' is not")
    for value in values:
        problem = question.problem_with(value)
        if problem is not None:
            problems.append(f"{at}: '{question.id}' can never be {value!r}: {problem}")


def _check_rules(
    file: RulesFile, questions: Mapping[str, Question], where: str, problems: list[str]
) -> None:
    seen: set[str] = set()
    fixed = (
        ("no_findings", file.no_findings),
        ("checkin_no_findings", file.checkin_no_findings),
        ("red_flag_net", file.red_flag_net),
    )
    for index, rule in enumerate(file.rules):
        at = f"{where}: rules.{index}({rule.id})"
        if rule.id in seen:
            problems.append(f"{at}.id: '{rule.id}' is used twice")
        seen.add(rule.id)
        for number, condition in enumerate(rule.when):
            for match in condition.matches():
                _check_match(match, questions, f"{at}.when.{number}", problems)
        if (rule.suitable or rule.avoid) and not rule.level.allows_training:
            problems.append(
                f"{at}.suitable: level {rule.level} offers no exercises, so suitable and "
                "avoid have no effect"
            )
    for name, fixed_rule in fixed:
        if fixed_rule.id in seen:
            problems.append(f"{where}: {name}.id: '{fixed_rule.id}' is used twice")
        seen.add(fixed_rule.id)
    for name in ("no_findings", "checkin_no_findings"):
        if not getattr(file, name).level.allows_training:
            problems.append(f"{where}: {name}.level: must be a level that allows training")
    if file.red_flag_net.level.severity < Level.GP_SOON.severity:
        problems.append(f"{where}: red_flag_net.level: must be GP_SOON or more severe")


def _check_verdicts(file: VerdictsFile, where: str, problems: list[str]) -> None:
    for level in Level:
        verdict = file.levels.get(level)
        at = f"{where}: levels.{level}"
        if verdict is None:
            problems.append(f"{at}: missing: every level needs its verdict text")
            continue
        if verdict.may_train != level.allows_training:
            problems.append(
                f"{at}.may_train: must be {str(level.allows_training).lower()} for {level}"
            )
        if level.allows_training and not verdict.exercises:
            problems.append(f"{at}.exercises: a level that allows training needs exercises")
        if not level.allows_training and verdict.exercises:
            problems.append(f"{at}.exercises: {level} offers no exercises")
        if level.needs_action and not verdict.actions:
            problems.append(f"{at}.actions: {level} must lead with an action (whom to call)")
        if len(set(verdict.exercises)) != len(verdict.exercises):
            problems.append(f"{at}.exercises: lists an exercise twice")


def _check_known_slugs(
    rules: RulesFile | None,
    verdicts: VerdictsFile | None,
    known: set[str],
    rules_where: str,
    verdicts_where: str,
    problems: list[str],
) -> None:
    if verdicts is not None:
        for level, verdict in verdicts.levels.items():
            for slug in verdict.exercises:
                if slug not in known:
                    problems.append(
                        f"{verdicts_where}: levels.{level}.exercises: unknown exercise '{slug}'"
                    )
    if rules is not None:
        for index, rule in enumerate(rules.rules):
            for name in ("suitable", "avoid"):
                for slug in getattr(rule, name):
                    if slug not in known:
                        problems.append(
                            f"{rules_where}: rules.{index}({rule.id}).{name}: "
                            f"unknown exercise '{slug}'"
                        )
