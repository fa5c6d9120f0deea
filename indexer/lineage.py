"""Document lineage: the resolution a draft became, revisions of a draft, and a recurring resolution's sessions."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from indexer.analysis import exact_words
from indexer.minhash import jaccard, paragraph_words, shingles
from indexer.model import Resolution
from indexer.vocab import COMMITTEES
from search.store.language_tables import LineageRecord

_REVISION = re.compile(r"/Rev\.(\d+)$", re.IGNORECASE)
_COMMITTEE_DRAFT = re.compile(r"^A/C\.([1-6])/\d+/L\.", re.IGNORECASE)
_PLENARY_DRAFT = re.compile(r"^A/\d+/L\.", re.IGNORECASE)
# Without a shared title, a draft and a resolution of one committee and agenda item are the same
# text only if most of their wording is: their documents' shingle Jaccard must reach this.
CONTENT_MATCH = 0.6
# A recurring resolution found by its agenda title alone must keep at least this much wording.
RECURRING_MATCH = 0.3
Adoption = tuple[
    Resolution, list[Resolution], dict
]  # (resolution, its draft's revisions, evidence)


def _evidence(method: str, text: str, score: float | None = None) -> dict:
    return {
        "method": method,
        "evidence": text,
        "score": round(score, 3) if score is not None else None,
    }


def normalise_title(title: str | None) -> str:
    """Titles compared case-, accent- and punctuation-blind ("Palestine refugees’ properties")."""
    return " ".join(exact_words(title or ""))


def is_draft(resolution: Resolution) -> bool:
    return bool(resolution.symbol and "/L." in resolution.symbol.upper())


def is_adopted(resolution: Resolution) -> bool:
    return resolution.doc_type == "resolution" and not is_draft(resolution)


def draft_committee(symbol: str) -> str | None:
    """A/C.3/80/L.31 was tabled in the Third Committee, A/80/L.2 in plenary."""
    match = _COMMITTEE_DRAFT.match(symbol)
    if match:
        return COMMITTEES[int(match.group(1)) - 1]
    return "Plenary" if _PLENARY_DRAFT.match(symbol) else None


def original_symbol(symbol: str) -> str:
    """A/C.3/74/L.11/Rev.1 -> A/C.3/74/L.11."""
    return _REVISION.sub("", symbol)


def revision_number(symbol: str) -> int:
    match = _REVISION.search(symbol)
    return int(match.group(1)) if match else 0


class _Content:
    """Whole-document shingle sets, computed once per document that needs comparing."""

    def __init__(self) -> None:
        self._cache: dict[str, frozenset[int]] = {}

    def similarity(self, a: Resolution, b: Resolution) -> float:
        return jaccard(self._of(a), self._of(b))

    def _of(self, resolution: Resolution) -> frozenset[int]:
        key = resolution.symbol or ""
        if key not in self._cache:
            hashes: set[int] = set()
            for paragraph in resolution.paragraphs:
                if paragraph.kind != "footnote":
                    hashes |= shingles(paragraph_words(paragraph.text))
            self._cache[key] = frozenset(hashes)
        return self._cache[key]


def build_lineage(resolutions: Iterable[Resolution]) -> dict[str, LineageRecord]:
    """A record for every document with a symbol (first copy of a symbol wins)."""
    documents: dict[str, Resolution] = {}
    for resolution in resolutions:
        if resolution.symbol and resolution.symbol not in documents:
            documents[resolution.symbol] = resolution
    records = {symbol: LineageRecord(symbol) for symbol in documents}
    content = _Content()
    families = _revision_families([d for d in documents.values() if is_draft(d)])
    for members in families.values():
        for member in members:
            records[_symbol_key(member)].revisions = [
                _symbol_key(m) for m in members if m is not member
            ]
            if len(members) > 1:
                records[_symbol_key(member)].evidence["revisions"] = _evidence(
                    "symbol", f"revisions of {original_symbol(member.symbol or '')}"
                )
    adopted = [d for d in documents.values() if is_adopted(d)]
    recorded = _recorded_adoptions(documents, adopted, list(families.values()))
    taken = {id(r) for r, _, _ in recorded} | {id(m[0]) for _, m, _ in recorded}
    inferred = _adoptions(
        [r for r in adopted if id(r) not in taken],
        [m for m in families.values() if id(m[0]) not in taken],
        content,
    )
    for resolution, members, evidence in [*recorded, *inferred]:
        draft = _voted(members, evidence)
        records[_symbol_key(resolution)].draft_of = draft.symbol
        records[_symbol_key(resolution)].evidence["draft_of"] = evidence
        for member in members:
            records[_symbol_key(member)].adopted_as = resolution.symbol
            records[_symbol_key(member)].evidence["adopted_as"] = evidence
    for later, earlier, evidence in _recurrences(list(documents.values()), adopted, content):
        records[_symbol_key(later)].previous_session = earlier.symbol
        records[_symbol_key(later)].evidence["previous_session"] = evidence
        if is_adopted(later):
            records[_symbol_key(earlier)].next_session = later.symbol
            records[_symbol_key(earlier)].evidence["next_session"] = evidence
    return records


def _recorded_adoptions(
    documents: dict[str, Resolution], adopted: list[Resolution], families: list[list[Resolution]]
) -> list[Adoption]:
    """Adoptions the record states: the resolution's header cites the draft, or the Library links them."""
    family_of = {member.symbol: members for members in families for member in members}
    stated: list[tuple[int, str, Resolution, list[Resolution], dict]] = []
    for resolution in adopted:
        for symbol in resolution.adopted_from:
            members = family_of.get(symbol) or family_of.get(original_symbol(symbol))
            if members:
                text = f"{resolution.symbol} names {symbol} in its header as the draft adopted"
                stated.append((0, symbol, resolution, members, _evidence("cites", text)))
        for link in resolution.related:
            members = family_of.get(link["symbol"]) if link.get("relation") == "draft" else None
            if members:
                text = (
                    f"the UN Digital Library record of {resolution.symbol} lists {link['symbol']}"
                )
                stated.append((1, link["symbol"], resolution, members, _evidence("library", text)))
    for members in families:
        for draft in members:
            for link in draft.related:
                found = documents.get(link["symbol"])
                if link.get("relation") == "resolution" and found is not None and found in adopted:
                    text = f"the UN Digital Library record of {draft.symbol} lists {link['symbol']}"
                    stated.append(
                        (1, draft.symbol or "", found, members, _evidence("library", text))
                    )
    stated.sort(key=lambda s: (s[0], -revision_number(s[1])))
    pairs: list[Adoption] = []
    used: set[int] = set()
    for _rank, symbol, resolution, members, evidence in stated:
        if id(resolution) in used or id(members[0]) in used:
            continue
        used |= {id(resolution), id(members[0])}
        evidence["draft"] = symbol
        pairs.append((resolution, members, evidence))
    return pairs


