"""Twenty copies of one session at once (a phone retrying on a flaky line): one row.

Real requests against a live server, each in its own thread and database connection;
the unique (member, client key) constraint decides, the losers read the winner back.
"""

import json
import uuid

import pytest

from rugcoach.training.models import ExerciseResult, TrainingSession
from tests.concurrency.test_concurrent_writes import (
    CROWD,
    all_at_once,
    new_member,
    no_server_errors,
    post,
    session_of,
)


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db(transaction=True)
def test_twenty_copies_of_one_session_at_once_store_it_once(live_server):
    member = new_member(1)
    cookie = session_of(member)
    key = str(uuid.uuid4())
    sent = {
        "client_key": key,
        "started_at": "2026-11-30T18:00:00+01:00",
        "completed": True,
        "results": [{"slug": "bird-dog", "sets_done": 2, "outcome": "right"}],
    }
    url = f"{live_server.url}/api/sessions"
    answers = all_at_once([lambda: post(url, session=cookie, json_body=sent) for _ in range(CROWD)])
    no_server_errors(answers)
    statuses = sorted(a.status for a in answers)
    assert statuses == [200] * (CROWD - 1) + [201]
    assert {json.loads(a.body)["client_key"] for a in answers} == {key}
    assert TrainingSession.objects.filter(member=member).count() == 1
    assert ExerciseResult.objects.count() == 1
