"""What apps above training add to the phone's offline list (``offline-urls.json``).

A program's next day plays in the same session player, but the programs app sits above
training (import-linter), so it registers what it adds in its ``AppConfig.ready``, as
training does with ``plans.extras``. A provider lists only what the member may start now.
"""

from collections.abc import Callable
from dataclasses import dataclass

from rugcoach.accounts.models import User


@dataclass(frozen=True)
class OfflinePages:
    pages: list[str]
    """player pages to keep"""
    slugs: list[str]
    """the exercises they show (their animated figures are kept too)"""


# (member, language) -> the pages the member may start now, in that language.
OfflineProvider = Callable[[User, str], OfflinePages]

_PROVIDERS: dict[str, OfflineProvider] = {}


def register_offline_pages(name: str, provider: OfflineProvider) -> None:
    _PROVIDERS[name] = provider


def extra_pages(member: User, language: str) -> list[OfflinePages]:
    return [provider(member, language) for provider in _PROVIDERS.values()]
