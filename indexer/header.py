"""Document metadata from the lines before the enacting formula; a value not printed stays None."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer import vocab
from indexer.sponsors import split_sponsors, starts_with_state

MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_DATE = re.compile(r"\b(\d{1,2})\s+([A-Z][a-z]{2,}\]?)\s+(\d{4})\b")
_SYMBOL_LINE = re.compile(r"^United Nations\s+([A-Z]/\S+)$")
_SYMBOL = re.compile(r"^(?:A|E|S)/[A-Z0-9.\-/]+(?:/Rev\.\d+)?$")
_SESSION = re.compile(r"^([A-Z][a-z]+(?:-[a-z]+)?) session$")
_AGENDA = re.compile(
    r"^(?:Agenda items?|Items?) (.+?)(?: of the (?:provisional|preliminary) (?:agenda|list))?\**$"
)
_ACTION = re.compile(r":[\s*,]*(draft resolution|draft decision|amendments?\b.*)$", re.IGNORECASE)
_SUBMITTED = re.compile(r"^Draft (resolution|decision)s? (submitted|proposed) by\b")
_ADOPTED = re.compile(
    r"^(Resolution|Decision) adopted by the (General Assembly|Security Council|Economic and Social Council)"
)
_RES_TITLE = re.compile(r"^(\d+/\d+|[A-Z]+-\d+/\d+)\.\s+(.*)$")
_REPORT = re.compile(
    r"\[(?:on the report of the (Special Political and Decolonization|\w+) Committee"
    r"|(without reference to a Main Committee))"
)
_SC_NUMBER = re.compile(
    r"^(?:Resolution\s+(\d+)(?:\s+\((\d{4})\))?|(\d+)\s+\((\d{4})\))", re.IGNORECASE
)
_CONTINUES = {"the", "of", "by", "on", "following", "and", "to", "in", "with", "at", "for", "a"}
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}  # fmt: skip


@dataclass
class HeaderMeta:
    """What a header states; parse.py copies every non-empty value into the Resolution."""

    symbol: str | None = None
    body: str | None = None
    doc_type: str | None = None
    session: int | None = None
    committee: str | None = None
    agenda_items: list[str] = field(default_factory=list)
    agenda_title: str | None = None
    sponsors: list[str] = field(default_factory=list)
    date: str | None = None
    title: str | None = None
    resolution_number: str | None = None
    adoption_date: str | None = None


def parse_header(lines: list[str], formula: str | None = None) -> HeaderMeta:
    """Read the header lines in order; each kind of line fills its field once."""
    meta = HeaderMeta()
    lines = [line.strip() for line in lines if line.strip()]
    text = " ".join(lines)
    for index, line in enumerate(lines):
        if meta.symbol is None and (match := _SYMBOL_LINE.match(line)):
            meta.symbol = match.group(1).rstrip("*")  # "A/RES/78/68*": a reissue, same symbol
        elif meta.symbol is None and index < 3 and _SYMBOL.match(line.rstrip("*")):
            meta.symbol = line.rstrip("*")
        elif meta.session is None and (match := _SESSION.match(line)):
            meta.session = ordinal(match.group(1))
        elif not meta.agenda_items and (match := _AGENDA.match(line)):
            meta.agenda_items = agenda_items(match.group(1))
            meta.agenda_title = _agenda_title(lines[index + 1 :])
        elif meta.committee is None and line in vocab.COMMITTEES:
            meta.committee = line
        elif meta.date is None and (date := iso_date(line)) and not _ADOPTED.match(line):
            meta.date = date
    _actions(lines, meta)
    _adoption(text, meta)
    _resolution_title(lines, meta)
    _security_council(lines, meta)
    _from_symbol(meta)
    if meta.body is None and formula:
        meta.body = vocab.body(formula.removeprefix("The ").rstrip(",:"))
    return meta


def ordinal(words: str) -> int | None:
    """'Seventy-fourth' -> 74; 'Eightieth' -> 80."""
    parts = words.lower().split("-")
    if len(parts) == 1:
        return _ORDINAL_WORDS.get(parts[0])
    tens, unit = _TENS.get(parts[0]), _ORDINAL_WORDS.get(parts[1])
    return tens + unit if tens and unit and unit < 10 else None


def iso_date(text: str) -> str | None:
    """The first '5 November 2019' in text as 2019-11-05 (OCR's 'Apri]' still reads as April)."""
    match = _DATE.search(text)
    if not match:
        return None
    month = match.group(2)[:3].lower()
    if month not in MONTHS:
        return None
    return f"{match.group(3)}-{MONTHS.index(month) + 1:02d}-{int(match.group(1)):02d}"


def agenda_items(printed: str) -> list[str]:
    """'71 (c)' -> ['71 (c)']; '12 and 115' -> ['12', '115']; '20 (a) and (b)' kept as printed."""
    printed = printed.rstrip("*").strip()
    return [item.strip() for item in re.split(r",\s*|\s+and\s+(?=\d)", printed) if item.strip()]


