"""Greedy transition-based dependency parser: arc-hybrid (Kuhlmann et al.
2011) with labelled arcs, an averaged perceptron over hashed features after
Zhang & Nivre (2011), trained with the dynamic oracle of Goldberg & Nivre
(2013). Mirrored by crates/engine/src/syntax/parser.rs: the atoms below must
match it.

Configuration: a stack and a buffer of the sentence's tokens followed by ROOT
(index n). Moves: SHIFT (push the buffer's front), LEFT-l (the stack's top
becomes a dependent of the buffer's front, label l; into ROOT only when the
stack has one item, with label root), RIGHT-l (the stack's top becomes a
dependent of the item below it). Each token is shifted once and reduced once:
2n moves, one root.
"""

import random
import struct
import time

import numpy as np

from feat import Averaged, OFFSET, PRIME, quantize, table_bytes, fnv_trailer
from tagger import word_atoms
from ud import LABELS, UPOS

NL = len(LABELS)  # label 0 is root
NCLASSES = 1 + 2 * NL
SHIFT = 0


def left(l):
    return 1 + l


def right(l):
    return 1 + NL + l


MAGIC = b"CCPARS01"

# Positions whose word, tag and label are atoms.
S0, S1, S2, N0, N1, N2, S0L1, S0L2, S0R1, S0R2, N0L1, N0L2, S1R1, S1L1 = range(14)
NPOS = 14
# Atom codes: position * 4 + 0 (word), 1 (tag), 2 (label of its arc),
# 3 (the word's last three characters); then the distance between s0 and n0
# and valencies.
W, T, L, X = 0, 1, 2, 3
DIST, S0VL, S0VR, N0VL = 64, 65, 66, 67
NATOMS = 68

# Atom values for absent positions and ROOT.
NONE = 0
ROOT_WORD = 3
ROOT_TAG = len(UPOS) + 1


def a(pos, kind):
    return pos * 4 + kind


def _templates():
    t = []
    for p in (S0, S1, N0, N1, N2):
        t += [(a(p, W),), (a(p, T),), (a(p, W), a(p, T))]
    t += [(a(S2, T),)]
    s0w, s0t, n0w, n0t = a(S0, W), a(S0, T), a(N0, W), a(N0, T)
    t += [(s0w, s0t, n0w, n0t), (s0w, s0t, n0w), (s0w, n0w, n0t), (s0w, s0t, n0t),
          (s0t, n0w, n0t), (s0w, n0w), (s0t, n0t), (n0t, a(N1, T))]
    t += [(n0t, a(N1, T), a(N2, T)), (s0t, n0t, a(N1, T)), (a(S1, T), s0t, n0t),
          (s0t, a(S0L1, T), n0t), (s0t, a(S0R1, T), n0t), (s0t, n0t, a(N0L1, T)),
          (a(S1, T), s0t, a(S0R1, T)), (a(S2, T), a(S1, T), s0t), (a(S1, T), a(S1R1, T), s0t)]
    t += [(s0w, DIST), (s0t, DIST), (n0w, DIST), (n0t, DIST), (s0w, n0w, DIST), (s0t, n0t, DIST)]
    t += [(s0w, S0VR), (s0t, S0VR), (s0w, S0VL), (s0t, S0VL), (n0w, N0VL), (n0t, N0VL)]
    for p in (S0L1, S0R1, N0L1, S0L2, S0R2, N0L2, S1R1, S1L1):
        t += [(a(p, W),), (a(p, T),), (a(p, L),)]
    t += [(s0t, a(S0L1, T), a(S0L2, T)), (s0t, a(S0R1, T), a(S0R2, T)), (n0t, a(N0L1, T), a(N0L2, T)),
          (s0t, a(S0L1, L), a(S0R1, L)), (n0t, a(N0L1, L)), (s0w, a(S0R1, L)), (s0w, a(S0L1, L)),
          (a(S1, W), a(S1R1, L)), (a(S1, T), a(S1R1, L))]
    s0x, n0x = a(S0, X), a(N0, X)
    t += [(s0x,), (n0x,), (a(S1, X),), (a(N1, X),), (s0x, n0x), (s0x, n0t), (s0t, n0x),
          (a(S1, W), s0w), (n0w, a(N1, W)), (s0w, n0t, a(N1, T)), (s0t, n0w, a(N1, T))]
    return t


TEMPLATES = _templates()


