# The browser fixtures (Debian's chromium, axe-core) for the trainers' browser test.
from tests.browser.conftest import browser_context_args, browser_type_launch_args

__all__ = ["browser_context_args", "browser_type_launch_args"]
