"""The building blocks of the house-style printouts: page, band and footer, figure, warning box.

The plans' PDFs (posters, schedule, notice; ``plans/pdf.py``) and the Herstelgids
(``programs/herstelgids.py``) are built from these, so every such sheet has the same
margins, the yellow band with the gym's name, the warning footer on every page and the
same box of warning signs. Colours, fonts, paragraph styles and safe text are one level
down, in ``rugcoach/printing.py``. The privacy export uses only those: it is a record of
data, not a sheet to hang up, so it has its own plain page (``privacy/pdf.py``).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle
from svglib.svglib import svg2rlg

from rugcoach.core.triage.warnings import Warnings
from rugcoach.printing import DANGER, DANGER_SOFT, INK, LINE, SOFT, YELLOW, fonts, printable, text

FOOTER_SIZE = 7.5
FOOTER_LEADING = 9.2
FOOTER_SPACE = 24 * mm
"""Room under the text for the footer: up to about five lines of warnings."""

PageDecoration = Callable[[Any, Any], None]
"""What ReportLab calls for each page with its canvas and document (``onFirstPage``,
``onLaterPages``); ReportLab ships no type hints, hence ``Any``."""


def document(
    buffer: io.BytesIO, pagesize: tuple[float, float], title: str, author: str
) -> SimpleDocTemplate:
    """A house-style document writing into ``buffer``: 12 mm side margins, room at the top
    for the band and at the bottom for the warning footer (``page_decoration``)."""
    return SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=14 * mm,
        bottomMargin=FOOTER_SPACE,
        title=title,
        author=author,
        creator="RugCoach",
    )


def _footer_lines(sentence: str, font: str, width: float) -> list[str]:
    """One footer sentence wrapped to the page width."""
    return simpleSplit(sentence, font, FOOTER_SIZE, width)


def page_decoration(footer: Sequence[str], brand: str) -> PageDecoration:
    """What every page of a house-style printout carries: the yellow band with ``brand``
    at the top; at the bottom the ``footer`` sentences (when to call 112, when the GP; the
    first, the emergency line, in bold) and the page number."""
    regular, bold = fonts()
    footer = [printable(sentence) for sentence in footer]
    brand = printable(brand)

    def on_page(canvas: Any, doc: Any) -> None:
        width, height = doc.pagesize
        canvas.saveState()
        canvas.setFillColor(YELLOW)
        canvas.rect(0, height - 8 * mm, width, 8 * mm, stroke=0, fill=1)
        canvas.setFillColor(INK)
        canvas.setFont(bold, 9)
        canvas.drawString(doc.leftMargin, height - 5.5 * mm, brand)
        room = doc.width - 10 * mm  # leave the page number free
        rows: list[tuple[str, str]] = []
        for number, sentence in enumerate(footer):
            font = bold if number == 0 else regular
            rows.extend((font, line) for line in _footer_lines(sentence, font, room))
        y = 6 * mm + FOOTER_LEADING * (len(rows) - 1)
        for font, line in rows:
            canvas.setFont(font, FOOTER_SIZE)
            canvas.setFillColor(INK if font == bold else SOFT)
            canvas.drawString(doc.leftMargin, y, line)
            y -= FOOTER_LEADING
        canvas.setFont(regular, FOOTER_SIZE)
        canvas.setFillColor(SOFT)
        canvas.drawRightString(width - doc.rightMargin, 6 * mm, str(doc.page))
        canvas.restoreState()

    return on_page


def svg_drawing(svg: str | None) -> Drawing | None:
    """An exercise's SVG (the same the pages show) as a vector ReportLab drawing, or None
    when there is no figure or it has no size."""
    if not svg:
        return None
    drawing = svg2rlg(io.BytesIO(svg.encode("utf-8")))
    if drawing is None or not drawing.width or not drawing.height:
        return None
    return drawing


class Figure(Flowable):
    """An SVG drawing scaled to fit a box and centred in it.

    The box is set when the poster is laid out, so one parsed drawing serves every
    trial layout while the poster looks for the size that fills the sheet."""

    def __init__(self, drawing: Drawing | None, width: float, height: float) -> None:
        super().__init__()
        self.drawing = drawing
        self.width, self.height = width, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        if self.drawing is None:
            return
        factor = min(self.width / self.drawing.width, self.height / self.drawing.height)
        x = (self.width - self.drawing.width * factor) / 2
        y = (self.height - self.drawing.height * factor) / 2
        self.canv.saveState()
        self.canv.translate(x, y)
        self.canv.scale(factor, factor)
        renderPDF.draw(self.drawing, self.canv, 0, 0)
        self.canv.restoreState()


@dataclass(frozen=True)
class WarningBox:
    """The warning signs printed on a sheet: when to call 112 now, when the GP."""

    title: str
    signs: Sequence[str]
    action: str
    gp_title: str
    gp_signs: Sequence[str]
    gp_action: str

    @classmethod
    def of(cls, warnings: Warnings, language: str) -> WarningBox:
        """The warning signs of the content (``content/warnings.yaml``) in ``language``."""
        return cls(
            title=warnings.emergency.title.get(language),
            signs=[sign.get(language) for sign in warnings.emergency.signs],
            action=warnings.emergency.action.get(language),
            gp_title=warnings.gp.title.get(language),
            gp_signs=[sign.get(language) for sign in warnings.gp.signs],
            gp_action=warnings.gp.action.get(language),
        )


def warning_box(warning: WarningBox, styles: dict[str, ParagraphStyle], width: float) -> Table:
    """The warning signs as one row of two boxes, ``width`` wide: 112 on the left in red,
    the GP on the right. One row, so ReportLab never splits it across pages."""
    emergency = [
        Paragraph(text(warning.title), styles["alarm"]),
        *(Paragraph(f"• {text(sign)}", styles["body"]) for sign in warning.signs),
        Paragraph(f"<b>{text(warning.action)}</b>", styles["body"]),
    ]
    gp = [
        Paragraph(f"<b>{text(warning.gp_title)}</b>", styles["body"]),
        *(Paragraph(f"• {text(sign)}", styles["body"]) for sign in warning.gp_signs),
        Paragraph(text(warning.gp_action), styles["body"]),
    ]
    box = Table([[emergency, gp]], colWidths=[width * 0.55, width * 0.45], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (0, 0), 1.6, DANGER),
                ("BACKGROUND", (0, 0), (0, 0), DANGER_SOFT),
                ("BOX", (1, 0), (1, 0), 0.6, LINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
            ]
        )
    )
    return box
