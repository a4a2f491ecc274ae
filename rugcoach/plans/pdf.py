"""Printable PDFs: the exercise poster (A4/A3), the 4-week schedule and the notice that
replaces both while the latest check blocks training.

Vector throughout: the figures are the same SVGs the pages show, converted to ReportLab
drawings, and all text is real, selectable text. Every text that reaches a Paragraph is
escaped, so a name such as "Bob <3" prints as written instead of breaking the PDF. The
page, its band and warning footer, the figures and the warning box are the house style's
(``rugcoach/pdf_parts.py``); this module lays out what is particular to each sheet.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from rugcoach.pdf_parts import (
    Figure,
    WarningBox,
    document,
    page_decoration,
    svg_drawing,
    warning_box,
)
from rugcoach.printing import INK, LINE, YELLOW, paragraph_styles, text

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
    doc = document(buffer, PAGE_SIZES[size], title, brand)
    width = doc.width - 2 * FRAME_PADDING
    height = doc.height - 2 * FRAME_PADDING
    columns = 2
    cell_width = width / columns
    drawings = [svg_drawing(item.svg) for item in items]

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
        story.append(warning_box(warning, styles, width))  # one row: never split
        return story

    story = _fit(layout, width, height, paper)
    decorate = page_decoration(footer, brand)
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
    doc = document(buffer, pagesize, title, brand)
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
    decorate = page_decoration(footer, brand)
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
    doc = document(buffer, A4, title, brand)
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
    decorate = page_decoration(footer, brand)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()
