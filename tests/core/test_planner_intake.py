"""The intake (``Profile``): a bad one is refused naming the field, a good one is kept in
one order whatever order it came in. The pure core only, no Django.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from rugcoach.core.planner import Profile, Weekday
from tests.core.planner_examples import profile


def test_profile_rejects_bad_intakes_naming_the_field():
    cases = [
        ({"situation": "pregnancy"}, "due_date"),
        ({"situation": "home", "due_date": "2027-06-01"}, "due_date"),
        ({"situation": "pregnancy", "due_date": "soon"}, "due_date"),
        ({"weekdays": ("mon", "mon")}, "weekdays"),
        ({"weekdays": ()}, "weekdays"),
        ({"minutes_per_session": 25}, "minutes_per_session"),
        ({"complaint_weeks": -1}, "complaint_weeks"),
        ({"equipment": ["rope"]}, "equipment"),
        ({"triggers": ["weather"]}, "triggers"),
        ({"colour": "red"}, "colour"),
    ]
    for changes, field in cases:
        with pytest.raises(ValidationError) as error:
            profile(**changes)
        assert field in {str(e["loc"][0]) for e in error.value.errors()}, changes


def test_profile_orders_weekdays_and_writes_sets_sorted():
    member = profile(
        weekdays=("fri", "mon"),
        equipment=["wall", "fitness-ball", "bench"],
        triggers=["stress", "long-sitting"],
    )
    assert member.weekdays == (Weekday.MON, Weekday.FRI)
    data = member.model_dump(mode="json")
    assert data["equipment"] == ["bench", "fitness-ball", "wall"]
    assert data["triggers"] == ["long-sitting", "stress"]
    assert Profile.model_validate(data) == member
    assert Profile.model_validate_json(member.model_dump_json()) == member
