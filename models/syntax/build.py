#!/usr/bin/env python3
"""Builds the engine's syntax models from UD English EWT (models/data):

    models/tagger.bin   part-of-speech tagger (averaged perceptron)
    models/parser.bin   dependency parser (arc-hybrid, averaged perceptron)
    crates/engine/tests/fixtures/syntax_dev.jsonl
                        Python's output on the first dev sentences, which the
                        Rust inference must reproduce exactly

Trains on train, settings fixed here were chosen on dev (models/syntax/README.md),
reports dev and test. Deterministic: fixed seeds and orders, so two runs write
the same bytes; `--check` rebuilds into a temporary directory and compares.

    .tools/py/bin/python models/syntax/build.py [--check] [--tagger-only] [--standard]

Run numpy single-threaded (OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1).
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import gzip

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

import feat  # noqa: E402
import parser  # noqa: E402
import tagger  # noqa: E402
import ud  # noqa: E402

# Settings chosen on dev (see README.md).
TAGGER = dict(bits=18, iterations=10, seed=1, prune=0.5, width=1)
PARSER = dict(bits=21, iterations=12, seed=1, explore=0.9, prune=1.5, width=1, folds=5)
FIXTURE_SENTENCES = 200

OUTPUTS = {
    "tagger": os.path.join("models", "tagger.bin"),
    "parser": os.path.join("models", "parser.bin"),
    "fixture": os.path.join("crates", "engine", "tests", "fixtures", "syntax_dev.jsonl"),
}


def log(*a):
    print(*a, flush=True)


def tag_accuracy(feats, weights, sentences):
    right = total = 0
    for s in sentences:
        p = tagger.predict(feats, weights, s.words)
        right += sum(ud.UPOS[x] == y for x, y in zip(p, s.tags))
        total += len(p)
    return right / total


def build_tagger(data, args):
    t0 = time.time()
    train = [(s.words, [ud.UPOS_ID[t] for t in s.tags]) for s in data["train"]]
    feats, weights = tagger.train(train, TAGGER["bits"], TAGGER["iterations"], TAGGER["seed"], log=log)
    q, scale = feat.quantize(weights, TAGGER["prune"], TAGGER["width"])
    blob = tagger.model_bytes(q, TAGGER["width"], scale)
    log(f"tagger: trained in {time.time() - t0:.0f} s; {len(blob)} bytes, {len(gzip.compress(blob, 9))} gzip; "
        f"{int((q != 0).any(axis=1).sum())} rows, {int((q != 0).sum())} weights")
    qi = q.astype("int64")
    figures = {}
    for split in ("dev", "test"):
        figures[f"{split} float"] = tag_accuracy(feats, weights, data[split])
        figures[split] = tag_accuracy(feats, qi, data[split])
        figures[f"{split} UD words"] = tag_accuracy(feats, qi, data[split + " ud"])
    for k, v in figures.items():
        log(f"tagger UPOS accuracy, {k}: {v:.4f}")
    if args.standard:
        t1 = time.time()
        train_ud = [(s.words, [ud.UPOS_ID[t] for t in s.tags]) for s in data["train ud"]]
        f2, w2 = tagger.train(train_ud, TAGGER["bits"], TAGGER["iterations"], TAGGER["seed"], log=lambda *a: None)
        q2, _ = feat.quantize(w2, TAGGER["prune"], TAGGER["width"])
        for split in ("dev", "test"):
            log(f"standard (trained and tested on UD words), {split}: "
                f"{tag_accuracy(f2, q2.astype('int64'), data[split + ' ud']):.4f} ({time.time() - t1:.0f} s)")
    return feats, qi, blob


def jackknife(train, log):
    """Tags of the training sentences, each from a tagger trained on the
    other folds (sentence i in fold i mod k), so that the parser learns from
    tags as wrong as they will be."""
    k = PARSER["folds"]
    out = [None] * len(train)
    for fold in range(k):
        t0 = time.time()
        part = [x for i, x in enumerate(train) if i % k != fold]
        feats, weights = tagger.train(part, TAGGER["bits"], TAGGER["iterations"], TAGGER["seed"], log=lambda *a: None)
        q, _ = feat.quantize(weights, TAGGER["prune"], TAGGER["width"])
        q = q.astype("int64")
        for i in range(fold, len(train), k):
            out[i] = tagger.predict(feats, q, train[i][0])
        log(f"  jackknife fold {fold + 1}/{k} ({time.time() - t0:.0f} s)")
    right = sum(a == b for p, (_, g) in zip(out, train) for a, b in zip(p, g))
    log(f"  jackknifed tags: accuracy {right / sum(len(g) for _, g in train):.4f}")
    return out


def attachment(pfeats, pweights, sentences, tags):
    """UAS and LAS over all tokens, and without punctuation."""
    n = u = l = n_np = u_np = l_np = 0
    for s, t in zip(sentences, tags):
        heads, labels = parser.parse(pfeats, pweights, s.words, t)
        for k in range(len(heads)):
            ok = heads[k] == s.heads[k]
            lab = ok and ud.LABELS[labels[k]] == s.labels[k]
            n, u, l = n + 1, u + ok, l + lab
            if s.tags[k] != "PUNCT":
                n_np, u_np, l_np = n_np + 1, u_np + ok, l_np + lab
    return u / n, l / n, u_np / n_np, l_np / n_np


def build_parser(data, tfeats, tq, args):
    t0 = time.time()
    train_tags = [(s.words, [ud.UPOS_ID[t] for t in s.tags]) for s in data["train"]]
    jk = jackknife(train_tags, log)
    train = [(s.words, jk[i], s.heads, [ud.LABEL_ID[l] for l in s.labels])
             for i, s in enumerate(data["train"]) if ud.is_projective(s.heads)]
    log(f"parser: {len(train)} projective training sentences of {len(data['train'])}")
    feats, weights = parser.train(train, PARSER["bits"], PARSER["iterations"], PARSER["seed"],
                                  explore=PARSER["explore"], log=log)
    q, scale = feat.quantize(weights, PARSER["prune"], PARSER["width"])
    del weights
    blob = parser.model_bytes(q, PARSER["width"], scale)
    log(f"parser: trained in {time.time() - t0:.0f} s; {len(blob)} bytes, {len(gzip.compress(blob, 9))} gzip; "
        f"{int((q != 0).any(axis=1).sum())} rows, {int((q != 0).sum())} weights")
    qi = q.astype("int64")
    del q
    for split in ("dev", "test"):
        predicted = [tagger.predict(tfeats, tq, s.words) for s in data[split]]
        gold = [[ud.UPOS_ID[t] for t in s.tags] for s in data[split]]
        for name, tags in (("predicted tags", predicted), ("gold tags", gold)):
            uas, las, uas_np, las_np = attachment(feats, qi, data[split], tags)
            log(f"parser {split}, {name}: UAS {uas:.4f} LAS {las:.4f}; without punctuation UAS {uas_np:.4f} LAS {las_np:.4f}")
    ud_pred = [tagger.predict(tfeats, tq, s.words) for s in data["test ud"]]
    uas, las, _, _ = attachment(feats, qi, data["test ud"], ud_pred)
    log(f"parser test on UD's own words, predicted tags: UAS {uas:.4f} LAS {las:.4f}")
    return feats, qi, blob


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="rebuild into a temporary directory and compare with the committed files")
    ap.add_argument("--tagger-only", action="store_true")
    ap.add_argument("--standard", action="store_true", help="also train and test a tagger on UD's own words")
    ap.add_argument("--out", default=ROOT, help="root under which to write the outputs")
    args = ap.parse_args()
    if args.check:
        tmp = tempfile.mkdtemp(prefix="syntax-check-")
        try:
            args.out = tmp
            args.check = False
            run(args)
            bad = []
            for name, rel in OUTPUTS.items():
                new = os.path.join(tmp, rel)
                if not os.path.exists(new):
                    continue
                with open(new, "rb") as f:
                    a = f.read()
                old = os.path.join(ROOT, rel)
                b = open(old, "rb").read() if os.path.exists(old) else None
                if a != b:
                    bad.append(rel)
            if bad:
                sys.exit("build.py --check: the rebuilt files differ from the committed ones: " + ", ".join(bad))
            log("build.py --check: rebuilt files are identical to the committed ones")
        finally:
            shutil.rmtree(tmp)
        return
    run(args)


def run(args):
    t0 = time.time()
    data = {}
    for split in ("train", "dev", "test"):
        sents = ud.read_conllu(split)
        data[split] = [ud.align(s) for s in sents]
        data[split + " ud"] = [ud.from_words(s) for s in sents]
    log(f"data: {', '.join(f'{k} {len(v)} sentences' for k, v in data.items())} ({time.time() - t0:.0f} s)")
    feats, tq, tblob = build_tagger(data, args)
    write(args.out, OUTPUTS["tagger"], tblob)
    if not args.tagger_only:
        pfeats, pq, pblob = build_parser(data, feats, tq, args)
        write(args.out, OUTPUTS["parser"], pblob)
    fixture = []
    for s in data["dev"][:FIXTURE_SENTENCES]:
        tags = tagger.predict(feats, tq, s.words)
        row = {"text": s.text, "words": s.words, "tags": [ud.UPOS[t] for t in tags]}
        if not args.tagger_only:
            heads, labels = parser.parse(pfeats, pq, s.words, tags)
            row["heads"] = [h if h >= 0 else None for h in heads]
            row["labels"] = [ud.LABELS[l] for l in labels]
        fixture.append(row)
    write(args.out, OUTPUTS["fixture"],
          "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in fixture).encode("utf-8"))
    log(f"total {time.time() - t0:.0f} s")


def write(root, rel, blob):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(blob)
    log(f"wrote {rel} ({len(blob)} bytes)")


if __name__ == "__main__":
    main()
