import pytest

from tests.browser.helpers import CHROMIUM_ARGS, PHONE


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # bypass_csp lets the test inject axe-core; the app itself never needs it.
    return {
        **browser_context_args,
        "viewport": PHONE,
        "bypass_csp": True,
        "locale": "nl-NL",
        "timezone_id": "Europe/Amsterdam",
    }


@pytest.fixture
def external_requests(page, live_server):
    """Every request a page makes to anywhere but the app itself."""
    seen: list[str] = []
    page.on(
        "request",
        lambda request: (
            seen.append(request.url)
            if not request.url.startswith((live_server.url, "data:"))
            else None
        ),
    )
    return seen
