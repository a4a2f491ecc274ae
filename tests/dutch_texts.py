"""Collect every Dutch text a member can reach and scan it for formal or English words.

Three homes of member-visible Dutch: the strings templates translate, the msgids of our own
catalogue (Dutch is the source language), and the `nl` texts in `content/` YAML. The scan
is deliberately simple (whole words only) so a hit is easy to read and fix; the word lists
below say why each word is or is not in them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# Formal address: we say "je"/"jij"/"jouw" to every member.
FORMAL = frozenset({"u", "uw", "uzelf", "u'", "uwe"})

# Common English words that are not also Dutch words. Left out on purpose because Dutch
# uses them too: of (or), is, in, me, we, die, over, was, had, been (leg), door (through),
# want (because), let (as in "let op"), hand, dan, do (Thursday), rest, plan, test, start,
# stop, tip, hard, man, as (axis), an (a name), at (ate), op.
ENGLISH = frozenset(
    {
        "the",
        "your",
        "you",
        "you're",
        "yours",
        "this",
        "these",
        "those",
        "with",
        "and",
        "please",
        "click",
        "here",
        "there",
        "where",
        "what",
        "when",
        "which",
        "who",
        "why",
        "how",
        "should",
        "would",
        "could",
        "will",
        "can",
        "cannot",
        "can't",
        "don't",
        "doesn't",
        "isn't",
        "from",
        "that",
        "they",
        "them",
        "their",
        "our",
        "it",
        "it's",
        "its",
        "to",
        "for",
        "or",
        "but",
        "not",
        "are",
        "were",
        "has",
        "have",
        "yes",
        "back",
        "now",
        "more",
        "than",
        "then",
        "about",
        "into",
        "onto",
        "only",
        "also",
        "very",
        "some",
        "any",
        "each",
        "every",
        "after",
        "before",
        "because",
        "while",
        "until",
        "again",
        "up",
        "down",
        "out",
        "off",
        "on",
        "if",
        "by",
        "get",
        "see",
        "time",
        "day",
        "days",
        "weeks",
        "minutes",
        "my",
    }
)

# Gym words (and names) the guide itself uses in Dutch text; removed before the scan.
ALLOWED_PHRASES = (
    "bird dog",
    "dead bug",
    "core",
    "workout",
    "plank",
    "side plank",
    "set",
    "sets",
)

# Placeholders are filled in by code, not read: %(name)s, {name}, {{ name }}, {% tag %}.
PLACEHOLDER = re.compile(r"%\([^)]*\)[sd]|\{\{.*?\}\}|\{%.*?%\}|\{[a-z_]+\}")
# A hyphenated loanword is one word: "cooling-down", "sit-up" and "roll-out" are Dutch.
WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['-][A-Za-zÀ-ÿ]+)*")


@dataclass(frozen=True)
class Text:
    where: str
    text: str


@dataclass(frozen=True)
class Fault:
    where: str
    word: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.word!r} in {self.text!r}"


def words(text: str) -> list[str]:
    """The words of a text, placeholders and allowed gym words taken out, in lower case."""
    text = PLACEHOLDER.sub(" ", text)
    lowered = text.lower()
    for phrase in ALLOWED_PHRASES:
        lowered = re.sub(rf"\b{re.escape(phrase)}\b", " ", lowered)
    return WORD.findall(lowered)


# Forms issue 11 §5 found and fixed: split compounds and stiff phrases that must not return.
WRONG_PHRASES = (
    "terug zakken",
    "omhoog gaat",
    "omhoog gaan",
    "omhoog komt",
    "omhoog komen",
    "achterover leunen",
    "voorover buigen",
    "rugextensie-machine",
    "bruggetjes-test",
    "4-weken schema",
    "4-weken plan",
    "agenda-link",
    "elke hoeveel minuten",
    "wat zeg je?",
    "eventueel een tussen",
)
WRONG_PHRASE = re.compile("|".join(rf"(?<!\w){re.escape(p)}(?!\w)" for p in WRONG_PHRASES))


def faults(texts: Iterator[Text] | list[Text]) -> list[Fault]:
    found = []
    for item in texts:
        for word in words(item.text):
            if word in FORMAL or word in ENGLISH:
                found.append(Fault(item.where, word, item.text))
        found += [
            Fault(item.where, match.group(0), item.text)
            for match in WRONG_PHRASE.finditer(PLACEHOLDER.sub(" ", item.text).lower())
        ]
    return found


# --- collectors ---------------------------------------------------------------------------

TRANSLATE = re.compile(r"""\{%\s*translate\s+(["'])(.*?)\1""", re.S)
BLOCKTRANSLATE = re.compile(
    r"\{%\s*blocktranslate\b[^%]*%\}(.*?)\{%\s*endblocktranslate\s*%\}", re.S
)


def template_texts(root: Path = ROOT) -> Iterator[Text]:
    """The strings templates mark for translation: Dutch source text."""
    for path in sorted((root / "rugcoach" / "templates").rglob("*")):
        if path.suffix not in {".html", ".txt"}:
            continue
        source = path.read_text(encoding="utf-8")
        where = str(path.relative_to(root))
        for match in TRANSLATE.finditer(source):
            yield Text(where, match.group(2))
        for match in BLOCKTRANSLATE.finditer(source):
            # {% plural %} splits singular and plural; both are Dutch.
            yield Text(where, match.group(1).replace("{% plural %}", " "))


def _po_string(lines: list[str]) -> str:
    return "".join(re.sub(r'^(?:msgid|msgid_plural)?\s*"(.*)"$', r"\1", line) for line in lines)


def po_texts(root: Path = ROOT) -> Iterator[Text]:
    """Msgids of our catalogue, except strings only the Django admin shows."""
    path = root / "locale" / "en" / "LC_MESSAGES" / "django.po"
    entries = path.read_text(encoding="utf-8").split("\n\n")
    for entry in entries:
        references: list[str] = []
        current: list[str] | None = None
        ids: list[list[str]] = []
        for line in entry.splitlines():
            if line.startswith("#:"):
                references += line[2:].split()
            elif line.startswith(("msgid ", "msgid_plural ")):
                current = [line]
                ids.append(current)
            elif line.startswith("msgstr"):
                current = None
            elif line.startswith('"') and current is not None:
                current.append(line)
        if not ids or (references and all("/admin.py" in r for r in references)):
            continue
        where = f"django.po ({references[0] if references else 'header'})"
        for lines in ids:
            text = _po_string(lines).replace('\\"', '"').replace("\\n", "\n")
            if text:
                yield Text(where, text)


def _nl_strings(node: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "nl":
                values = value if isinstance(value, list) else [value]
                for index, text in enumerate(values):
                    if isinstance(text, str):
                        yield f"{path}.nl[{index}]", text
            else:
                yield from _nl_strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _nl_strings(item, f"{path}[{index}]")


def content_texts(root: Path = ROOT) -> Iterator[Text]:
    """Every `nl` text in the content YAML (English notes and sources have no `nl` key)."""
    content = root / "content"
    for path in sorted(content.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for where, text in _nl_strings(data, ""):
            yield Text(f"{path.relative_to(root)}{where}", text)


def all_texts(root: Path = ROOT) -> list[Text]:
    return [*template_texts(root), *po_texts(root), *content_texts(root)]
