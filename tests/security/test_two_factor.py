"""Two-factor login: an account with a confirmed app is not logged in by its password
alone; the right app code (or a recovery code, once) finishes the login; wrong codes are
refused and throttled; the admin's login is ours, so administrators get the same step."""

import re
import time

import pytest
from django.contrib.auth import SESSION_KEY
from django_otp import devices_for_user
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp import models as totp_models
from django_otp.plugins.otp_totp.models import TOTPDevice

from rugcoach.accounts import two_factor
from rugcoach.accounts.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "a-calm-Strong-back-42"
NOW = 1_795_000_000.0  # a fixed moment: codes are computed for it, not for the wall clock


class FixedClock:
    """Stands in for the ``time`` module inside django-otp's TOTP device."""

    def __init__(self, now: float) -> None:
        self.now = now

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fixed = FixedClock(NOW)
    monkeypatch.setattr(totp_models, "time", fixed)
    return fixed


def code_for(device: TOTPDevice, at: float) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = at
    return f"{totp.token():06d}"


@pytest.fixture
def trainer():
    return User.objects.create_user(
        "jan@example.com", PASSWORD, first_name="Jan", role=User.Role.TRAINER
    )


@pytest.fixture
def recovery_codes(trainer, clock):
    """The trainer set up two-factor login a minute ago; their recovery codes."""
    clock.now = NOW - 60
    device = two_factor.setup_device(user=trainer)
    codes = two_factor.confirm_setup(user=trainer, code=code_for(device, NOW - 60))
    assert codes
    clock.now = NOW
    return codes


def a_moment_later(user: User) -> None:
    """django-otp waits a second or more after a wrong code before it checks the next."""
    for device in devices_for_user(user, confirmed=None):
        device.throttle_reset()


def password_step(client, email="jan@example.com", next_url=None):  # type: ignore[no-untyped-def]
    data = {"username": email, "password": PASSWORD}
    url = "/account/inloggen/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data)


def logged_in(client) -> bool:  # type: ignore[no-untyped-def]
    return SESSION_KEY in client.session


def test_without_two_factor_the_password_logs_in(client, trainer):
    answer = password_step(client)
    # A trainer lands on the dashboard (issue 15 §4), a member on the account page.
    assert answer.status_code == 302 and answer["Location"] == "/trainer/"
    assert logged_in(client)


def test_the_password_alone_does_not_log_in(client, trainer, recovery_codes):
    answer = password_step(client)
    assert answer["Location"] == "/account/tweestaps/code/"
    assert not logged_in(client)
    assert client.get("/account/").status_code == 302  # still the login page
    page = client.get("/account/tweestaps/code/")
    assert "Vul nu de code in die je app laat zien" in page.content.decode()


def test_a_wrong_code_is_refused(client, trainer, recovery_codes):
    password_step(client)
    answer = client.post("/account/tweestaps/code/", {"code": "000000"})
    assert answer.status_code == 400
    assert "Deze code klopt niet" in answer.content.decode()
    assert not logged_in(client)


def test_the_right_code_logs_in_and_goes_on(client, trainer, recovery_codes, clock):
    device = TOTPDevice.objects.get(user=trainer)
    password_step(client, next_url="/plan/")
    answer = client.post("/account/tweestaps/code/", {"code": code_for(device, NOW)})
    assert answer.status_code == 302 and answer["Location"] == "/plan/"
    assert logged_in(client)
    # The same code cannot be used twice (django-otp remembers the last time step).
    client.logout()
    password_step(client)
    again = client.post("/account/tweestaps/code/", {"code": code_for(device, NOW)})
    assert again.status_code == 400 and not logged_in(client)


def test_a_code_from_another_moment_is_refused(client, trainer, recovery_codes):
    device = TOTPDevice.objects.get(user=trainer)
    password_step(client)
    stale = client.post("/account/tweestaps/code/", {"code": code_for(device, NOW - 600)})
    assert stale.status_code == 400 and not logged_in(client)


def test_a_recovery_code_works_once(client, trainer, recovery_codes):
    code = recovery_codes[0]
    password_step(client)
    answer = client.post("/account/tweestaps/code/", {"code": code.upper()})
    assert answer.status_code == 302 and logged_in(client)
    assert StaticToken.objects.filter(device__user=trainer).count() == len(recovery_codes) - 1
    client.logout()
    password_step(client)
    again = client.post("/account/tweestaps/code/", {"code": code})
    assert again.status_code == 400 and not logged_in(client)


def test_the_code_step_without_a_password_goes_back_to_the_login(client, trainer, recovery_codes):
    answer = client.post("/account/tweestaps/code/", {"code": recovery_codes[0]})
    assert answer["Location"] == "/account/inloggen/"
    assert not logged_in(client)


def test_a_half_done_login_expires(client, trainer, recovery_codes, monkeypatch):
    password_step(client)
    later = time.time() + two_factor.PENDING_SECONDS + 1
    monkeypatch.setattr(two_factor.time, "time", lambda: later)
    answer = client.post("/account/tweestaps/code/", {"code": recovery_codes[0]})
    assert answer["Location"] == "/account/inloggen/" and not logged_in(client)


