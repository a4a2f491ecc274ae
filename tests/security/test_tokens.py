"""Personal API tokens: made and revoked on the account page, the secret shown once and
stored only as a hash; the API accepts "Authorization: Bearer rc_…" beside the browser
session; a revoked or unknown token, or a deactivated account's, gets 401; logs never
show a token."""

import hashlib
import io
import logging
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from rugcoach.accounts import tokens
from rugcoach.accounts.forms import SetPasswordForm
from rugcoach.accounts.models import ApiToken, User
from tests.plan_helpers import PASSWORD

pytestmark = pytest.mark.django_db
PSFS = {
    "activities": [
        {"name": "Sokken aantrekken", "score": 4},
        {"name": "Tillen", "score": 3},
        {"name": "Fietsen", "score": 6},
    ]
}


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def token_and_secret(member):
    return tokens.create(owner=member, name="Script op mijn laptop")


# --- the service ------------------------------------------------------------------


def test_only_the_hash_and_a_prefix_are_stored(member):
    token, secret = tokens.create(owner=member, name="  Laptop ")
    assert secret.startswith("rc_") and len(secret) == 46
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert stored.prefix == secret[:8] and stored.name == "Laptop"
    assert secret not in str(ApiToken.objects.filter(pk=token.pk).values().get())


def test_lookup_notes_the_use_at_most_once_a_minute(token_and_secret, django_assert_num_queries):
    token, secret = token_and_secret
    with django_assert_num_queries(2):  # read, and the first use is written
        assert tokens.lookup(secret).pk == token.pk
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    with django_assert_num_queries(1):  # within the minute: read only
        tokens.lookup(secret)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    tokens.lookup(secret)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first - timedelta(minutes=1)


def test_only_the_owner_revokes(member, token_and_secret):
    from django.core.exceptions import PermissionDenied

    other = User.objects.create_user("kees@example.com", "x-Strong-pass-99")
    token, secret = token_and_secret
    with pytest.raises(PermissionDenied):
        tokens.revoke(owner=other, token=token)
    assert tokens.lookup(secret) is not None
    tokens.revoke(owner=member, token=token)
    assert tokens.lookup(secret) is None


def test_the_number_of_active_tokens_is_bounded(member, monkeypatch):
    monkeypatch.setattr(tokens, "MAX_ACTIVE_TOKENS", 2)
    tokens.create(owner=member, name="a")
    token, _secret = tokens.create(owner=member, name="b")
    with pytest.raises(tokens.TooManyTokens):
        tokens.create(owner=member, name="c")
    tokens.revoke(owner=member, token=token)
    tokens.create(owner=member, name="c")


# --- the API ------------------------------------------------------------------------


def test_a_token_reads_and_writes_the_api_as_its_owner(client, member, token_and_secret):
    _token, secret = token_and_secret
    assert client.get("/api/sessions", headers=bearer(secret)).status_code == 200
    # A POST with a token needs no CSRF token (a browser never sends it by itself).
    strict = Client(enforce_csrf_checks=True)
    stored = strict.post(
        "/api/progress/psfs", PSFS, content_type="application/json", headers=bearer(secret)
    )
    assert stored.status_code == 201
    assert member.psfs_assessments.count() == 1
    progress = strict.get("/api/progress", headers=bearer(secret))
    assert progress.status_code == 200


def test_no_login_and_an_unknown_token_get_401(client, member, token_and_secret):
    _token, secret = token_and_secret
    assert client.get("/api/sessions").status_code == 401
    assert client.get("/api/sessions", headers=bearer("rc_" + "x" * 43)).status_code == 401
    assert client.get("/api/sessions", headers=bearer(secret[:-1])).status_code == 401
    assert client.get("/api/sessions", headers=bearer("")).status_code == 401
    unknown_post = Client(enforce_csrf_checks=True).post(
        "/api/progress/psfs", PSFS, content_type="application/json", headers=bearer("rc_nope")
    )
    assert unknown_post.status_code == 401


def test_a_revoked_token_gets_401(client, member, token_and_secret):
    token, secret = token_and_secret
    tokens.revoke(owner=member, token=token)
    assert client.get("/api/sessions", headers=bearer(secret)).status_code == 401
    answer = Client(enforce_csrf_checks=True).post(
        "/api/progress/psfs", PSFS, content_type="application/json", headers=bearer(secret)
    )
    assert answer.status_code == 401


def test_a_deactivated_accounts_token_gets_401(client, member, token_and_secret):
    _token, secret = token_and_secret
    User.objects.filter(pk=member.pk).update(is_active=False)
    assert client.get("/api/sessions", headers=bearer(secret)).status_code == 401


def test_the_browser_session_still_works_and_still_needs_csrf(member):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member)
    assert browser.get("/api/sessions").status_code == 200
    forged = browser.post("/api/progress/psfs", PSFS, content_type="application/json")
    assert forged.status_code == 403


