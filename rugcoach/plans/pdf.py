"""Printable PDFs: the exercise poster (A4/A3) and the 4-week schedule.

Vector throughout: the figures are the same SVGs the pages show, converted to ReportLab
drawings, and all text is real, selectable text. Every text that reaches a Paragraph is
escaped, so a name such as "Bob <3" prints as written instead of breaking the PDF.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from svglib.svglib import svg2rlg

YELLOW = colors.HexColor("#FFD200")
INK = colors.HexColor("#17181A")
SOFT = colors.HexColor("#4A4D52")
LINE = colors.HexColor("#D9D7CF")
DANGER = colors.HexColor("#A11616")
DANGER_SOFT = colors.HexColor("#FDECEC")
PAGE_SIZES = {"A4": A4, "A3": A3}
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def _fonts() -> tuple[str, str]:
    """DejaVu where the system has it (wide glyph coverage), else the built-in Helvetica."""
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
            pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold")
        return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _styles(scale: float = 1.0) -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
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
        "body": ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=12.5, textColor=INK),
        "small": ParagraphStyle("small", fontName=regular, fontSize=8, leading=10, textColor=SOFT),
        "alarm": ParagraphStyle("alarm", fontName=bold, fontSize=12, leading=15,
                                textColor=DANGER, spaceAfter=1 * mm),
        "week": ParagraphStyle("week", fontName=bold, fontSize=14, leading=18, textColor=INK,
                               spaceBefore=3 * mm, spaceAfter=2 * mm),
    }  # fmt: skip


def text(value: str) -> str:
    """Escape for ReportLab's paragraph markup."""
    return escape(value).replace("\n", "<br/>")


@dataclass(frozen=True)
class PosterItem:
    slug: str
    name: str
    dose: str
    cue: str
    svg: str | None


@dataclass(frozen=True)
class ScheduleRow:
    day: str
    exercises: Sequence[str]


@dataclass(frozen=True)
class ScheduleWeek:
    title: str
    theme: str
    rows: Sequence[ScheduleRow]


class TickBox(Flowable):
    """An empty square to tick with a pen (drawn, so no font needs the glyph)."""

    def __init__(self, size: float = 4.5 * mm) -> None:
        super().__init__()
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size)


def _figure(svg: str | None, width: float, height: float) -> Flowable | Drawing:
    if not svg:
        return Spacer(width, height)
    drawing = svg2rlg(io.BytesIO(svg.encode("utf-8")))
    if drawing is None or not drawing.width or not drawing.height:
        return Spacer(width, height)
    factor = min(width / drawing.width, height / drawing.height)
    drawing.scale(factor, factor)
    drawing.width, drawing.height = drawing.width * factor, drawing.height * factor
    drawing.hAlign = "CENTER"
    return drawing


FOOTER_SIZE = 7.5
FOOTER_LEADING = 9.2
FOOTER_SPACE = 24 * mm
"""Room under the text for the footer: up to about five lines of warnings."""


def _footer_lines(footer: Sequence[str], font: str, width: float) -> list[str]:
    """Each footer sentence wrapped to the page width (the first one, the emergency
    line, is printed in bold)."""
    lines: list[str] = []
    for sentence in footer:
        lines.extend(simpleSplit(sentence, font, FOOTER_SIZE, width))
    return lines


def _decorate(footer: Sequence[str], brand: str):  # type: ignore[no-untyped-def]
    regular, bold = _fonts()

    def on_page(canvas, doc) -> None:  # type: ignore[no-untyped-def]
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
            rows.extend((font, line) for line in _footer_lines([sentence], font, room))
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


@dataclass(frozen=True)
class WarningBox:
    """The warning signs printed on a poster: when to call 112 now, when the GP."""

    title: str
    signs: Sequence[str]
    action: str
    gp_title: str
    gp_signs: Sequence[str]
    gp_action: str


def _warning_box(warning: WarningBox, styles: dict[str, ParagraphStyle], width: float) -> Table:
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


def _document(buffer: io.BytesIO, pagesize, title: str, author: str) -> SimpleDocTemplate:  # type: ignore[no-untyped-def]
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


