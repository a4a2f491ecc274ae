"""A content typo is a system check error with its file and field, and the app won't serve it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from rugcoach.content import get_catalog
from rugcoach.library.checks import check_content

ROOT = Path(__file__).resolve().parents[2]
TYPO = "content/exercises/bird-dog.yaml: levle: Extra inputs are not permitted"


@pytest.fixture
def broken_content(tmp_path, settings):
    """A copy of content/ where bird-dog.yaml has a misspelt key (levle for level)."""
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    path = target / "exercises" / "bird-dog.yaml"
    text = path.read_text(encoding="utf-8")
    assert "\nlevel: " in text
    path.write_text(text.replace("\nlevel: ", "\nlevle: ", 1), encoding="utf-8")
    settings.RUGCOACH_CONTENT_DIR = target
    get_catalog.cache_clear()
    yield target
    get_catalog.cache_clear()


def _run(*args: str, content: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RUGCOACH_CONTENT_DIR": str(content), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_valid_content_passes_the_check():
    assert check_content() == []


def test_a_yaml_typo_is_a_check_error_naming_file_and_field(broken_content):
    errors = check_content()
    assert [error.id for error in errors] == ["rugcoach.E001"] * len(errors)
    assert TYPO in [error.msg for error in errors]
    with pytest.raises(SystemCheckError, match="levle"):
        call_command("check")


def test_manage_py_check_reports_the_typo_without_a_traceback(broken_content):
    result = _run("manage.py", "check", content=broken_content)
    assert result.returncode == 1
    assert "rugcoach.E001" in result.stderr
    assert TYPO in result.stderr
    assert "Traceback" not in result.stderr


def test_the_wsgi_app_refuses_to_serve_invalid_content(broken_content):
    result = _run("-c", "import rugcoach.wsgi", content=broken_content)
    assert result.returncode == 3
    assert "refuses to start" in result.stderr
    assert TYPO in result.stderr
    assert "Traceback" not in result.stderr


def test_the_wsgi_app_starts_on_valid_content():
    result = _run("-c", "import rugcoach.wsgi; print('served')", content=ROOT / "content")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "served"
