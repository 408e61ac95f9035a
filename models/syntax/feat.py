"""Hashed features and the weight-table file format, shared by the tagger and
the parser and mirrored by crates/engine/src/syntax/mod.rs.

A feature is a template (its index in the model's template list) and the
values of its atoms, each a u64: a string atom (word, suffix, shape) is the
FNV-1a 64 hash of its UTF-8 bytes, a tag or label a small number. The
feature's key mixes them FNV-style over 64-bit words and finishes with
MurmurHash3's fmix64:

    h = (OFFSET ^ template) * PRIME;  for a in atoms: h = (h ^ a) * PRIME
    bucket = fmix64(h) & (2^bits - 1)

Weights live in a table of 2^bits rows (buckets) by classes; the model file
keeps only its non-zero rows, sparsely (see `table_bytes`).
"""

import struct

import numpy as np

OFFSET = 0xCBF29CE484222325
PRIME = 0x100000001B3
M64 = 0xFFFFFFFFFFFFFFFF


def fnv1a64(data):
    h = OFFSET
    for b in data:
        h = ((h ^ b) * PRIME) & M64
    return h


_STR = {}


def str_atom(s):
    """Atom value of a string: FNV-1a 64 of its UTF-8 bytes (memoised)."""
    v = _STR.get(s)
    if v is None:
        v = fnv1a64(s.encode("utf-8"))
        _STR[s] = v
    return v


def fmix64(k):
    k ^= k >> 33
    k = (k * 0xFF51AFD7ED558CCD) & M64
    k ^= k >> 33
    k = (k * 0xC4CEB9FE1A85EC53) & M64
    k ^= k >> 33
    return k


class Hasher:
    """Buckets of features, memoised on (template, atom values)."""

    def __init__(self, bits):
        self.bits = bits
        self.mask = (1 << bits) - 1
        self.cache = {}

    def bucket(self, template, atoms):
        k = (template,) + atoms
        b = self.cache.get(k)
        if b is None:
            h = ((OFFSET ^ template) * PRIME) & M64
            for a in atoms:
                h = ((h ^ a) * PRIME) & M64
            b = fmix64(h) & self.mask
            self.cache[k] = b
        return b


def fnv_trailer(data):
    return struct.pack("<Q", fnv1a64(data))


class Averaged:
    """Averaged perceptron weights over a hashed table (dense while training),
    with lazy averaging (Collins 2002; timestamps as in Honnibal's tagger)."""

    def __init__(self, bits, classes):
        # Perceptron weights and their running sums are integers: exact, and
        # small enough for the parser's large tables.
        B = 1 << bits
        self.W = np.zeros((B, classes), dtype=np.int32)
        self.totals = np.zeros((B, classes), dtype=np.int64)
        self.stamps = np.zeros((B, classes), dtype=np.int32)
        self.clock = 0

    def scores(self, feats):
        return self.W[feats].sum(axis=0)

    def update(self, feats, truth, guess):
        u, cnt = np.unique(np.asarray(feats, dtype=np.int64), return_counts=True)
        for c, v in ((truth, 1), (guess, -1)):
            self.totals[u, c] += (self.clock - self.stamps[u, c]).astype(np.int64) * self.W[u, c]
            self.stamps[u, c] = self.clock
            self.W[u, c] += (v * cnt).astype(np.int32)

    def average(self):
        totals = self.totals + (self.clock - self.stamps).astype(np.int64) * self.W
        return totals / max(self.clock, 1)


def quantize(weights, prune, width):
    """Integer weights of `width` bytes (1 or 2) with one scale: the largest
    magnitude maps to the largest integer; magnitudes under `prune` go to 0."""
    w = weights.copy()
    w[np.abs(w) < prune] = 0.0
    top = float(np.abs(w).max()) or 1.0
    lim = 127 if width == 1 else 32767
    scale = lim / top
    q = np.clip(np.rint(w * scale), -lim, lim).astype(np.int64)
    return q, scale


def table_bytes(q, width, scale):
    """A quantised table, sparsely: u8 bits, u8 value width, u16 classes,
    u32 rows, u32 non-zeros, f32 scale; a bitmap of the non-empty buckets
    (2^bits bits, 64-bit little-endian words, bucket b at bit b%64 of word
    b/64); per non-empty row in bucket order its count of non-zero weights
    (u8); per non-zero weight, row by row, its class (u8); then the weights
    (i8 or i16)."""
    B, C = q.shape
    bits = B.bit_length() - 1
    assert C <= 255
    occupied = (q != 0).any(axis=1)
    rows = q[occupied]
    counts = (rows != 0).sum(axis=1).astype(np.uint8)
    r, c = np.nonzero(rows)  # row-major: row by row, classes ascending
    values = rows[r, c]
    head = struct.pack("<BBHIIf", bits, width, C, len(rows), len(values), scale)
    bitmap = np.packbits(occupied, bitorder="little").tobytes()
    dt = "<i1" if width == 1 else "<i2"
    return b"".join([head, bitmap, counts.tobytes(), c.astype(np.uint8).tobytes(),
                     values.astype(dt).tobytes()])
