"""A member's rights over their data: export everything, delete everything, read why."""

import json
import subprocess

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import models
from django.test import Client

from rugcoach.accounts.models import User
from rugcoach.content import get_catalog
from rugcoach.plans.models import CalendarFeed
from rugcoach.privacy.registry import ANONYMISED, NOT_MEMBER_DATA, STAFF_KEYS, exporters
from rugcoach.triage.models import TriageResult
from tests.plan_helpers import PASSWORD, record_triage

pytestmark = pytest.mark.django_db

MY_DATA = "/account/mijn-gegevens/"
EXPORT_JSON = "/account/mijn-gegevens/mijn-gegevens.json"
EXPORT_PDF = "/account/mijn-gegevens/mijn-gegevens.pdf"
DELETE = "/account/mijn-gegevens/verwijderen/"


def models_with_a_member_key() -> dict[type[models.Model], list[str]]:
    """Every installed model with a foreign key (or one-to-one) to the user model."""
    found: dict[type[models.Model], list[str]] = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                isinstance(field, models.ForeignKey)  # one-to-one is a ForeignKey too
                and field.related_model is User
                and field.model is model
            ):
                found.setdefault(model, []).append(field.name)
    return found


@pytest.fixture
def rich_member(member_with_plan):
    """A member with every kind of data: checks, a check-in, intake, plan and two feeds."""
    record_triage(member_with_plan, pain_after_sitting=True)
    TriageResult.objects.create(
        member=member_with_plan,
        kind="checkin",
        answers={"pain_now": 3},
        level="TRAIN",
        may_train=True,
        verdict=TriageResult.objects.filter(member=member_with_plan).first().verdict,
    )
    CalendarFeed.objects.create(member=member_with_plan, kind="sessions")
    CalendarFeed.objects.create(member=member_with_plan, kind="posture", workdays=["mon"])
    return member_with_plan


@pytest.fixture
def other_member(db):
    other = User.objects.create_user("other@example.com", PASSWORD)
    record_triage(other)
    CalendarFeed.objects.create(member=other, kind="sessions")
    return other


def logged_in(member: User) -> Client:
    client = Client()
    client.force_login(member)
    return client


# --- the registry ------------------------------------------------------------------------


def test_every_model_with_a_member_key_is_exported_or_explained():
    covered = {model for exporter in exporters() for model in exporter.models}
    for model, fields in models_with_a_member_key().items():
        label = model._meta.label
        if all(f"{label}.{name}" in STAFF_KEYS for name in fields):
            continue  # it names a trainer only; the member's side exports it (STAFF_KEYS)
        assert model in covered or label in NOT_MEMBER_DATA, (
            f"{label} holds member data: add it to an app's exports.MODELS "
            "(rugcoach/privacy/registry.py) or explain in NOT_MEMBER_DATA why not"
        )
    assert User in covered


def test_every_model_with_a_member_key_is_deleted_with_the_member_or_anonymised():
    seen, seen_staff = set(), set()
    for model, fields in models_with_a_member_key().items():
        for name in fields:
            key = f"{model._meta.label}.{name}"
            on_delete = model._meta.get_field(name).remote_field.on_delete
            if key in STAFF_KEYS:
                seen_staff.add(key)
                assert on_delete is models.SET_NULL, f"{key} names a trainer: SET_NULL"
            elif key in ANONYMISED:
                seen.add(key)
                assert on_delete is models.SET_NULL, f"{key} is anonymised: SET_NULL"
                for cleared in ANONYMISED[key].cleared:
                    model._meta.get_field(cleared)  # a field that exists
            else:
                assert on_delete is models.CASCADE, (
                    f"{key} must cascade, or be listed in registry.ANONYMISED with why"
                )
    assert seen == set(ANONYMISED), "ANONYMISED names a key that is gone"
    assert seen_staff == set(STAFF_KEYS), "STAFF_KEYS names a key that is gone"
    assert not set(STAFF_KEYS) & set(ANONYMISED), "a key is either a trainer's or the member's"


def test_a_member_key_listed_as_a_trainers_fails(monkeypatch):
    """The staff keys are an exception, not a hole: a member key listed there by mistake
    (it cascades) fails the check above."""
    from rugcoach.privacy import registry

    monkeypatch.setitem(registry.STAFF_KEYS, "plans.Intake.member", "wrongly a trainer's")
    with pytest.raises(AssertionError, match=r"plans\.Intake\.member names a trainer: SET_NULL"):
        test_every_model_with_a_member_key_is_deleted_with_the_member_or_anonymised()


# --- export ------------------------------------------------------------------------------


def test_the_json_export_holds_everything_and_nothing_of_others(rich_member, other_member):
    response = logged_in(rich_member).get(EXPORT_JSON)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)

    assert data["accounts"]["email"] == rich_member.email
    assert "password" not in json.dumps(data["accounts"])
    checks = data["triage"]["safety_checks"]
    assert len(checks) == TriageResult.objects.filter(member=rich_member).count() == 3
    assert {c["kind"] for c in checks} == {"triage", "checkin"}
    assert any(c["answers"].get("pain_after_sitting") is True for c in checks)
    plans = data["plans"]
    assert plans["intake"]["profile"]["weekdays"] == ["mon", "wed", "fri"]
    assert plans["self_tests"]["bridge_felt_in"] == "lower-back"
    assert len(plans["plans"]) == 1 and plans["plans"][0]["plan"]["weeks"]
    assert {feed["kind"] for feed in plans["calendar_feeds"]} == {"sessions", "posture"}

    text = response.content.decode()
    for feed in CalendarFeed.objects.all():
        assert feed.token not in text  # a token is a key, never in a file that gets copied
    mine = CalendarFeed.objects.filter(member=rich_member)
    assert {f["token_ends_with"] for f in plans["calendar_feeds"]} == {f.token[-4:] for f in mine}
    assert other_member.email not in text


