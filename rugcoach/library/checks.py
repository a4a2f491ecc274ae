"""Invalid content is a system check error, reported like any other configuration error.

`manage.py check`, `runserver` and `migrate` run the check and list every problem with its
file and field (id ``rugcoach.E001``) instead of a traceback from ``AppConfig.ready``.
Gunicorn does not run system checks, so ``rugcoach/wsgi.py`` calls
``refuse_invalid_content`` and the app does not start on invalid content.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from django.core import checks

from rugcoach.core.kernel.content_io import ContentError

CONTENT_TAG = "content"


@checks.register(CONTENT_TAG)
def check_content(app_configs: Sequence[Any] | None = None, **kwargs: Any) -> list[checks.Error]:
    from rugcoach.content import get_catalog

    try:
        get_catalog()
    except ContentError as error:
        return [
            checks.Error(
                problem,
                hint="Fix the content file; docs/content.md describes each field.",
                id="rugcoach.E001",
            )
            for problem in error.problems
        ]
    return []


def refuse_invalid_content() -> None:
    """Stop the process, listing the problems, when the content does not validate."""
    errors = checks.run_checks(tags=[CONTENT_TAG])
    if errors:
        lines = "\n".join(f"  {error.msg}" for error in errors)
        sys.stderr.write(f"RugCoach refuses to start: the content has errors.\n{lines}\n")
        raise SystemExit(3)
