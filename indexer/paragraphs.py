"""Clean blocks into typed, numbered paragraphs: preamble, operative paragraphs, subparagraphs, footnotes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from indexer.clean_blocks import Block
from indexer.model import Paragraph
from indexer.paragraph_order import attach_footnotes, give_sections, numbered_ids_first
from indexer.verbs import ADVERBS, lemma

_OPERATIVE = re.compile(r"^(\d{1,3})\.\s+(?=\S)")
# "(mm)" glued to its text still labels an item: "(mm)Encourages"
_SUB = re.compile(r"^\(([a-z]{1,5}|\d{1,2})\)(?:\s+(?=\S)|(?=[A-Z“‘]))")
# "The General Assembly, recalling ..., decides:" then (a), (b): the items are the decision's paragraphs
_DECISION_CHAPEAU = re.compile(
    r"^The (?:General Assembly|Security Council|Economic and Social Council)\b"
)
_ROMAN = re.compile(r"^(?=[ivxl]+$)x{0,3}(ix|iv|v?i{0,3})$")
_ANNEX = re.compile(r"^Annex(?:\s+([IVX]+|\d+))?$")
# Parts of one resolution ("I", "B") or of an annexed instrument ("Article 5") restart the numbering
_SECTION = re.compile(r"^(?:([IVX]{1,5}|[A-H])|Article\s+(\d{1,3}))(?:\.|\s|$)")
_PARTICIPLE = re.compile(
    r"^(?:[A-Z][a-z]+ing|Having|Bearing|Mindful|Aware|Conscious|Convinced|Deeply|Gravely|Alarmed|"
    r"Concerned|Determined|Desirous|Guided|Fully|Seriously|Profoundly|Further|Also|Cognizant|"
    r"Encouraged|Pursuant)\b"
)

_FORMULA = re.compile(
    r"^The (?:General Assembly|Security Council|Economic and Social Council)[,:]?$"
)
HEADING_WORDS = 30  # a bold block longer than this is emphasised text, not a title
LeadVerb = Callable[[str, str], tuple[str | None, str | None]]


@dataclass
class _State:
    prefix: str = ""  # "annex-" inside an annex
    section: str = ""  # "ii", "art5": used when a restarted number would repeat an id
    preambular: int = 0
    unnumbered: int = 0
    operative: Paragraph | None = None
    letter: Paragraph | None = None
    seen_operative: bool = False
    listing: bool = False  # inside a list that a colon announced
    taken: set[str] = field(default_factory=set)  # ids given so far


def build_paragraphs(
    body: list[Block], footnotes: list[Block], lead_and_verb: LeadVerb
) -> list[Paragraph]:
    """Paragraphs in document order, each footnote right after the paragraph that cites it."""
    paragraphs: list[Paragraph] = []
    state = _State()
    body = _ocr_roman_one(body)
    first_op = next((i for i, b in enumerate(body) if re.match(r"^1\.\s", b.text)), None)
    for index, block in enumerate(body):
        if block.zone == "table":
            paragraphs.append(_table(block, state, paragraphs))
            continue
        if _FORMULA.match(block.text):
            continue  # part B's own "The General Assembly": as the document's, no paragraph
        annex = _ANNEX.match(block.text)
        if annex:
            label = (annex.group(1) or "").lower()
            state = _State(prefix=f"annex{label}-", seen_operative=True, taken=state.taken)
            paragraphs.append(_heading(block, state, paragraphs))
            continue
        section = _SECTION.match(block.text)
        if section and (_is_heading(block.text) or _is_bold_heading(block)):
            state.section = (section.group(1) or "").lower() or f"art{section.group(2)}"
            paragraphs.append(_heading(block, state, paragraphs))
            continue
        if _is_bold_heading(block):
            paragraphs.append(_heading(block, state, paragraphs))
            continue
        in_preamble = first_op is not None and index < first_op and not state.prefix
        in_preamble = in_preamble or (
            not state.seen_operative and _preamble_list(paragraphs) is not None
        )
        if in_preamble and not state.seen_operative and not _acts(block, paragraphs):
            _preamble(block, state, paragraphs)
            continue
        paragraph = _classify(block, state, paragraphs)
        if paragraph is not None:
            paragraphs.append(paragraph)
    for paragraph in paragraphs:
        paragraph.lead, paragraph.verb = lead_and_verb(paragraph.text, paragraph.kind)
    numbered_ids_first(paragraphs)
    give_sections(paragraphs)
    return attach_footnotes(paragraphs, footnotes)


def _heading(block: Block, state: _State, done: list[Paragraph]) -> Paragraph:
    """A section title is a paragraph of its own: searchable, never numbered or counted."""
    count = 1 + sum(1 for p in done if p.kind == "heading")
    pid = _unique(f"{state.prefix}h{count}", state.taken, state)
    state.operative = state.letter = None
    state.listing = False
    return _keep(block, Paragraph(pid, "heading", None, block.text, page=block.page))


def _table(block: Block, state: _State, done: list[Paragraph]) -> Paragraph:
    """A table (a budget annex's rows of figures) is one paragraph, a row a line, never numbered."""
    count = 1 + sum(1 for p in done if p.kind == "table")
    pid = _unique(f"{state.prefix}table{count}", state.taken, state)
    return _keep(block, Paragraph(pid, "table", None, block.text, page=block.page))


def _is_bold_heading(block: Block) -> bool:
    """Set in bold, short, and not a numbered paragraph or a list item: a title the layout shows."""
    words = len(block.text.split())
    return (
        block.bold
        and words <= HEADING_WORDS
        and not _OPERATIVE.match(block.text)
        and not (block.text.endswith((",", ";", ":")))
    )


def _acts(block: Block, done: list[Paragraph]) -> bool:
    """An unnumbered paragraph opening with a verb in the present tense ("Adopts", "Resolves that:")
    is operative: the preamble ends there even when numbered text (an annexed declaration) follows."""
    if done and done[-1].text.endswith(":"):
        return False  # quoted text the paragraph before announced
    words = block.text.split()[:4]
    while words and words[0].lower() in ADVERBS:
        words = words[1:]
    head = words[0].strip(",:") if words else ""
    verb = lemma(head)
    return head[:1].isupper() and head.endswith("s") and verb is not None and verb != head.lower()


def _preamble(block: Block, state: _State, done: list[Paragraph]) -> None:
    """Before operative paragraph 1 everything is preamble; a list a colon announces is its items."""
    sub = _SUB.match(block.text)
    owner = _preamble_list(done)
    fresh = not sub and _starts_sentence(block.text)
    if sub and owner is not None:  # "...grounded in six key focus areas: (a) Investing in people"
        label = sub.group(1)
        pid = _unique(f"{owner.id}{label}", state.taken, state)
        number = f"{owner.number} ({label})"
        item = Paragraph(pid, "subparagraph", number, block.text[sub.end() :], parent=owner.id)
        item.page = block.page
        done.append(_keep(block, item))
        return
    if owner is not None and done[-1].kind == "subparagraph" and not fresh:
        _continue(done[-1], block)  # an item broken by a page break
        return
    previous = done[-1] if done and done[-1].kind == "preambular" else None
    if previous is None or (
        fresh and previous.text.endswith((",", ".")) and not _is_heading(block.text)
    ):
        done.append(_preambular(block, state, done))
    elif not _is_heading(block.text) or previous.text.endswith(":"):
        _continue(done[-1], block)
    else:
        done.append(_heading(block, state, done))


def _preamble_list(done: list[Paragraph]) -> Paragraph | None:
    """The preambular paragraph whose list is open: it ends with a colon, or its items came last."""
    last = done[-1] if done else None
    if last is not None and last.kind == "preambular" and last.text.endswith(":"):
        return last
    if last is not None and last.kind == "subparagraph" and (last.parent or "").startswith("pp"):
        return next((p for p in reversed(done) if p.id == last.parent), None)
    return None


def _classify(block: Block, state: _State, done: list[Paragraph]) -> Paragraph | None:
    text, page = block.text, block.page
    op = _OPERATIVE.match(text)
    if op:
        number = op.group(1)
        state.seen_operative, state.letter, state.listing = True, None, False
        pid = _unique(f"{state.prefix}op{number}", state.taken, state)
        state.operative = Paragraph(pid, "operative", number, text[op.end() :], page=page)
        return _keep(block, state.operative)
    sub = _SUB.match(text)
    if sub and state.operative is not None:
        return _keep(block, _subparagraph(sub.group(1), text[sub.end() :], page, state, done))
    if sub and not _ROMAN.match(sub.group(1)):  # a decision lettered (a), (b) without numbers
        label = sub.group(1)
        state.seen_operative = True
        pid = _unique(f"{state.prefix}op{label}", state.taken, state)
        return _keep(block, Paragraph(pid, "operative", f"({label})", text[sub.end() :], page=page))
    listing = done and (done[-1].text.endswith(":") or state.listing)
    if listing and state.seen_operative and not text.endswith((";", ".")):
        state.listing = True  # items of a list announced by a colon ("the following documents:")
        _continue(done[-1], block)
        return None
    if _is_heading(text):
        return _heading(block, state, done)
    state.listing = False
    preamble_like = text.endswith(",") and _PARTICIPLE.match(text)
    if preamble_like or (
        not state.seen_operative and (text.endswith(",") or _PARTICIPLE.match(text))
    ):
        state.operative = state.letter = None
        return _preambular(block, state, done)
    continues = done and (done[-1].text.endswith(":") or not _starts_sentence(text))
    numbered = state.operative is not None and state.operative.number is not None
    if state.seen_operative and done and (continues or numbered):
        _continue(done[-1], block)  # quoted text after "reading:", a chapeau's continuation
        return None
    state.seen_operative = True
    state.unnumbered += 1
    state.operative = state.letter = None
    pid = _unique(f"{state.prefix}op{state.unnumbered}", state.taken, state)
    paragraph = Paragraph(pid, "operative", None, text, page=page)
    if text.endswith(":") and not _DECISION_CHAPEAU.match(text):
        state.operative = paragraph  # "Decides:" owns the lettered items after it
    return _keep(block, paragraph)


def _preambular(block: Block, state: _State, done: list[Paragraph]) -> Paragraph:
    state.preambular += 1
    number = str(state.preambular)
    pid = _unique(f"{state.prefix}pp{number}", state.taken, state)
    return _keep(block, Paragraph(pid, "preambular", number, block.text, page=block.page))


def _subparagraph(
    label: str, text: str, page: int, state: _State, done: list[Paragraph]
) -> Paragraph:
    parent = state.operative
    assert parent is not None
    letter = state.letter
    roman = bool(_ROMAN.match(label)) and not (letter and _follows(letter.number, label))
    if roman:  # (i) under (a) is op5a-i; directly under its operative paragraph, op1-i
        owner = letter or parent
        pid = _unique(f"{owner.id}-{label}", state.taken, state)
        number = f"{owner.number} ({label})"
        return Paragraph(pid, "subparagraph", number, text, parent=parent.id, page=page)
    number = f"{parent.number} ({label})" if parent.number else f"({label})"
    pid = _unique(f"{parent.id}{label}", state.taken, state)
    state.letter = Paragraph(pid, "subparagraph", number, text, parent=parent.id, page=page)
    return state.letter


def _ocr_roman_one(body: list[Block]) -> list[Block]:
    """OCR reads "(i)" as "(1)": it is "(i)" when "(ii)" follows within a few blocks."""
    for index, block in enumerate(body):
        if block.text.startswith("(1) ") and any(
            b.text.startswith("(ii) ") for b in body[index + 1 : index + 4]
        ):
            block.text = "(i) " + block.text[4:]
    return body


def _follows(number: str | None, label: str) -> bool:
    """'(i)' after '(h)' is a letter, not a roman numeral."""
    last = (number or "").rsplit("(", 1)[-1].rstrip(")")
    return len(last) == 1 and len(label) == 1 and ord(label) == ord(last) + 1


def _keep(block: Block, paragraph: Paragraph) -> Paragraph:
    paragraph.footnotes = list(block.refs)
    return paragraph


def _continue(paragraph: Paragraph, block: Block) -> None:
    paragraph.text += " " + block.text
    paragraph.footnotes += block.refs


def _unique(pid: str, taken: set[str], state: _State | None = None) -> str:
    """Ids are page anchors: a repeated number takes its section's name, else a counter."""
    if pid in taken and state is not None and state.section:
        pid = f"{state.prefix}{state.section}-{pid.removeprefix(state.prefix)}"
    base, n = pid, 2
    while pid in taken:
        pid, n = f"{base}-{n}", n + 1
    taken.add(pid)
    return pid


def _is_heading(text: str) -> bool:
    """Section titles ('I', 'Oceans and the law of the sea') carry no paragraph of their own."""
    short = len(text.split()) <= 12 and not re.search(r"[,;:.]$", text)
    return short and not _PARTICIPLE.match(text)


def _starts_sentence(text: str) -> bool:
    return text[:1].isupper() or text[:1] in '“‘"('