class Compiled:
    """Templates as arrays for hashing them all at once with numpy."""

    def __init__(self, templates):
        self.templates = templates
        k = max(len(t) for t in templates)
        self.width = k
        self.idx = np.full((len(templates), k), NATOMS, dtype=np.int64)  # NATOMS: unused slot
        for i, t in enumerate(templates):
            self.idx[i, :len(t)] = t
        self.used = self.idx < NATOMS
        self.start = ((np.uint64(OFFSET) ^ np.arange(len(templates), dtype=np.uint64)) * np.uint64(PRIME))

    def buckets(self, atoms, mask):
        """atoms: uint64 array of NATOMS + 1 values. Buckets of all templates."""
        v = atoms[self.idx]
        h = self.start.copy()
        P = np.uint64(PRIME)
        for j in range(self.width):
            m = self.used[:, j]
            h = np.where(m, (h ^ v[:, j]) * P, h)
        h ^= h >> np.uint64(33)
        h *= np.uint64(0xFF51AFD7ED558CCD)
        h ^= h >> np.uint64(33)
        h *= np.uint64(0xC4CEB9FE1A85EC53)
        h ^= h >> np.uint64(33)
        return (h & np.uint64(mask)).astype(np.int64)


def dist_bucket(d):
    return d if d <= 4 else (5 if d < 10 else 6)


class State:
    __slots__ = ("n", "stack", "i", "heads", "labels", "lefts", "rights")

    def __init__(self, n):
        self.n = n
        self.stack = []
        self.i = 0
        self.heads = [-1] * n
        self.labels = [0] * n
        self.lefts = [[] for _ in range(n + 1)]
        self.rights = [[] for _ in range(n + 1)]

    def done(self):
        return self.i == self.n and not self.stack

    def valid(self):
        """Move types allowed: (shift, left, right), left into ROOT only as
        the last move."""
        s = len(self.stack)
        at_root = self.i == self.n
        return (not at_root, s >= 1 and (not at_root or s == 1), s >= 2)

    def apply(self, move):
        if move == SHIFT:
            self.stack.append(self.i)
            self.i += 1
        elif move <= NL:
            d = self.stack.pop()
            h = self.i
            self.heads[d] = h if h < self.n else -1
            self.labels[d] = move - 1
            self.lefts[h].append(d)
        else:
            d = self.stack.pop()
            h = self.stack[-1]
            self.heads[d] = h
            self.labels[d] = move - 1 - NL
            self.rights[h].append(d)


def atoms(state, words, tags):
    """The atom values of a configuration (NATOMS + 1, the last unused)."""
    n = state.n
    st = state.stack
    v = [NONE] * (NATOMS + 1)

    def put(pos, k, label=False):
        if k is None:
            return
        if k == n:
            v[pos * 4] = ROOT_WORD
            v[pos * 4 + 1] = ROOT_TAG
        else:
            v[pos * 4] = words[k].w
            v[pos * 4 + 1] = tags[k] + 1
            v[pos * 4 + 3] = words[k].suf3
            if label:  # children only: stack and buffer items have no arc yet
                v[pos * 4 + 2] = state.labels[k] + 1

    s0 = st[-1] if st else None
    s1 = st[-2] if len(st) > 1 else None
    put(S0, s0)
    put(S1, s1)
    put(S2, st[-3] if len(st) > 2 else None)
    i = state.i
    put(N0, i)
    put(N1, i + 1 if i + 1 <= n else None)
    put(N2, i + 2 if i + 2 <= n else None)
    if s0 is not None:
        L_, R_ = state.lefts[s0], state.rights[s0]
        put(S0L1, L_[-1] if L_ else None, True)
        put(S0L2, L_[-2] if len(L_) > 1 else None, True)
        put(S0R1, R_[-1] if R_ else None, True)
        put(S0R2, R_[-2] if len(R_) > 1 else None, True)
        v[DIST] = dist_bucket(i - s0)
        v[S0VL] = min(len(L_), 5) + 1
        v[S0VR] = min(len(R_), 5) + 1
    if s1 is not None:
        put(S1R1, state.rights[s1][-1] if state.rights[s1] else None, True)
        put(S1L1, state.lefts[s1][-1] if state.lefts[s1] else None, True)
    NL_ = state.lefts[i]
    put(N0L1, NL_[-1] if NL_ else None, True)
    put(N0L2, NL_[-2] if len(NL_) > 1 else None, True)
    v[N0VL] = min(len(NL_), 5) + 1
    return v


def costs(state, gold_heads, gold_labels, gold_deps, on_stack):
    """Cost of each move type under the dynamic oracle (Goldberg & Nivre
    2013, arc-hybrid): (shift, left, right) as gold arcs lost, None when not
    allowed; plus the gold label of a left or right arc if it is gold."""
    ok_s, ok_l, ok_r = state.valid()
    st = state.stack
    b = state.i
    n = state.n
    c_s = c_l = c_r = None
    if ok_s:
        c = sum(1 for d in gold_deps[b] if on_stack[d])
        g = gold_heads[b]
        if st and g != -1 and on_stack[g] and g != st[-1]:
            c += 1
        c_s = c
    if ok_l or ok_r:
        s0 = st[-1]
        g = gold_heads[s0]
        g = n if g == -1 else g
        deps = sum(1 for d in gold_deps[s0] if d >= b)
        s1 = st[-2] if len(st) > 1 else None
        if ok_l:
            c_l = deps + (1 if g != b and (g == s1 or g > b) else 0)
        if ok_r:
            c_r = deps + (1 if g != s1 and g >= b else 0)
    return c_s, c_l, c_r


