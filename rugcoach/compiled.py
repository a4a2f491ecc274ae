"""Hot reads compiled to SQL once, then run with each row's keys (issue 16).

A member page makes the same few reads on every view, differing only in the member's (or
a plan's) id: their latest check, intake, current plan, the plan's schedule. Building and
compiling such a queryset costs Django's ORM 0.2–0.3 ms each time, ten times what the
database does for it, and the plan page makes a handful. ``CompiledQuery`` builds the
queryset once per database, keeps its SQL, and then only runs that SQL with the key:

- ``first``/``all`` go through ``Model.objects.raw``, which applies the same field
  converters as the ORM (JSON decoded, SQLite's datetimes parsed, columns left out of an
  ``only()`` deferred), so callers get the model instances the queryset would give;
- ``values`` runs a ``values_list`` queryset's SQL and returns its rows as the database
  hands them (no converters: the schedule's rows are hashed as they are).

The keys are integer ids (a member's, a plan's, a check's), found, not assumed: the
queryset is compiled with two different sets of keys, and the two compilations must
differ in exactly the parameters that are keys (a key may appear more than once; every
other parameter, such as a kind, stays as compiled). A queryset whose SQL itself changes
with a key, or that takes a key other than as a parameter, is refused when first run.
What is kept is one SQL text per database alias and query, for the life of the process:
it holds no row, no member and nothing that a write could make stale.

Only the queryset's shape is fixed. Access checks stay the caller's: a selector asks
``rugcoach.accounts.access`` first and passes the id it was allowed to read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.db import connections, router
from django.db.models import Model, QuerySet

ModelT = TypeVar("ModelT", bound=Model)

# Keys no real row has, to tell the keys' parameters from the constant ones: the n-th key
# is probed with FIRST_PROBE + n, then with SECOND_PROBE + n.
_FIRST_PROBE = 2_147_480_000
_SECOND_PROBE = 2_147_470_001


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple[object, ...]
    """The parameters as compiled with the first probe keys."""
    key_positions: dict[int, int]
    """Which key goes where among them (position → the key's index)."""

    def with_keys(self, keys: tuple[int, ...]) -> list[object]:
        found = self.key_positions
        return [keys[found[at]] if at in found else value for at, value in enumerate(self.params)]


class CompiledQuery(Generic[ModelT]):
    """One queryset shape, keyed by integer ids (see the module's docstring)."""

    def __init__(self, build: Callable[..., QuerySet[ModelT]], *, keys: int = 1) -> None:
        self._build = build
        self._keys = keys
        self._model: type[ModelT] | None = None
        self._by_alias: dict[str, _Compiled] = {}

    def queryset(self, *keys: int) -> QuerySet[ModelT]:
        """The query as the ORM builds it (tests compare the two)."""
        return self._build(*keys)

    def first(self, *keys: int) -> ModelT | None:
        found = self.all(*keys)
        return found[0] if found else None

    def all(self, *keys: int) -> list[ModelT]:
        model = self._model
        if model is None:
            model = self._model = self._build(*self._probe(_FIRST_PROBE)).model
        using = router.db_for_read(model)
        compiled = self._compiled(using)
        manager = model._default_manager.db_manager(using)
        return list(manager.raw(compiled.sql, compiled.with_keys(self._checked(keys))))

    def values(self, *keys: int, using: str) -> tuple[tuple[object, ...], ...]:
        """A ``values_list`` queryset's rows, as the database returns them."""
        compiled = self._compiled(using)
        with connections[using].cursor() as cursor:
            cursor.execute(compiled.sql, compiled.with_keys(self._checked(keys)))
            return tuple(tuple(row) for row in cursor.fetchall())

    def _checked(self, keys: tuple[int, ...]) -> tuple[int, ...]:
        if len(keys) != self._keys:
            raise TypeError(f"the query takes {self._keys} keys, not {len(keys)}")
        return keys

    def _probe(self, start: int) -> tuple[int, ...]:
        return tuple(start + number for number in range(self._keys))

    def _compiled(self, using: str) -> _Compiled:
        found = self._by_alias.get(using)
        if found is None:
            found = self._by_alias[using] = self._compile(using)
        return found

    def _compile(self, using: str) -> _Compiled:
        first, second = (
            self._build(*self._probe(start)).using(using).query.sql_with_params()
            for start in (_FIRST_PROBE, _SECOND_PROBE)
        )
        (sql, params), (other_sql, other_params) = first, second
        if sql != other_sql or len(params) != len(other_params):
            raise ValueError("the query's SQL changes with its keys; it cannot be compiled once")
        positions = _key_positions(params, other_params, self._probe(_FIRST_PROBE))
        if set(positions.values()) != set(range(self._keys)):
            raise ValueError("the query does not take each of its keys as a parameter")
        return _Compiled(sql=sql, params=tuple(params), key_positions=positions)


def _key_positions(
    params: Sequence[object], other: Sequence[object], probes: tuple[int, ...]
) -> dict[int, int]:
    positions = {}
    offset = _FIRST_PROBE - _SECOND_PROBE
    for at, (one, two) in enumerate(zip(params, other, strict=True)):
        if one in probes and isinstance(two, int) and one - two == offset:
            positions[at] = probes.index(one)
        elif one != two:
            raise ValueError(f"parameter {at} changes with the keys but is not a key")
    return positions