def pdf_text(tmp_path, content: bytes) -> str:
    path = tmp_path / "export.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.parametrize(
    ("prefix", "title", "question_language"),
    [("", "Jouw gegevens", "nl"), ("/en", "Your data", "en")],
)
def test_the_pdf_export_is_readable_in_the_page_language(
    rich_member, tmp_path, prefix, title, question_language
):
    url = EXPORT_PDF if not prefix else "/en/account/my-data/my-data.pdf"
    rich_member.preferred_language = question_language  # else the app takes them to theirs
    rich_member.save()
    response = logged_in(rich_member).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(tmp_path, response.content).split())
    assert title in text
    assert rich_member.email in text
    question = get_catalog().triage.questions["pain_after_sitting"]
    assert " ".join(question.text.get(question_language).split())[:40] in text
    # Language and role in words, not the stored codes.
    words = {"nl": ("Taal Nederlands", "Rol Lid"), "en": ("Language English", "Role Member")}
    for expected in words[question_language]:
        assert expected in text


def test_my_data_needs_a_login(client):
    for url in (MY_DATA, EXPORT_JSON, EXPORT_PDF, DELETE):
        response = client.get(url)
        assert response.status_code == 302 and "inloggen" in response["Location"]


# --- delete ------------------------------------------------------------------------------


def sessions_of(member_id: int) -> list[str]:
    return [
        s.session_key
        for s in Session.objects.all()
        if s.get_decoded().get("_auth_user_id") == str(member_id)
    ]


def test_a_wrong_password_deletes_nothing(rich_member):
    client = logged_in(rich_member)
    response = client.post(DELETE, {"password": "not-my-password"})
    assert response.status_code == 400
    assert "Dat wachtwoord klopt niet" in response.content.decode()
    assert User.objects.filter(pk=rich_member.pk).exists()
    assert TriageResult.objects.filter(member=rich_member).count() == 3
    assert client.get(MY_DATA).status_code == 200  # still logged in


def test_deleting_removes_every_row_of_the_member_and_only_theirs(rich_member, other_member):
    member_id, email = rich_member.pk, rich_member.email
    phone = logged_in(rich_member)  # a second device: its session must go too
    laptop = logged_in(rich_member)
    other = logged_in(other_member)
    assert len(sessions_of(member_id)) == 2
    if apps.is_installed("axes"):
        attempt = apps.get_model("axes", "AccessAttempt")
        attempt.objects.create(username=email, ip_address="127.0.0.1", failures_since_start=1)

    response = laptop.post(DELETE, {"password": PASSWORD}, follow=True)
    assert response.status_code == 200
    assert "Je account en al je gegevens zijn verwijderd." in response.content.decode()

    assert not User.objects.filter(pk=member_id).exists()
    for model, fields in models_with_a_member_key().items():
        for name in fields:
            assert not model.objects.filter(**{f"{name}_id": member_id}).exists(), model
    assert sessions_of(member_id) == []
    assert phone.get(MY_DATA).status_code == 302  # logged out on the other device too
    if apps.is_installed("axes"):
        for name in ("AccessAttempt", "AccessLog", "AccessFailureLog"):
            try:
                model = apps.get_model("axes", name)
            except LookupError:
                continue
            assert not model.objects.filter(username__iexact=email).exists(), name

    # Someone else's data is untouched.
    assert User.objects.filter(pk=other_member.pk).exists()
    assert TriageResult.objects.filter(member=other_member).count() == 1
    assert CalendarFeed.objects.filter(member=other_member).count() == 1
    assert len(sessions_of(other_member.pk)) == 1
    assert other.get(MY_DATA).status_code == 200


def test_deleting_in_english(rich_member):
    client = logged_in(rich_member)
    response = client.post("/en/account/my-data/delete/", {"password": PASSWORD}, follow=True)
    assert "Your account and all your data have been deleted." in response.content.decode()
    assert not User.objects.filter(pk=rich_member.pk).exists()


# --- the policy --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "heading", "link"),
    [
        ("/", "Privacy: wat RugCoach bewaart, waarom en hoe lang", "/privacy/"),
        ("/en/", "Privacy: what RugCoach stores, why, and for how long", "/en/privacy/"),
    ],
)
def test_the_policy_is_linked_from_every_page_footer(client, url, heading, link):
    home = client.get(url).content.decode()
    footer = home.split('<footer class="site-footer">')[1]
    assert f'href="{link}"' in footer
    policy = client.get(link)
    assert policy.status_code == 200
    assert heading in policy.content.decode()
    assert "<table>" in policy.content.decode()  # the markdown is rendered, not shown raw


def test_the_policy_page_is_the_docs_file():
    source = (settings.BASE_DIR / "docs" / "privacy.md").read_text()
    assert source.startswith("# Privacy: what RugCoach stores, why, and for how long")
    for period in ("1 hour", "60 seconds", "2 weeks", "Until you delete your account"):
        assert period in source
