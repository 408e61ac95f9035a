#!/usr/bin/env python3
"""Trains the learned decision and writes models/decision.json.

    python3 models/decision/build.py            rebuild the model
    python3 models/decision/build.py --check    rebuild in target/ and compare with the committed one
    python3 models/decision/build.py --report   also print held-out figures per source

Training data, none of it an evaluation set:
  - FEVER training claims (models/data/fever/, CC BY-SA 3.0), checked against a
    corpus of their own gold evidence sentences;
  - synthetic claims (synth.py) made from those sentences and from the
    sentences of UD English EWT (models/data/ud-english-ewt/, CC BY-SA 4.0),
    checked against those corpora.
The engine (the `crosscheck features` command) computes each judged passage's
features; a passage holding a gold evidence sentence takes its claim's label,
any other passage is "neither". A small network (one hidden layer) learns the
passage scores. The claim-level thresholds and the confidence calibration are
chosen on a held-out fifth of the claims, split by source document so that no
evidence sentence is on both sides.

Reproducible: fixed seeds, fixed order, float64, one BLAS thread. --check
retrains and requires the committed model to read the features the engine
computes now and to agree with the rebuild on the held-out claims' verdicts
(at least 97%: float sums may round differently on another CPU).
"""
import argparse
import hashlib
import json
import lzma
import os
import subprocess
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import synth  # noqa: E402

MODEL = os.path.join(ROOT, "models", "decision.json")
WORK = os.path.join(ROOT, "target", "decision")
FEVER = os.path.join(ROOT, "models", "data", "fever")
EWT = os.path.join(ROOT, "models", "data", "ud-english-ewt", "en_ewt-ud-train.conllu.xz")
LEXICON = os.path.join(ROOT, "crates", "engine", "data", "lexicon.txt")
VECTORS = os.path.join(ROOT, "models", "vectors.bin")
LABELS = ["supported", "conflicting", "unsupported"]

SETTINGS = {
    "hidden": 32,
    # Training stops when the validation loss has not improved for `patience`
    # epochs (at most `epochs`), keeping the best weights.
    "epochs": 200,
    "patience": 10,
    "learning_rate": 0.001,
    "l2": 1e-4,
    "batch": 200,
    # One network per seed; their probabilities are averaged.
    "seeds": [1, 2, 3, 4, 5],
    # Synthetic claims per label and source.
    "synthetic_per_label": 1500,
}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


# --- data ---------------------------------------------------------------------

def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def cli():
    subprocess.run(["cargo", "build", "--release", "--locked", "-q", "-p", "crosscheck-cli"],
                   cwd=ROOT, check=True)
    return os.path.join(ROOT, "target", "release", "crosscheck")


def word_keys(docs):
    """The engine's lookup key of each lowercase word of the documents."""
    words = sorted({t for _, ts in docs for text in ts for t in synth.tokens(text)
                    if t.isalpha() and t.islower()})
    out = subprocess.run([cli(), "keys"], input="\n".join(words), capture_output=True,
                         text=True, check=True).stdout
    return dict(line.split("\t") for line in out.splitlines() if "\t" in line and line.split("\t")[1])


def clause_parses(docs):
    """Each sentence's clauses, as the engine reads them (for the structured edits)."""
    sentences = sorted({t.replace("\n", " ") for _, ts in docs for t in ts})
    out = subprocess.run([cli(), "clauses"], input="\n".join(sentences), capture_output=True,
                         text=True, check=True).stdout
    parses = {}
    for line in out.splitlines():
        r = json.loads(line)
        parses[r["text"]] = r
    return parses