def test_wrong_codes_are_throttled_and_lock_like_wrong_passwords(client, trainer, recovery_codes):
    password_step(client)
    answers = []
    for _ in range(5):
        a_moment_later(trainer)  # else django-otp's throttle answers "wait" unchecked
        answers.append(client.post("/account/tweestaps/code/", {"code": "zzzzzzzz"}))
    # Axes counts each wrong code like a wrong password: the fifth locks the account.
    assert [a.status_code for a in answers[:4]] == [400] * 4
    assert answers[4].status_code == 429
    assert "Probeer het over 15 minuten opnieuw" in answers[4].content.decode()
    # Even the right password does not get in now, nor a right code.
    assert password_step(client).status_code == 429
    client.post("/account/tweestaps/code/", {"code": recovery_codes[1]})
    assert not logged_in(client)


def test_after_a_wrong_code_the_device_waits_a_moment(client, trainer, recovery_codes, clock):
    device = TOTPDevice.objects.get(user=trainer)
    password_step(client)
    client.post("/account/tweestaps/code/", {"code": "000000"})
    # The right code a moment later is still refused (django-otp's 1 s throttle) and the
    # page says to wait rather than that the code is wrong.
    answer = client.post("/account/tweestaps/code/", {"code": code_for(device, NOW)})
    assert answer.status_code == 400 and "Even wachten" in answer.content.decode()


# --- setting up and turning off -----------------------------------------------------


def test_the_setup_page_shows_a_qr_code_and_the_secret(client, trainer):
    client.force_login(trainer)
    page = client.get("/account/tweestaps/").content.decode()
    assert re.search(r"<svg [^>]*class=\"segno\"", page)
    assert "<title>QR-code voor je app</title>" in page
    device = TOTPDevice.objects.get(user=trainer, confirmed=False)
    assert two_factor.secret_text(device) in page
    # A reload shows the same secret: the app scanned a moment ago stays valid.
    assert two_factor.secret_text(device) in client.get("/account/tweestaps/").content.decode()
    assert TOTPDevice.objects.filter(user=trainer).count() == 1


def test_setting_up_with_the_apps_code_shows_recovery_codes_once(client, trainer, clock):
    client.force_login(trainer)
    client.get("/account/tweestaps/")
    device = TOTPDevice.objects.get(user=trainer)
    wrong = client.post("/account/tweestaps/", {"action": "confirm", "code": "123456"})
    assert wrong.status_code == 400 and "Deze code klopt niet" in wrong.content.decode()
    assert not two_factor.is_enabled(trainer)
    a_moment_later(trainer)
    done = client.post("/account/tweestaps/", {"action": "confirm", "code": code_for(device, NOW)})
    html = done.content.decode()
    codes = list(StaticToken.objects.filter(device__user=trainer).values_list("token", flat=True))
    assert len(codes) == two_factor.RECOVERY_CODE_COUNT
    assert all(f"<code>{code}</code>" in html for code in codes)
    assert two_factor.is_enabled(trainer)
    status = client.get("/account/tweestaps/").content.decode()
    assert "Tweestapsverificatie staat aan" in status
    assert not any(code in status for code in codes)


def test_turning_it_off_needs_a_code(client, trainer, recovery_codes):
    client.force_login(trainer)
    refused = client.post("/account/tweestaps/", {"action": "disable", "code": "nothing1"})
    assert refused.status_code == 400 and two_factor.is_enabled(trainer)
    a_moment_later(trainer)
    client.post("/account/tweestaps/", {"action": "disable", "code": recovery_codes[0]})
    assert not two_factor.is_enabled(trainer)
    client.logout()
    assert password_step(client)["Location"] == "/trainer/"  # the password alone: logged in


def test_members_may_use_it_too(client, member):
    client.force_login(member)
    assert client.get("/account/tweestaps/").status_code == 200


def test_the_pages_need_a_login(client):
    assert client.get("/account/tweestaps/")["Location"].startswith("/account/inloggen/")


def test_english_paths(client, trainer):
    User.objects.filter(pk=trainer.pk).update(preferred_language="en")
    client.force_login(trainer)
    page = client.get("/en/account/two-factor/")
    assert page.status_code == 200 and "Scan this QR code with your app." in page.content.decode()


# --- the admin ------------------------------------------------------------------------


def test_the_admin_login_is_ours_with_next(client):
    answer = client.get("/admin/login/?next=/admin/accounts/user/")
    assert answer.status_code == 302
    assert answer["Location"] == "/account/inloggen/?next=%2Fadmin%2Faccounts%2Fuser%2F"
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 302


def test_an_admin_with_two_factor_reaches_the_admin_after_the_code(client, clock):
    admin = User.objects.create_superuser("beheer@example.com", PASSWORD)
    clock.now = NOW - 60
    device = two_factor.setup_device(user=admin)
    assert two_factor.confirm_setup(user=admin, code=code_for(device, NOW - 60))
    clock.now = NOW
    start = client.get("/admin/", follow=True)
    login_url = start.redirect_chain[-1][0]
    assert login_url.startswith("/account/inloggen/?next=")
    client.post(login_url, {"username": "beheer@example.com", "password": PASSWORD})
    assert client.get("/admin/").status_code == 302  # the password alone is not enough
    answer = client.post("/account/tweestaps/code/", {"code": code_for(device, NOW)})
    assert answer["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_member_at_the_admin_login_is_told_it_is_not_for_them(client, member):
    client.force_login(member)
    answer = client.get("/admin/login/?next=/admin/", follow=True)
    assert answer.redirect_chain[-1][0] == "/account/"
    assert "alleen voor beheerders" in answer.content.decode()
