"""Project-wide promises: production settings are safe, translations are compiled."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def test_production_mode_passes_the_deploy_check():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "x" * 64 + "-a-long-random-production-secret-for-this-check",
        "DJANGO_ALLOWED_HOSTS": "rugcoach.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_mode_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


CATALOGUE = ROOT / "locale/en/LC_MESSAGES/django.po"
# Not copied for the extraction: the same folders 'make messages' leaves out, and caches.
NOT_SOURCE = (
    ".git", ".venv", "node_modules", "tests", "test-artifacts", "staticfiles", ".hypothesis",
    "*cache*", "*.sqlite3",
)  # fmt: skip


def _msgids(po: polib.POFile) -> set[tuple[str | None, str]]:
    return {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}


def extracted_catalogue(tmp_path: Path) -> polib.POFile:
    """What 'make messages' would write now: Django's makemessages on a copy of the source,
    so a string marked for translation but never extracted shows up as missing."""
    copy = tmp_path / "source"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*NOT_SOURCE), symlinks=True)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete",
         "--ignore=.venv", "--ignore=node_modules", "--ignore=tests"],
        cwd=copy, env={**os.environ, "PYTHONPATH": str(copy)}, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return polib.pofile(copy / "locale/en/LC_MESSAGES/django.po")


def test_the_catalogue_holds_every_string_the_source_marks(tmp_path: Path):
    committed = _msgids(polib.pofile(CATALOGUE))
    extracted = _msgids(extracted_catalogue(tmp_path))
    assert len(extracted) > 100  # the extraction did find the app's strings
    missing = sorted(msgid for _, msgid in extracted - committed)
    stale = sorted(msgid for _, msgid in committed - extracted)
    assert not missing, f"run 'make messages' and translate: {missing}"
    assert not stale, f"run 'make messages': no longer in the source: {stale}"


def test_every_interface_string_has_an_english_translation():
    po = polib.pofile(CATALOGUE)
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert (untranslated, fuzzy) == ([], [])
    assert len(po.translated_entries()) > 100  # a catalogue that lost its entries fails


def test_compiled_translations_match_the_source():
    po = polib.pofile(ROOT / "locale/en/LC_MESSAGES/django.po")
    mo = polib.mofile(ROOT / "locale/en/LC_MESSAGES/django.mo")
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
    for entry in po.translated_entries():
        assert compiled.get((entry.msgctxt, entry.msgid)) == (
            entry.msgstr,
            entry.msgstr_plural,
        ), f"run 'make messages': {entry.msgid!r} is not compiled"
