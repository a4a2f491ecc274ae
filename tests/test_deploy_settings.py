"""Settings by environment variables (issue 16 §2, docs/deploy.md): the cache and the
sessions in Redis when asked, plain HTTP when told, and a wrong value stops start-up
naming its variable. Settings are read once per process: each case runs in a fresh one."""

from __future__ import annotations

import json
import uuid

from tests.test_task_queue import in_fresh_process

# Redis database 14 is the serve tests' own; every key here carries a fresh prefix.
REDIS_URL = "redis://127.0.0.1:6379/14"


def settings_in(**env: str) -> dict:
    ran = in_fresh_process(
        """
        from django.conf import settings
        print(json.dumps({
            "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[1],
            "sessions": settings.SESSION_ENGINE.rsplit(".", 1)[1],
            "secure_cookies": settings.SESSION_COOKIE_SECURE,
            "ssl_redirect": getattr(settings, "SECURE_SSL_REDIRECT", False),
            "hsts": settings.SECURE_HSTS_SECONDS,
        }))
        """,
        **env,
    )
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout.strip().splitlines()[-1])


PRODUCTION = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "k3y-" + uuid.uuid4().hex * 2}


def test_the_cache_stays_in_memory_without_a_choice_even_with_redis_url_set():
    found = settings_in(REDIS_URL=REDIS_URL, RUGCOACH_CACHE="")
    assert (found["cache"], found["sessions"]) == ("LocMemCache", "db")


def test_redis_cache_brings_cached_db_sessions_that_survive_a_flush():
    prefix = uuid.uuid4().hex
    ran = in_fresh_process(
        f"""
        from django.conf import settings
        from django.core.cache import cache, caches
        from django.contrib.sessions.backends.cached_db import SessionStore
        from django.core.management import call_command
        call_command("migrate", "sessions", verbosity=0)  # the in-memory database's table
        settings.CACHES["default"]["KEY_PREFIX"] = {prefix!r}
        store = SessionStore()
        store["member"] = 42
        store.create()
        key = store.session_key
        in_redis = cache.get("django.contrib.sessions.cached_db" + key) is not None
        cache.clear()  # Redis flushed or restarted
        print(json.dumps({{
            "backend": type(caches["default"]).__name__,
            "in_redis": in_redis,
            "after_flush": SessionStore(session_key=key).get("member"),
        }}))
        SessionStore(session_key=key).delete()
        """,
        RUGCOACH_CACHE="redis",
        REDIS_URL=REDIS_URL,
        DATABASE_URL="sqlite:///:memory:",
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert json.loads(ran.stdout.strip().splitlines()[-1]) == {
        "backend": "RedisCache",
        "in_redis": True,
        "after_flush": 42,
    }


def test_production_is_https_unless_told_it_is_plain_http():
    assert settings_in(**PRODUCTION) == {
        "cache": "LocMemCache",
        "sessions": "db",
        "secure_cookies": True,
        "ssl_redirect": True,
        "hsts": 31536000,
    }
    plain = settings_in(**PRODUCTION, RUGCOACH_HTTPS="0")
    assert (plain["secure_cookies"], plain["ssl_redirect"], plain["hsts"]) == (False, False, 0)


def test_a_wrong_value_stops_start_up_naming_the_variable():
    cases = {
        "RUGCOACH_CACHE": ("memcached", "RUGCOACH_CACHE is 'memcached': use 'local'"),
        "RUGCOACH_HTTPS": ("sometimes", "RUGCOACH_HTTPS is 'sometimes': give 1 or 0"),
        "EMAIL_PORT": ("smtp", "EMAIL_PORT is 'smtp': give a whole number."),
    }
    for name, (value, message) in cases.items():
        ran = in_fresh_process("", **{name: value})
        assert ran.returncode != 0 and message in ran.stderr, (name, ran.stderr[-500:])
    ran = in_fresh_process("", RUGCOACH_CACHE="redis", REDIS_URL="127.0.0.1:6379")
    assert "RUGCOACH_CACHE_URL is '127.0.0.1:6379': give a Redis address" in ran.stderr
