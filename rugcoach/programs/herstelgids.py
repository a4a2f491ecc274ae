"""The Herstelgids (issue 14 §1): the guide's promised free recovery guide as a PDF.

A cover (what it is, "guidance, not a diagnosis", the warning signs), the seven days of the
``recovery-7-days`` program (each exercise with its figure, its dose in the schedule's
words and its breathing cue; the day's advice: the walk, heat), and a page with the
heat-or-cold rule from ``content/knowledge/heat-or-cold.yaml``. Everything comes from
content; nothing about a member is in it, so anyone may download it.

Built in the house style of the plans' printouts (rugcoach/printing.py,
rugcoach/pdf_parts.py): the same fonts, yellow band, warning footer and vector figures. A
build takes seconds (the figures), so it never runs in a request: the task worker builds
each language once per content version into a file (``guide_files``), and the download
serves that file.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from rugcoach.content import get_catalog
from rugcoach.core.catalog import Catalog
from rugcoach.core.knowledge.heat import HeatOrCold
from rugcoach.core.library.exercises import Exercise
from rugcoach.core.programs.build import prescription_for
from rugcoach.core.programs.content import Program, ProgramSession
from rugcoach.library.figures import figure_svg
from rugcoach.pdf_parts import (
    Figure,
    WarningBox,
    document,
    page_decoration,
    svg_drawing,
    warning_box,
)
from rugcoach.printing import LINE, YELLOW, paragraph_styles, text

PROGRAM = "recovery-7-days"
YELLOW_SOFT = colors.HexColor("#FFF6CC")  # the pages' --warning-soft
FIGURE_WIDTH = 34 * mm
FIGURE_HEIGHT = 26 * mm


@dataclass(frozen=True)
class GuideItem:
    name: str
    dose: str
    breathing: str
    instead: Sequence[str]
    svg: str | None


@dataclass(frozen=True)
class GuideDay:
    title: str
    items: Sequence[GuideItem]
    advice: Sequence[str]


def _item_rows(
    session: ProgramSession, exercises: Mapping[str, Exercise], language: str
) -> list[GuideItem]:
    rows = []
    for item in session.items:
        exercise = exercises[item.slug]
        dose = prescription_for(exercise.dose, item.dose).words().get(language)
        svg = figure_svg(exercise.slug, "static", language) if exercise.figure else None
        rows.append(
            GuideItem(
                name=exercise.name.get(language),
                dose=dose,
                breathing=exercise.breathing.get(language),
                instead=[exercises[i.slug].name.get(language) for i in item.instead],
                svg=svg,
            )
        )
    return rows


def guide_days(
    program: Program, exercises: Mapping[str, Exercise], language: str
) -> list[GuideDay]:
    """The program's days as printed: in words, in one language."""
    return [
        GuideDay(
            title=session.title.get(language),
            items=_item_rows(session, exercises, language),
            advice=[line.get(language) for line in session.advice],
        )
        for session in program.sessions
    ]


def _cover(
    program: Program,
    catalog: Catalog,
    language: str,
    styles: dict[str, ParagraphStyle],
    width: float,
) -> list[Flowable]:
    warnings = catalog.warnings
    how = [
        _(
            "Doe elke dag de oefeningen van die dag, rustig en zonder haast: "
            "ongeveer %(minutes)s minuten."
        )
        % {"minutes": program.minutes},
        _("Maak daarna de wandeling van die dag. Elke dag wordt hij iets langer."),
        _(
            "Je mag een oefening voelen, maar je pijn mag er niet erger door worden. "
            "Wordt hij erger, sla die oefening dan vandaag over."
        ),
        _("Twijfel je of je mag oefenen? Doe eerst de check ‘Mag ik trainen?’ in RugCoach."),
    ]
    return [
        Paragraph(text(_("Herstelgids voor je onderrug")), styles["title"]),
        Paragraph(text(program.name.get(language)), styles["heading"]),
        Paragraph(text(program.summary.get(language)), styles["body"]),
        Spacer(1, 2 * mm),
        Paragraph(text(program.who_for.get(language)), styles["body"]),
        Spacer(1, 3 * mm),
        Paragraph(f"<b>{text(warnings.guidance.get(language))}</b>", styles["body"]),
        Paragraph(text(_("Wanneer stop je en bel je iemand?")), styles["week"]),
        warning_box(WarningBox.of(warnings, language), styles, width),
        Paragraph(text(_("Zo gebruik je deze gids")), styles["week"]),
        *(Paragraph(f"• {text(line)}", styles["body"]) for line in how),
        Spacer(1, 2 * mm),
        Paragraph(
            text(_("Wat heb je nodig: een mat of een zachte ondergrond, en zin om te wandelen.")),
            styles["body"],
        ),
        Paragraph(text(_("De zeven dagen")), styles["week"]),
        *(Paragraph(f"• {text(s.title.get(language))}", styles["body"]) for s in program.sessions),
    ]


