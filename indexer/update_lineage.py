"""Lineage records after an update: the changed documents' links, found as a full build would.

A full build pairs resolutions with drafts and with the previous session's resolution by a greedy
one-to-one matching, best score first (indexer/lineage.py). Adding a document D only adds its own
candidate pairs, so replaying that matching for D alone gives the full build's answer as long as D
takes a partner nobody held: D's best pair whose partner is free is the one the full build would
make. When D would take a partner from a document that held it, or a document already indexed
would gain a draft or a previous session (its paragraphs' provenance depends on them), the change
reaches other documents: Unsettled, and the update becomes a full build.
"""

from __future__ import annotations

from collections.abc import Callable

from indexer.lineage import (
    CONTENT_MATCH,
    RECURRING_MATCH,
    _compatible,
    _Content,
    _evidence,
    _match_evidence,
    is_adopted,
    is_draft,
    normalise_title,
    original_symbol,
    revision_number,
)
from indexer.model import Resolution
from search.store.language_tables import LineageRecord

Load = Callable[[str], Resolution]  # the whole document of a key (outlines carry no paragraphs)


class Unsettled(Exception):
    """The change alters links of documents already indexed; the message says which."""


class Lineage:
    """Every record, the document outlines, and the documents loaded to compare wording."""

    def __init__(
        self, records: dict[str, LineageRecord], outlines: dict[str, Resolution], load: Load
    ):
        self.records = records
        self.outlines = outlines  # key -> document without paragraphs (symbol = key)
        self._load = load
        self._content = _Content()
        self.changed: set[str] = set()
        self._families: dict[str, list[str]] | None = None

    def similarity(self, a: str, b: str) -> float:
        return self._content.similarity(self._load(a), self._load(b))

    def family(self, symbol: str) -> list[str]:
        """The draft and its revisions, original first."""
        if self._families is None:
            self._families = {}
            for key, resolution in self.outlines.items():
                if is_draft(resolution):
                    self._families.setdefault(original_symbol(key), []).append(key)
        members = self._families.get(original_symbol(symbol), [])
        return sorted((m for m in members if m in self.outlines), key=revision_number)

    def record(self, symbol: str) -> LineageRecord:
        self.changed.add(symbol)
        return self.records.setdefault(symbol, LineageRecord(symbol))

    # --- removing ------------------------------------------------------------------------
    def remove(self, symbol: str) -> None:
        """Forget a document; refused when another one comes from it or could take its partner."""
        old = self.records.pop(symbol, None)
        removed = self.outlines.pop(symbol, None)
        self.changed.add(symbol)
        if old is None or removed is None:
            return
        for other in self.records.values():
            if symbol in (other.draft_of, other.previous_session) or (
                symbol in other.revisions
                and revision_number(symbol) < revision_number(other.symbol)
            ):
                raise Unsettled(f"{other.symbol} comes from {symbol}")
        if old.adopted_as or old.next_session:
            raise Unsettled(f"{symbol} was paired with {old.adopted_as or old.next_session}")
        for member in old.revisions:
            record = self.record(member)
            record.revisions = [m for m in record.revisions if m != symbol]
            if not record.revisions:
                record.evidence.pop("revisions", None)
        if old.draft_of:
            members = self.family(old.draft_of)
            for member in members:
                self._free_draft(member, symbol)
            if members:
                self._nobody_else_adopts(self.outlines[members[-1]])
        if old.previous_session in self.outlines:
            earlier = self.record(old.previous_session)
            if earlier.next_session == symbol:
                earlier.next_session = None
                earlier.evidence.pop("next_session", None)
            self._nobody_else_continues(self.outlines[earlier.symbol], is_adopted(removed))

    def _nobody_else_adopts(self, draft: Resolution) -> None:
        """A draft set free: no other resolution may want it (it would gain a draft)."""
        for key, other in self.outlines.items():
            if is_adopted(other) and self._adoption_score(other, draft) is not None:
                raise Unsettled(f"{key} may be adopted from {draft.symbol}, set free")

    def _nobody_else_continues(self, earlier: Resolution, adopted: bool) -> None:
        for key, later in self.outlines.items():
            if (is_adopted(later) if adopted else is_draft(later)) and self._recurrence_score(
                later, earlier
            ):
                raise Unsettled(f"{key} may continue {earlier.symbol}, set free")

    def _free_draft(self, member: str, symbol: str) -> None:
        record = self.record(member)
        if record.adopted_as == symbol:
            record.adopted_as = None
            record.evidence.pop("adopted_as", None)

    # --- adding --------------------------------------------------------------------------
    def add(self, resolution: Resolution) -> None:
        symbol = resolution.symbol or ""
        self.outlines[symbol] = resolution
        if self._families is not None and is_draft(resolution):
            self._families.setdefault(original_symbol(symbol), []).append(symbol)
        self.record(symbol)
        if is_draft(resolution):
            self._revisions(symbol)
            self._as_draft(resolution)
        if is_adopted(resolution):
            self._as_resolution(resolution)
            self._as_earlier(resolution)
        if resolution.session is not None and (is_adopted(resolution) or is_draft(resolution)):
            self._as_later(resolution)

    def _revisions(self, symbol: str) -> None:
        members = self.family(symbol)
        for member in members:
            if member != symbol and revision_number(member) > revision_number(symbol):
                raise Unsettled(f"{member} is a later revision of {symbol}")
            if member != symbol and self.records.get(member, LineageRecord(member)).adopted_as:
                raise Unsettled(f"{symbol} revises {member}, already adopted")
        for member in members:
            record = self.record(member)
            record.revisions = [m for m in members if m != member]
            if len(members) > 1:
                text = f"revisions of {original_symbol(member)}"
                record.evidence["revisions"] = _evidence("symbol", text)

    def _as_draft(self, draft: Resolution) -> None:
        """A new draft: no resolution already indexed may have been adopted from it."""
        for key, other in self.outlines.items():
            if not is_adopted(other):
                continue
            named = {original_symbol(s) for s in other.adopted_from}
            named |= {
                original_symbol(r["symbol"]) for r in other.related if r.get("relation") == "draft"
            }
            if original_symbol(draft.symbol or "") in named:
                raise Unsettled(f"{key} names {draft.symbol} as its draft")
            if self._adoption_score(other, draft) is not None:
                held = self.records.get(key)
                if held is None or not held.draft_of or self._beats(other, draft, held.draft_of):
                    raise Unsettled(f"{key} may be adopted from {draft.symbol}")

    def _as_resolution(self, resolution: Resolution) -> None:
        """A new resolution: its stated draft, else the best free draft of its session."""
        symbol = resolution.symbol or ""
        stated = [(0, named, "cites") for named in resolution.adopted_from]
        stated += [
            (1, r["symbol"], "library") for r in resolution.related if r.get("relation") == "draft"
        ]
        stated += [
            (1, key, "library")
            for key, draft in self.outlines.items()
            if is_draft(draft)
            and any(
                r.get("relation") == "resolution" and r.get("symbol") == symbol
                for r in draft.related
            )
        ]
        stated.sort(key=lambda s: (s[0], -revision_number(s[1])))
        for _rank, named, method in stated:
            members = self.family(named)
            if members:
                if method == "cites":
                    text = f"{symbol} names {named} in its header as the draft adopted"
                elif any(r.get("symbol") == named for r in resolution.related):
                    text = f"the UN Digital Library record of {symbol} lists {named}"
                else:
                    text = f"the UN Digital Library record of {named} lists {symbol}"
                draft = named if named in members else members[-1]
                return self._adopt(symbol, members, draft, _evidence(method, text))
        candidates = []
        session = resolution.session
        drafts = {k for k, r in self.outlines.items() if is_draft(r) and r.session == session}
        for original in {original_symbol(k) for k in drafts} if session is not None else ():
            members = self.family(original)
            score = self._adoption_score(resolution, self.outlines[members[-1]])
            if score is not None:
                candidates.append((score, members))
        candidates.sort(key=lambda c: (c[0], c[1][0]), reverse=True)
        for score, members in candidates:
            held = [self.records[m] for m in members if m in self.records]
            holder = next((r.adopted_as for r in held if r.adopted_as), None)
            how = next((r.evidence.get("adopted_as", {}).get("method") for r in held), None)
            if holder is None:
                last = self.outlines[members[-1]]
                agenda = sorted(set(resolution.agenda_items) & set(last.agenda_items))
                evidence = _match_evidence(score[2], score[0], agenda)
                return self._adopt(symbol, members, members[-1], evidence)
            if how == "match" and self._beats(
                resolution, self.outlines[members[-1]], holder=holder
            ):
                raise Unsettled(f"{symbol} competes with {holder} for {members[0]}")

    def _adopt(self, symbol: str, members: list[str], draft: str, evidence: dict) -> None:
        for member in members:
            held = self.records.get(member)
            if held is not None and held.adopted_as not in (None, symbol):
                raise Unsettled(f"{member} is already adopted as {held.adopted_as}")
        self.record(symbol).draft_of = draft
        self.record(symbol).evidence["draft_of"] = evidence
        for member in members:
            self.record(member).adopted_as = symbol
            self.record(member).evidence["adopted_as"] = dict(evidence)

    def _adoption_score(self, resolution: Resolution, draft: Resolution) -> tuple | None:
        """(same title, same agenda, similarity) as indexer/lineage.py scores a pair, or None."""
        if not _compatible(resolution, draft):
            return None
        title = normalise_title(resolution.title)
        same_title = bool(title) and title == normalise_title(draft.title)
        same_agenda = bool(set(resolution.agenda_items) & set(draft.agenda_items))
        if not same_title and not same_agenda:
            return None
        similarity = self.similarity(resolution.symbol or "", draft.symbol or "")
        if not same_title and similarity < CONTENT_MATCH:
            return None
        return (same_title, same_agenda, similarity)

    def _beats(
        self,
        resolution: Resolution,
        draft: Resolution,
        holder_draft: str | None = None,
        holder: str | None = None,
    ) -> bool:
        """Would this pair come before the one now holding the draft (or the resolution)?"""
        if holder is not None:  # another resolution holds the draft
            ours = self._adoption_score(resolution, draft)
            theirs = self._adoption_score(self.outlines[holder], draft)
            return (ours, resolution.symbol) > (theirs, holder) if ours and theirs else True
        assert holder_draft is not None  # the resolution holds another draft
        ours = self._adoption_score(resolution, draft)
        theirs = self._adoption_score(resolution, self.outlines[holder_draft])
        return theirs is None or ours is None or ours >= theirs

    def _recurrence_score(self, later: Resolution, earlier: Resolution) -> tuple | None:
        if (
            earlier.session is None
            or later.session != earlier.session + 1
            or later.body != earlier.body
        ):
            return None
        title = normalise_title(later.title)
        if title and title == normalise_title(earlier.title):
            return (True, self.similarity(later.symbol or "", earlier.symbol or ""))
        agenda = normalise_title(later.agenda_title)
        if agenda and agenda == normalise_title(earlier.agenda_title):
            similarity = self.similarity(later.symbol or "", earlier.symbol or "")
            if similarity >= RECURRING_MATCH:
                return (False, similarity)
        return None

    def _as_later(self, later: Resolution) -> None:
        """A new document continuing an earlier session's resolution: the best one free."""
        symbol = later.symbol or ""
        adopted = is_adopted(later)
        candidates = []
        for key, earlier in self.outlines.items():
            if key != symbol and is_adopted(earlier):
                score = self._recurrence_score(later, earlier)
                if score is not None:
                    candidates.append((score, key))
        candidates.sort(reverse=True)
        for score, key in candidates:
            holders = [
                r.symbol
                for r in self.records.values()
                if r.previous_session == key
                and r.symbol != symbol
                and is_adopted(self.outlines.get(r.symbol) or _EMPTY) == adopted
            ]
            if not holders:
                self.record(symbol).previous_session = key
                self.record(symbol).evidence["previous_session"] = _match_evidence(
                    score[1], score[0], [], same_agenda_title=not score[0]
                )
                if adopted:
                    self.record(key).next_session = symbol
                    self.record(key).evidence["next_session"] = dict(
                        self.records[symbol].evidence["previous_session"]
                    )
                return
            theirs = self._recurrence_score(self.outlines[holders[0]], self.outlines[key])
            if theirs is None or (score, symbol) > (theirs, holders[0]):
                raise Unsettled(f"{symbol} competes with {holders[0]} for {key}")

    def _as_earlier(self, earlier: Resolution) -> None:
        """A new resolution no document of the next session may continue (it would gain a source)."""
        for key, later in self.outlines.items():
            eligible = key != earlier.symbol and (is_adopted(later) or is_draft(later))
            if eligible and self._recurrence_score(later, earlier) is not None:
                raise Unsettled(f"{key} may continue {earlier.symbol}")


_EMPTY = Resolution(None, None, None, None, None)
