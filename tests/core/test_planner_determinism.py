"""The same input gives the same plan: here and in fresh processes under other hash seeds,
with the intake's lists in another order; and a plan comes back whole from JSON. The pure
core only, no Django.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from rugcoach.core.planner import Plan, SelfTests
from tests.core.planner_examples import DUE_WEEK_20, plan_for, profile
from tests.core.test_planner_support import CONTENT_DIR

ROOT = CONTENT_DIR.parent

# Each: the intake, the self-tests and the verdict. Built here (in this process, its
# caches warm) and in fresh processes under two hash seeds, where the intake's lists come
# in the reverse order; compared as JSON.
SCENARIOS_IN_ANOTHER_PROCESS = (
    (
        {"equipment": ["resistance-band", "foam-roller", "fitness-ball"]},
        {"bridge_felt_in": "lower-back", "stress": "medium"},
        "mixed",
    ),
    ({"situation": "gym", "minutes_per_session": 30}, {"core_belly_shakes": True}, "high-load"),
    (
        {"situation": "pregnancy", "due_date": DUE_WEEK_20, "weekdays": ["tue", "sat"]},
        {},
        "pregnant-2",
    ),
    ({"situation": "hernia-lumbago", "minutes_per_session": 10}, {}, "lumbago"),
)
PLANS_IN_A_FRESH_PROCESS = """
import json
from rugcoach.core.planner import SelfTests
from tests.core.planner_examples import plan_for, profile
from tests.core.test_planner_determinism import SCENARIOS_IN_ANOTHER_PROCESS
def reversed_lists(intake):
    return {k: v[::-1] if isinstance(v, list) else v for k, v in intake.items()}
print(json.dumps([
    plan_for(profile(**reversed_lists(intake)), SelfTests(**tests), name).model_dump(mode="json")
    for intake, tests, name in SCENARIOS_IN_ANOTHER_PROCESS
]))
"""


def test_same_input_same_plan_even_in_another_process():
    here = [
        plan_for(profile(**intake), SelfTests(**tests), name).model_dump(mode="json")
        for intake, tests, name in SCENARIOS_IN_ANOTHER_PROCESS
    ]
    for seed in ("1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        out = subprocess.run(
            [sys.executable, "-c", PLANS_IN_A_FRESH_PROCESS],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout) == here, seed


def test_plan_round_trips_through_json():
    plan = plan_for(profile(situation="gym"), SelfTests(core_belly_shakes=True), "high-load")
    text = plan.model_dump_json()
    assert Plan.model_validate_json(text) == plan
    assert Plan.model_validate(json.loads(text)) == plan