def _day(day: GuideDay, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    rows = []
    for item in day.items:
        words = [
            Paragraph(text(item.name), styles["name"]),
            Paragraph(text(item.dose), styles["dose"]),
            Paragraph(text(_("Adem")) + ": " + text(item.breathing), styles["cue"]),
        ]
        if item.instead:
            words.append(
                Paragraph(
                    text(_("Gaat deze niet? Neem: %(names)s") % {"names": ", ".join(item.instead)}),
                    styles["cue"],
                )
            )
        rows.append([Figure(svg_drawing(item.svg), FIGURE_WIDTH, FIGURE_HEIGHT), words])
    table = Table(
        rows, colWidths=[FIGURE_WIDTH + 4 * mm, width - FIGURE_WIDTH - 4 * mm], hAlign="LEFT"
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.5, LINE),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    advice = Table(
        [[[Paragraph("<b>" + text(_("Ook vandaag")) + "</b>", styles["body"]),
           *(Paragraph(f"• {text(line)}", styles["body"]) for line in day.advice)]]],
        colWidths=[width],
        hAlign="LEFT",
    )  # fmt: skip
    advice.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), YELLOW_SOFT),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
            ]
        )
    )
    return [
        PageBreak(),
        Paragraph(text(day.title), styles["title"]),
        table,
        Spacer(1, 4 * mm),
        KeepTogether([advice]),
    ]


def _answer(content: HeatOrCold, when: Mapping[str, tuple[str, ...]], language: str) -> str:
    """A rule's condition in words: each question with the answers that make it hold."""
    parts = []
    for question in content.questions:
        chosen = when.get(question.id)
        if not chosen:
            continue
        labels = [o.label.get(language) for o in question.options if o.id in chosen]
        parts.append(f"{question.text.get(language)} {' / '.join(labels)}")
    return " · ".join(parts)


def _heat_page(
    content: HeatOrCold, language: str, styles: dict[str, ParagraphStyle], width: float
) -> list[Flowable]:
    rows = [
        [
            Paragraph(text(_answer(content, rule.when, language)), styles["cell"]),
            [
                Paragraph(
                    f"<b>{text(content.advice[rule.advice].title.get(language))}</b>",
                    styles["cell"],
                ),
                Paragraph(text(rule.reason.get(language)), styles["cell"]),
            ],
        ]
        for rule in content.rules
    ]
    head = [
        Paragraph("<b>" + text(_("Als je antwoord is")) + "</b>", styles["cellhead"]),
        Paragraph("<b>" + text(_("Dan")) + "</b>", styles["cellhead"]),
    ]
    table = Table(
        [head, *rows], colWidths=[width * 0.42, width * 0.58], repeatRows=1, hAlign="LEFT"
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), YELLOW),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.6, LINE),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
            ]
        )
    )
    story: list[Flowable] = [
        PageBreak(),
        Paragraph(text(_("Warmte of kou?")), styles["title"]),
        Paragraph(
            text(_("Lees van boven naar beneden: de eerste regel die bij je past, geldt.")),
            styles["subtitle"],
        ),
        table,
    ]
    cards = []
    for kind in ("heat", "cold"):
        card = content.advice[kind]
        cell: list[Flowable] = [
            Paragraph(text(card.title.get(language)), styles["heading"]),
            Paragraph(text(card.summary.get(language)), styles["body"]),
        ]
        if card.how_long:
            cell.append(Paragraph(f"<b>{text(card.how_long.get(language))}</b>", styles["body"]))
        cell += [Paragraph(f"• {text(line)}", styles["body"]) for line in card.how.get(language)]
        cell.append(Paragraph("<b>" + text(_("Niet doen")) + "</b>", styles["body"]))
        cell += [Paragraph(f"• {text(line)}", styles["body"]) for line in card.do_not.get(language)]
        cards.append(cell)
    pair = Table([cards], colWidths=[width / 2, width / 2], hAlign="LEFT")
    pair.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOX", (0, 0), (0, 0), 0.6, LINE),
                ("BOX", (1, 0), (1, 0), 0.6, LINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
            ]
        )
    )
    check = content.advice["safety_check"]
    story += [
        Spacer(1, 4 * mm),
        pair,
        Spacer(1, 4 * mm),
        Paragraph(text(check.title.get(language)), styles["alarm"]),
        Paragraph(text(check.summary.get(language)), styles["body"]),
    ]
    return story


def guide_pdf(language: str) -> bytes:
    """The guide in ``language`` (seconds: call it from the task worker, never a request;
    ``guide_files.store_guide``)."""
    catalog = get_catalog()
    program = catalog.programs.programs[PROGRAM]
    heat = catalog.knowledge.heat
    with translation.override(language):
        styles = paragraph_styles()
        buffer = io.BytesIO()
        brand = f"{settings.RUGCOACH_GYM_NAME} · RugCoach"
        title = _("Herstelgids voor je onderrug")
        doc = document(buffer, A4, f"{title} · {brand}", brand)
        story = _cover(program, catalog, language, styles, doc.width)
        for day in guide_days(program, catalog.exercises, language):
            story += _day(day, styles, doc.width)
        story += _heat_page(heat, language, styles, doc.width)
        decorate = page_decoration(catalog.warnings.footer_lines(language), brand)
        doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()