def move_costs(state, gh, gl, gd, on_stack):
    """Per class: the cost, or None for moves not allowed."""
    c_s, c_l, c_r = costs(state, gh, gl, gd, on_stack)
    out = [None] * NCLASSES
    out[SHIFT] = c_s
    s0 = state.stack[-1] if state.stack else None
    b = state.i
    n = state.n
    if c_l is not None:
        gold_arc = s0 is not None and (gh[s0] if gh[s0] != -1 else n) == b
        if b == n:
            out[left(0)] = c_l
        else:
            for l in range(1, NL):
                out[left(l)] = c_l + (1 if gold_arc and gl[s0] != l else 0)
    if c_r is not None:
        s1 = state.stack[-2]
        gold_arc = gh[s0] == s1
        for l in range(1, NL):
            out[right(l)] = c_r + (1 if gold_arc and gl[s0] != l else 0)
    return out


def allowed_mask(state):
    ok_s, ok_l, ok_r = state.valid()
    m = np.zeros(NCLASSES, dtype=bool)
    m[SHIFT] = ok_s
    if ok_l:
        if state.i == state.n:
            m[left(0)] = True
        else:
            m[left(1):left(NL)] = True
    if ok_r:
        m[right(1):right(NL)] = True
    return m


class Features:
    def __init__(self, bits, templates=TEMPLATES):
        self.bits = bits
        self.mask = (1 << bits) - 1
        self.c = Compiled(templates)
        self.templates = templates

    def of(self, state, words, tags):
        return self.c.buckets(np.array(atoms(state, words, tags), dtype=np.uint64), self.mask)


def word_values(words):
    return [word_atoms(w) for w in words]


def train(sentences, bits, iterations, seed, explore=0.9, log=print, templates=TEMPLATES, each=None):
    """sentences: list of (words, tag ids, gold heads (-1 root), label ids),
    projective. Returns the features and averaged float weights."""
    feats = Features(bits, templates)
    model = Averaged(bits, NCLASSES)
    rng = random.Random(seed)
    data = []
    for words, tags, heads, labels in sentences:
        n = len(words)
        deps = [[] for _ in range(n + 1)]
        for d, h in enumerate(heads):
            deps[h if h != -1 else n].append(d)
        data.append((word_values(words), tags, heads, labels, deps))
    order = list(range(len(data)))
    for it in range(iterations):
        t0 = time.time()
        right_moves = total = 0
        for si in order:
            wv, tags, gh, gl, gd = data[si]
            n = len(wv)
            state = State(n)
            on_stack = [False] * (n + 1)
            while not state.done():
                model.clock += 1
                f = feats.of(state, wv, tags)
                scores = model.scores(f)
                mc = move_costs(state, gh, gl, gd, on_stack)
                allowed = [k for k in range(NCLASSES) if mc[k] is not None]
                best = min(mc[k] for k in allowed)
                guess = max(allowed, key=lambda k: (scores[k], -k))
                if mc[guess] == best:
                    move = guess
                    right_moves += 1
                else:
                    truth = max((k for k in allowed if mc[k] == best), key=lambda k: (scores[k], -k))
                    model.update(f, truth, guess)
                    move = guess if it > 0 and rng.random() < explore else truth
                total += 1
                if move == SHIFT:
                    on_stack[state.i] = True
                else:
                    on_stack[state.stack[-1]] = False
                state.apply(move)
        log(f"  parser iteration {it + 1}: train moves right {right_moves / total:.4f} ({time.time() - t0:.0f} s)")
        if each is not None:
            each(it + 1, feats, model.average())
        rng.shuffle(order)
    return feats, model.average()


def parse(feats, weights, words, tags):
    """Greedy parse; returns heads (-1 root) and label ids."""
    wv = word_values(words)
    state = State(len(words))
    while not state.done():
        f = feats.of(state, wv, tags)
        s = weights[f].sum(axis=0)
        m = allowed_mask(state)
        s = np.where(m, s, np.iinfo(np.int64).min if s.dtype.kind == "i" else -np.inf)
        state.apply(int(np.argmax(s)))
    return state.heads, state.labels


def model_bytes(q, width, scale, templates=TEMPLATES):
    """The parser file: magic, u32 labels, u32 moves, u32 templates, per
    template a u8 atom count then its atom codes, the weight table
    (feat.table_bytes), then the FNV-1a 64 hash of everything before it."""
    out = [MAGIC, struct.pack("<III", NL, NCLASSES, len(templates))]
    for t in templates:
        out.append(bytes((len(t),) + tuple(t)))
    out.append(table_bytes(q, width, scale))
    body = b"".join(out)
    return body + fnv_trailer(body)