def prepare(work):
    """Corpora and claim files under `work`; returns [(name, claims path, corpus path)]."""
    os.makedirs(work, exist_ok=True)
    fever = [json.loads(l) for l in lzma.open(os.path.join(FEVER, "train.jsonl.xz"), "rt", encoding="utf-8")]
    docs = {}
    for c in fever:
        for e in c["evidence"]:
            d = docs.setdefault(e["doc"], [])
            if e["quote"] not in d:
                d.append(e["quote"])
    for l in open(os.path.join(FEVER, "sentences.jsonl"), encoding="utf-8"):
        s = json.loads(l)
        d = docs.setdefault(s["doc"], [])
        if s["text"] not in d:
            d.append(s["text"])
    fever_docs = sorted(docs.items())
    write_jsonl(os.path.join(work, "fever-corpus.jsonl"),
                ({"doc": doc, "text": t} for doc, ts in fever_docs for t in ts))
    write_jsonl(os.path.join(work, "fever-claims.jsonl"), fever)

    ewt_docs, cur = {}, None
    for line in lzma.open(EWT, "rt", encoding="utf-8"):
        if line.startswith("# newdoc id"):
            cur = line.split("=", 1)[1].strip()
            ewt_docs[cur] = []
        elif line.startswith("# text =") and cur is not None:
            ewt_docs[cur].append(line.split("=", 1)[1].strip())
    ewt_docs = list(ewt_docs.items())
    write_jsonl(os.path.join(work, "ewt-corpus.jsonl"),
                ({"doc": doc, "text": t} for doc, ts in ewt_docs for t in ts))

    n = SETTINGS["synthetic_per_label"]
    neighbours = synth.Neighbours(VECTORS, word_keys(fever_docs + ewt_docs))
    parses = clause_parses(fever_docs + ewt_docs)
    write_jsonl(os.path.join(work, "synth-fever.jsonl"),
                synth.generate(fever_docs, LEXICON, 1, n, "sf", neighbours, parses))
    write_jsonl(os.path.join(work, "synth-ewt.jsonl"),
                synth.generate(ewt_docs, LEXICON, 2, n, "se", neighbours, parses))
    return [
        ("fever", "fever-claims.jsonl", "fever-corpus.jsonl"),
        ("synth-fever", "synth-fever.jsonl", "fever-corpus.jsonl"),
        ("synth-ewt", "synth-ewt.jsonl", "ewt-corpus.jsonl"),
    ]


def features(work, sets):
    """Runs the engine over each claim file; returns the claim feature names."""
    binary = cli()
    names = None
    for name, claims, corpus in sets:
        out = os.path.join(work, name + ".features.jsonl")
        subprocess.run([binary, "features", os.path.join(work, claims), "--corpus",
                        os.path.join(work, corpus), "-o", out], check=True)
        with open(out, encoding="utf-8") as f:
            names = json.loads(f.readline())["claim_names"]
    return names


def group_of(claim, passages):
    """The claim's source document: its gold evidence's, else its best passage's."""
    if claim.get("evidence"):
        return claim["evidence"][0]["doc"]
    if claim.get("source"):
        return claim["source"]
    return passages[0]["doc"] if passages else str(claim["id"])


def held_out(group):
    return int(hashlib.sha256(group.encode("utf-8")).hexdigest()[:8], 16) % 5 == 0


def load(work, sets):
    """Claim feature vectors, labels, sources and whether each is held out."""
    X, y, source, held = [], [], [], []
    for name, claims_file, _ in sets:
        by_id = {}
        for l in open(os.path.join(work, claims_file), encoding="utf-8"):
            c = json.loads(l)
            by_id[str(c["id"])] = c
        with open(os.path.join(work, name + ".features.jsonl"), encoding="utf-8") as f:
            f.readline()
            for l in f:
                r = json.loads(l)
                X.append(r["claim"])
                y.append(LABELS.index(r["label"]))
                source.append(name)
                held.append(held_out(group_of(by_id[r["id"]], r["passages"])))
    return (np.array(X, dtype=np.float64), np.array(y), np.array(source), np.array(held))


# --- the network ------------------------------------------------------------------

def forward(P, X):
    h = np.maximum(0.0, X @ P["W1"].T + P["b1"])
    z = h @ P["W2"].T + P["b2"]
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return h, e / e.sum(axis=1, keepdims=True)


def loss(P, X, y, w):
    _, p = forward(P, X)
    return float(-(w * np.log(np.maximum(p[np.arange(len(y)), y], 1e-12))).sum() / w.sum())


