#!/usr/bin/env python3
"""Compile WordNet 3.0 into the compact lexicon table the engine embeds.

Reproducible: the same WordNet files always give the same table, byte for byte.
Input: the database files of Debian's `wordnet-base` (default /usr/share/wordnet).
Output: crates/engine/data/lexicon.txt (committed, so a build never needs WordNet).

Only the senses that matter for news prose are kept: for each lemma, its most
frequent senses among those that were sense-tagged in WordNet's own corpus
(index files order senses by frequency and say how many were tagged). Rare
senses are what make raw WordNet synonymy noisy ("say" ~ "pronounce" ~ "allege");
dropping them is both more precise and far smaller.

Table format, one synset a line, its id = its line number (0-based) after the header:
    POS words[;h=ids][;a=ids][;s=id]
  POS    n, v, a (adjectives and satellites) or r
  words  comma-separated lemmas (one or two words; two joined by "_"), lowercase
  h=     hypernyms (for verbs: the verb this one is a manner of), comma-separated ids
  a=     antonym synsets (from WordNet's lexical antonym pointers)
  s=     for an adjective satellite, the head adjective it is "similar to"
  Link ids are relative: the target's id minus this line's id ("a=-1" is the line before).
lines `p name|name|...` for place metonymy groups, `f BAND words` for general word
frequency, and `x FORM LEMMA` for irregular inflections (verb.exc, adj.exc, noun.exc).
Both of the last two are written against what comes before (see `shared_prefix`):
the table is compiled into the web app, whose size has a budget.
"""
import argparse
import math
import os
import sys

glosses = {}  # (pos, offset) -> gloss
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# How many frequent senses of a lemma to keep, by part of speech.
SENSES_KEPT = {"n": 2, "v": 4, "a": 3, "r": 2}


def read_index(wn, pos, names):
    """lemma -> ordered list of kept synset offsets (proper nouns left out)."""
    kept = {}
    with open(os.path.join(wn, "index." + POS_FILES[pos]), encoding="latin-1") as f:
        for line in f:
            if line.startswith(" "):
                continue
            parts = line.split()
            lemma, p_cnt = parts[0], int(parts[3])
            rest = parts[4 + p_cnt:]
            tagged = int(rest[1])
            offsets = rest[2:]
            words = lemma.split("_")
            if tagged == 0 or len(words) > 2 or not all(w.isalpha() for w in words) or lemma in names:
                continue
            kept[lemma] = offsets[: min(tagged, SENSES_KEPT[pos])]
    return kept


def read_data(wn, pos):
    """offset -> (ss_type, [words], [(pointer, target_pos, target_offset)])."""
    synsets = {}
    with open(os.path.join(wn, "data." + POS_FILES[pos]), encoding="latin-1") as f:
        for line in f:
            if line.startswith(" "):
                continue
            head = line.split("|")[0].split()
            offset, ss_type = head[0], head[2]
            w_cnt = int(head[3], 16)
            words = [head[4 + 2 * i] for i in range(w_cnt)]
            # Adjective markers such as "(a)" or "(p)" trail some words.
            words = [w.split("(")[0] for w in words]
            i = 4 + 2 * w_cnt
            p_cnt = int(head[i])
            pointers = []
            for j in range(p_cnt):
                sym, tgt, tpos = head[i + 1 + 4 * j], head[i + 2 + 4 * j], head[i + 3 + 4 * j]
                pointers.append((sym, "a" if tpos == "s" else tpos, tgt))
            synsets[offset] = (ss_type, words, pointers)
            glosses[(pos, offset)] = line.split("|", 1)[1] if "|" in line else ""
    return synsets


NATIONAL_CAPITAL = "08691669"  # the synset "national capital"
CONTINENT = "09254614"  # the synset "continent"


