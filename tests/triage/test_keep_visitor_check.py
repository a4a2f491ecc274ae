"""Issue 11 §3: a visitor who did the check and then signs up can keep that check."""

import time
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.triage import wizard
from rugcoach.triage.models import TriageResult
from rugcoach.triage.services import keep_visitor_check
from tests.plan_helpers import PASSWORD, triage_answers
from tests.triage.wizard_walker import walk

pytestmark = pytest.mark.django_db
KEEP_LABEL = "Bewaar mijn check van zojuist"


@pytest.fixture
def content():
    return get_catalog().triage


def signup(client, *, keep: bool, email: str = "nieuw@example.com"):
    data = {"email": email, "first_name": "", "password1": PASSWORD, "password2": PASSWORD}
    if keep:
        data["keep_check"] = "on"
    return client.post("/account/aanmelden/", data)


def signed_cookie(answers: dict, *, seconds_ago: int = 0) -> str:
    """The wizard's cookie as a browser would send it, signed ``seconds_ago``."""
    signer = signing.get_cookie_signer(salt=wizard.COOKIE + wizard.SALT)
    real = time.time

    def earlier() -> float:
        return real() - seconds_ago

    signing.time.time = earlier  # type: ignore[attr-defined]
    try:
        import json

        return signer.sign(json.dumps(answers, separators=(",", ":")))
    finally:
        signing.time.time = real  # type: ignore[attr-defined]


# --- the service -----------------------------------------------------------------------


def test_a_kept_check_is_stored_as_the_members_full_check_with_its_own_date(content):
    member = User.objects.create_user("a@example.com", PASSWORD)
    done_at = timezone.now() - timedelta(days=3)  # before midnight, however long ago
    answers = triage_answers(duration_weeks=5)
    kept = keep_visitor_check(member, answers, done_at)
    assert kept.kind == TriageResult.Kind.TRIAGE
    assert kept.created_at == done_at, "the date of the check, not today"
    assert kept.answers == answers
    assert kept.may_train and kept.level == kept.verdict["level"]
    assert kept.questions_version == content.questions_version


# --- the sign-up page ------------------------------------------------------------------


def test_signup_offers_a_ticked_box_only_after_a_completed_check(client, content):
    assert KEEP_LABEL not in client.get("/account/aanmelden/").content.decode()
    walk(client, content, {})
    html = client.get("/account/aanmelden/").content.decode()
    assert KEEP_LABEL in html
    assert 'name="keep_check"' in html and "checked" in html.split('name="keep_check"')[1][:80]


def test_an_unfinished_check_is_not_offered(client, content):
    client.cookies[wizard.COOKIE] = signed_cookie({"saddle_numbness": False})
    assert KEEP_LABEL not in client.get("/account/aanmelden/").content.decode()


def test_keeping_stores_the_check_and_leads_to_the_intake(client, content):
    walk(client, content, {"duration_weeks": 3})
    response = signup(client, keep=True)
    member = User.objects.get(email="nieuw@example.com")
    stored = TriageResult.objects.get(member=member)
    assert stored.kind == "triage" and stored.answers["duration_weeks"] == 3
    assert client.cookies[wizard.COOKIE].value == "", "the answers left the browser"
    assert response["Location"] == "/plan/verder/"
    assert client.get(response["Location"])["Location"] == "/plan/intake/"


def test_unticked_nothing_is_stored_and_the_next_step_is_the_check(client, content):
    walk(client, content, {})
    response = signup(client, keep=False)
    assert User.objects.filter(email="nieuw@example.com").exists()
    assert TriageResult.objects.count() == 0
    assert client.get(response["Location"])["Location"] == "/mag-ik-trainen/"


def test_a_kept_check_that_forbids_training_leads_to_its_advice(client, content):
    walk(client, content, {"fever": True})
    response = signup(client, keep=True)
    stored = TriageResult.objects.get()
    assert not stored.may_train
    assert client.get(response["Location"])["Location"] == f"/mag-ik-trainen/uitslag/{stored.pk}/"


def test_the_check_counts_from_when_it_was_done(client, content):
    client.cookies[wizard.COOKIE] = signed_cookie(triage_answers(), seconds_ago=50 * 60)
    signup(client, keep=True)
    stored = TriageResult.objects.get()
    assert abs((timezone.now() - stored.created_at) - timedelta(minutes=50)) < timedelta(seconds=30)


@pytest.mark.parametrize(
    "cookie",
    [
        "not-signed-at-all",
        # a signed cookie whose answers were changed afterwards
        "tampered",
        # older than the wizard's hour
        "expired",
        # answers today's questions do not accept
        "outdated",
    ],
)
def test_a_bad_cookie_is_ignored_without_an_error(client, content, cookie):
    good = signed_cookie(triage_answers())
    values = {
        "not-signed-at-all": "{}",
        "tampered": good.replace("false", "true", 1),
        "expired": signed_cookie(triage_answers(), seconds_ago=2 * 60 * 60),
        "outdated": signed_cookie(triage_answers(leg_weakness="a-removed-option")),
    }
    client.cookies[wizard.COOKIE] = values[cookie]
    page = client.get("/account/aanmelden/")
    assert page.status_code == 200 and KEEP_LABEL not in page.content.decode()
    response = signup(client, keep=True)  # a forged box is ignored as well
    assert response.status_code == 302
    assert TriageResult.objects.count() == 0
