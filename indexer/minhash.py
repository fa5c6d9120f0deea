"""Near-duplicate candidates among many paragraphs: word shingles, MinHash signatures, LSH banding."""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache

from indexer.analysis import stemmed_words

SHINGLE = 3  # words per shingle
# Each band is the ROWS smallest shingle hashes under one seeded permutation (a bottom-k MinHash);
# two paragraphs share a band with probability about J**ROWS, so with 32 bands of 2 a pair at the
# family threshold (Jaccard 0.3) becomes a candidate 95% of the time, 0.4 99.5%, 0.1 27%.
BANDS = 32
ROWS = 2
_SEED = 20251125  # fixed, so two builds of the same corpus find the same families
_rng = random.Random(_SEED)
# XOR with a random 64-bit key permutes the hash space; shingle hashes are uniform, so the
# smallest permuted values are a uniform sample of the shingles, as MinHash requires.
_KEYS = tuple(_rng.getrandbits(64) for _ in range(BANDS))
_shingle_hashes: dict[str, int] = {}
_remembered: dict[frozenset[int], list[int]] | None = None


def stable_hash(text: str) -> int:
    """A stable 64-bit hash (Python's own hash() changes from one process to the next), not cached."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def _hash(shingle: str) -> int:
    """stable_hash, cached: the corpus's shingles recur from one paragraph to the next."""
    value = _shingle_hashes.get(shingle)
    if value is None:
        value = _shingle_hashes[shingle] = stable_hash(shingle)
    return value


@lru_cache(maxsize=100_000)
def paragraph_words(text: str) -> tuple[str, ...]:
    """Stemmed words of a paragraph, cached: families and lineage both read every paragraph."""
    return tuple(stemmed_words(text))


def shingles(words: Sequence[str], size: int = SHINGLE, remember: bool = True) -> frozenset[int]:
    """Hashed runs of `size` consecutive words; a shorter text is one shingle of all its words.

    remember=False keeps the shingles out of the process-wide cache (a confidential draft's words).
    """
    hash_of = _hash if remember else stable_hash
    if len(words) <= size:
        return frozenset((hash_of(" ".join(words)),))
    return frozenset(hash_of(" ".join(words[i : i + size])) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """Shared shingles over all shingles of the two: 1.0 for the same wording, 0.0 for none in common."""
    if not a and not b:
        return 1.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def band_keys(hashes: frozenset[int]) -> list[tuple[int, ...]]:
    """MinHash bands: for each seeded permutation, the ROWS smallest permuted shingle hashes."""
    values = list(hashes)
    return [tuple(sorted([h ^ key for h in values])[:ROWS]) for key in _KEYS]


def band_hashes(hashes: frozenset[int]) -> list[int]:
    """The MinHash bands packed one 63-bit integer each (band number included).

    Inside remembered_bands() each wording's bands are computed once per build: the paragraph
    families and the precedent tables both need them.
    """
    if _remembered is not None and (known := _remembered.get(hashes)) is not None:
        return known
    packed = []
    for band, key in enumerate(band_keys(hashes)):
        value = band
        for row in key:
            value = (value * 0x100000001B3 ^ row) & 0xFFFFFFFFFFFFFFFF
        packed.append(value >> 1)  # sqlite integers are signed 64-bit
    if _remembered is not None:
        _remembered[hashes] = packed
    return packed


@contextmanager
def remembered_bands() -> Iterator[None]:
    """Within the block (one index build), band_hashes computes each wording's bands once."""
    global _remembered
    previous, _remembered = _remembered, {}
    try:
        yield
    finally:
        _remembered = previous


def candidate_pairs(shingle_sets: Sequence[frozenset[int]]) -> set[tuple[int, int]]:
    """Index pairs (i < j) whose signatures agree on every row of at least one band.

    Bands are compared packed (band_hashes): a 63-bit collision could only add a candidate, and
    every candidate is confirmed by its Jaccard similarity.
    """
    buckets: dict[int, list[int]] = defaultdict(list)
    for index, hashes in enumerate(shingle_sets):
        for key in band_hashes(hashes):
            buckets[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        for position, first in enumerate(members):
            pairs.update((first, second) for second in members[position + 1 :])
    return pairs


def similar_pairs(
    shingle_sets: Sequence[frozenset[int]], threshold: float
) -> list[tuple[int, int, float]]:
    """Candidate pairs confirmed by their exact Jaccard similarity, (i, j, similarity) with i < j."""
    confirmed = []
    for first, second in sorted(candidate_pairs(shingle_sets)):
        score = jaccard(shingle_sets[first], shingle_sets[second])
        if score >= threshold:
            confirmed.append((first, second, score))
    return confirmed
