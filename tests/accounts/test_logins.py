"""Password guessing is throttled; a forgotten password is reset by e-mail; every text in
these forms speaks our language (informal Dutch, plain English)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from rugcoach.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "a-calm-Strong-back-42"


@pytest.fixture
def member():
    return User.objects.create_user("sanne@example.com", PASSWORD, first_name="Sanne")


def log_in(client, password, email="sanne@example.com", url="/account/inloggen/"):  # type: ignore[no-untyped-def]
    return client.post(url, {"username": email, "password": password})


# --- throttling ----------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, member):
    for _ in range(4):
        assert log_in(client, "wrong-guess").status_code == 200
    locked = log_in(client, "wrong-guess")
    assert locked.status_code == 429
    answer = log_in(client, PASSWORD)
    assert answer.status_code == 429
    assert client.get("/account/").status_code == 302  # not logged in


def test_the_lockout_says_when_to_try_again(client, member):
    for _ in range(5):
        log_in(client, "wrong-guess")
    html = log_in(client, PASSWORD).content.decode()
    assert "Probeer het over 15 minuten opnieuw" in html
    until = timezone.localtime(timezone.now() + timedelta(minutes=15))
    assert re.search(r"om \d\d:\d\d", html)
    assert until.strftime("%H:") in html
    assert 'href="/account/wachtwoord-vergeten/"' in html


def test_the_lockout_speaks_english_on_english_pages(client, member):
    for _ in range(5):
        log_in(client, "wrong-guess", url="/en/account/log-in/")
    html = log_in(client, PASSWORD, url="/en/account/log-in/").content.decode()
    assert "Try again in 15 minutes" in html


def test_the_lock_is_per_account_and_address(client, member):
    User.objects.create_user("kees@example.com", PASSWORD)
    for _ in range(5):
        log_in(client, "wrong-guess")
    # Another account from the same address, and this account from elsewhere, still work.
    assert log_in(client, PASSWORD, email="kees@example.com").status_code == 302
    client.logout()
    other = client.post(
        "/account/inloggen/",
        {"username": "sanne@example.com", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.7",
    )
    assert other.status_code == 302


def test_logins_leave_only_the_records_that_stop_guessing(client, member):
    """docs/privacy.md: wrong guesses are kept until the lock has passed; a successful
    login leaves no trail of addresses and browsers."""
    from axes.models import AccessAttempt, AccessLog

    log_in(client, "wrong-guess")
    assert AccessAttempt.objects.filter(username="sanne@example.com").count() == 1
    assert log_in(client, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.exists()  # reset on success
    assert not AccessLog.objects.exists()


def test_the_lock_ends_after_the_cool_off(client, member):
    from axes.models import AccessAttempt

    for _ in range(5):
        log_in(client, "wrong-guess")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, PASSWORD).status_code == 302


def test_the_admin_login_is_throttled_too(client):
    # The admin's login is ours (docs/security.md): it sends administrators to our login
    # page, which counts wrong passwords like any other.
    User.objects.create_superuser("beheer@example.com", PASSWORD)
    url = client.get("/admin/login/?next=/admin/")["Location"]
    assert url == "/account/inloggen/?next=%2Fadmin%2F"
    for _ in range(5):
        log_in(client, "wrong-guess", email="beheer@example.com", url=url)
    answer = log_in(client, PASSWORD, email="beheer@example.com", url=url)
    assert answer.status_code == 429
    assert client.get("/admin/").status_code == 302


# --- password reset ------------------------------------------------------------------


def reset_link(message) -> str:  # type: ignore[no-untyped-def]
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_a_reset_mail_leads_to_a_new_password(client, member):
    answer = client.post("/account/wachtwoord-vergeten/", {"email": "Sanne@Example.com"})
    assert answer.status_code == 302
    assert answer["Location"] == "/account/wachtwoord-vergeten/verstuurd/"
    [message] = mail.outbox
    assert message.to == ["sanne@example.com"]
    assert message.subject == "Je nieuwe RugCoach-wachtwoord"
    assert "Je vroeg om een nieuw wachtwoord" in message.body
    link = reset_link(message)
    assert link.startswith("/account/wachtwoord-herstellen/")
    form_page = client.get(link, follow=True)
    assert "Kies een nieuw wachtwoord" in form_page.content.decode()
    new = "another-Calm-back-77"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done["Location"] == "/account/wachtwoord-herstellen/klaar/"
    assert log_in(client, new).status_code == 302
    # The link works once.
    assert "Deze link werkt niet meer" in client.get(link, follow=True).content.decode()


def test_the_reset_page_never_tells_whether_an_address_has_an_account(client, member):
    known = client.post("/account/wachtwoord-vergeten/", {"email": "sanne@example.com"})
    unknown = client.post("/account/wachtwoord-vergeten/", {"email": "niemand@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1
    done = client.get(known["Location"]).content.decode()
    assert "Hoort dit adres bij een account?" in done


def test_the_reset_mail_is_english_from_the_english_page(client, member):
    client.post("/en/account/forgot-password/", {"email": "sanne@example.com"})
    [message] = mail.outbox
    assert message.subject == "Your new RugCoach password"
    assert reset_link(message).startswith("/en/account/reset-password/")


def test_a_reset_lifts_a_lockout(client, member):
    for _ in range(5):
        log_in(client, "wrong-guess")
    client.post("/account/wachtwoord-vergeten/", {"email": "sanne@example.com"})
    form_page = client.get(reset_link(mail.outbox[0]), follow=True)
    new = "another-Calm-back-77"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert log_in(client, new).status_code == 302


def test_reset_mails_to_one_address_are_capped_and_the_page_reads_the_same(client, member):
    User.objects.create_user("kees@example.com", PASSWORD)
    answers = [
        client.post("/account/wachtwoord-vergeten/", {"email": "sanne@example.com"})
        for _ in range(6)
    ]
    assert {answer["Location"] for answer in answers} == {"/account/wachtwoord-vergeten/verstuurd/"}
    assert len(mail.outbox) == 3  # three an hour, not six
    # Another member's mailbox has its own share.
    client.post("/account/wachtwoord-vergeten/", {"email": "kees@example.com"})
    assert mail.outbox[-1].to == ["kees@example.com"]
    done = client.get("/account/wachtwoord-vergeten/verstuurd/").content.decode()
    assert "hoogstens drie van deze mails per uur" in done


def test_the_reset_cap_ends_with_its_window(client, member):
    from django.core.cache import cache

    for _ in range(4):
        client.post("/account/wachtwoord-vergeten/", {"email": "sanne@example.com"})
    assert len(mail.outbox) == 3
    cache.clear()  # the hour has passed: the counter expired
    client.post("/account/wachtwoord-vergeten/", {"email": "sanne@example.com"})
    assert len(mail.outbox) == 4


def test_login_page_links_to_the_reset(client):
    assert (
        'href="/account/wachtwoord-vergeten/"' in client.get("/account/inloggen/").content.decode()
    )


# --- our voice -----------------------------------------------------------------------

FORMAL_OR_STOCK = ("Uw ", " uw ", "Voer ", "This password", "Enter the same", "didn’t match")


def errors_of(html: str) -> str:
    return " ".join(re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S))


def test_sign_up_errors_are_informal_dutch(client):
    html = client.post(
        "/account/aanmelden/",
        {"email": "x@example.com", "password1": "1234", "password2": "1234"},
    ).content.decode()
    errors = errors_of(html)
    assert "Dit wachtwoord is te kort. Gebruik minstens 8 tekens." in errors
    assert "Dit wachtwoord wordt te vaak gebruikt" in errors
    assert "Dit wachtwoord bestaat alleen uit cijfers" in errors
    assert "Je wachtwoord heeft minstens 8 tekens." in html  # help text
    assert "Typ hetzelfde wachtwoord nog een keer." in html
    for stock in FORMAL_OR_STOCK:
        assert stock not in html


def test_mismatched_and_similar_passwords_in_our_words(client):
    html = client.post(
        "/account/aanmelden/",
        {"email": "sanne.jansen@example.com", "password1": "sanne.jansen", "password2": "x"},
    ).content.decode()
    assert "De twee wachtwoorden zijn niet hetzelfde" in errors_of(html)
    html = client.post(
        "/account/aanmelden/",
        {
            "email": "sanne.jansen@example.com",
            "password1": "sanne.jansen@example",
            "password2": "sanne.jansen@example",
        },
    ).content.decode()
    assert "Dit wachtwoord lijkt te veel op je e-mailadres." in errors_of(html)


def test_sign_up_errors_in_english(client):
    html = client.post(
        "/en/account/sign-up/",
        {"email": "x@example.com", "password1": "1234", "password2": "1234"},
    ).content.decode()
    errors = errors_of(html)
    assert "This password is too short. Use at least 8 characters." in errors
    assert "Dit wachtwoord" not in html


def test_wrong_login_and_wrong_current_password_are_informal(client, member):
    html = log_in(client, "wrong-guess").content.decode()
    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar" in html
    client.force_login(member)
    html = client.post(
        "/account/wachtwoord/",
        {"old_password": "nope", "new_password1": "x", "new_password2": "x"},
    ).content.decode()
    assert "Je huidige wachtwoord klopt niet" in html
    for stock in FORMAL_OR_STOCK:
        assert stock not in html


def test_behind_a_proxy_the_lock_follows_the_address_the_proxy_saw(client, member, settings):
    settings.RUGCOACH_PROXY_COUNT = 1
    for n in range(5):
        # The first entry is whatever the client claims; the proxy appends what it saw.
        client.post(
            "/account/inloggen/",
            {"username": "sanne@example.com", "password": "wrong-guess"},
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 198.51.100.9",
        )
    locked = client.post(
        "/account/inloggen/",
        {"username": "sanne@example.com", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.9",
    )
    assert locked.status_code == 429
    elsewhere = client.post(
        "/account/inloggen/",
        {"username": "sanne@example.com", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.10",
    )
    assert elsewhere.status_code == 302


@pytest.mark.parametrize(
    ("url", "fields", "first", "second"),
    [
        ("/account/aanmelden/", {"email": "x@example.com"}, "password1", "password2"),
        ("/account/wachtwoord/", {"old_password": PASSWORD}, "new_password1", "new_password2"),
    ],
)
def test_a_weak_password_is_explained_beside_the_password_itself(
    client, member, url, fields, first, second
):
    """Not beside "Herhaal je wachtwoord", where a member would look for a typo."""
    if "old_password" in fields:
        client.force_login(member)
    response = client.post(url, {**fields, first: "1234", second: "1234"})
    errors = response.context["form"].errors
    assert "Dit wachtwoord is te kort. Gebruik minstens 8 tekens." in errors[first]
    assert second not in errors
