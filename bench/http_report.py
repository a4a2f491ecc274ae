"""The pure half of the HTTP benchmark (bench/bench_http.py): reading wrk's output, the
goals, and the verdict. No Django, no processes, no network: ``make test`` checks it
(tests/bench/test_http_report.py).
"""

import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

# --- one wrk run -----------------------------------------------------------------------


@dataclass(frozen=True)
class Measurement:
    """One endpoint in one round."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    # Answers with a status of 400 or more (wrk's "Non-2xx or 3xx responses"): a round with
    # any of them did not measure the endpoint, whatever its throughput.
    failed_responses: int = 0
    # Connections refused, writes failed, requests over wrk's --timeout. Reported, but not
    # a verdict: a timeout is a slow answer, not a wrong one.
    socket_errors: int = 0


# wrk prints durations as 812.00us, 2.20ms, 1.02s, 1.50m or 2.00h.
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_DURATION = re.compile(r"^([\d.]+)(us|ms|s|m|h)$")
_PERCENTILE = re.compile(r"^\s*(50|75|90|99)(?:\.0+)?%\s+(\S+)\s*$", re.MULTILINE)
_REQUESTS_PER_SECOND = re.compile(r"^Requests/sec:\s+([\d.]+)\s*$", re.MULTILINE)
_TOTAL = re.compile(r"^\s*(\d+) requests in ", re.MULTILINE)
_NON_2XX = re.compile(r"^\s*Non-2xx or 3xx responses:\s+(\d+)\s*$", re.MULTILINE)
_SOCKET = re.compile(
    r"^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)\s*$", re.MULTILINE
)


class WrkOutputError(ValueError):
    """wrk printed something this parser does not understand (or failed)."""


def duration_ms(text: str) -> float:
    """``"2.20ms"`` → 2.2; ``"812.00us"`` → 0.812; ``"1.02s"`` → 1020.0."""
    match = _DURATION.match(text.strip())
    if match is None:
        raise WrkOutputError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNIT_MS[match.group(2)]


def parse_wrk(output: str) -> Measurement:
    """The numbers of one ``wrk --latency`` run.

    Read errors are not counted: gunicorn's sync workers close each connection after the
    response, and wrk may report the close of a connection it was about to reuse as a read
    error although every request it sent was answered.
    """
    throughput = _REQUESTS_PER_SECOND.search(output)
    total = _TOTAL.search(output)
    percentiles = {int(p): duration_ms(value) for p, value in _PERCENTILE.findall(output)}
    if throughput is None or total is None or not {50, 99} <= percentiles.keys():
        raise WrkOutputError(f"no --latency summary in wrk's output:\n{output}")
    non_2xx = _NON_2XX.search(output)
    socket = _SOCKET.search(output)
    connect, _read, write, timeout = (int(n) for n in socket.groups()) if socket else (0, 0, 0, 0)
    return Measurement(
        requests_per_second=float(throughput.group(1)),
        p50_ms=percentiles[50],
        p99_ms=percentiles[99],
        requests=int(total.group(1)),
        failed_responses=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=connect + write + timeout,
    )


# --- the endpoints and their goals ----------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    key: str
    label: str
    # Share of the ceiling's req/s to reach (issue 16); None for the ceiling itself.
    goal: float | None


CEILING = Endpoint("ceiling", "ceiling (5 KB of constant JSON)", None)
# In the order each round runs them (the ceiling first).
ENDPOINTS = (
    CEILING,
    Endpoint("list_api", "GET /api/exercises?lang=nl (20 items)", 0.5),
    Endpoint("detail_api", "GET /api/exercises/<slug>?lang=nl", 0.7),
    Endpoint("library_page", "GET /oefeningen/", 0.3),
    Endpoint("exercise_page", "GET /oefeningen/<slug>/", 0.5),
    Endpoint("triage_api", "POST /api/triage (calm answers)", 0.3),
)


# --- the verdict ------------------------------------------------------------------------

PASS, FAIL, ERROR = "PASS", "FAIL", "ERROR"


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    requests_per_second: float  # median over the rounds
    share_of_ceiling: float
    p50_ms: float  # median over the rounds of each round's p50
    p99_ms: float  # median over the rounds of each round's p99
    failed_responses: int  # over all rounds
    socket_errors: int  # over all rounds
    goal: float | None
    verdict: str | None  # None for the ceiling


def verdict(share: float, goal: float | None, failed_responses: int) -> str | None:
    """PASS when the share reaches the goal; ERROR when any answer had a status of 400 or
    more (the throughput of errors says nothing); nothing for the ceiling."""
    if goal is None:
        return None
    if failed_responses:
        return ERROR
    return PASS if share >= goal else FAIL


def summarize(
    rounds: Mapping[str, Sequence[Measurement]], endpoints: Sequence[Endpoint] = ENDPOINTS
) -> list[Row]:
    """One row per endpoint from its measurements in every round. The median keeps one
    round disturbed by another process on the shared machine from moving the result."""
    ceiling_rps = statistics.median(m.requests_per_second for m in rounds[CEILING.key])
    rows = []
    for endpoint in endpoints:
        measured = rounds[endpoint.key]
        rps = statistics.median(m.requests_per_second for m in measured)
        share = rps / ceiling_rps if ceiling_rps else 0.0
        failed = sum(m.failed_responses for m in measured)
        rows.append(
            Row(
                key=endpoint.key,
                label=endpoint.label,
                requests_per_second=rps,
                share_of_ceiling=share,
                p50_ms=statistics.median(m.p50_ms for m in measured),
                p99_ms=statistics.median(m.p99_ms for m in measured),
                failed_responses=failed,
                socket_errors=sum(m.socket_errors for m in measured),
                goal=endpoint.goal,
                verdict=verdict(share, endpoint.goal, failed),
            )
        )
    return rows


def all_goals_met(rows: Sequence[Row]) -> bool:
    return all(row.verdict in (None, PASS) for row in rows)


def table(rows: Sequence[Row]) -> str:
    """The report as a Markdown table (it goes into docs/performance.md as printed)."""
    lines = [
        "| endpoint | req/s | share of ceiling | goal | p50 | p99 | verdict |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        goal = f"≥ {row.goal:.1f}" if row.goal is not None else ""
        verdict_text = row.verdict or ""
        if row.failed_responses:
            verdict_text += f" ({row.failed_responses} answers ≥ 400)"
        if row.socket_errors:
            verdict_text += f" ({row.socket_errors} socket errors)"
        lines.append(
            f"| {row.label} | {row.requests_per_second:,.0f} | {row.share_of_ceiling:.2f} "
            f"| {goal} | {row.p50_ms:.1f} ms | {row.p99_ms:.1f} ms | {verdict_text.strip()} |"
        )
    return "\n".join(lines)


def as_json(rows: Sequence[Row], rounds: Mapping[str, Sequence[Measurement]]) -> dict:
    """The rows and every round's raw numbers, for ``--json``."""
    return {
        "endpoints": [asdict(row) for row in rows],
        "rounds": {key: [asdict(m) for m in measured] for key, measured in rounds.items()},
        "all_goals_met": all_goals_met(rows),
    }