def _agenda_title(after: list[str]) -> str | None:
    """Lines after the agenda item up to the sponsors, the 'submitted by' or 'adopted by' line."""
    title: list[str] = []
    for line in after:
        if _ACTION.search(line) or _SUBMITTED.match(line) or _ADOPTED.match(line):
            break
        if title and starts_with_state(line):
            break
        title.append(line)
    reached_the_end = len(title) == len(after)
    return None if reached_the_end or not title else " ".join(title)


def _actions(lines: list[str], meta: HeaderMeta) -> None:
    """Sponsors and the document title, around the ': draft resolution' or 'submitted by' line."""
    for index, line in enumerate(lines):
        if line.rstrip("*").endswith(":") and index + 1 < len(
            lines
        ):  # ":*" then "draft resolution"
            joined = f"{line} {lines[index + 1]}"
            if _ACTION.search(joined) and not _ACTION.search(line):
                lines = [*lines[:index], joined, *lines[index + 2 :]]
                line = joined
        if match := _ACTION.search(line):
            start = index
            while start > 0 and _sponsor_continues(lines[start - 1], lines[start]):
                start -= 1
            block = " ".join(lines[start : index + 1])
            meta.sponsors = split_sponsors(block[: block.rfind(":")])
            kind = match.group(1).lower()
            meta.doc_type = meta.doc_type or ("decision" if "decision" in kind else None)
            meta.title = meta.title or _joined(lines[index + 1 :])
            return
        if match := _SUBMITTED.match(line):
            end = index
            while end + 1 < len(lines) and _action_continues(lines[end], lines[end + 1]):
                end += 1
            meta.doc_type = meta.doc_type or ("decision" if match.group(1) == "decision" else None)
            meta.title = meta.title or _joined(lines[end + 1 :])
            return


def _sponsor_continues(previous: str, line: str) -> bool:
    """Whether the line before belongs to the same sponsor list."""
    if _AGENDA.match(previous) or previous in vocab.COMMITTEES or _SESSION.match(previous):
        return False
    ends_list = previous.endswith((",", " and")) or line[:1] in "(" or line[:1].islower()
    return ends_list or (starts_with_state(line) is False and starts_with_state(previous))


def _action_continues(line: str, following: str) -> bool:
    last = line.rsplit(" ", 1)[-1].lower()
    return last in _CONTINUES or following[:1].islower()


def _adoption(text: str, meta: HeaderMeta) -> None:
    """'Resolution adopted by the General Assembly on 17 December 2024 [on the report of ...]'."""
    adopted = re.search(
        r"(?:Resolution|Decision) adopted by the [A-Za-z ]+? on (\d{1,2} \w+ \d{4})", text
    )
    if adopted:
        meta.adoption_date = iso_date(adopted.group(1))
    if report := _REPORT.search(text):
        meta.committee = "Plenary" if report.group(2) else vocab.committee(report.group(1))


def _resolution_title(lines: list[str], meta: HeaderMeta) -> None:
    """'80/1. Participation by ...' after the adoption line: number and title of a resolution."""
    for index, line in enumerate(lines):
        if match := _RES_TITLE.match(line):
            meta.resolution_number = meta.resolution_number or match.group(1)
            meta.title = meta.title or _joined([match.group(2), *lines[index + 1 :]])
            return


def _security_council(lines: list[str], meta: HeaderMeta) -> None:
    """'Resolution 242 (1967) / of 22 November 1967': number, symbol and date of an SC text."""
    for index, line in enumerate(lines):
        if (match := _SC_NUMBER.match(line)) and (index < 4 or meta.symbol is None):
            date = iso_date(" ".join(lines[index : index + 3]))
            year = match.group(2) or match.group(4) or (date[:4] if date else None)
            number = match.group(1) or match.group(3)
            number = f"{number} ({year})" if year else number
            meta.resolution_number = meta.resolution_number or number
            meta.symbol = meta.symbol or f"S/RES/{number}"
            meta.body = meta.body or "Security Council"
            meta.doc_type = meta.doc_type or "resolution"
            meta.date = meta.date or date
            return


def _from_symbol(meta: HeaderMeta) -> None:
    """What the symbol itself says: body, type, session, committee, resolution number."""
    symbol = meta.symbol
    if not symbol:
        return
    meta.body = meta.body or {"A": "General Assembly", "E": "Economic and Social Council", "S": "Security Council"}.get(symbol[0])  # fmt: skip
    if match := re.match(r"^A/RES/(\d+)/(\d+)", symbol):
        meta.doc_type = meta.doc_type or "resolution"
        meta.session = meta.session or int(match.group(1))
        meta.resolution_number = meta.resolution_number or f"{match.group(1)}/{match.group(2)}"
    elif match := re.match(r"^A/(?:C\.(\d)/)?(\d+)/L\.\d+(/Rev\.\d+)?", symbol):
        revised = match.group(3) is not None
        meta.doc_type = meta.doc_type or (
            "revised draft resolution" if revised else "draft resolution"
        )
        meta.session = meta.session or int(match.group(2))
        committee = vocab.COMMITTEES[int(match.group(1)) - 1] if match.group(1) else "Plenary"
        meta.committee = meta.committee or committee


def _joined(lines: list[str]) -> str | None:
    return " ".join(lines).strip() or None