def build_poster(
    *,
    items: Sequence[PosterItem],
    title: str,
    subtitle: str,
    size: str,
    brand: str,
    footer: Sequence[str],
    warning: WarningBox,
    extra: Sequence[tuple[str, str]] = (),
) -> bytes:
    """A grid of exercise cards: figure, name, dose and one key cue each, then the
    warning signs (a poster hangs on a wall for weeks: it must say when to call 112).

    ``extra`` adds titled paragraphs after the grid (e.g. the generic 4-week schema).
    """
    pagesize = PAGE_SIZES[size]
    columns = 2 if size == "A4" else 3
    scale = 1.0 if size == "A4" else 1.25
    styles = _styles(scale)
    buffer = io.BytesIO()
    doc = _document(buffer, pagesize, title, brand)
    cell_width = (doc.width - (columns - 1) * 4 * mm) / columns
    figure_height = cell_width * 0.42

    cards = []
    for item in items:
        card = [
            _figure(item.svg, cell_width - 6 * mm, figure_height),
            Spacer(1, 1.5 * mm),
            Paragraph(text(item.name), styles["name"]),
            Paragraph(text(item.dose), styles["dose"]),
            Paragraph(text(item.cue), styles["cue"]),
        ]
        cards.append(card)
    rows = [cards[i : i + columns] for i in range(0, len(cards), columns)]
    if rows and len(rows[-1]) < columns:
        rows[-1] += [""] * (columns - len(rows[-1]))
    story: list[Flowable] = [
        Paragraph(text(title), styles["title"]),
        Paragraph(text(subtitle), styles["subtitle"]),
    ]
    if rows:
        grid = Table(rows, colWidths=[cell_width] * columns, hAlign="LEFT")
        grid.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOX", (0, 0), (-1, -1), 0.6, LINE),
                    ("INNERGRID", (0, 0), (-1, -1), 0.6, LINE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
                ]
            )
        )
        story.append(grid)
    for heading, body in extra:
        story.append(
            KeepTogether(
                [Paragraph(text(heading), styles["week"]), Paragraph(text(body), styles["body"])]
            )
        )
    story.append(Spacer(1, 4 * mm))
    story.append(KeepTogether([_warning_box(warning, styles, doc.width)]))
    decorate = _decorate(footer, brand)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def build_schedule(
    *,
    weeks: Sequence[ScheduleWeek],
    title: str,
    subtitle: str,
    headings: tuple[str, str, str, str],
    brand: str,
    footer: Sequence[str],
) -> bytes:
    """One table per week: the day, its exercises, a tick box and a pain score (0–10)."""
    styles = _styles()
    buffer = io.BytesIO()
    pagesize = landscape(A4)
    doc = _document(buffer, pagesize, title, brand)
    widths = [38 * mm, doc.width - 38 * mm - 22 * mm - 40 * mm, 22 * mm, 40 * mm]
    story: list[Flowable] = [
        Paragraph(text(title), styles["title"]),
        Paragraph(text(subtitle), styles["subtitle"]),
    ]
    for index, week in enumerate(weeks):
        if index and index % 2 == 0:
            story.append(PageBreak())
        head = [Paragraph(f"<b>{text(h)}</b>", styles["small"]) for h in headings]
        body = [
            [
                Paragraph(text(row.day), styles["body"]),
                Paragraph(text(" · ".join(row.exercises)), styles["body"]),
                TickBox(),
                Paragraph("____ / 10", styles["body"]),
            ]
            for row in week.rows
        ]
        table = Table([head, *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), YELLOW),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("GRID", (0, 0), (-1, -1), 0.6, LINE),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.2 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2 * mm),
                ]
            )
        )
        story.append(
            KeepTogether(
                [
                    Paragraph(text(week.title), styles["week"]),
                    Paragraph(text(week.theme), styles["small"]),
                    Spacer(1, 2 * mm),
                    table,
                ]
            )
        )
    decorate = _decorate(footer, brand)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def build_notice(
    *,
    title: str,
    label: str,
    heading: str,
    verdict_title: str,
    reasons: Sequence[str],
    actions_heading: str,
    actions: Sequence[str],
    next_step: str,
    brand: str,
    footer: Sequence[str],
) -> bytes:
    """One page instead of a printout when the latest check blocks training: why, and
    what to do now."""
    styles = _styles()
    buffer = io.BytesIO()
    doc = _document(buffer, A4, title, brand)
    story: list[Flowable] = [
        Paragraph(text(title), styles["title"]),
        Paragraph(text(label), styles["subtitle"]),
        Paragraph(text(heading), styles["alarm"]),
        Paragraph(f"<b>{text(verdict_title)}</b>", styles["body"]),
        *(Paragraph(f"• {text(reason)}", styles["body"]) for reason in reasons),
        Paragraph(text(actions_heading), styles["week"]),
        *(Paragraph(f"• <b>{text(action)}</b>", styles["body"]) for action in actions),
        Spacer(1, 3 * mm),
        Paragraph(text(next_step), styles["body"]),
    ]
    decorate = _decorate(footer, brand)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()
