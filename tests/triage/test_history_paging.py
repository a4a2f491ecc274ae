"""The check history a page at a time (issue 16): "Oudere checks" walks every check once,
newest first, at the same cost on every page; a broken link shows the newest checks."""

import re
from datetime import timedelta

import pytest
from django.db import connection

from rugcoach.core.kernel.keyset import Cursor
from rugcoach.triage import selectors
from rugcoach.triage.models import TriageResult
from rugcoach.triage.selectors import HISTORY_PAGE_SIZE
from tests.plan_helpers import record_triage

pytestmark = pytest.mark.django_db

HISTORY = "/mag-ik-trainen/geschiedenis/"
RESULT_LINK = re.compile(r'href="/(?:en/)?[^"]*/(\d+)/">')
OLDER_LINK = re.compile(r'<a class="button" href="(\?ouder=[0-9-]+)" rel="next">')


def add_checks(member, count: int, *, same_moment_every: int = 0) -> list[int]:  # type: ignore[no-untyped-def]
    """``count`` checks besides the member's first, older and older (every
    ``same_moment_every``-th shares its time with the one before: ties are broken by id).
    Returns the ids of all the member's checks, newest first."""
    first = TriageResult.objects.filter(member=member).first() or record_triage(member)
    moment = first.created_at
    rows = []
    for number in range(1, count + 1):
        if not (same_moment_every and number % same_moment_every == 0):
            moment -= timedelta(hours=5)
        rows.append(
            TriageResult(
                member=member,
                kind=TriageResult.Kind.CHECKIN if number % 2 else TriageResult.Kind.TRIAGE,
                created_at=moment,
                answers=first.answers,
                level=first.level,
                may_train=first.may_train,
                verdict=first.verdict,
                questions_version=first.questions_version,
            )
        )
    TriageResult.objects.bulk_create(rows)
    return list(
        TriageResult.objects.filter(member=member)
        .order_by("-created_at", "-id")
        .values_list("id", flat=True)
    )


def shown_ids(html: str) -> list[int]:
    return [int(found) for found in RESULT_LINK.findall(html.split('<ul class="history">')[1])]


def test_older_checks_walks_every_check_once_newest_first(client, member):
    expected = add_checks(member, 2 * HISTORY_PAGE_SIZE + 9, same_moment_every=4)
    client.force_login(member)
    seen: list[int] = []
    url = HISTORY
    pages = 0
    while url:
        html = client.get(url).content.decode()
        seen.extend(shown_ids(html))
        pages += 1
        older = OLDER_LINK.search(html)
        url = HISTORY + older.group(1) if older else ""
        if pages > 1:
            assert 'href="/mag-ik-trainen/geschiedenis/">Nieuwste checks</a>' in html
    assert seen == expected
    assert pages == 3


def test_the_first_page_offers_older_checks_only_when_there_are_more(client, member):
    add_checks(member, HISTORY_PAGE_SIZE - 1)  # exactly one page
    client.force_login(member)
    html = client.get(HISTORY).content.decode()
    assert len(shown_ids(html)) == HISTORY_PAGE_SIZE
    assert "Oudere checks" not in html and "Nieuwste checks" not in html


def test_a_new_check_between_pages_does_not_repeat_a_row(client, member):
    add_checks(member, HISTORY_PAGE_SIZE + 5)
    client.force_login(member)
    first = client.get(HISTORY).content.decode()
    record_triage(member)  # newer than everything: page numbers would shift by one
    second = client.get(HISTORY + OLDER_LINK.search(first).group(1)).content.decode()
    assert not set(shown_ids(first)) & set(shown_ids(second))
    assert len(shown_ids(second)) == 6


@pytest.mark.parametrize(
    "given",
    ["", "abc", "12-", "-3", "1.5-2", "999999999999999999-1", "1-99999999999999999999", "1-2-3"],
)
def test_a_broken_link_shows_the_newest_checks_and_says_so(client, member, given):
    newest = add_checks(member, HISTORY_PAGE_SIZE + 2)[:HISTORY_PAGE_SIZE]
    client.force_login(member)
    response = client.get(HISTORY, {"ouder": given})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Die link naar oudere checks klopt niet" in html
    assert shown_ids(html) == newest


def test_past_the_last_check_says_there_are_no_older_ones(client, member):
    oldest = TriageResult.objects.get(pk=add_checks(member, 3)[-1])
    client.force_login(member)
    html = client.get(HISTORY, {"ouder": str(Cursor(oldest.created_at, oldest.pk))}).content
    assert "Er zijn geen oudere checks." in html.decode()
    assert "Nieuwste checks" in html.decode()


