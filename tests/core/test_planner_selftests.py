"""Self-tests only for those who may do them (content/planner.yaml, self_tests).

No Django: run with ``pytest tests/core/test_planner_selftests.py -p no:django``.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from rugcoach.core.kernel.vocabulary import Condition, Position
from rugcoach.core.planner.selftests import (
    SelfTestBlocker,
    SelfTestId,
    SelfTestRules,
    offered_self_tests,
    self_test_blockers,
)
from tests.core.test_planner_support import catalog, planner_content

LYING = {Position.SUPINE, Position.PRONE}


def offers(*blockers: SelfTestBlocker) -> dict[SelfTestId, object]:
    rules = planner_content().self_tests
    return {offer.test: offer for offer in offered_self_tests(frozenset(blockers), rules)}


def test_without_a_reason_both_tests_are_the_guides_own_on_the_back():
    found = offers()
    assert found[SelfTestId.BRIDGE].version.figure == "glute-bridge"
    assert found[SelfTestId.CORE].version.position is Position.SUPINE
    assert all(offer.reason is None for offer in found.values())


def test_the_core_test_matches_the_guide_the_back_is_not_pushed_into_the_floor():
    instruction = planner_content().self_tests.tests[SelfTestId.CORE].instruction
    assert "zonder je adem in te houden" in instruction.nl
    assert "druk hem ook niet in de grond" in instruction.nl
    assert "duw hem niet omhoog van de grond" in instruction.nl
    assert "don't press it into the floor" in instruction.en


def test_from_week_13_both_tests_come_side_lying_or_standing_with_the_reason():
    found = offers(SelfTestBlocker.PREGNANCY_WEEK_13)
    bridge, core = found[SelfTestId.BRIDGE], found[SelfTestId.CORE]
    assert bridge.version.position is Position.SIDE_LYING
    assert core.version.position is Position.STANDING
    assert "13 weken" in bridge.reason.nl and "13 weken" in core.reason.nl
    for offer in (bridge, core):  # the figure shows the same position as the words
        assert catalog().exercises[offer.version.figure].position is offer.version.position


def test_acute_lumbago_skips_both_tests_with_the_reason():
    found = offers(SelfTestBlocker.ACUTE_PAIN, SelfTestBlocker.PREGNANCY_WEEK_13)
    assert all(offer.skipped for offer in found.values())
    assert all("eerst rust" in offer.reason.nl for offer in found.values())


def test_an_unexamined_hernia_skips_the_bridge_and_offers_the_core_test_standing():
    found = offers(SelfTestBlocker.HERNIA_UNEXAMINED)
    assert found[SelfTestId.BRIDGE].skipped
    assert "hernia" in found[SelfTestId.BRIDGE].reason.nl
    assert found[SelfTestId.CORE].version.position is Position.STANDING


@given(st.frozensets(st.sampled_from(SelfTestBlocker), min_size=1))
def test_any_reason_means_nothing_on_the_back_and_always_a_reason(blockers):
    for offer in offered_self_tests(blockers, planner_content().self_tests):
        assert offer.reason is not None
        assert offer.skipped or offer.version.position not in LYING


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"conditions": [Condition.ACUTE_PAIN]}, {SelfTestBlocker.ACUTE_PAIN}),
        ({"pregnancy_week": 12}, set()),
        ({"pregnancy_week": 13}, {SelfTestBlocker.PREGNANCY_WEEK_13}),
        ({"hernia_known": True}, {SelfTestBlocker.HERNIA_UNEXAMINED}),
        ({"hernia_known": True, "hernia_cleared": True}, set()),
        ({"conditions": [Condition.HERNIA], "hernia_cleared": True}, set()),
    ],
)
def test_what_rules_out_lying_on_the_back(kwargs, expected):
    given = {"conditions": (), "pregnancy_week": None, "hernia_known": False}
    given["hernia_cleared"] = False
    assert self_test_blockers(**{**given, **kwargs}) == expected


def test_a_safe_version_that_lies_on_the_back_or_a_rule_without_source_is_refused():
    data = planner_content().self_tests.model_dump(mode="json")
    data["alternatives"]["core-standing"]["position"] = "supine"
    with pytest.raises(ValidationError, match="not lying on the back"):
        SelfTestRules.model_validate(data)
    data = planner_content().self_tests.model_dump(mode="json")
    data["rules"][0]["source"] = ""
    with pytest.raises(ValidationError, match="source"):
        SelfTestRules.model_validate(data)
    data = planner_content().self_tests.model_dump(mode="json")
    data["rules"][-1]["instead"] = "bridge-side-lying"  # replaces the bridge, not the core
    with pytest.raises(ValidationError, match="replaces only bridge"):
        SelfTestRules.model_validate(data)