def test_the_openapi_names_both_ways_in(client):
    schema = client.get("/api/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert {s.get("scheme") for s in schemes.values()} >= {"bearer"}
    assert {s.get("in") for s in schemes.values()} >= {"cookie"}


# --- the page -----------------------------------------------------------------------


def test_the_page_shows_a_new_secret_once(client, member):
    client.force_login(member)
    made = client.post(
        "/account/api-sleutels/", {"name": "Laptop <script>x</script>", "password": PASSWORD}
    )
    html = made.content.decode()
    token = ApiToken.objects.get(owner=member)
    secret = html.split('id="token-secret" type="text" readonly value="')[1].split('"')[0]
    assert secret.startswith(token.prefix)
    assert hashlib.sha256(secret.encode()).hexdigest() == token.digest
    assert "Laptop &lt;script&gt;x&lt;/script&gt;" in html and "<script>x" not in html
    assert made["Cache-Control"].startswith("max-age=0") or "no-cache" in made["Cache-Control"]
    again = client.get("/account/api-sleutels/").content.decode()
    assert secret not in again
    assert f"{token.prefix}…" in again and "nog niet gebruikt" in again


def test_a_name_is_needed(client, member):
    client.force_login(member)
    answer = client.post("/account/api-sleutels/", {"name": "  ", "password": PASSWORD})
    assert answer.status_code == 400 and not ApiToken.objects.exists()
    assert "errorlist" in answer.content.decode()


def test_making_a_token_asks_for_the_current_password(client, member):
    client.force_login(member)
    nothing = client.post("/account/api-sleutels/", {"name": "Laptop"})
    wrong = client.post("/account/api-sleutels/", {"name": "Laptop", "password": "fout-fout"})
    assert (nothing.status_code, wrong.status_code) == (400, 400)
    assert "Je huidige wachtwoord klopt niet" in wrong.content.decode()
    assert not ApiToken.objects.exists()
    assert (
        'autocomplete="current-password"' in client.get("/account/api-sleutels/").content.decode()
    )


def test_a_password_change_revokes_every_token(client, member, token_and_secret):
    token, secret = token_and_secret
    client.force_login(member)
    changed = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Een-heel-nieuw-wachtwoord-42",
            "new_password2": "Een-heel-nieuw-wachtwoord-42",
        },
    )
    assert changed.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client().get("/api/sessions", headers=bearer(secret)).status_code == 401


def test_a_password_reset_revokes_every_token(member, token_and_secret):
    token, _secret = token_and_secret
    form = SetPasswordForm(
        member,
        {
            "new_password1": "Een-heel-nieuw-wachtwoord-42",
            "new_password2": "Een-heel-nieuw-wachtwoord-42",
        },
    )
    assert form.is_valid(), form.errors
    form.save()
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_revoking_on_the_page(client, member, token_and_secret):
    token, secret = token_and_secret
    client.force_login(member)
    answer = client.post(f"/account/api-sleutels/{token.pk}/intrekken/", follow=True)
    assert "werkt niet meer" in answer.content.decode()
    assert "ingetrokken op" in answer.content.decode()
    assert tokens.lookup(secret) is None


def test_nobody_revokes_another_persons_token(client, token_and_secret):
    token, secret = token_and_secret
    other = User.objects.create_user("kees@example.com", "x-Strong-pass-99")
    client.force_login(other)
    answer = client.post(f"/account/api-sleutels/{token.pk}/intrekken/")
    assert answer.status_code == 404
    assert tokens.lookup(secret) is not None
    assert token.name not in client.get("/account/api-sleutels/").content.decode()


def test_the_page_needs_a_login_and_speaks_english(client, member):
    assert client.get("/account/api-sleutels/").status_code == 302
    User.objects.filter(pk=member.pk).update(preferred_language="en")
    client.force_login(member)
    page = client.get("/en/account/api-tokens/")
    assert page.status_code == 200 and "Make a token" in page.content.decode()


def test_the_account_page_links_both(client, member):
    client.force_login(member)
    html = client.get("/account/").content.decode()
    assert 'href="/account/api-sleutels/"' in html and 'href="/account/tweestaps/"' in html


# --- logs ---------------------------------------------------------------------------


def test_logs_never_show_a_token(token_and_secret):
    from rugcoach.log_filters import redact

    _token, secret = token_and_secret
    line = f"Unexpected auth - 'Token {secret}' from {secret[:8]}"
    assert secret not in redact(line)
    assert f"{secret[:8]}***" in redact(line)
    out = io.StringIO()
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler))
    previous = handler.setStream(out)
    try:
        logging.getLogger("ninja").error("Unexpected auth - '%s'", f"Token {secret}")
    finally:
        handler.setStream(previous)
    assert secret not in out.getvalue() and "rc_" in out.getvalue()
