import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the main thread; Django's ORM refuses sync
# calls from there unless this is set (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"

# Argon2 with Django's production cost takes ~0.5 s of CPU and 100 MB per hash, and nearly
# every test creates a user or logs one in: that was most of the suite's run time. Tests
# keep the same algorithm (hashes still start with "argon2", logins verify through it) at
# the smallest cost argon2 allows; tests/test_test_settings.py checks that production
# settings still use the full cost.
TEST_PASSWORD_HASHERS = ["tests.hashers.CheapArgon2PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing():
    """Every test hashes passwords with TEST_PASSWORD_HASHERS (override_settings also
    clears Django's cached hasher list)."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=TEST_PASSWORD_HASHERS):
        yield


@pytest.fixture(scope="session")
def catalog():
    """The real content, loaded once: the Catalog is immutable."""
    from rugcoach.core.catalog import load_catalog

    return load_catalog(ROOT / "content")


@pytest.fixture
def member(db):
    from rugcoach.accounts.models import User
    from tests.plan_helpers import PASSWORD

    return User.objects.create_user("sanne@example.com", PASSWORD, first_name="Sanne")


@pytest.fixture
def member_with_plan(member):
    """A member who did the safety check and the intake and has a plan from Monday 30 Nov."""
    from rugcoach.core.planner import SelfTests
    from rugcoach.plans import services
    from tests.plan_helpers import HOME_PROFILE, TODAY, record_triage

    record_triage(member)
    services.save_intake(member, HOME_PROFILE, SelfTests(bridge_felt_in="lower-back"))
    services.generate_plan(member, TODAY)
    return member


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the reset-mail throttle counts in it."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _nothing_presented_yet():
    """Each test starts without the views and answers built from the catalog (shared
    within a process, rugcoach/content.py PerCatalog), as a fresh process would."""
    from rugcoach.content import forget_derived

    forget_derived()
    yield
    forget_derived()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Dutch: a request in English leaves English active in the
    thread, and ``reverse()`` in a later test would then build an /en/ URL."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def _built_dir(tmp_path_factory, worker_id):
    """One folder for the whole run, shared by pytest-xdist's workers (each has its own
    temporary folder under a common one): a guide one worker built is not built again by
    the other. Builds write a temporary file and rename it, so two at once are safe."""
    if worker_id == "master":
        return tmp_path_factory.mktemp("built")
    shared = tmp_path_factory.getbasetemp().parent / "built"
    shared.mkdir(exist_ok=True)
    return shared


@pytest.fixture(autouse=True)
def _built_files_in_a_temporary_folder(settings, _built_dir):
    """Files the worker builds (the Herstelgids) go to a folder of the test run, shared by
    its tests (a build takes seconds), never to the project's var/."""
    settings.RUGCOACH_BUILT_DIR = _built_dir


@pytest.fixture
def wall_clock(request):
    """The process's clock pinned at an Amsterdam wall time, ticking on from there
    (tests/clock.py): ``tests.clock.A_WEEKDAY_MORNING`` (for a browser test 10:00 today:
    Chromium keeps cookies by the real clock), or the moment the test gives,
    ``@pytest.mark.parametrize("wall_clock", ["2026-12-03 23:58"], indirect=True)``. Put it
    first among the test's fixtures, so that their rows are made at that moment too."""
    from tests.clock import A_WEEKDAY_MORNING, WallClock, today_at

    browser = request.node.get_closest_marker("browser") is not None
    default = today_at("10:00") if browser else A_WEEKDAY_MORNING
    clock = WallClock(getattr(request, "param", default)).start()
    yield clock
    clock.stop()


@pytest.fixture(autouse=True)
def _browser_tests_at_a_pinned_hour(request):
    """Every browser test runs on a pinned clock (``wall_clock``): a journey that began
    at 23:59 would end on another day (a reload after midnight does not resume a
    session, the player asks for a new check-in)."""
    if request.node.get_closest_marker("browser") is not None:
        request.getfixturevalue("wall_clock")
