"""Field values as typed -> the values the indexer stores, so committee:C.3 finds "Third Committee"."""

from __future__ import annotations

import re

from indexer import vocab
from indexer.cites import CITE_SHAPE as _CITE_SHAPE
from indexer.cites import normalise as normalise_cite
from indexer.sponsors import canonical_sponsor
from indexer.verbs import lemma
from search.api import QueryError
from search.ast import NUMERIC_FIELDS, FieldMatch, Range

_AGENDA_SHAPE = re.compile(r"(\d+)\s*\(?([a-z])\)?", re.IGNORECASE)
_ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
_SYMBOL_SUFFIXES = {"REV.": "Rev.", "ADD.": "Add.", "CORR.": "Corr.", "AMEND.": "Amend."}
_FIELD_HELP = {
    "committee": "use first to sixth, C.1 to C.6, or plenary",
    "body": "use ga, sc, ecosoc or the full name",
    "type": "use draft, revised, resolution or decision",
    "kind": "use preambular, operative, subparagraph, footnote, heading or table (pp, op, sub, fn, h)",
}
_VOCABULARIES = {
    "committee": (vocab.committee, "committee"),
    "body": (vocab.body, "body"),
    "type": (vocab.doc_type, "document type"),
    "kind": (vocab.kind, "paragraph kind"),
}


def field_clause(field: str, value: str, position: int) -> FieldMatch | Range:
    """One field:value as an AST node; raises QueryError naming a value the field cannot take."""
    value = " ".join(value.split())
    if not value:
        raise QueryError(f'"{field}:" needs a value between the quotes', position)
    if field in NUMERIC_FIELDS:
        return _numeric(field, value, position)
    if field in _VOCABULARIES:
        normaliser, label = _VOCABULARIES[field]
        normalised = normaliser(value)
        if normalised is None:
            raise QueryError(f'unknown {label} "{value}": {_FIELD_HELP[field]}', position)
        return FieldMatch(field, normalised)
    if field == "cites":
        cite = normalise_cite(value.upper())
        if not _CITE_SHAPE.fullmatch(cite):
            raise QueryError(
                f'cites: needs a resolution number such as 65/230 or S/RES/2334, not "{value}"',
                position,
            )
        return FieldMatch(field, cite)
    normalisers = {
        "symbol": _symbol,
        "agenda": _agenda,
        "sponsor": _sponsor,
        "verb": _verb,
        "subject": _subject,
    }
    return FieldMatch(field, normalisers[field](value))


def _numeric(field: str, value: str, position: int) -> Range:
    """session:74, session:74th, session:70..74, year:2019.., session:..74."""
    low_text, dots, high_text = value.partition("..")
    if not dots:
        number = _number(field, value, position)
        return Range(field, number, number)
    if (not low_text and not high_text) or high_text.startswith("."):
        raise QueryError(
            f'bad range "{value}" for {field}: write {field}:70..74, {field}:70.. or {field}:..74',
            position,
        )
    low = _number(field, low_text, position) if low_text else None
    high_position = position + len(low_text) + 2
    high = _number(field, high_text, high_position) if high_text else None
    if low is not None and high is not None and low > high:
        raise QueryError(
            f"range {field}:{value} is reversed: write {field}:{high}..{low}", position
        )
    return Range(field, low, high)


def _number(field: str, text: str, position: int) -> int:
    digits = text.lower()
    if field == "session" and digits.endswith(_ORDINAL_SUFFIXES):
        digits = digits[:-2]
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 4:
        raise QueryError(f'{field} needs a number, not "{text}"', position)
    return int(digits)


def _symbol(value: str) -> str:
    """a/c.3/80/l.31/rev.1 -> A/C.3/80/L.31/Rev.1; S/RES/242 (1967) -> S/RES/242."""
    parts = value.upper().replace(" ", "").split("/")
    parts = [_suffix_case(part) for part in parts]
    symbol = "/".join(parts)
    if symbol.startswith("S/RES/"):
        number = symbol[6:].split("(")[0]
        if number.isascii() and number.isdigit():
            symbol = f"S/RES/{int(number)}"
    return symbol


def _suffix_case(part: str) -> str:
    for upper, proper in _SYMBOL_SUFFIXES.items():
        if part.startswith(upper):
            return proper + part[len(upper) :]
    return part


def _agenda(value: str) -> str:
    """Agenda items as printed: 71(c), 71c and 71 (c) are all "71 (c)"."""
    match = _AGENDA_SHAPE.fullmatch(value)
    if match:
        return f"{match.group(1)} ({match.group(2).lower()})"
    return value


def _sponsor(value: str) -> str:
    """The name the index stores: sponsor:france, sponsor:USA, sponsor:"United States", sponsor:G77."""
    return canonical_sponsor(value)


def _subject(value: str) -> str:
    """UNBIS terms as the Library writes them (capitals); matching ignores case anyway."""
    return " ".join(value.split()).upper()


def _verb(value: str) -> str:
    """verb:requests and verb:Requesting both find the indexed verb "request"."""
    words = value.lower().split()
    if not words:
        return ""
    head = lemma(words[0]) or words[0]
    verb = " ".join([head, *words[1:]])
    return verb.replace("take note of", "take note")
