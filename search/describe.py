"""A query and its facet filters read back as one sentence, so analysts see what was searched."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from search.ast import And, FieldMatch, MatchAll, Near, Node, Not, Or, Phrase, Prefix, Range, Term

# Qualifiers read in this order whatever order the query gave them.
_FIELD_ORDER: tuple[str, ...] = (
    "session",
    "year",
    "type",
    "body",
    "committee",
    "agenda",
    "symbol",
    "sponsor",
    "subject",
)
_FIELD_ORDER += ("verb", "cites")
_PREPOSITIONS = ("in ", "from ", "up to ", "under ", "sponsored ", "citing ", "with ", "on ")


def describe(node: Node, filters: Iterable[tuple[str, str]] = ()) -> str:
    """e.g. 'paragraphs matching "capacity-building" in the 74th session, Third Committee'."""
    clauses = list(node.children) if isinstance(node, And) else [node]
    text_clauses: list[Node] = [
        c for c in clauses if not isinstance(c, FieldMatch | Range | MatchAll)
    ]
    # Each field clause of the query is ANDed, so each is its own qualifier; one field's filters are OR'd.
    groups: list[tuple[str, list[str]]] = [
        (c.field, [_value(c)]) for c in clauses if isinstance(c, FieldMatch | Range)
    ]
    filter_values: dict[str, list[str]] = {}
    for field, value in filters:
        filter_values.setdefault(field, []).append(value)
    groups += filter_values.items()
    kinds = [value for field, values in groups if field == "kind" for value in values]
    noun = f"{_join(list(dict.fromkeys(kinds)), 'or')} paragraphs" if kinds else "paragraphs"
    if text_clauses and all(isinstance(c, Not) for c in text_clauses):
        excluded = [_render(c.child) for c in text_clauses if isinstance(c, Not)]
        sentence = f"{noun} without {_join(excluded, 'or')}"
    elif text_clauses:
        sentence = f"{noun} matching {_render(_combined(text_clauses), top=True)}"
    else:
        sentence = f"all {noun}"
    ordered = sorted(
        (group for group in groups if group[0] != "kind"),
        key=lambda group: _FIELD_ORDER.index(group[0]) if group[0] in _FIELD_ORDER else 99,
    )
    qualifiers = [_qualifier(field, values) for field, values in ordered]
    if not qualifiers:
        return sentence
    separator = " " if qualifiers[0].startswith(_PREPOSITIONS) else ", "
    return f"{sentence}{separator}{', '.join(qualifiers)}"


def _combined(clauses: list[Node]) -> Node:
    return clauses[0] if len(clauses) == 1 else And(tuple(clauses))


def _render(node: Node, top: bool = False) -> str:
    """Text clauses in quotes, joined by and / or / not / within n words of."""
    if isinstance(node, Term):
        return f'"{node.word}"'
    if isinstance(node, Prefix):
        return f'"{node.prefix}*"'
    if isinstance(node, Phrase):
        return f'"{" ".join(node.words) if node.exact else "-".join(node.words)}"'
    if isinstance(node, Near):
        return f"{_render(node.left)} within {node.distance} words of {_render(node.right)}"
    if isinstance(node, Not):
        return f"not {_render(node.child)}"
    if isinstance(node, FieldMatch | Range):
        return _qualifier(node.field, [_value(node)])
    if isinstance(node, And | Or):
        joiner = " and " if isinstance(node, And) else " or "
        parts = [_render(c) for c in node.children if not isinstance(c, MatchAll)]
        joined = joiner.join(parts)
        return joined if top or len(parts) == 1 else f"({joined})"
    return "anything"


def _value(clause: FieldMatch | Range) -> str:
    if isinstance(clause, FieldMatch):
        return clause.value
    if clause.low == clause.high:
        return str(clause.low)
    return (
        f"{'' if clause.low is None else clause.low}..{'' if clause.high is None else clause.high}"
    )


def _qualifier(field: str, values: list[str]) -> str:
    """One field's values, OR'd, as a phrase: 'in the 74th or 75th session', 'sponsored by France'."""
    if field == "session":
        if len(values) == 1 and ".." in values[0]:
            return _range_phrase(values[0], "session", _ordinal)
        return f"in the {_join([_ordinal(v) for v in values], 'or')} session"
    if field == "year":
        if len(values) == 1 and ".." in values[0]:
            return _range_phrase(values[0], "year", str)
        return f"in {_join(values, 'or')}"
    phrases = {
        "type": lambda: f"in {_join([v + 's' for v in values], 'or')}",
        "agenda": lambda: f"under agenda item {_join(values, 'or')}",
        "symbol": lambda: f"in {_join(values, 'or')}",
        "sponsor": lambda: f"sponsored by {_join(values, 'or')}",
        "subject": lambda: f"on the subject {_join(values, 'or')}",
        "verb": lambda: "with the verb " + _join([f'"{v}"' for v in values], "or"),
        "cites": lambda: f"citing {_join(values, 'or')}",
        "kind": lambda: f"{_join(values, 'or')} paragraphs",
    }
    return phrases[field]() if field in phrases else _join(values, "or")


def _range_phrase(value: str, unit: str, render: Callable[[str], str]) -> str:
    low, _, high = value.partition("..")
    if low and high:
        return f"in {unit}s {low}–{high}"
    if low:
        return f"from the {render(low)} {unit}" if unit == "session" else f"from {low}"
    return f"up to the {render(high)} {unit}" if unit == "session" else f"up to {high}"


def _ordinal(value: str) -> str:
    """74 -> 74th, 71 -> 71st, 112 -> 112th."""
    if not (value.isascii() and value.isdigit()):
        return value
    number = int(value)
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _join(items: list[str], word: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"