def test_a_cursor_never_shows_another_members_checks(client, member, django_user_model):
    other = django_user_model.objects.create_user("ander@example.com", "a-calm-Strong-back-42")
    theirs = add_checks(other, 5)
    mine = add_checks(member, 5)
    newest = TriageResult.objects.get(pk=theirs[0])  # a place inside the member's history
    client.force_login(member)
    html = client.get(HISTORY, {"ouder": str(Cursor(newest.created_at, newest.pk + 1))}).content
    assert shown_ids(html.decode()) == mine[1:]


def test_the_pages_in_english(client, member):
    add_checks(member, HISTORY_PAGE_SIZE + 1)
    client.force_login(member)
    member.preferred_language = "en"
    member.save()
    html = client.get("/en/may-i-train/history/").content.decode()
    assert "Older checks" in html and 'aria-label="Pages of your results"' in html
    older = re.search(r'href="(\?ouder=[0-9-]+)" rel="next"', html).group(1)
    deeper = client.get("/en/may-i-train/history/" + older).content.decode()
    assert "Newest checks" in deeper
    assert (
        "That link to older checks is not right"
        in client.get("/en/may-i-train/history/?ouder=x").content.decode()
    )


# session, user, one page of checks: whatever the history's size or the page's depth.
HISTORY_PAGE_QUERIES = 3


def test_a_page_costs_the_same_queries_at_any_size_and_depth(
    client, member, django_assert_num_queries
):
    record_triage(member)
    client.force_login(member)
    with django_assert_num_queries(HISTORY_PAGE_QUERIES):
        small = client.get(HISTORY).content.decode()
    add_checks(member, 3 * HISTORY_PAGE_SIZE)
    with django_assert_num_queries(HISTORY_PAGE_QUERIES):
        large = client.get(HISTORY).content.decode()
    deep_url = HISTORY + OLDER_LINK.search(large).group(1)
    deep_url = HISTORY + OLDER_LINK.search(client.get(deep_url).content.decode()).group(1)
    with django_assert_num_queries(HISTORY_PAGE_QUERIES):
        deep = client.get(deep_url).content.decode()
    assert (len(shown_ids(small)), len(shown_ids(large)), len(shown_ids(deep))) == (
        1,
        HISTORY_PAGE_SIZE,
        HISTORY_PAGE_SIZE,
    )


def query_plan(queryset) -> str:  # type: ignore[no-untyped-def]
    """The database's plan for ``queryset``, with the member's rows counted first on
    PostgreSQL (its planner picks by the statistics; SQLite's by the indexes alone)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE triage_triageresult")
    return queryset.explain()


def assert_read_in_index_order(plan: str) -> None:
    """No sort step: the rows come off an index in the order asked."""
    if connection.vendor == "sqlite":
        # "USE TEMP B-TREE FOR ORDER BY", or "... FOR RIGHT PART OF ORDER BY" when an
        # index gives created_at but not id (the indexes before issue 16).
        assert "USE TEMP B-TREE" not in plan, plan
        assert "USING INDEX triage_tria_member__" in plan, plan
    elif connection.vendor == "postgresql":
        assert not re.search(r"\bSort\b", plan), plan
        assert "Index Scan" in plan, plan
    else:  # pragma: no cover - the project runs on these two
        pytest.fail(f"no plan check for {connection.vendor}")


@pytest.fixture
def long_histories(member, django_user_model):  # type: ignore[no-untyped-def]
    """The member and another with 1,000 checks each: enough that reading all of them
    and sorting would cost something, so a planner that could avoid it does."""
    other = django_user_model.objects.create_user("ander@example.com", "a-calm-Strong-back-42")
    add_checks(other, 1000)
    return add_checks(member, 1000)


def test_the_history_pages_come_off_the_index_without_a_sort(member, long_histories):
    assert_read_in_index_order(query_plan(selectors.history_query(member)))
    middle = TriageResult.objects.get(pk=long_histories[500])
    deep = selectors.history_query(member, Cursor(middle.created_at, middle.pk))
    assert_read_in_index_order(query_plan(deep))
    assert [row.pk for row in deep][:3] == long_histories[501:504]


def test_the_latest_checks_come_off_the_index_without_a_sort(member, long_histories):
    latest = selectors.member_results(member)[:1]
    latest_full = selectors.member_results(member).filter(kind=TriageResult.Kind.TRIAGE)[:1]
    for queryset in (latest, latest_full):
        assert_read_in_index_order(query_plan(queryset))
