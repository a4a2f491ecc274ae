"""One row of the table: one call of one URL, and the status each actor gets."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from tests.accounts.access_table.actors import Actor, Marker
from tests.accounts.access_table.world import World


@dataclass(frozen=True)
class Row:
    """One call of one URL, and the status each actor gets."""

    route: str  # the URL's name (reversed to call it)
    expect: dict[Actor, int | str]
    operation: str = ""  # API rows: "METHOD /path" as the ninja router has it
    method: str = "get"
    path: Callable[[World], str] | None = None  # default: reverse(route)
    data: Callable[[World], dict[str, Any]] | None = None
    json: bool = False  # send ``data`` as a JSON body (the API)
    markers_of_sanne_allowed: bool = False  # a capability URL shows her data to its holder
    # Actors a rule lets see some of Sanne's data here, and which of her markers (nothing
    # of her beyond those); with ``names_her`` their page must show her first name.
    sees_sanne: dict[Actor, frozenset[Marker]] = field(default_factory=dict)
    names_her: bool = False
    # Actors whose request here changes Sanne's data (and is logged in her access log).
    changes_sanne: frozenset[Actor] = frozenset()
    note: str = ""
    id: str = ""  # tells two rows of one URL apart

    def url(self, world: World) -> str:
        return self.path(world) if self.path is not None else reverse(self.route)


def row_id(row: Row) -> str:
    """The row's part of a test id: method, route and (for a second row of a URL) its id."""
    return f"{row.method.upper()} {row.route}{' ' + row.id if row.id else ''}"
