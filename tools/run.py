"""`make run`'s launcher: the web server and the task worker side by side.

    python tools/run.py [HOST:PORT]

Ctrl-C (SIGINT) or SIGTERM stops both; if either stops on its own, the other is stopped
too, so a worker never runs on without its server (or the reverse) and nothing is left
behind. Each child runs in its own process group and is signalled as a group: Django's
autoreloader runs the real server (and worker) in a grandchild, which must stop as well.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# How long children get to finish what they are doing after the stop signal (a worker
# may be sending a mail) before they are killed.
GRACE_SECONDS = 10.0
POLL_SECONDS = 0.1


def rugcoach_commands(address: str) -> list[list[str]]:
    """The web server and the worker of the configured queue (rugcoach/settings.py)."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    if os.environ.get("RUGCOACH_TASKS", "database").strip().lower() == "redis":
        # RQ's worker; its scheduler releases tasks whose run_after has come.
        worker = [*manage, "rqworker", "--with-scheduler", "default"]
    else:
        worker = [*manage, "db_worker"]
    return [[*manage, "runserver", address], worker]


def _signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # the whole group is gone already
        os.killpg(process.pid, signum)


def supervise(
    commands: Sequence[Sequence[str]],
    *,
    grace: float = GRACE_SECONDS,
    poll: float = POLL_SECONDS,
) -> int:
    """Run the commands until a signal or until one of them ends; then stop the rest.

    Returns 0 after a stop by signal, else the exit code of the child that ended first
    (1 if it ended with 0: it was not supposed to end).
    """
    stop_signal: list[int] = []

    def request_stop(signum: int, _frame: object) -> None:
        stop_signal.append(signum)

    previous = {s: signal.signal(s, request_stop) for s in (signal.SIGINT, signal.SIGTERM)}
    children: list[subprocess.Popen[bytes]] = []
    try:
        for command in commands:
            # Own session: the terminal's Ctrl-C reaches only this launcher, which passes
            # it on to each group once (a double SIGINT would make Django's worker abort
            # its current task).
            children.append(subprocess.Popen(list(command), start_new_session=True))
        result = 0
        while not stop_signal:
            ended = next((c for c in children if c.poll() is not None), None)
            if ended is not None:
                print(
                    f"run: {shlex.join(ended.args)} ended with {ended.returncode}; "
                    "stopping the rest",
                    file=sys.stderr,
                )
                result = ended.returncode or 1
                break
            time.sleep(poll)
        _stop(children, stop_signal[0] if stop_signal else signal.SIGTERM, grace)
        return result
    finally:
        # Even on an error here (a command that cannot start), leave no child behind.
        _stop(children, signal.SIGKILL, 0)
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _stop(children: list[subprocess.Popen[bytes]], signum: int, grace: float) -> None:
    for child in children:
        # Also the groups whose leader has ended: its reloaded grandchild may live on.
        _signal_group(child, signum)
    deadline = time.monotonic() + grace
    for child in children:
        try:
            child.wait(timeout=max(deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            _signal_group(child, signal.SIGKILL)
            child.wait()


def main(argv: Sequence[str]) -> int:
    address = argv[0] if argv else "127.0.0.1:8000"
    return supervise(rugcoach_commands(address))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
