"""The Herstelgids PDF (issue 14 §1), checked with poppler's pdfinfo and pdftotext: the
cover with the warning signs, the seven days of the recovery plan, the heat-or-cold rule,
in Dutch and English; no account needed and nothing about a member in it."""

import subprocess

import pytest
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from rugcoach.content import get_catalog
from rugcoach.core.programs.build import prescription_for
from rugcoach.programs import guide_files, herstelgids
from rugcoach.programs.tasks import build_herstelgids

pytestmark = pytest.mark.django_db


def pdf_info(tmp_path, content: bytes) -> dict[str, str]:
    path = tmp_path / "guide.pdf"
    path.write_bytes(content)
    output = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(
        (key.strip(), value.strip())
        for key, value in (line.split(":", 1) for line in output.stdout.splitlines() if ":" in line)
    )


def pages(tmp_path, content: bytes) -> list[str]:
    """The text of each page, whitespace squashed (a sentence may wrap anywhere)."""
    path = tmp_path / "guide.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return [" ".join(page.split()) for page in out.stdout.split("\f")[:-1]]


def download(client, language: str):  # type: ignore[no-untyped-def]
    """The guide as a visitor gets it, once the task worker has built it."""
    build_herstelgids.call(language)
    with translation.override(language):
        url = reverse("programs:herstelgids")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response


def test_the_urls_are_translated():
    with translation.override("nl"):
        assert reverse("programs:herstelgids") == "/programmas/herstelgids.pdf"
    with translation.override("en"):
        assert reverse("programs:herstelgids") == "/en/programs/recovery-guide.pdf"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_cover_days_and_heat_page_in_each_language(client, tmp_path, language):
    catalog = get_catalog()
    program = catalog.programs.programs["recovery-7-days"]
    content = download(client, language).content  # a visitor: no login

    info = pdf_info(tmp_path, content)
    assert int(info["Pages"]) == 1 + 7 + 1  # cover, a page per day, heat or cold
    assert info["Page size"].startswith("595.276 x 841.89")  # A4
    title = {"nl": "Herstelgids voor je onderrug", "en": "Recovery guide for your lower back"}
    assert info["Title"].startswith(title[language])

    cover, *days, heat = pages(tmp_path, content)
    warnings = catalog.warnings
    assert warnings.guidance.get(language) in cover  # guidance, not a diagnosis
    for sign in (*warnings.emergency.signs, *warnings.gp.signs):
        assert sign.get(language) in cover
    assert warnings.emergency.title.get(language) in cover

    assert len(days) == 7
    for page, session in zip(days, program.sessions, strict=True):
        assert session.title.get(language) in page
        for item in session.items:
            exercise = catalog.exercises[item.slug]
            assert exercise.name.get(language) in page
            words = prescription_for(exercise.dose, item.dose).words().get(language)
            assert words in page, (session.key, words)
        for advice in session.advice:
            assert advice.get(language) in page
    walks = {"nl": "Wandel vandaag", "en": "Walk for"}
    assert all(walks[language] in page for page in days)

    rules = catalog.knowledge.heat
    for rule in rules.rules:
        assert rule.reason.get(language) in heat
    for line in rules.advice["heat"].do_not.get(language):
        assert line in heat  # never heat where the skin feels less, ...
    assert rules.advice["safety_check"].summary.get(language) in heat  # inflammation -> check


def test_english_text_is_english(client, tmp_path):
    cover, *_rest = pages(tmp_path, download(client, "en").content)
    assert "Seven days" in cover or "7-day recovery plan" in cover
    assert "Zo gebruik je deze gids" not in cover
    assert "Herstelgids voor je onderrug" not in cover


def test_no_member_data_and_the_same_bytes_for_everyone(client, member, tmp_path):
    anonymous = download(client, "nl").content
    client.force_login(member)
    logged_in = download(client, "nl").content
    assert logged_in == anonymous
    assert member.email not in " ".join(pages(tmp_path, logged_in))


def test_a_request_never_builds_it_the_worker_does(client, settings, tmp_path, monkeypatch):
    settings.RUGCOACH_BUILT_DIR = tmp_path / "fresh"
    # A request that finds no built guide queues its build and says so; it builds nothing.
    monkeypatch.setattr(
        herstelgids, "guide_pdf", lambda language: pytest.fail("built in a request")
    )
    waiting = client.get(reverse("programs:herstelgids"))
    assert waiting.status_code == 202
    html = waiting.content.decode()
    assert '<meta http-equiv="refresh" content="3">' in html
    assert "We maken de Herstelgids nu voor je klaar" in html
    queued = DBTaskResult.objects.filter(task_path=build_herstelgids.module_path)
    assert [row.args_kwargs["args"] for row in queued] == [["nl"]]
    client.get(reverse("programs:herstelgids"))  # asked again while it builds
    assert queued.count() == 1, "one build per language at a time"
    monkeypatch.undo()
    settings.RUGCOACH_BUILT_DIR = tmp_path / "fresh"
    # The worker runs the task: from then on the file is served, whoever asks.
    build_herstelgids.call("nl")
    ready = client.get(reverse("programs:herstelgids"))
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"
    assert ready.content.startswith(b"%PDF")


def test_a_built_guide_is_kept_per_content_version(settings, tmp_path):
    settings.RUGCOACH_BUILT_DIR = tmp_path
    path = guide_files.store_guide("en")
    assert path.name == f"herstelgids-en-{guide_files.guide_version('en')}.pdf"
    assert guide_files.stored_guide("en") == path and guide_files.stored_guide("nl") is None


def test_each_language_has_its_own_version_and_older_files_go(settings, tmp_path):
    settings.RUGCOACH_BUILT_DIR = tmp_path
    # The translations are part of what is printed: a version per language.
    assert guide_files.guide_version("nl") != guide_files.guide_version("en")
    stale = tmp_path / "herstelgids-nl-0000000000000000.pdf"
    stale.write_bytes(b"%PDF old")
    kept = guide_files.store_guide("nl")
    assert not stale.exists() and kept.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [kept.name], "no .part left behind"


def test_a_build_that_fails_is_said_not_waited_for(client, settings, tmp_path, monkeypatch):
    settings.RUGCOACH_BUILT_DIR = tmp_path

    def broken(language: str) -> bytes:
        raise RuntimeError("figure renderer down")

    monkeypatch.setattr(herstelgids, "guide_pdf", broken)
    with pytest.raises(RuntimeError):
        build_herstelgids.call("nl")
    answer = client.get(reverse("programs:herstelgids"))
    assert answer.status_code == 503
    html = answer.content.decode()
    assert "kan nu niet gemaakt worden" in html and 'http-equiv="refresh"' not in html
    assert list(tmp_path.glob("*.part")) == []
