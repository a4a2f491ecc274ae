"""Load ``content/`` into one immutable, validated Catalog.

Invalid content stops the app from starting: every problem is reported with its file
and field, so a content author can fix it without reading Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rugcoach.core.coaching.content import CoachingContent, load_coaching
from rugcoach.core.kernel.content_io import ContentError, read_yaml, validate_model
from rugcoach.core.kernel.text import normalize_for_search
from rugcoach.core.kernel.vocabulary import Vocabulary
from rugcoach.core.knowledge.content import KnowledgeContent, load_knowledge
from rugcoach.core.library.exercises import Exercise, NotAdvised
from rugcoach.core.library.posters import PosterContent, load_posters
from rugcoach.core.planner.content import PlannerContent, load_planner_content
from rugcoach.core.programs.content import ProgramsContent, load_programs
from rugcoach.core.progress.content import OutcomesContent, load_outcomes
from rugcoach.core.progression.content import ProgressionContent, load_progression
from rugcoach.core.triage.loader import load_triage
from rugcoach.core.triage.schema import TriageContent
from rugcoach.core.triage.warnings import Warnings, load_warnings

__all__ = ["Catalog", "ContentError", "load_catalog"]


@dataclass(frozen=True)
class Catalog:
    """Everything in ``content/``, validated and cross-checked."""

    vocabulary: Vocabulary
    exercises: dict[str, Exercise]
    triage: TriageContent
    planner: PlannerContent
    posters: PosterContent
    warnings: Warnings
    progression: ProgressionContent
    outcomes: OutcomesContent
    programs: ProgramsContent
    knowledge: KnowledgeContent
    coaching: CoachingContent
    not_advised: dict[str, NotAdvised] = field(default_factory=dict)

    def exercise(self, slug: str) -> Exercise | None:
        return self.exercises.get(slug)

    def resolve(self, slugs: Iterable[str]) -> list[Exercise]:
        return [self.exercises[slug] for slug in slugs if slug in self.exercises]


def load_catalog(content_dir: Path) -> Catalog:
    """Read and validate every content file; raise ContentError listing all problems."""
    root = content_dir.parent
    problems: list[str] = []

    vocabulary_path = content_dir / "vocabulary.yaml"
    vocabulary = validate_model(
        Vocabulary,
        read_yaml(vocabulary_path, root, problems),
        str(vocabulary_path.relative_to(root)),
        problems,
    )

    exercises: dict[str, Exercise] = {}
    exercise_files = sorted((content_dir / "exercises").glob("*.yaml"))
    if not exercise_files:
        problems.append(f"{(content_dir / 'exercises').relative_to(root)}: no exercises found")
    for path in exercise_files:
        where = str(path.relative_to(root))
        exercise = validate_model(Exercise, read_yaml(path, root, problems), where, problems)
        if exercise is None:
            continue
        if exercise.slug != path.stem:
            problems.append(f"{where}: slug: '{exercise.slug}' must match the file name")
        exercises[exercise.slug] = exercise

    not_advised: dict[str, NotAdvised] = {}
    not_advised_path = content_dir / "not-advised.yaml"
    if not_advised_path.exists():
        where = str(not_advised_path.relative_to(root))
        entries = read_yaml(not_advised_path, root, problems) or []
        for index, data in enumerate(entries):
            entry = validate_model(NotAdvised, data, f"{where}[{index}]", problems)
            if entry is not None:
                not_advised[entry.slug] = entry

    problems.extend(_cross_reference_problems(exercises, not_advised))
    triage = None
    try:
        triage = load_triage(
            content_dir,
            set(exercises),
            contraindications={
                slug: {item.condition for item in exercise.contraindications}
                for slug, exercise in exercises.items()
            },
        )
    except ContentError as error:
        problems.extend(error.problems)
    planner = posters = warnings = progression = outcomes = None
    try:
        planner = load_planner_content(content_dir, exercises)
    except ContentError as error:
        problems.extend(error.problems)
    try:
        posters = load_posters(content_dir, set(exercises))
    except ContentError as error:
        problems.extend(error.problems)
    try:
        warnings = load_warnings(content_dir)
    except ContentError as error:
        problems.extend(error.problems)
    try:
        progression = load_progression(content_dir)
    except ContentError as error:
        problems.extend(error.problems)
    try:
        outcomes = load_outcomes(content_dir)
    except ContentError as error:
        problems.extend(error.problems)
    programs = knowledge = coaching = None
    try:
        coaching = load_coaching(content_dir)
    except ContentError as error:
        problems.extend(error.problems)
    try:
        programs = load_programs(content_dir, exercises)
    except ContentError as error:
        problems.extend(error.problems)
    try:
        knowledge = load_knowledge(
            content_dir,
            exercises=set(exercises),
            programs=set(programs.programs) if programs is not None else set(),
        )
    except ContentError as error:
        problems.extend(error.problems)
    if (
        problems
        or vocabulary is None
        or triage is None
        or planner is None
        or posters is None
        or warnings is None
        or progression is None
        or outcomes is None
        or programs is None
        or knowledge is None
        or coaching is None
    ):
        raise ContentError(problems)
    return Catalog(
        vocabulary=vocabulary,
        exercises=exercises,
        triage=triage,
        planner=planner,
        posters=posters,
        warnings=warnings,
        progression=progression,
        outcomes=outcomes,
        programs=programs,
        knowledge=knowledge,
        coaching=coaching,
        not_advised=not_advised,
    )


def _cross_reference_problems(
    exercises: dict[str, Exercise], not_advised: dict[str, NotAdvised]
) -> list[str]:
    problems: list[str] = []
    for slug, exercise in exercises.items():
        for target in sorted(exercise.referenced_slugs()):
            if target not in exercises:
                problems.append(f"content/exercises/{slug}.yaml: refers to unknown '{target}'")
            elif target == slug:
                problems.append(f"content/exercises/{slug}.yaml: refers to itself")
    for slug, entry in not_advised.items():
        if slug in exercises:
            problems.append(f"content/not-advised.yaml: '{slug}' is also an exercise")
        for target in entry.instead:
            if target not in exercises:
                problems.append(f"content/not-advised.yaml: {slug}: unknown '{target}'")

    # Compare names as the search does, so "kat koe" and "Kat-Koe" count as one name.
    owners: dict[str, str] = {}
    named: list[tuple[str, Exercise | NotAdvised]] = [*exercises.items(), *not_advised.items()]
    for slug, item in named:
        for name in {normalize_for_search(n) for n in (item.name.nl, item.name.en, *item.aliases)}:
            if name in owners and owners[name] != slug:
                problems.append(f"the name '{name}' is used by both {owners[name]} and {slug}")
            owners.setdefault(name, slug)
    return problems
