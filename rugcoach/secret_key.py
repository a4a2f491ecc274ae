"""How strong DJANGO_SECRET_KEY must be in production; read by settings before Django runs."""

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