def _voted(members: list[Resolution], evidence: dict) -> Resolution:
    """The draft put to the vote: the one the record names, else the latest revision."""
    named = evidence.pop("draft", None)
    return next((m for m in members if m.symbol == named), members[-1])


def _revision_families(drafts: list[Resolution]) -> dict[str, list[Resolution]]:
    """Drafts grouped with their revisions, original first."""
    families: dict[str, list[Resolution]] = defaultdict(list)
    for draft in drafts:
        families[original_symbol(draft.symbol or "")].append(draft)
    for members in families.values():
        members.sort(key=lambda d: revision_number(d.symbol or ""))
    return families


def _compatible(resolution: Resolution, draft: Resolution) -> bool:
    """Same body and session, and the committee the draft's symbol names, when both are known."""
    if draft.session != resolution.session or resolution.session is None:
        return False
    if draft.body and resolution.body and draft.body != resolution.body:
        return False
    committee = draft_committee(draft.symbol or "")
    return not (committee and resolution.committee and committee != resolution.committee)


def _agenda_overlap(a: Resolution, b: Resolution) -> bool:
    return bool(set(a.agenda_items) & set(b.agenda_items))


def _adoptions(
    adopted: list[Resolution], families: list[list[Resolution]], content: _Content
) -> list[Adoption]:
    """Pairs (resolution, revision family), best scored first, each side used once."""
    by_session: dict[int | None, list[list[Resolution]]] = defaultdict(list)
    for members in families:
        by_session[members[-1].session].append(members)
    scored = []
    for resolution in adopted:
        title = normalise_title(resolution.title)
        for members in by_session.get(resolution.session, []) if resolution.session else []:
            draft = members[-1]
            if not _compatible(resolution, draft):
                continue
            same_title = bool(title) and title == normalise_title(draft.title)
            same_agenda = _agenda_overlap(resolution, draft)
            if not same_title and not same_agenda:
                continue
            similarity = content.similarity(resolution, draft)
            if not same_title and similarity < CONTENT_MATCH:
                continue
            scored.append(((same_title, same_agenda, similarity), resolution, members))
    return [
        (
            resolution,
            members,
            _match_evidence(score[2], score[0], _shared_agenda(resolution, members[-1])),
        )
        for score, resolution, members in _assign(scored)
    ]