def place_groups(data):
    """Metonymy groups of places: a country, its national capital, the seats of
    government inside that capital, and the nationality adjective.

    Newswriting names a government by any of these ("Moscow", "the Kremlin",
    "Russia", "Russian officials"); WordNet links them: the capital is an
    instance of "national capital" and part of its country, the government
    building is part of the capital, and the country derives the adjective.
    Lines: `p name|name|...` (lowercase, multiword names with spaces).
    """
    nouns, adjs = data["n"], data["a"]

    def names(words):
        return [w.replace("_", " ") for w in words]

    def is_country(off):
        """An instance of a kind of country or nation ("European country")."""
        return any(
            sym == "@i" and tgt in nouns
            and any("country" in w.lower() or "nation" in w.lower() for w in nouns[tgt][1])
            for sym, tpos, tgt in nouns[off][2]
        )

    def is_nation(off):
        """A country, or a place that derives a nationality adjective."""
        return is_country(off) or any(sym == "+" and tpos == "a" for sym, tpos, _ in nouns[off][2])

    groups = {}
    for off, (_, words, ptrs) in nouns.items():
        if not any(p == ("@i", "n", NATIONAL_CAPITAL) for p in ptrs):
            continue
        countries = [tgt for sym, tpos, tgt in ptrs if sym == "#p" and tpos == "n"]
        if not countries:
            continue
        country = countries[0]
        # Washington is part of the District of Columbia, which is part of the
        # United States: climb to the first holonym that is a country or
        # derives a nationality, but never to a continent or a region (France
        # derives no "French" in WordNet and is part of Europe: Paris is not
        # Berlin).
        for _ in range(2):
            if is_nation(country):
                break
            up = [tgt for sym, tpos, tgt in nouns[country][2] if sym == "#p" and tpos == "n"]
            if not up or not is_nation(up[0]) or ("@i", "n", CONTINENT) in nouns[up[0]][2]:
                break
            country = up[0]
        group = groups.setdefault(country, set())
        group.update(names(words))
        # Seats of government: parts of the capital whose gloss names the government.
        for sym, tpos, tgt in ptrs:
            if sym == "%p" and tpos == "n" and tgt in nouns:
                group_words = nouns[tgt][1]
                if "government" in glosses.get(("n", tgt), ""):
                    group.update(names(group_words))
    for country, group in groups.items():
        _, words, ptrs = nouns[country]
        group.update(names(words))
        for sym, tpos, tgt in ptrs:
            if sym == "+" and tpos == "a" and tgt in adjs:
                group.update(names(w for w in adjs[tgt][1] if w[:1].isupper()))
    lines = []
    for country in sorted(groups):
        group = sorted({g.lower() for g in groups[country] if g[:1].isupper() or g[:1].isdigit()} - {"capital"})
        if len(group) >= 2:
            lines.append("p " + "|".join(group))
    return lines


def proper_nouns(wn):
    """Lowercased lemmas WordNet only ever writes with a capital: names, not
    English words ("france"; but not "go", which is also a common verb)."""
    names = set()
    common = set()
    with open(os.path.join(wn, "data.noun"), encoding="latin-1") as f:
        for line in f:
            if line.startswith(" "):
                continue
            head = line.split("|")[0].split()
            for i in range(int(head[3], 16)):
                w = head[4 + 2 * i]
                if w[:1].isupper():
                    names.add(w.lower())
                else:
                    common.add(w)
    for pos in ("verb", "adj", "adv"):
        with open(os.path.join(wn, "index." + pos), encoding="latin-1") as f:
            common.update(line.split(" ", 1)[0] for line in f if not line.startswith(" "))
    return names - common


def frequency_bands(wn):
    """General English frequency of single words: how often WordNet's
    sense-tagged corpus (cntlist.rev) saw any sense of the lemma, in log2 bands.
    Lines: `f BAND words`, bands 3 and up; rarer words are absent. The words are
    sorted and front-coded: each is a digit, how many letters it shares with the
    word before, then the rest ("0abolish2ruptly2sent" is abolish, abruptly,
    absent).

    The engine weighs a word the reference corpus never uses by this, so an
    everyday verb a paraphrase brings in ("identified", "keep") does not count
    like a new name or figure would.
    """
    counts = {}
    names = proper_nouns(wn)
    with open(os.path.join(wn, "cntlist.rev"), encoding="latin-1") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 3:
                continue
            lemma = parts[0].split("%")[0]
            if "_" in lemma or not lemma.isalpha() or lemma in names:
                continue
            counts[lemma] = counts.get(lemma, 0) + int(parts[2])
    bands = {}
    for lemma, n in counts.items():
        band = min(int(math.log2(1 + n)), 12)
        # Words seen fewer than 7 times count as rare: listing them would buy nothing.
        if band >= 3:
            bands.setdefault(band, []).append(lemma)
    lines = []
    for b, ws in sorted(bands.items()):
        coded, before = [], ""
        for w in sorted(ws):
            k = shared_prefix(before, w)
            coded.append("%d%s" % (k, w[k:]))
            before = w
        lines.append("f %d %s" % (b, "".join(coded)))
    return lines


