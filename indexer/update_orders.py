"""Where an added document goes in each sort order and in the document store, no other one moving.

A full build spreads the documents' slots (search/engines/rows.py) and ordinals (docstore) with
gaps; an added document takes a slot between its two neighbours in each order. Past the first or
last document it steps 1/1024 of the room left, so thousands of documents appended at the end of
time (every new resolution is the newest) fit before a full build has to space them again.
"""

from __future__ import annotations

from indexer.model import Resolution
from search.engines.rows import RANK_FIELDS, SLOT_SPACE, sort_keys
from search.store.docstore import ORDINAL_GAP, DocStore, Outline

_END_STEP = 1024


class NoRoom(Exception):
    """Two neighbours' slots are adjacent: only a full build can space them again."""


def place_slots(key: str, resolution: Resolution, outlines: dict[str, Outline]) -> dict[str, int]:
    """The new document's slot in each sort order, between its neighbours'."""
    own = sort_keys(key, resolution.date, bool(resolution.symbol))
    others = [
        (sort_keys(o.key, o.resolution.date, bool(o.resolution.symbol)), o.slots)
        for o in outlines.values()
    ]
    slots = {}
    for name in RANK_FIELDS.values():
        lower = [s[name] for k, s in others if k[name] < own[name]]
        higher = [s[name] for k, s in others if k[name] > own[name]]
        slots[name] = between(max(lower, default=None), min(higher, default=None))
    return slots


def between(low: int | None, high: int | None) -> int:
    """A free integer between two slots (None: no neighbour on that side)."""
    if low is None and high is None:
        return SLOT_SPACE // 2
    if low is None:
        assert high is not None
        slot = high - high // _END_STEP
    elif high is None:
        slot = low + (SLOT_SPACE - low) // _END_STEP
    else:
        slot = (low + high) // 2
    if slot in (low, high):
        raise NoRoom
    return slot


def place_ordinal(store: DocStore, source: str) -> int:
    """A document-store ordinal that keeps the store in source order, as a full build writes it."""
    low, high = store.ordinal_between(source)
    if (low is None and high is None) or (low is not None and high is not None and low >= high):
        # no document with a source, or a store not in source order (tests, benchmarks): the end
        last = store.last_ordinal()
        return 0 if last is None else last + ORDINAL_GAP
    if low is None:
        assert high is not None
        return high - ORDINAL_GAP
    if high is None:
        return low + ORDINAL_GAP
    middle = (low + high) // 2
    if middle in (low, high):
        raise NoRoom
    return middle
