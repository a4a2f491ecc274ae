"""The benchmarks' shared timing (bench/timing.py): the percentile they print and the
timed loop behind every p50/p95 and query count of bench_pages.py and bench_dashboard.py."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection, transaction

from bench.timing import count_queries, percentile, timed


def test_a_percentile_is_a_measured_value_at_its_rank():
    hundred = [float(n) for n in range(100, 0, -1)]  # 100 down to 1: sorted first
    assert percentile(hundred, 0.95) == 95.0
    assert percentile(hundred, 0.99) == 99.0
    assert percentile(hundred, 0.0) == 1.0
    assert percentile(hundred, 1.0) == 100.0
    assert percentile([3.0, 1.0, 2.0], 0.5) == 2.0, "the median of an odd count"
    assert percentile([7.5], 0.95) == 7.5
    # Never a value between two measured ones.
    assert percentile([1.0, 10.0], 0.5) in (1.0, 10.0)


def test_a_percentile_of_nothing_or_out_of_range_is_an_error():
    with pytest.raises(ValueError):
        percentile([], 0.95)
    with pytest.raises(ValueError):
        percentile([1.0], 95)


class FakeClock:
    """A clock that only moves when told: calls cost what the test says."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self) -> float:
        return self.seconds


def test_timed_warms_up_counts_one_call_then_times_each_run_in_milliseconds():
    clock = FakeClock()
    calls: list[int] = []

    def call() -> None:
        calls.append(len(calls))
        clock.seconds += 0.001 * len(calls)  # the n-th call takes n ms

    took = timed(call, runs=3, warmup=2, clock=clock)
    assert len(calls) == 2 + 1 + 3, "two warm-up calls, one counted, three timed"
    assert took.milliseconds == pytest.approx((4.0, 5.0, 6.0))
    assert took.p50 == pytest.approx(5.0)
    assert took.p95 == pytest.approx(6.0)
    assert took.queries == 0


def test_time_spent_in_the_context_around_a_call_is_not_counted():
    clock = FakeClock()

    @contextmanager
    def slow_setup_and_teardown() -> Iterator[None]:
        clock.seconds += 1.0
        yield
        clock.seconds += 1.0

    def call() -> None:
        clock.seconds += 0.002

    took = timed(call, runs=2, warmup=0, clock=clock, around=slow_setup_and_teardown)
    assert took.milliseconds == pytest.approx((2.0, 2.0))


@pytest.mark.django_db
def test_the_query_count_is_of_one_warm_call():
    from rugcoach.accounts.models import User

    remembered: list[int] = []

    def call() -> None:
        if not remembered:  # a cache the first call fills
            remembered.append(User.objects.count())

    assert timed(call, runs=1, warmup=0).queries == 1
    remembered.clear()
    assert timed(call, runs=1, warmup=1).queries == 0


@pytest.mark.django_db
def test_queries_are_counted_through_a_request_and_the_benchs_own_statements_left_out(
    client, member
):
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from rugcoach.accounts.models import User

    client.force_login(member)

    def request() -> None:
        assert client.get(reverse("privacy_policy")).status_code == 200

    request()  # warm
    with CaptureQueriesContext(connection) as logged:
        request()
    logged_count = len(logged.captured_queries)  # read now: the next request empties the log
    assert count_queries(request) == logged_count > 0

    def in_a_savepoint() -> None:
        with transaction.atomic():  # nested in the test's transaction: a savepoint
            User.objects.count()

    assert count_queries(in_a_savepoint) == 3, "SAVEPOINT, the count, RELEASE SAVEPOINT"
    assert count_queries(in_a_savepoint, ignored={"savepoint", "RELEASE"}) == 1
