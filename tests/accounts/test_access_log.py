"""The member's access log: a trainer's view or change appears, in words, newest first."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from rugcoach.accounts import access, access_log
from rugcoach.accounts.access import Action, Scope
from rugcoach.accounts.models import AccessLogEntry
from rugcoach.plans import selectors
from rugcoach.trainers import consent
from tests.sharing.helpers import booking, trainer

pytestmark = pytest.mark.django_db

LOG = "/account/inzage/"
PROFILE = "/account/"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def anna(db):
    return trainer("anna@yellowgym.test", "Anna", "de Vries")


def logged_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_a_trainers_view_through_the_policy_appears_on_the_log_and_account_page(
    member_with_plan, anna
):
    sanne = member_with_plan
    booking(sanne, anna)
    consent.give(member=sanne, trainer=anna)
    client = logged_in(sanne)
    assert "Nog niemand anders heeft je gegevens bekeken" in client.get(LOG).content.decode()

    selectors.current_plan(sanne, viewer=anna.user)  # reads through access.reads
    access.changes(sanne, anna.user, what="plan-swap")

    html = client.get(LOG).content.decode()
    assert "Anna de Vries" in html
    changed, viewed = html.index("Gewijzigd"), html.index("Bekeken")
    assert changed < viewed, "newest first"
    assert "een oefening in je plan (gewisseld)" in html
    assert "je gezondheidsgegevens" in html  # a read without a code: its scope in words
    profile = client.get(PROFILE).content.decode()
    assert "Anna de Vries" in profile and 'href="/account/inzage/"' in profile
    # Sanne's own reads are never logged.
    selectors.current_plan(sanne)
    assert AccessLogEntry.objects.filter(member=sanne).count() == 2


def test_the_log_is_the_members_alone(member, anna):
    booking(member, anna)
    consent.give(member=member, trainer=anna)
    with pytest.raises(access.AccessDenied):
        access_log.entries(member, viewer=anna.user)
    access.record(anna.user, [member.pk], Action.READ, Scope.HEALTH, "dashboard")
    # Anna's own log page shows her own (empty) log, never Sanne's.
    html = logged_in(anna.user).get(LOG).content.decode()
    assert "Nog niemand anders heeft je gegevens bekeken" in html


def _fill(member, viewer, count: int) -> None:  # type: ignore[no-untyped-def]
    start = timezone.now() - timedelta(days=1)
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            member=member,
            viewer=viewer,
            viewer_name=f"Trainer {n:03d}",
            at=start + timedelta(minutes=n),
            action="read",
            scope="health",
            what="dashboard",
        )
        for n in range(count)
    )


def test_the_log_is_paginated_newest_first(member, anna):
    _fill(member, anna.user, access_log.PER_PAGE + 5)
    client = logged_in(member)
    first = client.get(LOG).content.decode()
    newest = f"Trainer {access_log.PER_PAGE + 4:03d}"
    assert newest in first and "Trainer 004" not in first
    assert "Pagina 1 van 2" in first
    second = client.get(LOG, {"pagina": 2}).content.decode()
    assert "Trainer 004" in second and "Trainer 000" in second and newest not in second
    assert client.get(LOG, {"pagina": "x"}).status_code == 200  # nonsense: the first page


@pytest.mark.parametrize("count", [1, 5])
def test_the_log_page_costs_the_same_queries_at_two_sizes(
    member, anna, count, django_assert_num_queries
):
    _fill(member, anna.user, count)
    client = logged_in(member)
    client.get(LOG)  # warm the session
    # session, user, count, page of entries
    with django_assert_num_queries(4):
        html = client.get(LOG).content.decode()
    assert html.count("Trainer 0") == count


def test_the_viewers_name_is_escaped(member, anna):
    _fill(member, anna.user, 1)
    AccessLogEntry.objects.update(viewer_name="<script>alert(1)</script>")
    html = logged_in(member).get(LOG).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_the_log_in_english(member, anna):
    member.preferred_language = "en"
    member.save()
    _fill(member, anna.user, 1)
    html = logged_in(member).get("/en/account/access-log/").content.decode()
    assert "your summary on the trainer dashboard" in html
    assert "Viewed" in html


CODE = re.compile(r"""what=(?:[^"',)]*\belse )?["']([a-z-]+)["']""")
RECORD = "access.record("
LITERAL = re.compile(r"""["']([a-z]+(?:-[a-z]+)*)["']""")


def _recorded_codes(source: str) -> set[str]:
    """The code of each ``access.record(viewer, ids, action, scope, "code")``: its last
    string argument (the codes are passed by position there, not as ``what=``)."""
    found = set()
    start = source.find(RECORD)
    while start != -1:
        depth, end = 0, start + len(RECORD) - 1
        for end in range(start + len(RECORD) - 1, len(source)):
            depth += {"(": 1, ")": -1}.get(source[end], 0)
            if depth == 0:
                break
        literals = LITERAL.findall(source[start:end])
        if literals:
            found.add(literals[-1])
        start = source.find(RECORD, end)
    return found


def test_every_what_code_in_the_source_has_words():
    """A code passed as ``what=`` anywhere in the app must have words in both languages."""
    used = set()
    for path in (ROOT / "rugcoach").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        used |= set(CODE.findall(source)) | _recorded_codes(source)
    account_codes = {"consent-give", "consent-revoke", "consents", "access-log"}  # never logged
    missing = used - set(access_log.WHAT) - account_codes
    assert not missing, f"add words for {sorted(missing)} to rugcoach/accounts/access_log.py"
    for code, (dutch, english) in access_log.WHAT.items():
        assert dutch and english and dutch != english, code
