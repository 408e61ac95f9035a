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
import tagger  # noqa: E402
import ud  # noqa: E402

# Settings chosen on dev (see README.md).
TAGGER = dict(bits=18, iterations=10, seed=1, prune=0.5, width=1)
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
    fixture = []
    for s in data["dev"][:FIXTURE_SENTENCES]:
        tags = tagger.predict(feats, tq, s.words)
        fixture.append({"text": s.text, "words": s.words, "tags": [ud.UPOS[t] for t in tags]})
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
