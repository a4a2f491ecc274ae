"""Optional two-factor login: a code from an authenticator app (TOTP, django-otp) after the
password, with a handful of single-use recovery codes for a lost phone.

Why django-otp and not django-allauth's MFA: docs/decisions.md. Why here: the login itself
stays ``EmailLoginView`` (axes counts wrong passwords there); it hands a user with a
confirmed device to this module instead of logging them in. The half-done login lives in
the session (who, how, where to next, since when); ``login()`` runs only after the code.
Wrong codes are counted twice: per half-done login (after ``MAX_CODE_TRIES`` the password
is asked again) and by django-axes like wrong passwords (``user_login_failed``), so the
account and address lock for the same 15 minutes.
"""

import time
from base64 import b32encode
from dataclasses import dataclass

import segno
from django.contrib.auth import login, user_login_failed
from django.db import transaction
from django.http import HttpRequest
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from rugcoach.accounts.models import User

PENDING_KEY = "two_factor_pending"
# The code step must follow the password soon: a half-done login older than this asks
# for the password again.
PENDING_SECONDS = 5 * 60
# Wrong codes in one half-done login before the password is asked again (axes locks the
# account and address after its own 5 failures, passwords and codes together).
MAX_CODE_TRIES = 5
RECOVERY_CODE_COUNT = 8
RECOVERY_DEVICE_NAME = "recovery"
APP_DEVICE_NAME = "app"


def is_enabled(user: User) -> bool:
    """Whether a login of this user needs a code after the password."""
    return bool(user.is_authenticated and user_has_device(user, confirmed=True))


# --- the login step ------------------------------------------------------------------


@dataclass(frozen=True)
class PendingLogin:
    user: User
    backend: str
    next_url: str
    tries: int


def begin_login(request: HttpRequest, user: User, *, next_url: str) -> None:
    """The password was right: remember the half-done login, without logging in."""
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": getattr(user, "backend", "django.contrib.auth.backends.ModelBackend"),
        "next": next_url,
        "since": time.time(),
        "tries": 0,
        # A password change meanwhile (e.g. a reset) ends the half-done login.
        "hash": user.get_session_auth_hash(),
    }


def pending_login(request: HttpRequest) -> PendingLogin | None:
    """The half-done login of this browser, or None (none, expired, or used up)."""
    state = request.session.get(PENDING_KEY)
    if not isinstance(state, dict) or time.time() - state.get("since", 0) > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=state.get("user"), is_active=True).first()
    if user is None or user.get_session_auth_hash() != state.get("hash"):
        return None
    return PendingLogin(user, state["backend"], state["next"], state["tries"])


def cancel_login(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)


def count_wrong_code(request: HttpRequest, pending: PendingLogin) -> int:
    """Record a wrong code; the tries left in this half-done login (0: start again)."""
    state = request.session[PENDING_KEY]
    state["tries"] = pending.tries + 1
    request.session[PENDING_KEY] = state
    # Axes counts it like a wrong password (same account, same address, same lock).
    user_login_failed.send(
        sender=__name__, credentials={"username": pending.user.email}, request=request
    )
    left = MAX_CODE_TRIES - state["tries"]
    if left <= 0:
        cancel_login(request)
    return max(left, 0)


def finish_login(request: HttpRequest, pending: PendingLogin, device: Device) -> None:
    """The code was right: log in, and mark the session as verified by this device."""
    cancel_login(request)
    user = pending.user
    user.otp_device = device  # type: ignore[attr-defined]  # django-otp stores it on login
    login(request, user, backend=pending.backend)


# --- codes -----------------------------------------------------------------------------


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def verify(user: User, code: str) -> Device | None:
    """The confirmed device this code belongs to (an app code, or a recovery code, which
    is then used up), or None. Six digits are tried as an app code only."""
    code = _normalise(code)
    if not code:
        return None
    kind = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    # for_verify locks the device rows: two requests cannot use one recovery code twice.
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if isinstance(device, kind) and device.verify_token(code):
                return device
    return None


def must_wait(user: User) -> bool:
    """Whether django-otp's own throttle refuses codes for a moment (after a wrong one
    it waits 1, 2, 4… seconds before it checks the next)."""
    return any(
        not device.verify_is_allowed()[0] for device in devices_for_user(user, confirmed=True)
    )


# --- setting up and turning off ---------------------------------------------------------


def setup_device(*, user: User) -> TOTPDevice:
    """The app device being set up: the same one on every reload until it is confirmed,
    so the QR code a member already scanned stays valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def confirm_setup(*, user: User, code: str) -> list[str] | None:
    """Turn two-factor login on once the app's first code is right: the new recovery
    codes (to show once; only the device keeps them), or None for a wrong code."""
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .order_by("-id")
            .first()
        )
        if device is None or not device.verify_token(_normalise(code)):
            return None
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return _replace_recovery_codes(user)


def new_recovery_codes(*, user: User, code: str) -> list[str] | None:
    """Fresh recovery codes (the old ones stop working), after a right app code."""
    device = verify(user, code)
    if not isinstance(device, TOTPDevice):
        return None
    with transaction.atomic():
        return _replace_recovery_codes(user)


def disable(*, user: User, code: str) -> bool:
    """Turn two-factor login off, with an app code or a recovery code."""
    if verify(user, code) is None:
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    return True


def _replace_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- showing the secret ----------------------------------------------------------------


def secret_text(device: TOTPDevice) -> str:
    """The secret as an app asks for it when typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice, *, title: str) -> str:
    """The app's setup link as an inline SVG QR code: drawn here, no request elsewhere,
    no script or style attribute (the CSP allows neither inline)."""
    code = segno.make(device.config_url, error="m")
    return str(
        code.svg_inline(scale=4, border=4, dark="#000", light="#fff", title=title, omitsize=True)
    )
