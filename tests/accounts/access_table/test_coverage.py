"""The table covers every URL: each is a row or listed as public, and each row is whole."""

from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from rugcoach.api.urls import api
from tests.accounts.access_table.actors import Actor
from tests.accounts.access_table.public import NOT_MEMBER_DATA, NOT_MEMBER_DATA_NAMESPACES
from tests.accounts.access_table.row import row_id
from tests.accounts.access_table.table import TABLE


def _resolver_names(patterns: list[Any], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            joined = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            names |= _resolver_names(pattern.url_patterns, joined)
        elif isinstance(pattern, URLPattern):
            if pattern.callback.__module__ == "ninja.operation":
                continue  # one URL for several methods: the API's operations are walked below
            name = pattern.name or f"<unnamed {pattern.pattern}>"
            names.add(f"{namespace}:{name}" if namespace else name)
    return names


def _api_operations() -> set[str]:
    """Every operation of the ninja API as "METHOD /path" (a path may have several)."""
    found = set()
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                found |= {f"{method} {prefix}{path}" for method in operation.methods}
    return found


def _known() -> set[str]:
    return {row.operation or row.route for row in TABLE} | set(NOT_MEMBER_DATA)


def test_every_url_is_in_the_table_or_listed_as_public():
    found = {
        name
        for name in _resolver_names(get_resolver().url_patterns)
        if name.split(":")[0] not in NOT_MEMBER_DATA_NAMESPACES
    }
    found |= _api_operations()
    missing = found - _known()
    assert not missing, (
        f"{sorted(missing)}: add each to its app's rows_<domain>.py in {__package__} (with "
        "what every actor gets) or, if it shows no member's data, to NOT_MEMBER_DATA in "
        "public.py with why"
    )
    stale = _known() - found
    assert not stale, f"{sorted(stale)} no longer exist: remove them from the table"


def test_the_table_names_every_actor_for_every_row():
    for row in TABLE:
        assert set(row.expect) == set(Actor), row_id(row)
    ids = [row_id(row) for row in TABLE]
    assert len(ids) == len(set(ids)), "two rows of one URL need different ids"
