#!/usr/bin/env python3
"""Builds a large test corpus, deterministically, from the public sentences of
the FEVER and Climate-FEVER corpora (tests/fixtures/*/corpus.jsonl; no seed
text). Sentences are grouped into article-sized documents of 12 to 30
sentences, drawn with a fixed random seed, so the same arguments always give
the same file.

    scripts/make-scale-corpus.py --docs 10000 -o target/scale/10k.jsonl [--with-seed corpus/seed]

--with-seed puts the seed articles first (for the accuracy-with-distractors
check). Output: JSON Lines of {"doc", "title", "text"}.
"""
import argparse
import json
import os
import random

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SOURCES = ["tests/fixtures/fever/corpus.jsonl", "tests/fixtures/climate-fever/corpus.jsonl"]


def sentences():
    out = []
    for rel in SOURCES:
        with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line:
                    text = json.loads(line)["text"].strip()
                    if text:
                        out.append(text)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--with-seed", metavar="DIR")
    ap.add_argument("--seed", type=int, default=20261121)
    args = ap.parse_args()

    pool = sentences()
    rng = random.Random(args.seed)
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    raw = 0
    with open(args.output, "w", encoding="utf-8") as out:
        if args.with_seed:
            for name in sorted(os.listdir(args.with_seed)):
                if name.endswith(".txt"):
                    with open(os.path.join(args.with_seed, name), encoding="utf-8") as f:
                        text = f.read()
                    out.write(json.dumps({"doc": name, "text": text}, ensure_ascii=False) + "\n")
        for i in range(args.docs):
            n = rng.randint(12, 30)
            picked = [pool[rng.randrange(len(pool))] for _ in range(n)]
            # Paragraphs of three sentences, as in a news article.
            paras = [" ".join(picked[k:k + 3]) for k in range(0, n, 3)]
            text = "\n\n".join(paras)
            raw += len(text.encode("utf-8"))
            doc = {"doc": f"scale-{i:06d}", "title": f"Scale document {i}", "text": text}
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"wrote {args.output}: {args.docs} documents, {raw} bytes of text, from {len(pool)} sentences")


if __name__ == "__main__":
    main()
