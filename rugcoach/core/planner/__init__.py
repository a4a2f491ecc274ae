"""The personal planner: (profile, focus areas, triage verdict, catalog) → a 4-week plan.

Pure and deterministic: no I/O, no clock, no randomness, no Django. The clinical choices
(pools, signals, texts, the equipment rule) are content (``content/planner.yaml``); this
package applies them. How it chooses, and why: ``docs/planner.md``; its modules and
their layers: ``docs/architecture.md``.

This module is the planner's public API: exactly ``engine.__all__``, re-exported (the list
lives once, in ``engine``). Import from ``rugcoach.core.planner``, or from a submodule for
what is not listed there.
"""

from rugcoach.core.planner.engine import *  # noqa: F403
from rugcoach.core.planner.engine import __all__ as __all__
