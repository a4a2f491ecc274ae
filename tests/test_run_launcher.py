"""`make run`'s launcher (tools/run.py): two children side by side, never one left behind.

Driven with harmless children: each writes its pid, starts a grandchild (as Django's
autoreloader does) that writes its own, and sleeps. The launcher runs in its own process
and is signalled as the terminal would.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools"


def load_run_module():
    spec = importlib.util.spec_from_file_location("rugcoach_run_tool", TOOLS / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent to read its exit does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def child(name: str, tmp_path: Path, *, exit_after: float | None = None, stubborn=False) -> list:
    """A child that records its pid and its grandchild's, then sleeps (or exits with 3
    after ``exit_after`` seconds). ``stubborn`` ignores SIGINT and SIGTERM."""
    code = textwrap.dedent(
        f"""
        import signal, subprocess, sys, time
        from pathlib import Path
        if {stubborn!r}:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
        grandchild = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
        Path({str(tmp_path / name)!r} + ".grandchild").write_text(str(grandchild.pid))
        Path({str(tmp_path / name)!r} + ".pid").write_text(str(__import__("os").getpid()))
        time.sleep({exit_after if exit_after is not None else 120})
        sys.exit(3)
        """
    )
    return [sys.executable, "-c", code]


def launch(commands: list[list[str]], started: list[int], grace: float = 5.0) -> subprocess.Popen:
    code = (
        f"import sys; sys.path.insert(0, {str(TOOLS)!r}); import run; "
        f"sys.exit(run.supervise({commands!r}, grace={grace}))"
    )
    launcher = subprocess.Popen([sys.executable, "-c", code])
    started.append(launcher.pid)
    return launcher


def pids(tmp_path: Path, names: list[str], timeout: float = 10.0) -> list[int]:
    files = [tmp_path / f"{n}.{kind}" for n in names for kind in ("pid", "grandchild")]
    deadline = time.monotonic() + timeout
    while not all(f.exists() and f.read_text() for f in files):
        assert time.monotonic() < deadline, "the children did not start"
        time.sleep(0.05)
    return [int(f.read_text()) for f in files]


def gone_within(found: list[int], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while any(alive(p) for p in found):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.fixture
def cleanup():
    started: list[int] = []
    yield started
    for pid in started:  # a failing test must leave no launcher or sleeper behind
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_stop_signal_stops_both_children_and_their_children(tmp_path, cleanup, signum):
    launcher = launch([child("web", tmp_path), child("worker", tmp_path)], cleanup)
    found = pids(tmp_path, ["web", "worker"])
    cleanup.extend(found)
    assert all(alive(p) for p in found)

    launcher.send_signal(signum)

    assert launcher.wait(timeout=10) == 0
    assert gone_within(found, 5), [p for p in found if alive(p)]


def test_a_child_that_ends_stops_the_other(tmp_path, cleanup):
    launcher = launch([child("web", tmp_path), child("worker", tmp_path, exit_after=0.5)], cleanup)
    found = pids(tmp_path, ["web", "worker"])
    cleanup.extend(found)

    assert launcher.wait(timeout=10) == 3, "the launcher ends with the child's exit code"
    assert gone_within(found, 5), [p for p in found if alive(p)]


def test_a_child_that_ignores_the_stop_is_killed_after_the_grace_time(tmp_path, cleanup):
    launcher = launch(
        [child("web", tmp_path), child("worker", tmp_path, stubborn=True)], cleanup, grace=0.5
    )
    found = pids(tmp_path, ["web", "worker"])
    cleanup.extend(found)

    launcher.send_signal(signal.SIGINT)

    assert launcher.wait(timeout=10) == 0
    assert gone_within(found, 5), [p for p in found if alive(p)]


def test_make_run_starts_the_server_and_the_worker_of_the_configured_queue(monkeypatch):
    run = load_run_module()
    monkeypatch.delenv("RUGCOACH_TASKS", raising=False)
    web, worker = run.rugcoach_commands("127.0.0.1:8101")
    assert web[1:] == [str(ROOT / "manage.py"), "runserver", "127.0.0.1:8101"]
    assert worker[1:] == [str(ROOT / "manage.py"), "db_worker"]

    monkeypatch.setenv("RUGCOACH_TASKS", "redis")
    _, worker = run.rugcoach_commands("127.0.0.1:8101")
    # With django-tasks-rq's job class: RQ's own cannot run a django-tasks task.
    assert worker[1:] == [
        str(ROOT / "manage.py"),
        "rqworker",
        "--with-scheduler",
        "--job-class",
        "django_tasks_rq.Job",
        "default",
    ]


def test_make_serve_links_mails_to_the_address_it_serves():
    run = load_run_module()
    env = run.serve_environment({"DJANGO_SECRET_KEY": "k" * 50}, "127.0.0.1:8000")
    assert env["RUGCOACH_BASE_URL"] == "http://127.0.0.1:8000"
    given = {"DJANGO_SECRET_KEY": "k" * 50, "RUGCOACH_BASE_URL": "https://rug.example.nl"}
    assert run.serve_environment(given, "0.0.0.0:8000")["RUGCOACH_BASE_URL"] == (
        "https://rug.example.nl"
    )


@pytest.mark.parametrize("address", ["0.0.0.0:8000", "[::]:8000"])
def test_make_serve_on_every_interface_asks_for_the_address_members_use(address):
    run = load_run_module()
    with pytest.raises(SystemExit, match="set RUGCOACH_BASE_URL"):
        run.serve_environment({"DJANGO_SECRET_KEY": "k" * 50}, address)
