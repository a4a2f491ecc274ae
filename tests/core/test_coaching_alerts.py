"""The dashboard's alert rules (rugcoach.core.coaching): which facts make an alert, its
key, and the order. Thresholds are read from content/coaching.yaml here, not from the
code under test, so changing the YAML changes what is expected."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from rugcoach.core.coaching.alerts import (
    AlertKind,
    CheckFact,
    FollowUpFact,
    MemberFact,
    SessionFact,
    SignalFact,
    alerts,
)
from rugcoach.core.coaching.content import load_coaching
from rugcoach.core.kernel.content_io import ContentError
from rugcoach.core.triage.conditions import Level

ROOT = Path(__file__).resolve().parents[2]
YAML = yaml.safe_load((ROOT / "content" / "coaching.yaml").read_text(encoding="utf-8"))
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
WINDOW = timedelta(days=YAML["window_days"])
PAIN, EFFORT = YAML["session"]["pain_min"], YAML["session"]["effort_min"]
MORNING = YAML["morning"]["pain_min"]
INACTIVE = YAML["inactive"]["days"]


@pytest.fixture(scope="module")
def rules():
    return load_coaching(ROOT / "content")


def test_every_rule_names_its_source():
    for name in ("red_flag", "safety_signal", "session", "morning", "inactive"):
        assert YAML[name]["source"].strip(), name
    assert YAML["window_source"].strip()


@pytest.mark.parametrize("level", list(Level))
def test_a_check_is_a_red_flag_exactly_for_the_listed_levels(rules, level):
    found = alerts(rules, NOW, checks=[CheckFact(7, 1, NOW - timedelta(hours=1), True, level)])
    if level.value in YAML["red_flag"]["levels"]:
        assert [(a.kind, a.key, a.level) for a in found] == [
            (AlertKind.RED_FLAG, "checkin:7", level)
        ]
    else:
        assert found == []


def test_a_full_check_and_a_checkin_have_different_keys(rules):
    found = alerts(
        rules,
        NOW,
        checks=[
            CheckFact(3, 1, NOW - timedelta(days=1), False, Level.EMERGENCY),
            CheckFact(4, 1, NOW - timedelta(days=2), True, Level.GP_SOON),
        ],
    )
    assert [a.key for a in found] == ["check:3", "checkin:4"]


def test_evidence_older_than_the_window_makes_no_alert(rules):
    old = NOW - WINDOW - timedelta(minutes=1)
    inside = NOW - WINDOW + timedelta(minutes=1)
    found = alerts(
        rules,
        NOW,
        checks=[
            CheckFact(1, 1, old, True, Level.EMERGENCY),
            CheckFact(2, 1, inside, True, Level.EMERGENCY),
        ],
        sessions=[SessionFact(3, 1, old, 10, 10)],
        signals=[SignalFact(4, 1, old)],
        mornings=[FollowUpFact(5, 3, 1, old, 10)],
    )
    assert [a.key for a in found] == ["checkin:2"]


@pytest.mark.parametrize(
    ("pain", "effort", "alert"),
    [
        (PAIN, None, True),
        (PAIN - 1, EFFORT - 1, False),
        (None, EFFORT, True),
        (2, EFFORT, True),
        (None, None, False),
        (PAIN - 1, None, False),
    ],
)
def test_a_session_alerts_on_high_pain_or_effort(rules, pain, effort, alert):
    found = alerts(rules, NOW, sessions=[SessionFact(9, 1, NOW - timedelta(days=2), pain, effort)])
    assert [a.key for a in found] == (["session:9"] if alert else [])
    if alert:
        assert (found[0].pain, found[0].effort) == (pain, effort)


@pytest.mark.parametrize(("pain", "alert"), [(MORNING, True), (MORNING - 1, False), (10, True)])
def test_a_painful_next_morning_alerts_and_points_at_its_session(rules, pain, alert):
    found = alerts(rules, NOW, mornings=[FollowUpFact(5, 41, 1, NOW - timedelta(days=1), pain)])
    assert [(a.key, a.evidence_id) for a in found] == ([("morning:5", 41)] if alert else [])


def test_an_r4_signal_alerts(rules):
    found = alerts(rules, NOW, signals=[SignalFact(12, 3, NOW - timedelta(days=3))])
    assert [(a.kind, a.key, a.member_id) for a in found] == [
        (AlertKind.SAFETY_SIGNAL, "signal:12", 3)
    ]


def test_inactivity_counts_from_the_last_session_or_the_consent(rules):
    consent = NOW - timedelta(days=60)
    last = NOW - timedelta(days=INACTIVE)
    recent = NOW - timedelta(days=INACTIVE - 1)
    found = alerts(
        rules,
        NOW,
        members=[
            MemberFact(1, last, consent),
            MemberFact(2, recent, consent),
            MemberFact(3, None, NOW - timedelta(days=INACTIVE + 1)),
            MemberFact(4, None, NOW - timedelta(days=1)),
        ],
    )
    assert {(a.member_id, a.key, a.days) for a in found} == {
        (1, f"inactive:{last.date().isoformat()}", INACTIVE),
        (3, "inactive:never", INACTIVE + 1),
    }


def test_most_severe_first_then_newest(rules):
    found = alerts(
        rules,
        NOW,
        members=[MemberFact(1, NOW - timedelta(days=20), NOW - timedelta(days=90))],
        sessions=[SessionFact(2, 1, NOW - timedelta(days=1), 9, None)],
        mornings=[FollowUpFact(6, 2, 1, NOW - timedelta(hours=2), 8)],
        signals=[SignalFact(3, 1, NOW - timedelta(days=5))],
        checks=[
            CheckFact(4, 1, NOW - timedelta(days=6), True, Level.GP_SOON),
            CheckFact(5, 1, NOW - timedelta(days=7), False, Level.EMERGENCY),
        ],
    )
    assert [a.key for a in found] == [
        "check:5",  # EMERGENCY outranks GP_SOON, though older
        "checkin:4",
        "signal:3",
        "session:2",
        "morning:6",
        f"inactive:{(NOW - timedelta(days=20)).date().isoformat()}",
    ]


def _write(tmp_path, text: str) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    (content / "coaching.yaml").write_text(text, encoding="utf-8")
    return content


def test_a_level_that_allows_training_is_no_red_flag(tmp_path):
    text = (ROOT / "content" / "coaching.yaml").read_text(encoding="utf-8")
    bad = text.replace("levels: [EMERGENCY, GP_TODAY, GP_SOON]", "levels: [EMERGENCY, TRAIN]")
    assert bad != text
    with pytest.raises(ContentError, match="no red flag"):
        load_coaching(_write(tmp_path, bad))


def test_a_rule_without_its_source_is_refused(tmp_path):
    data = dict(YAML)
    data["inactive"] = {"days": 7}
    with pytest.raises(ContentError, match=r"coaching.yaml: inactive.source"):
        load_coaching(_write(tmp_path, yaml.safe_dump(data)))
