"""Member accounts: sign up, log in and out, change password, remembered language."""

import pytest

from rugcoach.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "a-calm-Strong-back-42"


@pytest.fixture
def member():
    return User.objects.create_user("sanne@example.com", PASSWORD, first_name="Sanne")


def test_sign_up_logs_the_member_in(client):
    response = client.post(
        "/account/aanmelden/",
        {"email": "New@Example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "new@example.com"
    assert user.role == User.Role.MEMBER
    assert user.preferred_language == "nl"
    assert user.password.startswith("argon2")
    assert client.get("/account/").status_code == 200


def test_sign_up_in_english_keeps_english(client):
    client.post(
        "/en/account/sign-up/",
        {"email": "sam@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert User.objects.get().preferred_language == "en"


def test_duplicate_email_gets_a_clear_message_and_keeps_the_input(client, member):
    response = client.post(
        "/account/aanmelden/",
        {"email": "SANNE@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er bestaat al een account met dit e-mailadres" in html
    assert 'value="sanne@example.com"' in html.lower()
    assert User.objects.count() == 1


def test_weak_password_is_refused_with_a_reason(client):
    response = client.post(
        "/account/aanmelden/",
        {"email": "x@example.com", "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200
    assert User.objects.count() == 0
    assert "errorlist" in response.content.decode()


def test_log_in_and_out(client, member):
    response = client.post(
        "/account/inloggen/", {"username": "Sanne@Example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200
    client.post("/account/uitloggen/")
    assert client.get("/account/").status_code == 302


def test_wrong_password_says_so(client, member):
    response = client.post("/account/inloggen/", {"username": member.email, "password": "nope"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode() or "form-errors" in response.content.decode()


def test_password_change(client, member):
    client.force_login(member)
    new = "another-Calm-back-77"
    response = client.post(
        "/account/wachtwoord/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(new)


def test_language_switch_is_remembered_for_a_member(client, member):
    client.force_login(member)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/oefeningen/bird-dog/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/exercises/bird-dog/"
    member.refresh_from_db()
    assert member.preferred_language == "en"
    # A Dutch link now brings the member to the English page.
    response = client.get("/oefeningen/cat-cow/")
    assert response.status_code == 302
    assert response["Location"] == "/en/exercises/cat-cow/"


def test_login_continues_in_the_members_language(client):
    User.objects.create_user("sam@example.com", PASSWORD, preferred_language="en")
    response = client.post(
        "/account/inloggen/", {"username": "sam@example.com", "password": PASSWORD}
    )
    assert response["Location"] == "/en/account/"


def test_language_switch_for_a_visitor_follows_the_page(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/oefeningen/"})
    assert response["Location"] == "/en/exercises/"


def test_language_switch_refuses_foreign_redirects(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert "evil.example" not in response["Location"]


LOGGED_IN_LIBRARY_QUERIES = 2  # the session and the member


def _add_check_and_plan(member: User) -> None:
    from rugcoach.plans import services
    from tests.plan_helpers import HOME_PROFILE, TODAY, record_triage

    record_triage(member)
    services.save_intake(member, HOME_PROFILE)
    services.generate_plan(member, TODAY)


def test_logged_in_pages_stay_cheap(client, member, django_assert_num_queries):
    """Exactly as many queries with one check and plan as with five of each."""
    client.force_login(member)
    _add_check_and_plan(member)
    with django_assert_num_queries(LOGGED_IN_LIBRARY_QUERIES):
        assert client.get("/oefeningen/").status_code == 200
    for _ in range(4):
        _add_check_and_plan(member)
    assert member.plans.count() == 5
    with django_assert_num_queries(LOGGED_IN_LIBRARY_QUERIES):
        assert client.get("/oefeningen/").status_code == 200


def test_language_chosen_on_the_profile_page_is_saved(client, member):
    client.force_login(member)
    response = client.post("/account/", {"preferred_language": "en"})
    assert response["Location"] == "/en/account/"
    member.refresh_from_db()
    assert member.preferred_language == "en"
    assert client.get("/account/")["Location"] == "/en/account/"


def test_an_address_stored_with_capitals_still_logs_in(client):
    user = User(email="Kees@Example.COM")
    user.set_password(PASSWORD)
    user.save()
    response = client.post(
        "/account/inloggen/", {"username": "kees@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
