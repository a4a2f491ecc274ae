"""A contraindication only protects a member if something can tell us they have it.

Issue 11 §5: `balance-problems` sat in six contraindications while no question set it, so
it never left anything out. Every condition the library uses must be one the check's rules
or the intake (the planner's implied conditions) can give a member.
"""

from __future__ import annotations

from rugcoach.core.kernel.vocabulary import Condition


def settable_conditions(catalog) -> set[str]:
    from_rules = {c for rule in catalog.triage.rules for c in rule.conditions}
    implied = catalog.planner.implied_conditions
    tables = (implied.by_situation, implied.by_trimester)
    from_intake = {c for table in tables for cs in table.values() for c in cs}
    return {str(c) for c in from_rules | from_intake}


def test_every_condition_in_the_library_can_be_set(catalog):
    used = {
        (slug, str(c.condition))
        for slug, exercise in catalog.exercises.items()
        for c in exercise.contraindications
    }
    settable = settable_conditions(catalog)
    unreachable = sorted(pair for pair in used if pair[1] not in settable)
    assert not unreachable, f"contraindications nothing can set: {unreachable}"


def test_the_vocabulary_has_no_condition_nothing_sets(catalog):
    assert {c.value for c in Condition} <= settable_conditions(catalog)
