"""The tests' shortcuts stay in the tests: production hashes passwords at full cost."""

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher, get_hasher

from rugcoach import settings as production_settings
from tests.conftest import TEST_PASSWORD_HASHERS


def test_production_hashes_with_argon2_at_djangos_cost():
    assert production_settings.PASSWORD_HASHERS[0] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    )
    assert Argon2PasswordHasher.memory_cost >= 102400
    assert Argon2PasswordHasher.time_cost >= 2


def test_tests_hash_with_the_cheap_argon2_under_the_same_name():
    assert settings.PASSWORD_HASHERS == TEST_PASSWORD_HASHERS
    hasher = get_hasher("default")
    assert hasher.algorithm == "argon2"
    encoded = hasher.encode("a-calm-Strong-back-42", hasher.salt())
    assert encoded.startswith("argon2$argon2id$")
    assert hasher.verify("a-calm-Strong-back-42", encoded)
    assert not hasher.verify("wrong", encoded)
