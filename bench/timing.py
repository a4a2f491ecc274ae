"""What the benchmarks share: the timed loop and the percentile they report.

``percentile`` is the one definition of a p95 or p99 in ``bench/``. ``timed`` warms a
call up, counts the SQL of one call, then times ``runs`` calls. Only ``count_queries``
needs Django (imported when it runs), so the rest is tested without a database
(tests/bench/test_timing.py).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Collection, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

Clock = Callable[[], float]


def percentile(values: Sequence[float], share: float) -> float:
    """The measured value at ``share`` (0 to 1) of the sorted values: the one at index
    round(share x (n - 1)) (NumPy's "nearest" method). Always a value that was measured,
    never one interpolated between two. ValueError when there are no values."""
    if not values:
        raise ValueError("no values to take a percentile of")
    if not 0 <= share <= 1:
        raise ValueError(f"share {share} is not between 0 and 1")
    ordered = sorted(values)
    return ordered[round(share * (len(ordered) - 1))]


@dataclass(frozen=True)
class Timing:
    """What ``timed`` measured: each timed call in milliseconds, in the order they ran,
    and the SQL statements one call sent."""

    milliseconds: tuple[float, ...]
    queries: int

    @property
    def p50(self) -> float:
        return statistics.median(self.milliseconds)

    @property
    def p95(self) -> float:
        return percentile(self.milliseconds, 0.95)


def count_queries(call: Callable[[], object], *, ignored: Collection[str] = ()) -> int:
    """The SQL statements ``call`` sends on the default connection, leaving out those whose
    first word is in ``ignored`` (say the BEGIN and ROLLBACK of a bench's own transaction).
    An execute wrapper sees each statement as it is sent: no debug cursor, and none of the
    query log's limits (its length, a request emptying it when it starts)."""
    from django.db import connection

    statements: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        call()
    skip = {word.upper() for word in ignored}
    return sum(1 for sql in statements if sql.split(maxsplit=1)[0].upper() not in skip)


def timed(
    call: Callable[[], object],
    *,
    runs: int,
    warmup: int,
    clock: Clock = time.perf_counter,
    around: Callable[[], AbstractContextManager[object]] = nullcontext,
    ignored_sql: Collection[str] = (),
) -> Timing:
    """``runs`` timings of ``call`` after ``warmup`` untimed calls, and the queries of one
    warm call (counted between the two, so caches are as the timed calls find them).

    ``clock``: wall time (``time.perf_counter``) or this process's CPU time
    (``time.process_time``). ``around``: a context each call runs in, outside the time
    taken (a transaction rolled back afterwards, say); ``ignored_sql``: first words of
    statements that context sends itself, left out of the count."""

    def once() -> float:
        with around():
            started = clock()
            call()
            took = clock() - started
        return took * 1000

    for _ in range(warmup):
        once()
    counted = count_queries(once, ignored=ignored_sql)
    return Timing(milliseconds=tuple(once() for _ in range(runs)), queries=counted)
