"""Printable PDFs: the exercise poster (A4/A3) and the 4-week schedule.

Vector throughout: the figures are the same SVGs the pages show, converted to ReportLab
drawings, and all text is real, selectable text. Every text that reaches a Paragraph is
escaped, so a name such as "Bob <3" prints as written instead of breaking the PDF.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from svglib.svglib import svg2rlg

from rugcoach.printing import (
    DANGER,
    DANGER_SOFT,
    INK,
    LINE,
    SOFT,
    YELLOW,
    fonts,
    paragraph_styles,
    printable,
    text,
)

PAGE_SIZES = {"A4": A4, "A3": A3}
PAPER_SCALE = {"A4": 1.0, "A3": 2**0.5}
"""A3 is A4 enlarged by √2 each way: the same poster, every text and figure √2 larger."""


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


def _drawing(svg: str | None) -> Drawing | None:
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
    regular, bold = fonts()
    footer = [printable(sentence) for sentence in footer]
    brand = printable(brand)

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


@dataclass(frozen=True)
class PosterWeek:
    """A row of the generic poster's schedule: the week, its focus, per day the exercises."""

    title: str
    focus: str
    sessions: Sequence[Sequence[str]]


@dataclass(frozen=True)
class PosterSchedule:
    title: str
    note: str
    days: Sequence[str]
    weeks: Sequence[PosterWeek]


FRAME_PADDING = 6  # points on each side of SimpleDocTemplate's frame


def _card(
    item: PosterItem,
    drawing: Drawing | None,
    styles: dict[str, ParagraphStyle],
    width: float,
    figure_height: float,
    scale: float,
) -> Table:
    """Figure on the left, name, dose and cue on the right: a row of cards stays low, so
    ten of them leave room for the schedule and the warning signs on the same sheet."""
    figure_width = width * 0.5  # most figures are strips of two or three frames
    words = [
        Paragraph(text(item.name), styles["name"]),
        Paragraph(text(item.dose), styles["dose"]),
        Paragraph(text(item.cue), styles["cue"]),
    ]
    card = Table(
        [[Figure(drawing, figure_width, figure_height), words]],
        colWidths=[figure_width, width - figure_width],
    )
    card.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 2.5 * mm * scale),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return card


def _schedule_table(
    schedule: PosterSchedule, styles: dict[str, ParagraphStyle], width: float, scale: float
) -> Table:
    """Weeks down, training days across, the exercises in each cell, one per line."""
    first = width * 0.2
    day_width = (width - first) / len(schedule.days)
    head = ["", *(Paragraph(text(day), styles["cellhead"]) for day in schedule.days)]
    body = [
        [
            [
                Paragraph(text(week.title), styles["cellhead"]),
                Paragraph(text(week.focus), styles["cue"]),
            ],
            *(
                Paragraph("<br/>".join(text(name) for name in session), styles["cell"])
                for session in week.sessions
            ),
        ]
        for week in schedule.weeks
    ]
    table = Table(
        [head, *body], colWidths=[first] + [day_width] * len(schedule.days), hAlign="LEFT"
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), YELLOW),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.6, LINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 2 * mm * scale),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm * scale),
                ("TOPPADDING", (0, 0), (-1, -1), 1.2 * mm * scale),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.4 * mm * scale),
            ]
        )
    )
    return table


def _height(story: Sequence[Flowable], width: float, height: float) -> float:
    """How tall the story stands in one frame (spacing between flowables included)."""
    total = 0.0
    for index, flowable in enumerate(story):
        total += flowable.wrap(width, height)[1] + flowable.getSpaceAfter()
        if index:
            total += flowable.getSpaceBefore()
    return total


def _fit(
    layout: Callable[[float, float], list[Flowable]], width: float, height: float, paper: float
) -> list[Flowable]:
    """The poster's story with the largest figures that still fit one sheet.

    Figures take the room the texts leave, so the sheet is filled rather than a quarter
    empty; when even small figures do not fit, the texts shrink a little (down to 80 %).
    A poster that still does not fit (a long personal plan) flows onto a second sheet.
    """
    smallest, largest = 14 * mm * paper, 40 * mm * paper  # beyond 40 mm the column is full
    for shrink in (1.0, 0.95, 0.9, 0.85, 0.8):
        scale = paper * shrink
        if _height(layout(scale, smallest), width, height) > height:
            continue
        low, high = smallest, largest
        for _ in range(5):  # 26 mm / 2**5: to within a millimetre
            middle = (low + high) / 2
            if _height(layout(scale, middle), width, height) <= height:
                low = middle
            else:
                high = middle
        return layout(scale, low)
    return layout(paper * 0.8, smallest)


def build_poster(
    *,
    items: Sequence[PosterItem],
    title: str,
    subtitle: str,
    size: str,
    brand: str,
    footer: Sequence[str],
    warning: WarningBox,
    schedule: PosterSchedule | None = None,
) -> bytes:
    """Exercise cards (figure, name, dose, one key cue), the schedule if there is one, then
    the warning signs (a poster hangs on a wall for weeks: it must say when to call 112);
    on one sheet, A4 and A3 alike.
    """
    paper = PAPER_SCALE[size]
    buffer = io.BytesIO()
    doc = _document(buffer, PAGE_SIZES[size], title, brand)
    width = doc.width - 2 * FRAME_PADDING
    height = doc.height - 2 * FRAME_PADDING
    columns = 2
    cell_width = width / columns
    drawings = [_drawing(item.svg) for item in items]

    def layout(scale: float, figure_height: float) -> list[Flowable]:
        styles = paragraph_styles(scale)
        pad = 2.5 * mm * scale
        cards: list[Flowable | str] = [
            _card(item, drawing, styles, cell_width - 2 * pad, figure_height, scale)
            for item, drawing in zip(items, drawings, strict=True)
        ]
        cards += [""] * (-len(cards) % columns)
        story: list[Flowable] = [
            Paragraph(text(title), styles["title"]),
            Paragraph(text(subtitle), styles["subtitle"]),
        ]
        if cards:
            grid = Table(
                [cards[i : i + columns] for i in range(0, len(cards), columns)],
                colWidths=[cell_width] * columns,
                hAlign="LEFT",
            )
            grid.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("BOX", (0, 0), (-1, -1), 0.6, LINE),
                        ("INNERGRID", (0, 0), (-1, -1), 0.6, LINE),
                        ("LEFTPADDING", (0, 0), (-1, -1), pad),
                        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.8),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.8),
                    ]
                )
            )
            story.append(grid)
        if schedule is not None:
            story += [
                Spacer(1, 3 * mm * scale),
                Paragraph(text(schedule.title), styles["heading"]),
                Paragraph(text(schedule.note), styles["note"]),
                _schedule_table(schedule, styles, width, scale),
            ]
        story.append(Spacer(1, 3 * mm * scale))
        story.append(_warning_box(warning, styles, width))  # one row: never split
        return story

    story = _fit(layout, width, height, paper)
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
    styles = paragraph_styles()
    buffer = io.BytesIO()
    pagesize = landscape(A4)
    doc = _document(buffer, pagesize, title, brand)
    widths = [38 * mm, doc.width - 38 * mm - 22 * mm - 40 * mm, 22 * mm, 40 * mm]
    story: list[Flowable] = [
        Paragraph(text(title), styles["title"]),
        Paragraph(text(subtitle), styles["subtitle"]),
    ]
    for week in weeks:
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
                    ("TOPPADDING", (0, 0), (-1, -1), 1.6 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6 * mm),
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
    styles = paragraph_styles()
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
