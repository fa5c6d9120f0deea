"""A large General Assembly-like corpus resampled from real paragraphs, to measure engines at 1M paragraphs.

Each synthetic document copies the paragraph structure of a real General Assembly document (ids,
kinds, numbering) and fills every paragraph with a real paragraph of the same kind drawn at random,
so word frequencies, paragraph lengths and phrases are those of real resolutions. Session (40–80),
committee, document type, symbol, sponsors, agenda items and dates are drawn afresh. The same seed
gives the same corpus.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from importlib import resources

from indexer.model import Paragraph, Resolution
from indexer.vocab import COMMITTEES

SESSIONS = range(40, 81)
SEED = 20261125
_TYPES = ("resolution", "draft resolution", "revised draft resolution", "decision")
_TYPE_WEIGHTS = (55, 30, 10, 5)
_COMMITTEE_WEIGHTS = (14, 14, 20, 8, 8, 6, 30)  # First..Sixth, Plenary
_MONTHS = ("09", "10", "11", "12")


def member_states() -> list[str]:
    """Sponsor names from the indexer's own list, so sponsor facets look like real ones."""
    text = resources.files("indexer").joinpath("data/member_states.txt").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def generate(real: Sequence[Resolution], paragraphs: int, seed: int = SEED) -> list[Resolution]:
    """Documents totalling exactly `paragraphs` paragraphs, resampled from `real`."""
    rng = random.Random(seed)
    templates = [r for r in real if r.body == "General Assembly" and len(r.paragraphs) >= 3]
    if not templates:
        raise ValueError("no General Assembly document with 3 or more paragraphs to model on")
    pool = _paragraphs_by_kind(real)
    states = member_states()
    # how many sponsors a draft lists, as in the real drafts (resolutions list none)
    sponsor_counts = [len(r.sponsors) for r in templates if "draft" in (r.doc_type or "")] or [8]
    numbers: dict[tuple[int, str], int] = {}
    documents: list[Resolution] = []
    remaining = paragraphs
    while remaining > 0:
        template = rng.choice(templates)
        structure = template.paragraphs[:remaining]
        session = rng.choice(SESSIONS)
        committee = rng.choices(COMMITTEES, _COMMITTEE_WEIGHTS)[0]
        doc_type = rng.choices(_TYPES, _TYPE_WEIGHTS)[0]
        documents.append(
            Resolution(
                symbol=_symbol(doc_type, session, committee, numbers),
                body="General Assembly",
                doc_type=doc_type,
                session=session,
                committee=committee,
                agenda_items=_agenda(rng),
                agenda_title=template.agenda_title,
                sponsors=_sponsors(doc_type, states, sponsor_counts, rng),
                date=f"{1945 + session}-{rng.choice(_MONTHS)}-{rng.randint(1, 28):02d}",
                title=template.title,
                paragraphs=[_resample(p, pool, rng) for p in structure],
                source=f"synthetic/{len(documents)}",
                source_format="synthetic",
                pages=template.pages,
            )
        )
        remaining -= len(structure)
    return documents


def sample(documents: Sequence[Resolution], paragraphs: int) -> list[Resolution]:
    """The leading documents holding at least `paragraphs` paragraphs (a smaller corpus, same mix)."""
    taken, count = [], 0
    for document in documents:
        if count >= paragraphs:
            break
        taken.append(document)
        count += len(document.paragraphs)
    return taken


def paragraph_count(documents: Sequence[Resolution]) -> int:
    return sum(len(document.paragraphs) for document in documents)


def _paragraphs_by_kind(real: Sequence[Resolution]) -> dict[str, list[Paragraph]]:
    pool: dict[str, list[Paragraph]] = {}
    for resolution in real:
        for paragraph in resolution.paragraphs:
            if paragraph.text.strip():
                pool.setdefault(paragraph.kind, []).append(paragraph)
    return pool


def _resample(slot: Paragraph, pool: dict[str, list[Paragraph]], rng: random.Random) -> Paragraph:
    """The template's id, kind, number and links; a random real paragraph's words."""
    source = rng.choice(pool.get(slot.kind) or pool["operative"])
    return replace(slot, text=source.text, lead=source.lead, verb=source.verb, cites=source.cites)


def _symbol(doc_type: str, session: int, committee: str, numbers: dict) -> str:
    key = (session, doc_type)
    numbers[key] = numbers.get(key, 0) + 1
    number = numbers[key]
    if doc_type == "resolution":
        return f"A/RES/{session}/{number}"
    if doc_type == "decision":
        return f"A/DEC/{session}/{number}"
    organ = f"A/C.{COMMITTEES.index(committee) + 1}" if committee != "Plenary" else "A"
    revision = "/Rev.1" if doc_type == "revised draft resolution" else ""
    return f"{organ}/{session}/L.{number}{revision}"


def _sponsors(doc_type: str, states: list[str], counts: list[int], rng: random.Random) -> list[str]:
    if "draft" not in doc_type:
        return []
    return rng.sample(states, min(len(states), rng.choice(counts)))


def _agenda(rng: random.Random) -> list[str]:
    items = [str(rng.randint(1, 180)) for _ in range(rng.choice((1, 1, 1, 2)))]
    if rng.random() < 0.3:
        items[0] += f" ({rng.choice('abcdef')})"
    return list(dict.fromkeys(items))
