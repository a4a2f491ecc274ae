"""Draws the app icons (static/pwa/icon-*.png) from rugcoach/pwa/icon.svg.

    .venv/bin/python -m rugcoach.pwa.make_icons

Renders with Debian's chromium through Playwright (both already needed by the browser
tests; no network). "any" icons keep the SVG's rounded square; "maskable" ones fill the
whole square with the background, since the launcher cuts its own shape out of it.
The list is rugcoach/pwa/icons.py, which the manifest reads too; tests/pwa checks the files.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from rugcoach.pwa.icons import ICONS

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "icon.svg"
TARGET = HERE.parent / "static" / "pwa"
CHROMIUM = "/usr/bin/chromium"


def page_html(svg: str, purpose: str) -> str:
    corners = "#background { rx: 0; ry: 0; }" if purpose == "maskable" else ""
    return (
        "<!DOCTYPE html><html><head><style>"
        "html, body { margin: 0; background: transparent; }"
        f"svg {{ display: block; width: 100vw; height: 100vh; }} {corners}"
        f"</style></head><body>{svg}</body></html>"
    )


def main() -> int:
    svg = SOURCE.read_text(encoding="utf-8")
    TARGET.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for name, size, purpose in ICONS:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(page_html(svg, purpose))
            page.screenshot(path=str(TARGET / name), omit_background=True)
            page.close()
            print(f"{TARGET / name}: {size}x{size} {purpose}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
