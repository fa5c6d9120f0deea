"""Near-duplicate candidates among many paragraphs: word shingles, MinHash signatures, LSH banding."""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from collections.abc import Sequence

SHINGLE = 3  # words per shingle
BANDS = 20
ROWS = 3  # BANDS x ROWS MinHash values; pairs with Jaccard 0.5 collide in some band 94% of the time
_PRIME = (1 << 61) - 1
_SEED = 20251125  # fixed, so two builds of the same corpus find the same families
_rng = random.Random(_SEED)
_PERMUTATIONS = tuple(
    (_rng.randrange(1, _PRIME), _rng.randrange(0, _PRIME)) for _ in range(BANDS * ROWS)
)
_shingle_hashes: dict[str, int] = {}


def _hash(shingle: str) -> int:
    """A stable 64-bit hash (Python's own hash() changes from one process to the next)."""
    value = _shingle_hashes.get(shingle)
    if value is None:
        digest = hashlib.blake2b(shingle.encode(), digest_size=8).digest()
        value = _shingle_hashes[shingle] = int.from_bytes(digest, "big")
    return value


def shingles(words: Sequence[str], size: int = SHINGLE) -> frozenset[int]:
    """Hashed runs of `size` consecutive words; a shorter text is one shingle of all its words."""
    if len(words) <= size:
        return frozenset((_hash(" ".join(words)),))
    return frozenset(_hash(" ".join(words[i : i + size])) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """Shared shingles over all shingles of the two: 1.0 for the same wording, 0.0 for none in common."""
    if not a and not b:
        return 1.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def signature(hashes: frozenset[int]) -> tuple[int, ...]:
    """MinHash: for each seeded permutation, the smallest permuted shingle hash."""
    values = list(hashes)
    return tuple(min([(a * h + b) % _PRIME for h in values]) for a, b in _PERMUTATIONS)


def candidate_pairs(shingle_sets: Sequence[frozenset[int]]) -> set[tuple[int, int]]:
    """Index pairs (i < j) whose signatures agree on every row of at least one band."""
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = defaultdict(list)
    for index, hashes in enumerate(shingle_sets):
        values = signature(hashes)
        for band in range(BANDS):
            buckets[(band, values[band * ROWS : (band + 1) * ROWS])].append(index)
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
