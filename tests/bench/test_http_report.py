"""The HTTP benchmark's pure half (bench/http_report.py): reading wrk's output and the
verdict against the goals. The samples are wrk 4.1.0 (Debian) output captured on this
machine against the benchmark's gunicorn; no server is started here."""

import json

import pytest

from bench.http_report import (
    CEILING,
    ENDPOINTS,
    ERROR,
    FAIL,
    PASS,
    Measurement,
    WrkOutputError,
    all_goals_met,
    as_json,
    duration_ms,
    parse_wrk,
    summarize,
    table,
    verdict,
)

CEILING_RUN = """\
Running 2s test @ http://127.0.0.1:49907/bench/ceiling
  2 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.39ms    5.43ms  46.54ms   91.46%
    Req/Sec     1.13k   454.62     1.61k    70.00%
  Latency Distribution
     50%    3.46ms
     75%    4.56ms
     90%    9.99ms
     99%   32.80ms
  4502 requests in 2.00s, 26.06MB read
Requests/sec:   2246.22
Transfer/sec:     13.00MB
"""

LIST_API_RUN = """\
Running 2s test @ http://127.0.0.1:49907/api/exercises?lang=nl
  2 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   120.88ms   33.24ms 210.49ms   70.37%
    Req/Sec    39.69     14.37    88.00     79.49%
  Latency Distribution
     50%  120.00ms
     75%  137.36ms
     90%  166.28ms
     99%  204.26ms
  162 requests in 2.06s, 3.51MB read
Requests/sec:     78.83
Transfer/sec:      1.71MB
"""

# An unknown slug: every answer a 404, which wrk counts but still reports as throughput.
NOT_FOUND_RUN = """\
Running 2s test @ http://127.0.0.1:37953/api/exercises/no-such-exercise?lang=nl
  2 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    52.75ms  158.97ms   1.21s    95.45%
    Req/Sec   236.10     94.72   430.00     65.00%
  Latency Distribution
     50%   18.63ms
     75%   25.11ms
     90%   38.46ms
     99%  998.64ms
  947 requests in 2.02s, 1.01MB read
  Non-2xx or 3xx responses: 947
Requests/sec:    468.53
Transfer/sec:    509.25KB
"""

# /oefeningen/ with --timeout 1s while the workers were still cold: one request timed out.
TIMEOUT_RUN = """\
Running 3s test @ http://127.0.0.1:48185/oefeningen/
  2 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   320.71ms  118.48ms 539.94ms   65.12%
    Req/Sec    17.00     10.32    49.00     73.81%
  Latency Distribution
     50%  277.29ms
     75%  410.38ms
     90%  489.99ms
     99%  539.94ms
  87 requests in 3.06s, 3.23MB read
  Socket errors: connect 0, read 0, write 0, timeout 1
Requests/sec:     28.42
Transfer/sec:      1.06MB
"""


# --- reading wrk's output ------------------------------------------------------------


def test_throughput_and_latency_percentiles_are_read_from_wrk():
    ceiling = parse_wrk(CEILING_RUN)
    assert ceiling == Measurement(
        requests_per_second=2246.22, p50_ms=3.46, p99_ms=32.80, requests=4502
    )
    listing = parse_wrk(LIST_API_RUN)
    assert listing.requests_per_second == 78.83
    assert (listing.p50_ms, listing.p99_ms) == (120.0, 204.26)
    assert listing.requests == 162


def test_answers_of_400_or_more_are_counted():
    run = parse_wrk(NOT_FOUND_RUN)
    assert run.failed_responses == 947 == run.requests
    assert run.requests_per_second == 468.53
    assert run.p99_ms == 998.64
    assert run.socket_errors == 0


def test_timeouts_are_counted_as_socket_errors():
    run = parse_wrk(TIMEOUT_RUN)
    assert run.socket_errors == 1
    assert run.failed_responses == 0
    assert (run.p50_ms, run.p99_ms) == (277.29, 539.94)


@pytest.mark.parametrize(
    ("printed", "milliseconds"),
    [("812.00us", 0.812), ("2.20ms", 2.2), ("1.21s", 1210.0), ("1.50m", 90_000.0)],
)
def test_wrk_durations_in_every_unit_become_milliseconds(printed, milliseconds):
    assert duration_ms(printed) == pytest.approx(milliseconds)


