"""Averaged perceptron part-of-speech tagger (Collins 2002), greedy left to
right, features after Honnibal's "A good POS tagger in about 200 lines",
hashed into a fixed table (feat.py). Mirrored by
crates/engine/src/syntax/tagger.rs: the atoms below must match it.
"""

import random
import struct
import time

import numpy as np

from feat import Averaged, Hasher, str_atom, quantize, table_bytes, fnv_trailer
from ud import UPOS, fold_char

NTAGS = len(UPOS)
START = NTAGS + 1  # tag atom before the sentence (tags are id + 1)
PAD_START, PAD_END = 1, 2  # word atoms outside the sentence

# Atoms: codes stored in the model file (u8).
A_W = 0       # + (k + 2): normalised word at offset k, k in -2..2
A_SUF3 = 8    # + (k + 2): last three characters (folded, lowercased) at offset k
A_SUF1, A_SUF2, A_SUF4 = 16, 17, 18
A_PRE1 = 19   # first character as written (keeps its case)
A_PRE3 = 20   # first three characters, lowercased
A_SHAPE = 21
A_FIRST_SHAPE = 22  # shape of the sentence's first word; absent elsewhere
A_T1, A_T2 = 32, 33  # the previous tags

TEMPLATES = [
    (),
    (A_W + 2,), (A_SUF3 + 2,), (A_PRE1,),
    (A_T1,), (A_T2,), (A_T1, A_T2), (A_T1, A_W + 2),
    (A_W + 1,), (A_SUF3 + 1,), (A_W + 0,), (A_W + 3,), (A_SUF3 + 3,), (A_W + 4,),
    (A_SHAPE,), (A_SUF2,), (A_SUF1,), (A_SUF4,), (A_PRE3,), (A_FIRST_SHAPE,),
    (A_W + 2, A_W + 3),
]

MAGIC = b"CCTAGG01"


def lower(word):
    """Folded (fold_char) and ASCII-lowercased."""
    out = []
    for c in word:
        f = fold_char(c)
        if f is not None:
            c = f
        if "A" <= c <= "Z":
            c = chr(ord(c) + 32)
        out.append(c)
    return "".join(out)


def shape(word):
    """Character classes (X x d, other ASCII as itself, anything else u),
    after folding, with runs longer than two cut to two: Hello -> Xxx,
    1,200 -> d,dd."""
    out = []
    prev, run = None, 0
    for c in word:
        f = fold_char(c)
        if f is not None:
            c = f
        if "A" <= c <= "Z":
            k = "X"
        elif "a" <= c <= "z":
            k = "x"
        elif "0" <= c <= "9":
            k = "d"
        elif c < "\x80":
            k = c
        else:
            k = "u"
        if k == prev:
            run += 1
            if run > 2:
                continue
        else:
            prev, run = k, 1
        out.append(k)
    return "".join(out)


def norm(low):
    """The word as a feature: lowercased; numbers as !YEAR (four digits) or
    !DIGITS (any other token starting with a digit)."""
    if low and "0" <= low[0] <= "9":
        if len(low) == 4 and low.isascii() and low.isdigit():
            return "!YEAR"
        return "!DIGITS"
    return low


class WordAtoms:
    """The string atoms of one word."""
    __slots__ = ("w", "suf1", "suf2", "suf3", "suf4", "pre1", "pre3", "shape")

    def __init__(self, word):
        low = lower(word)
        self.w = str_atom(norm(low))
        self.suf1 = str_atom(low[-1:])
        self.suf2 = str_atom(low[-2:])
        self.suf3 = str_atom(low[-3:])
        self.suf4 = str_atom(low[-4:])
        self.pre1 = str_atom(word[:1])
        self.pre3 = str_atom(low[:3])
        self.shape = str_atom(shape(word))


_WORDS = {}


def word_atoms(w):
    a = _WORDS.get(w)
    if a is None:
        a = WordAtoms(w)
        _WORDS[w] = a
    return a