def _shared_agenda(a: Resolution, b: Resolution) -> list[str]:
    return sorted(set(a.agenda_items) & set(b.agenda_items))


def _match_evidence(
    similarity: float, same_title: bool, agenda_items: list[str], same_agenda_title: bool = False
) -> dict:
    """Inferred, not recorded: which of title, agenda item and wording agreed, with the score."""
    parts = ["same title"] if same_title else []
    if agenda_items:
        parts.append(f"same agenda item {', '.join(agenda_items)}")
    if same_agenda_title:
        parts.append("same agenda title")
    parts.append(f"wording similarity {similarity:.2f}")
    return _evidence("match", "inferred: " + "; ".join(parts), similarity)


def _recurrences(
    documents: list[Resolution], adopted: list[Resolution], content: _Content
) -> list[tuple[Resolution, Resolution, dict]]:
    """Pairs (document, the previous session's resolution it continues), each earlier one used once."""
    by_title: dict[tuple, list[Resolution]] = defaultdict(list)
    by_agenda: dict[tuple, list[Resolution]] = defaultdict(list)
    for earlier in adopted:
        if earlier.session is not None:
            key = (earlier.body, earlier.session)
            by_title[(*key, normalise_title(earlier.title))].append(earlier)
            by_agenda[(*key, normalise_title(earlier.agenda_title))].append(earlier)
    scored = []
    for later in documents:
        if later.session is None or not (is_adopted(later) or is_draft(later)):
            continue
        key = (later.body, later.session - 1)
        title, agenda = normalise_title(later.title), normalise_title(later.agenda_title)
        same_title = by_title.get((*key, title), []) if title else []
        for earlier in same_title:
            scored.append(((True, content.similarity(later, earlier)), later, earlier))
        for earlier in by_agenda.get((*key, agenda), []) if agenda else []:
            if earlier in same_title:
                continue
            similarity = content.similarity(later, earlier)
            if similarity >= RECURRING_MATCH:
                scored.append(((False, similarity), later, earlier))
    adopted_pairs = _assign([s for s in scored if is_adopted(s[1])])
    draft_pairs = _assign([s for s in scored if is_draft(s[1])])
    return [
        (later, earlier, _match_evidence(score[1], score[0], [], same_agenda_title=not score[0]))
        for score, later, earlier in adopted_pairs + draft_pairs
    ]


def _assign(scored: list) -> list:
    """Greedy one-to-one matching, best score first (ties by symbol, so builds are repeatable)."""
    scored.sort(key=lambda s: (s[0], _symbol_key(s[1]), _symbol_key(s[2])), reverse=True)
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs = []
    for score, left, right in scored:
        if id(left) in used_left or id(right) in used_right:
            continue
        used_left.add(id(left))
        used_right.add(id(right))
        pairs.append((score, left, right))
    return pairs


def _symbol_key(item: Resolution | list[Resolution]) -> str:
    first = item[0] if isinstance(item, list) else item
    return first.symbol or ""


def predecessors(records: dict[str, LineageRecord]) -> dict[str, set[str]]:
    """For provenance: each document's most likely source texts (its draft, its previous version)."""
    result: dict[str, set[str]] = {}
    for symbol, record in records.items():
        earlier = [r for r in record.revisions if revision_number(r) < revision_number(symbol)]
        sources = {s for s in (record.draft_of, record.previous_session, *earlier) if s}
        if sources:
            result[symbol] = sources
    return result