def test_output_without_the_latency_distribution_is_refused():
    # wrk run without --latency prints no percentiles: the report cannot give p50/p99.
    without = "\n".join(
        line for line in LIST_API_RUN.splitlines() if "%" not in line or "Stdev" in line
    )
    with pytest.raises(WrkOutputError):
        parse_wrk(without)
    with pytest.raises(WrkOutputError):
        parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")


# --- the verdict -----------------------------------------------------------------------


def measured(rps: float, *, failed: int = 0) -> Measurement:
    return Measurement(
        requests_per_second=rps,
        p50_ms=rps / 100,
        p99_ms=rps / 10,
        requests=int(rps) * 5,
        failed_responses=failed,
    )


def rounds_of(**per_endpoint: list[float]) -> dict[str, list[Measurement]]:
    return {key: [measured(rps) for rps in values] for key, values in per_endpoint.items()}


def test_a_share_at_the_goal_passes_and_below_it_fails():
    assert verdict(0.5, 0.5, 0) == PASS
    assert verdict(0.49, 0.5, 0) == FAIL
    assert verdict(0.9, 0.5, 3) == ERROR  # fast errors are still errors
    assert verdict(1.0, None, 0) is None  # the ceiling has no goal


def test_each_endpoint_is_judged_on_its_median_over_the_rounds():
    rounds = rounds_of(
        # One round disturbed by another process (1000) does not move the median.
        ceiling=[4000, 1000, 4200],
        list_api=[2100, 2000, 1900],  # median 2000 = 0.5 of 4000: PASS (goal 0.5)
        detail_api=[2700, 2790, 2800],  # median 2790 < 0.7 × 4000 = 2800: FAIL
        library_page=[1300, 1200, 1250],  # 0.3125: PASS (goal 0.3)
        exercise_page=[500, 600, 400],  # 0.125: FAIL (goal 0.5)
        triage_api=[1300, 1300, 1300],  # 0.325: PASS (goal 0.3)
    )
    rows = {row.key: row for row in summarize(rounds)}
    assert rows["ceiling"].requests_per_second == 4000
    assert rows["list_api"].share_of_ceiling == 0.5
    assert rows["detail_api"].share_of_ceiling == pytest.approx(0.6975)
    assert {key: row.verdict for key, row in rows.items()} == {
        "ceiling": None,
        "list_api": PASS,
        "detail_api": FAIL,
        "library_page": PASS,
        "exercise_page": FAIL,
        "triage_api": PASS,
    }
    assert rows["list_api"].p50_ms == 20.0  # the median of the rounds' p50s
    assert not all_goals_met(list(rows.values()))


def test_every_goal_met_only_when_every_endpoint_passes():
    fast = {endpoint.key: [3000.0] for endpoint in ENDPOINTS}
    fast[CEILING.key] = [4000.0]
    assert all_goals_met(summarize(rounds_of(**fast)))
    fast["triage_api"] = [1100.0]  # 0.275 < 0.3
    assert not all_goals_met(summarize(rounds_of(**fast)))


def test_an_endpoint_answering_errors_is_an_error_in_the_table_and_the_json():
    rounds = rounds_of(**{endpoint.key: [3000.0] for endpoint in ENDPOINTS})
    rounds["detail_api"] = [parse_wrk(NOT_FOUND_RUN)]
    rows = summarize(rounds)
    detail = next(row for row in rows if row.key == "detail_api")
    assert detail.verdict == ERROR
    assert "| ERROR (947 answers ≥ 400) |" in table(rows)
    report = json.loads(json.dumps(as_json(rows, rounds)))
    assert report["all_goals_met"] is False
    assert report["rounds"]["detail_api"][0]["failed_responses"] == 947


def test_the_table_shows_share_goal_and_latencies():
    rounds = rounds_of(**{endpoint.key: [3000.0] for endpoint in ENDPOINTS})
    rounds[CEILING.key] = [parse_wrk(CEILING_RUN)]
    rounds["list_api"] = [parse_wrk(LIST_API_RUN)]
    lines = table(summarize(rounds)).splitlines()
    assert lines[0].startswith("| endpoint | req/s | share of ceiling |")
    assert "| 2,246 | 1.00 |  | 3.5 ms | 32.8 ms |" in lines[2]
    assert lines[3] == (
        "| GET /api/exercises?lang=nl (20 items) | 79 | 0.04 | ≥ 0.5 | 120.0 ms | 204.3 ms | FAIL |"
    )