def atom(code, xs, i, t1, t2):
    """Value of an atom at token i (None: absent, the feature is skipped)."""
    n = len(xs)
    if code < 8:
        k = i + code - 2
        return xs[k].w if 0 <= k < n else (PAD_START if k < 0 else PAD_END)
    if code < 16:
        k = i + code - 10
        return xs[k].suf3 if 0 <= k < n else (PAD_START if k < 0 else PAD_END)
    x = xs[i]
    if code == A_SUF1:
        return x.suf1
    if code == A_SUF2:
        return x.suf2
    if code == A_SUF4:
        return x.suf4
    if code == A_PRE1:
        return x.pre1
    if code == A_PRE3:
        return x.pre3
    if code == A_SHAPE:
        return x.shape
    if code == A_FIRST_SHAPE:
        return x.shape if i == 0 else None
    if code == A_T1:
        return t1
    if code == A_T2:
        return t2
    raise ValueError(code)


class Features:
    def __init__(self, bits, templates=TEMPLATES):
        self.h = Hasher(bits)
        self.templates = templates
        self.static_t = [k for k, t in enumerate(templates) if not set(t) & {A_T1, A_T2}]
        self.dynamic_t = [k for k, t in enumerate(templates) if set(t) & {A_T1, A_T2}]

    def _bucket(self, k, xs, i, t1, t2):
        vals = tuple(atom(c, xs, i, t1, t2) for c in self.templates[k])
        if None in vals:
            return None
        return self.h.bucket(k, vals)

    def static(self, words):
        xs = [word_atoms(w) for w in words]
        out = []
        for i in range(len(words)):
            f = [self._bucket(k, xs, i, 0, 0) for k in self.static_t]
            out.append([b for b in f if b is not None])
        return xs, out

    def dynamic(self, xs, i, t1, t2):
        f = [self._bucket(k, xs, i, t1, t2) for k in self.dynamic_t]
        return [b for b in f if b is not None]


def train(sentences, bits, iterations, seed, log=print, templates=TEMPLATES):
    """sentences: list of (words, gold tag ids). Returns the features and the
    averaged float weights (2^bits x NTAGS)."""
    feats = Features(bits, templates)
    data = []
    for words, tags in sentences:
        xs, st = feats.static(words)
        data.append((xs, st, tags))
    model = Averaged(bits, NTAGS)
    rng = random.Random(seed)
    order = list(range(len(data)))
    for it in range(iterations):
        t0 = time.time()
        right = total = 0
        for si in order:
            xs, st, gold = data[si]
            t1 = t2 = START
            for i in range(len(gold)):
                model.clock += 1
                f = st[i] + feats.dynamic(xs, i, t1, t2)
                guess = int(np.argmax(model.scores(f)))
                if guess != gold[i]:
                    model.update(f, gold[i], guess)
                else:
                    right += 1
                total += 1
                t2, t1 = t1, guess + 1
        log(f"  tagger iteration {it + 1}: train accuracy {right / total:.4f} ({time.time() - t0:.0f} s)")
        rng.shuffle(order)
    return feats, model.average()


def predict(feats, weights, words):
    """Greedy tagging with a weight table (float, or integer for the shipped
    model: then sums are exact and ties go to the lowest tag, as in Rust)."""
    xs, st = feats.static(words)
    t1 = t2 = START
    out = []
    for i in range(len(words)):
        f = st[i] + feats.dynamic(xs, i, t1, t2)
        g = int(np.argmax(weights[f].sum(axis=0)))
        out.append(g)
        t2, t1 = t1, g + 1
    return out


def model_bytes(q, width, scale, templates=TEMPLATES):
    """The tagger file: magic, u32 tags, u32 templates, per template u8 atom
    count then its atom codes, the weight table (feat.table_bytes), then the
    FNV-1a 64 hash of everything before it."""
    out = [MAGIC, struct.pack("<II", NTAGS, len(templates))]
    for t in templates:
        out.append(bytes((len(t),) + t))
    out.append(table_bytes(q, width, scale))
    body = b"".join(out)
    return body + fnv_trailer(body)