def train(X, y, w, seed, val):
    """One network (Adam, minibatches); `val` (X, y, w) decides when to stop."""
    s = SETTINGS
    rng = np.random.default_rng(seed)
    n, d = X.shape
    P = {
        "W1": rng.normal(0.0, np.sqrt(2.0 / d), (s["hidden"], d)),
        "b1": np.zeros(s["hidden"]),
        "W2": rng.normal(0.0, np.sqrt(1.0 / s["hidden"]), (3, s["hidden"])),
        "b2": np.zeros(3),
    }
    m = {k: np.zeros_like(v) for k, v in P.items()}
    v = {k: np.zeros_like(v) for k, v in P.items()}
    Y = np.eye(3)[y]
    step = 0
    best, best_loss, waited = {k: x.copy() for k, x in P.items()}, loss(P, *val), 0
    for epoch in range(s["epochs"]):
        order = rng.permutation(n)
        for at in range(0, n, s["batch"]):
            idx = order[at:at + s["batch"]]
            xb, yb, wb = X[idx], Y[idx], w[idx][:, None]
            h, p = forward(P, xb)
            dz = (p - yb) * wb / len(idx)
            grads = {"W2": dz.T @ h + s["l2"] * P["W2"], "b2": dz.sum(0)}
            dh = (dz @ P["W2"]) * (h > 0)
            grads["W1"] = dh.T @ xb + s["l2"] * P["W1"]
            grads["b1"] = dh.sum(0)
            step += 1
            for k in P:
                m[k] = 0.9 * m[k] + 0.1 * grads[k]
                v[k] = 0.999 * v[k] + 0.001 * grads[k] ** 2
                mh = m[k] / (1 - 0.9 ** step)
                vh = v[k] / (1 - 0.999 ** step)
                P[k] -= s["learning_rate"] * mh / (np.sqrt(vh) + 1e-8)
        current = loss(P, *val)
        if current < best_loss - 1e-6:
            best, best_loss, waited = {k: x.copy() for k, x in P.items()}, current, 0
        else:
            waited += 1
            if waited >= s["patience"]:
                break
    log(f"  seed {seed}: {epoch + 1} epochs, validation loss {best_loss:.4f}")
    return best


def ensemble(nets, X):
    return np.mean([forward(P, X)[1] for P in nets], axis=0)


# --- the verdict -----------------------------------------------------------------------

def decide(Pr, offsets, event=None, least=0.0):
    """Verdicts: the most probable after offsets; a conflict whose passage covers
    less than `least` of the claim's event is no conflict (`event`: per claim,
    the coverage of the passage a conflict would rest on)."""
    p = np.argmax(np.log(np.maximum(Pr, 1e-9)) + offsets, axis=1)
    if event is not None:
        p = np.where((p == 1) & (event < least), 2, p)
    return p


def macro_f1(y, p):
    f = []
    for k in range(3):
        tp = np.sum((p == k) & (y == k))
        prec = tp / max(1, np.sum(p == k))
        rec = tp / max(1, np.sum(y == k))
        f.append(0 if tp == 0 else 2 * prec * rec / (prec + rec))
    return float(np.mean(f)), f


def choose_offsets(Pr, y, source, event):
    """Log-probability offsets, and the event coverage a conflict needs, that
    maximise held-out macro-F1, each source weighing the same."""
    best = None
    grid = np.round(np.arange(-1.5, 1.501, 0.125), 3)
    sources = sorted(set(source))
    for least in [0.0, 0.3, 0.4, 0.5, 0.6]:
        for a in grid:
            for b in grid:
                p = decide(Pr, np.array([a, b, 0.0]), event, least)
                score = np.mean([macro_f1(y[source == s], p[source == s])[0] for s in sources])
                if best is None or score > best[0] + 1e-12:
                    best = (score, [float(a), float(b), 0.0], least)
    return best


def isotonic(x, correct):
    """Pool-adjacent-violators: a non-decreasing share right, as knots (score, share)."""
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], correct[order].astype(np.float64)
    out = []
    for i in range(len(xs)):
        out.append([ys[i], 1.0, xs[i], xs[i]])
        while len(out) > 1 and out[-2][0] / out[-2][1] >= out[-1][0] / out[-1][1]:
            a = out.pop()
            out[-1] = [out[-1][0] + a[0], out[-1][1] + a[1], out[-1][2], a[3]]
    knots = []
    prior = correct.mean()
    for s, n, lo, hi in out:
        # Blocks of few claims say little: shrink them towards the overall share.
        share = (s + 2 * prior) / (n + 2)
        knots.append([round(float((lo + hi) / 2), 4), round(float(share), 4)])
    if len(knots) > 24:
        pick = np.linspace(0, len(knots) - 1, 24).round().astype(int)
        knots = [knots[i] for i in pick]
    for i in range(1, len(knots)):
        knots[i][1] = max(knots[i][1], knots[i - 1][1])
    return knots


def calibration(Pr, y, offsets, event, least):
    p = decide(Pr, offsets, event, least)
    out = []
    for k in range(3):
        sel = p == k
        out.append(isotonic(Pr[sel, k], y[sel] == k) if sel.any() else [[0.0, 0.5]])
    return out


