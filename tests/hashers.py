"""The password hasher the tests use (tests/conftest.py): Argon2, cheap."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id under its own name ("argon2"), at the lowest cost argon2 accepts: hashing
    and checking run the same code as in production, in well under a millisecond."""

    time_cost = 1
    memory_cost = 8  # KiB: argon2's minimum for one lane
    parallelism = 1
