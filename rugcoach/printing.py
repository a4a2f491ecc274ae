"""What every printout shares: colours, fonts, paragraph styles and safe text.

Both the plans' PDFs (posters, schedule) and the privacy export use these, so the sheets
look alike and one rule decides which characters can reach a PDF's text layer.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

YELLOW = colors.HexColor("#FFD200")
INK = colors.HexColor("#17181A")
SOFT = colors.HexColor("#4A4D52")
LINE = colors.HexColor("#D9D7CF")
DANGER = colors.HexColor("#A11616")
DANGER_SOFT = colors.HexColor("#FDECEC")
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def fonts() -> tuple[str, str]:
    """DejaVu where the system has it (wide glyph coverage), else the built-in Helvetica."""
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
            pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold")
        return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


# Invisible helpers of emoji sequences: variation selectors, the zero-width joiner, the
# skin-tone modifiers and the tag characters of flag sequences. Left in, they would reach
# the text layer on their own once the emoji around them is dropped.
_EMOJI_GLUE = re.compile("[\ufe00-\ufe0f\u200d\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")


@lru_cache(maxsize=1)
def _covered() -> frozenset[int] | None:
    """The code points both printing fonts draw; None for the built-in fonts (WinAnsi)."""
    regular, bold = fonts()
    faces = [getattr(pdfmetrics.getFont(name), "face", None) for name in (regular, bold)]
    if any(face is None or not hasattr(face, "charToGlyph") for face in faces):
        return None
    return frozenset(faces[0].charToGlyph) & frozenset(faces[1].charToGlyph)  # type: ignore[union-attr]


def _drawable(char: str, covered: frozenset[int] | None) -> bool:
    if char in "\n\t":
        return True
    if covered is None:
        try:
            char.encode("cp1252")
        except UnicodeEncodeError:
            return False
        return True
    return ord(char) in covered


def printable(value: str) -> str:
    """``value`` without the characters the fonts cannot draw (emoji, mostly).

    A font without a glyph prints an empty box and puts a wrong character in the text
    layer, so ``pdftotext`` and screen readers would read something the member never
    typed (issue 11 §2). Leaving the character out keeps the rest of the text right.
    """
    covered = _covered()
    kept = "".join(c for c in _EMOJI_GLUE.sub("", value) if _drawable(c, covered))
    if kept == value:
        return value
    # "Sanne 🌞 de Vries" would otherwise keep two spaces where the emoji stood.
    return re.sub(r"[ ]{2,}", " ", kept).strip()


def text(value: str) -> str:
    """Printable text, escaped for ReportLab's paragraph markup."""
    return escape(printable(value)).replace("\n", "<br/>")


def paragraph_styles(scale: float = 1.0) -> dict[str, ParagraphStyle]:
    """The paragraph styles of every printout; ``scale`` sizes a poster's texts to its
    paper (and shrinks them a little when a long poster must still fit one sheet)."""
    regular, bold = fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=22 * scale, leading=26 * scale,
                                textColor=INK, spaceAfter=2 * mm),
        "subtitle": ParagraphStyle("subtitle", fontName=regular, fontSize=11 * scale,
                                   leading=14 * scale, textColor=SOFT, spaceAfter=4 * mm),
        "name": ParagraphStyle("name", fontName=bold, fontSize=11.5 * scale, leading=14 * scale,
                               textColor=INK),
        "dose": ParagraphStyle("dose", fontName=bold, fontSize=9 * scale, leading=11.5 * scale,
                               textColor=INK),
        "cue": ParagraphStyle("cue", fontName=regular, fontSize=8.5 * scale, leading=11 * scale,
                              textColor=SOFT),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8.5 * scale,
                               leading=10.5 * scale, textColor=INK),
        "cellhead": ParagraphStyle("cellhead", fontName=bold, fontSize=9 * scale,
                                   leading=11 * scale, textColor=INK),
        "heading": ParagraphStyle("heading", fontName=bold, fontSize=13 * scale,
                                  leading=16 * scale, textColor=INK, spaceAfter=1 * mm),
        "note": ParagraphStyle("note", fontName=regular, fontSize=8.5 * scale,
                               leading=11 * scale, textColor=SOFT, spaceAfter=1.5 * mm),
        "body": ParagraphStyle("body", fontName=regular, fontSize=9.5 * scale,
                               leading=12.5 * scale, textColor=INK),
        "small": ParagraphStyle("small", fontName=regular, fontSize=8 * scale, leading=10 * scale,
                                textColor=SOFT),
        "alarm": ParagraphStyle("alarm", fontName=bold, fontSize=12 * scale, leading=15 * scale,
                                textColor=DANGER, spaceAfter=1 * mm),
        "week": ParagraphStyle("week", fontName=bold, fontSize=14 * scale, leading=18 * scale,
                               textColor=INK, spaceBefore=3 * mm, spaceAfter=2 * mm),
    }  # fmt: skip