def build(work, report):
    started = time.time()
    sets = prepare(work)
    log(f"data prepared in {time.time() - started:.1f} s")
    names = features(work, sets)
    log(f"features computed in {time.time() - started:.1f} s")
    X, y, source, held = load(work, sets)
    train_x, train_y, train_src = X[~held], y[~held], source[~held]
    # Each source weighs the same in training, however many claims it has.
    w = np.array([1.0 / np.sum(train_src == s) for s in train_src])
    w *= len(w) / w.sum()
    mean = train_x.mean(axis=0)
    scale = train_x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    Z = (train_x - mean) / scale
    # A tenth of the training claims, every tenth in file order, tells when to stop.
    val = np.arange(len(Z)) % 10 == 0
    nets = [train(Z[~val], train_y[~val], w[~val], seed, (Z[val], train_y[val], w[val]))
            for seed in SETTINGS["seeds"]]
    log(f"trained on {len(train_x)} claims in {time.time() - started:.1f} s")
    Pr = ensemble(nets, (X[held] - mean) / scale)
    yh, src = y[held], source[held]
    # The event coverage of the passage a conflict rests on: the best passage
    # with a mismatch, else the best-covering one (as the engine picks).
    col = {n: i for i, n in enumerate(names)}
    xh = X[held]
    event = np.where(xh[:, col["has_conflict"]] > 0, xh[:, col["conflict.event"]], xh[:, col["support.event"]])
    score, offsets, least = choose_offsets(Pr, yh, src, event)
    calib = calibration(Pr, yh, np.array(offsets), event, least)
    if report:
        p = decide(Pr, np.array(offsets), event, least)
        for s in sorted(set(src)):
            f, per = macro_f1(yh[src == s], p[src == s])
            log(f"held-out {s}: n={int((src == s).sum())} macro-F1 {f:.3f} per class "
                + " ".join(f"{x:.3f}" for x in per))
        log(f"offsets {offsets}, conflict event {least}; mean held-out macro-F1 {score:.3f}")
    r = lambda a: [round(float(x), 6) for x in a]
    model = {
        "format": "crosscheck-decision",
        "version": 1,
        "trained_on": "FEVER 1.0 training claims (CC BY-SA 3.0) and synthetic edits of their "
                      "evidence sentences and of UD English EWT sentences (CC BY-SA 4.0); "
                      "see models/decision/README.md",
        "settings": SETTINGS,
        "features": names,
        "mean": r(mean),
        "scale": r(scale),
        "nets": [{"hidden": {"w": [r(row) for row in P["W1"]], "b": r(P["b1"])},
                  "output": {"w": [r(row) for row in P["W2"]], "b": r(P["b2"])}} for P in nets],
        "offsets": offsets,
        "conflict_event": least,
        "calibration": calib,
        "held_out_macro_f1": round(score, 4),
    }
    log(f"done in {time.time() - started:.1f} s")
    return model, (X[held], event)


def verdicts(model, X, event):
    """A model file's verdicts for claim vectors, as the engine computes them."""
    mean, scale = np.array(model["mean"]), np.array(model["scale"])
    nets = [{"W1": np.array(n["hidden"]["w"]), "b1": np.array(n["hidden"]["b"]),
             "W2": np.array(n["output"]["w"]), "b2": np.array(n["output"]["b"])} for n in model["nets"]]
    Pr = ensemble(nets, (X - mean) / scale)
    return decide(Pr, np.array(model["offsets"]), event, model["conflict_event"])


def check(model, held):
    """The committed model must read the features the engine computes now and
    give the held-out claims the verdicts a rebuild gives them. Verdicts, not
    bits: float sums may round differently on another CPU, and training
    amplifies that a little."""
    committed = json.load(open(MODEL, encoding="utf-8"))
    problems = []
    for key in ["format", "version", "features", "settings"]:
        if committed.get(key) != model.get(key):
            problems.append(f"{key} differs")
    if not problems:
        X, event = held
        a, b = verdicts(committed, X, event), verdicts(model, X, event)
        agree = float(np.mean(a == b))
        print(f"held-out verdicts: committed and rebuilt model agree on {agree:.1%} of {len(a)} claims")
        if agree < 0.97:
            problems.append(f"the verdicts of {1 - agree:.1%} of the held-out claims differ")
    if problems:
        print("models/decision.json does not match a rebuild: " + "; ".join(problems)
              + "\nRebuild it with: python3 models/decision/build.py", file=sys.stderr)
        return 1
    print("decision model is up to date")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--report", action="store_true")
    a = ap.parse_args()
    model, held = build(WORK, a.report or not a.check)
    if a.check:
        return check(model, held)
    with open(MODEL, "w", encoding="utf-8") as f:
        json.dump(model, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(MODEL, ROOT)} ({os.path.getsize(MODEL)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
