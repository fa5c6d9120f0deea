"""UN Digital Library exports (MARCXML): the metadata the Library records about each document.

A user exports a search result list from digitallibrary.un.org and drops the file into the source tree;
the file is recognised by its content (MARC21 slim XML), whatever its name. Fields read:
191 symbol, 245 title and sponsors, 269 date, 515 additional sponsors, 650 UNBIS subjects,
710 sponsor names, 991 agenda item with its title, 993 related documents.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from corpus.igov import normalise_item
from indexer.sponsors import member_states, split_sponsors

MARC = "http://www.loc.gov/MARC21/slim"
RECORD_URL = "https://digitallibrary.un.org/record/{}"
SNIFF_BYTES = 4096
_NS = {"m": MARC}
_ADDITIONAL = re.compile(r"^\s*Additional\s+sponsors?\s*:\s*", re.IGNORECASE)
_TRAILING_SOURCE = re.compile(r"\s*\((?:[A-Z]+/[^)]*)\)\s*$")
# The Library's short forms of Member States' names, as the documents print them
_LIBRARY_NAMES = {
    "United Kingdom": "United Kingdom of Great Britain and Northern Ireland",
    "United States": "United States of America",
    "Bahamas (The)": "Bahamas",
}


@dataclass
class Related:
    """A document the Library links to this one: its adopted resolution, its draft, a report."""

    symbol: str
    relation: str  # "resolution", "draft", "related"


@dataclass
class UndlRecord:
    """One Library record, values as the Library gives them (mis-encodings repaired)."""

    symbol: str
    record_id: str | None = None
    title: str | None = None
    date: str | None = None
    sponsors: list[str] = field(default_factory=list)
    additional_sponsors: list[str] = field(default_factory=list)
    agenda: dict[str, str | None] = field(default_factory=dict)  # "71 (b)" -> title (or None)
    subjects: list[str] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)

    @property
    def url(self) -> str | None:
        return RECORD_URL.format(self.record_id) if self.record_id else None


def looks_like_marcxml(head: bytes) -> bool:
    """The first bytes of a MARC21 slim XML file (an export), whatever the file is called."""
    text = head[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    return (
        text.startswith((b"<?xml", b"<collection", b"<record", b"<marc:")) and MARC.encode() in text
    )


def is_marcxml(path: Path) -> bool:
    try:
        with Path(path).open("rb") as handle:
            return looks_like_marcxml(handle.read(SNIFF_BYTES))
    except OSError:
        return False


def read_export(path: Path) -> list[UndlRecord]:
    """Every record with a symbol; raises ValueError when the file is not well-formed XML."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise ValueError(f"{path}: not well-formed MARCXML ({error})") from error
    records = [root] if root.tag == f"{{{MARC}}}record" else root.iter(f"{{{MARC}}}record")
    return [r for r in (parse_record(element) for element in records) if r is not None]


def parse_record(element: ET.Element) -> UndlRecord | None:
    symbol = _first(element, "191", "a")
    if not symbol:
        return None
    record = UndlRecord(symbol=" ".join(symbol.split()), record_id=_control(element, "001"))
    title = _first(element, "245", "a")
    record.title = re.sub(r"\s*[:/;]\s*$", "", title) if title else None
    record.date = _first(element, "269", "a")
    names = [v for v in _values(element, "710", "a")]
    statement = _first(element, "245", "c")
    record.sponsors = [state_name(n) for n in names or split_sponsors(statement or "")]
    for note in _values(element, "515", "a"):
        record.additional_sponsors += [state_name(n) for n in additional_sponsors(note)]
    for datafield in element.findall("m:datafield[@tag='991']", _NS):
        item = normalise_item(_subfield(datafield, "b") or "")
        if item:
            title = _subfield(datafield, "c")
            record.agenda[item] = title.rstrip(" .") if title else None
    record.subjects = list(dict.fromkeys(_values(element, "650", "a")))
    for symbol_value in _values(element, "993", "a"):
        record.related.append(Related(symbol_value, relation_of(symbol_value)))
    return record


def additional_sponsors(note: str) -> list[str]:
    """'Additional sponsors: X, Y and Z (A/78/481/Add.2).' -> [X, Y, Z]; other notes -> []."""
    match = _ADDITIONAL.match(note)
    if not match:
        return []
    text = note[match.end() :].split(" - ", 1)[0].strip().rstrip(".")
    return split_sponsors(_TRAILING_SOURCE.sub("", text))


def state_name(name: str) -> str:
    """A Member State as the documents print it: "United States" -> "United States of America",
    "Côte d'Ivoire" -> "Côte d’Ivoire" (the official names use the typographic apostrophe)."""
    name = _LIBRARY_NAMES.get(name, name)
    wanted = name.replace("'", "’")
    return next((state for state in member_states() if state == wanted), name)


def relation_of(symbol: str) -> str:
    upper = symbol.upper()
    if "/RES/" in upper:
        return "resolution"
    if "/L." in upper:
        return "draft"
    return "related"


def repair(text: str) -> str:
    """UTF-8 read as Latin-1 ('CÃ´te d'Ivoire') back to what it was ("Côte d'Ivoire")."""
    if "Ã" not in text and "Â" not in text:
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        try:
            return text.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return text


def _control(element: ET.Element, tag: str) -> str | None:
    found = element.find(f"m:controlfield[@tag='{tag}']", _NS)
    return found.text.strip() if found is not None and found.text else None


def _values(element: ET.Element, tag: str, code: str) -> list[str]:
    values = []
    for datafield in element.findall(f"m:datafield[@tag='{tag}']", _NS):
        value = _subfield(datafield, code)
        if value:
            values.append(value)
    return values


def _first(element: ET.Element, tag: str, code: str) -> str | None:
    values = _values(element, tag, code)
    return values[0] if values else None


def _subfield(datafield: ET.Element, code: str) -> str | None:
    found = datafield.find(f"m:subfield[@code='{code}']", _NS)
    if found is None or not found.text:
        return None
    return " ".join(repair(found.text).split())