def shared_prefix(a, b):
    """How many leading letters two words share, at most 9 (one digit)."""
    k = 0
    while k < min(len(a), len(b), 9) and a[k] == b[k]:
        k += 1
    return k


def build(wn):
    names = proper_nouns(wn)
    index = {pos: read_index(wn, pos, names) for pos in POS_FILES}
    data = {pos: read_data(wn, pos) for pos in POS_FILES}

    members = {}  # (pos, offset) -> sorted kept words
    for pos, lemmas in index.items():
        for lemma, offsets in lemmas.items():
            for off in offsets:
                members.setdefault((pos, off), set()).add(lemma)

    def related(key, symbols):
        pos, off = key
        return sorted({(tpos, tgt) for sym, tpos, tgt in data[pos][off][2] if sym in symbols})

    # A synset earns a line if it relates words: two members, or an antonym,
    # hypernym or similar-to link to another kept synset.
    keys = sorted(members)
    links = {}
    for key in keys:
        pos = key[0]
        hyper = [k for k in related(key, {"@"}) if k in members] if pos == "v" else []
        anto = [k for k in related(key, {"!"}) if k in members]
        sim = []
        if pos == "a" and data["a"][key[1]][0] == "s":
            sim = [k for k in related(key, {"&"}) if k in members][:1]
        links[key] = (hyper, anto, sim)
    useful = [k for k in keys if len(members[k]) >= 2 or any(links[k])]
    # Targets of links must have lines too.
    needed = set(useful)
    for k in useful:
        for group in links[k]:
            needed.update(group)
    ordered = sorted(needed)
    ids = {k: i for i, k in enumerate(ordered)}

    out = [
        "# crosscheck lexicon: generated by lexicon/build.py from WordNet 3.0. Do not edit.",
        "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. (WordNet licence: see lexicon/LICENSE-WordNet)",
    ]
    for k in ordered:
        hyper, anto, sim = links[k]
        line = k[0] + " " + ",".join(sorted(members[k]))
        # Links are relative to this line's id: small numbers that repeat
        # compress far better than absolute ids (about 5 KB less gzip).
        here = ids[k]
        if hyper:
            line += ";h=" + ",".join(str(ids[h] - here) for h in hyper if h in ids)
        if anto:
            line += ";a=" + ",".join(str(ids[a] - here) for a in anto if a in ids)
        if sim and sim[0] in ids:
            line += ";s=" + str(ids[sim[0]] - here)
        out.append(line)

    out.extend(place_groups(data))

    out.extend(frequency_bands(wn))

    known = {w for k in ordered for w in members[k]}
    for pos in ("verb", "adj", "noun"):
        with open(os.path.join(wn, pos + ".exc"), encoding="latin-1") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2 and parts[1] in known and parts[0].isalpha() and parts[0] != parts[1]:
                    # The lemma as the letters it keeps of the form, then its own:
                    # "x began 3gin" is began -> begin.
                    k = shared_prefix(parts[0], parts[1])
                    out.append("x %s %d%s" % (parts[0], k, parts[1][k:]))
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wordnet", default="/usr/share/wordnet")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "crates", "engine", "data", "lexicon.txt"))
    ap.add_argument("--check", action="store_true", help="exit 1 if the committed table differs from a fresh build")
    args = ap.parse_args()
    if not os.path.exists(os.path.join(args.wordnet, "data.verb")):
        sys.exit("WordNet not found at %s: apt-get install wordnet-base" % args.wordnet)
    table = build(args.wordnet)
    if args.check:
        with open(args.out, encoding="utf-8") as f:
            same = f.read() == table
        print("lexicon table is %s" % ("up to date" if same else "STALE: run lexicon/build.py"))
        sys.exit(0 if same else 1)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(table)
    print("wrote %s: %d lines, %d bytes" % (args.out, table.count("\n"), len(table.encode())))


if __name__ == "__main__":
    main()
