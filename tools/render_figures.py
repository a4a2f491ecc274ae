"""Render exercise figures large, as PNG, to look at them next to their steps.

    .venv/bin/python tools/render_figures.py [slug ...] [--mode static|thumbnail|animated]
        [--scale 3] [--out test-artifacts/figures]

Without slugs every exercise with a figure is drawn. Uses Playwright with Debian's
chromium (``/usr/bin/chromium``, or ``$CHROMIUM``); the animated mode is captured as its
reduced-motion still. See docs/figures.md, "How a figure is reviewed".
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from rugcoach.core.catalog import load_catalog  # noqa: E402
from rugcoach.core.library.figure import render_svg  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slugs", nargs="*")
    parser.add_argument("--mode", default="static", choices=("static", "thumbnail", "animated"))
    parser.add_argument("--scale", type=float, default=3.0)
    parser.add_argument("--language", default="nl", choices=("nl", "en"))
    parser.add_argument("--out", type=Path, default=ROOT / "test-artifacts" / "figures")
    args = parser.parse_args()
    catalog = load_catalog(ROOT / "content")
    slugs = args.slugs or sorted(s for s, e in catalog.exercises.items() if e.figure)
    args.out.mkdir(parents=True, exist_ok=True)
    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(device_scale_factor=args.scale, reduced_motion="reduce")
        for slug in slugs:
            svg = render_svg(catalog.exercises[slug], mode=args.mode, language=args.language)
            size = re.search(r'width="([\d.]+)" height="([\d.]+)"', svg)
            assert size is not None
            width, height = (float(v) for v in size.groups())
            page.set_viewport_size({"width": int(width) + 1, "height": int(height) + 1})
            page.set_content(f'<body style="margin:0">{svg}</body>')
            target = args.out / f"{slug}-{args.mode}.png"
            page.locator("svg").first.screenshot(path=str(target))
            print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
        browser.close()


if __name__ == "__main__":
    main()
