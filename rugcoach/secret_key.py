"""How strong DJANGO_SECRET_KEY must be in production; read by settings before Django runs.
Also the key file `make serve` keeps when DJANGO_SECRET_KEY is not set (tools/run.py)."""

import os
import secrets
from pathlib import Path

# Django's own deployment check asks for the same: 50 characters, at least 5 different.
MIN_SECRET_KEY_LENGTH = 50
MIN_DISTINCT_CHARACTERS = 5
_DJANGO_DEFAULT_PREFIX = "django-insecure"


def secret_key_weakness(key: str) -> str | None:
    """Why a key is too weak to sign sessions and reset links with, or None when it is fine."""
    if not key:
        return "not set"
    if key.startswith(_DJANGO_DEFAULT_PREFIX) or key.startswith("insecure-"):
        return "a development key"
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return f"too short ({len(key)} characters)"
    if len(set(key)) < MIN_DISTINCT_CHARACTERS:
        return f"too predictable ({len(set(key))} different characters)"
    return None


def key_from_file(path: Path) -> str:
    """The key kept in ``path``, made there first (50+ random characters, readable by
    this user only) when the file does not exist: `make serve` signs sessions with the
    same key after a restart, without anyone having to choose one."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: two starts at once cannot each write a different key.
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "w") as file:
                file.write(secrets.token_urlsafe(MIN_SECRET_KEY_LENGTH) + "\n")
    key = path.read_text().strip()
    weakness = secret_key_weakness(key)
    if weakness:
        raise ValueError(f"The secret key in {path} is {weakness}: delete the file to make one.")
    return key
