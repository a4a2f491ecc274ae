"""Migration 0003: a full check stored before issue 13's check-in question keeps its
meaning, so the member is not sent back to the full check."""

import importlib

import pytest
from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.core.triage.engine import evaluate
from rugcoach.triage import selectors
from rugcoach.triage.models import TriageResult
from rugcoach.triage.services import checkin_basis
from tests.plan_helpers import triage_answers
from tests.plans.migrating import back_to_the_latest_schema, migrate  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-calm-Strong-back-42"
_fingerprint = importlib.import_module(
    "rugcoach.triage.migrations.0003_fingerprint_full_check_only"
)


def test_a_full_check_stored_before_the_question_stays_valid_after_the_migration():
    """Rows are stored with the schema of migration 0002 and the fingerprint the previous
    questions had (before issue 13); after 0003 the member goes straight to the check-in.
    A row made with still older questions stays outdated."""
    member = User.objects.create_user("noor@example.com", PASSWORD)
    older = User.objects.create_user("sam@example.com", PASSWORD)
    answers = triage_answers()
    verdict = evaluate(answers, get_catalog().triage)

    apps = migrate([("triage", "0002_questions_version")])
    Old = apps.get_model("triage", "TriageResult")
    for who, version in ((member, _fingerprint.OLD), (older, "0ld0ld0ld0ld")):
        Old.objects.create(
            member_id=who.pk,
            kind="triage",
            created_at=timezone.now(),
            answers=answers,
            level=verdict.level.value,
            may_train=verdict.may_train,
            verdict=verdict.model_dump(mode="json"),
            questions_version=version,
        )
    migrate([("triage", "0003_fingerprint_full_check_only")])

    assert TriageResult.objects.get(member=member).questions_version == _fingerprint.NEW
    # Today's questions give NEW (true until the full check's own questions change again,
    # which outdates every stored check by design).
    assert get_catalog().triage.questions_version == _fingerprint.NEW
    status = selectors.training_status(member)
    assert not status.outdated and status.may_train
    assert checkin_basis(member).full_check.member == member
    assert TriageResult.objects.get(member=older).questions_version == "0ld0ld0ld0ld"
    assert selectors.training_status(older).outdated

    migrate([("triage", "0002_questions_version")])
    assert Old.objects.get(member_id=member.pk).questions_version == _fingerprint.OLD
