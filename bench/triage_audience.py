"""Who does the full safety check turn away? `python bench/triage_audience.py`.

Issue 8 §6 asks how often a person with no warning sign at all gets no training, and
how many questions the wizard asks them. This script draws complete answer sets with
hypothesis, the way the wizard would collect them:

- every red-flag question is answered "no" (yes/no: no; a choice: its "no" option, the
  first one, which is never a red flag);
- every other question is drawn across its options, or across its whole range for a
  number;
- follow-ups are asked only when their ``ask_if`` holds for the answers drawn so far.

It prints the share of those sets whose verdict allows no training, the share per level,
the number of questions asked (median and most) and the rules that decide "no
training"; then the same for ages 20-50 only, where no age-bound rule applies. The
numbers before and after issue 8 are in docs/triage.md. Run it against an older tree by
copying this file into that tree's bench/ folder: it imports the engine and content that
sit beside it.
"""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rugcoach.core.catalog import load_catalog  # noqa: E402
from rugcoach.core.triage.engine import evaluate  # noqa: E402
from rugcoach.core.triage.schema import AnswerType, Question, TriageContent, all_hold  # noqa: E402

SAMPLES = 1000


def _no_red_flag_answer(question: Question) -> object:
    if question.type is AnswerType.YES_NO:
        return False
    first = question.options[0]
    assert not first.red_flag, f"{question.id}: the first option should be the 'no' answer"
    return first.value


def _any_answer(question: Question, ages: tuple[int, int] | None) -> st.SearchStrategy[object]:
    if question.type is AnswerType.YES_NO:
        return st.booleans()
    if question.type is AnswerType.CHOICE:
        return st.sampled_from(question.option_values)
    assert question.min is not None and question.max is not None
    if question.id == "age" and ages is not None:
        return st.integers(min_value=ages[0], max_value=ages[1])
    return st.integers(min_value=question.min, max_value=question.max)


def draw_answers(
    draw: st.DrawFn, content: TriageContent, ages: tuple[int, int] | None = None
) -> dict[str, object]:
    """One complete full-check answer set without a red flag, following ask_if."""
    answers: dict[str, object] = {}
    for question in content.questions.values():
        if not question.triage or getattr(question, "from_record", False):
            continue  # a fact from a member's record is never asked of a newcomer
        if question.ask_if and not all_hold(question.ask_if, answers):  # type: ignore[arg-type]
            continue
        if question.red_flag:
            answers[question.id] = _no_red_flag_answer(question)
        else:
            answers[question.id] = draw(_any_answer(question, ages))
    return answers


def collect(
    content: TriageContent, samples: int = SAMPLES, ages: tuple[int, int] | None = None
) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []

    @settings(
        max_examples=samples,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @given(st.data())
    def gather(data: st.DataObject) -> None:
        found.append(data.draw(st.composite(lambda draw: draw_answers(draw, content, ages))()))

    gather()
    return found


def main() -> None:
    content = load_catalog(ROOT / "content").triage
    report(content, None)
    # The same with ages 20-50 only: no age-bound red flag (R8 at 65+, R12 over 50 or
    # under 20, under 16), to see what the other rules do to the guide's audience.
    print()
    print("--- ages 20-50 only ---")
    report(content, (20, 50))


def report(content: TriageContent, ages: tuple[int, int] | None) -> None:
    sets = collect(content, ages=ages)
    verdicts = [evaluate(answers, content) for answers in sets]
    asked = [len(answers) for answers in sets]
    no_training = sum(not verdict.may_train for verdict in verdicts)
    levels = Counter(str(verdict.level) for verdict in verdicts)
    print(f"answer sets without a red flag: {len(sets)}")
    print(f"no training: {no_training} ({no_training / len(sets):.1%})")
    for level, count in sorted(levels.items(), key=lambda item: -item[1]):
        print(f"  {level}: {count} ({count / len(sets):.1%})")
    print(f"questions asked: median {statistics.median(asked):g}, most {max(asked)}")
    # Which rules decide a verdict without training (a set may count for several).
    deciding = Counter(
        reason.rule
        for verdict in verdicts
        if not verdict.may_train
        for reason in verdict.reasons
        if reason.level is verdict.level
    )
    print("rules that decide 'no training' (share of all sets):")
    for rule, count in deciding.most_common(12):
        print(f"  {rule}: {count / len(sets):.1%}")


if __name__ == "__main__":
    main()
