"""UD English EWT as the engine sees it.

Reads the CoNLL-U files (xz-compressed copies under models/data), tokenises each
sentence's `# text` with a port of the engine's tokenizer
(crates/engine/src/analyze/tokens.rs, `tokenize`) and aligns the engine's
tokens to UD's words by character offsets, so that tags and trees can be
trained and measured on the tokens the engine will feed.
"""

import lzma
import os
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data", "ud-english-ewt")

UPOS = ["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
        "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"]
UPOS_ID = {t: i for i, t in enumerate(UPOS)}


class Word:
    __slots__ = ("id", "form", "upos", "head", "deprel", "start", "end")

    def __init__(self, id, form, upos, head, deprel):
        self.id, self.form, self.upos, self.head, self.deprel = id, form, upos, head, deprel
        self.start = self.end = None


class Sentence:
    """A UD sentence: its text, its words (1-based ids, heads 0 = root) with
    character offsets into the text."""
    __slots__ = ("sent_id", "text", "words")

    def __init__(self, sent_id, text, words):
        self.sent_id, self.text, self.words = sent_id, text, words


def read_conllu(split):
    path = os.path.join(DATA, f"en_ewt-ud-{split}.conllu.xz")
    with lzma.open(path, "rt", encoding="utf-8") as f:
        data = f.read()
    sentences = []
    for block in data.split("\n\n"):
        if not block.strip():
            continue
        sent_id = text = None
        words = []
        ranges = []  # (first id, last id, surface form) of multi-word tokens
        for line in block.split("\n"):
            if line.startswith("#"):
                if line.startswith("# sent_id = "):
                    sent_id = line[len("# sent_id = "):]
                elif line.startswith("# text = "):
                    text = line[len("# text = "):]
                continue
            cols = line.split("\t")
            if "." in cols[0]:
                continue  # empty nodes (enhanced graphs only)
            if "-" in cols[0]:
                a, b = cols[0].split("-")
                ranges.append((int(a), int(b), cols[1]))
                continue
            words.append(Word(int(cols[0]), cols[1], cols[3], int(cols[6]), cols[7]))
        locate(text, words, ranges)
        sentences.append(Sentence(sent_id, text, words))
    return sentences


def locate(text, words, ranges):
    """Character offsets of each word in the text. A multi-word token's words
    share the token's span, split where the words' forms spell it out."""
    by_first = {a: (a, b, form) for a, b, form in ranges}
    pos = 0
    i = 0
    while i < len(words):
        w = words[i]
        if w.id in by_first:
            a, b, form = by_first[w.id]
            start = text.index(form, pos)
            end = start + len(form)
            group = words[i:i + b - a + 1]
            # Split the surface form among the words when their forms spell it.
            p = start
            for k, g in enumerate(group):
                if text.startswith(g.form, p) and k < len(group) - 1:
                    g.start, g.end = p, p + len(g.form)
                    p += len(g.form)
                elif k == len(group) - 1:
                    g.start, g.end = p, end
                else:
                    g.start, g.end = p, p  # not spelt out: an empty span
            # Words whose forms do not spell the token (e.g. "wo" of "won't"
            # is spelt, "n't" too; "others" -> "other" + "s" partially): keep
            # at least the whole token on the first word if spans failed.
            if group[0].start == group[0].end:
                group[0].start, group[0].end = start, end
            pos = end
            i += len(group)
            continue
        start = text.index(w.form, pos)
        w.start, w.end = start, start + len(w.form)
        pos = w.end
        i += 1


# --- The engine's tokenizer (crates/engine/src/analyze/tokens.rs) -------------

_FOLD = {}
for _chars, _to in [
    ("\u2018\u2019\u201B\u2032`\u00B4", "'"),
    ("\u201C\u201D\u201E\u00AB\u00BB", '"'),
    ("\u2010\u2011\u2012\u2013\u2014\u2212", "-"),
    ("àáâãäåā", "a"), ("çčć", "c"), ("èéêëēě", "e"), ("ìíîïī", "i"), ("ñń", "n"),
    ("òóôõöøō", "o"), ("ùúûüū", "u"), ("ýÿ", "y"), ("šś", "s"), ("žźż", "z"),
    ("ł", "l"), ("ß", "s"),
]:
    for _c in _chars:
        _FOLD[_c] = _to


def fold_char(c):
    return _FOLD.get(c)


# Rust's char::is_whitespace: the Unicode White_Space property.
_WHITE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {
    chr(c) for c in range(0x2000, 0x200B)}


def is_ws(c):
    return c in _WHITE


def is_alphabetic(c):
    # Rust's char::is_alphabetic (the Alphabetic property), approximated by
    # general categories plus combining marks; exact for the texts used here
    # (checked against the engine on all of EWT, see build.py --check-tokenizer).
    if c.isascii():
        return c.isalpha()
    cat = unicodedata.category(c)
    return cat in ("Lu", "Ll", "Lt", "Lm", "Lo", "Nl") or (cat in ("Mn", "Mc") and c.isalpha())


def is_numeric(c):
    if c.isascii():
        return c.isdigit()
    return unicodedata.category(c) in ("Nd", "Nl", "No")


def is_alphanumeric(c):
    return is_alphabetic(c) or is_numeric(c)


def is_word_char(c):
    if is_alphanumeric(c):
        return True
    f = fold_char(c)
    return f is not None and f.isascii() and f.isalpha()


def is_apostrophe(c):
    return c in "'\u2019\u2018"


def is_hyphen(c):
    return c in "-\u2010\u2011"


WORD, NUMBER, PUNCT = 0, 1, 2


class Token:
    __slots__ = ("start", "end", "kind", "hyphen_before", "text")

    def __init__(self, text, start, end, kind, hyphen_before):
        self.start, self.end, self.kind, self.hyphen_before = start, end, kind, hyphen_before
        self.text = text[start:end]

    def __repr__(self):
        return f"Token({self.text!r}, {self.start}, {self.end})"


def _abbreviation_dot(chars, start, dot):
    k = 0
    p = dot - 1
    while p >= start and chars[p] != ".":
        k += 1
        p -= 1
    return (k == 1 and is_alphabetic(chars[dot + 1])
            and (dot + 2 >= len(chars) or not is_alphabetic(chars[dot + 2]) or chars[dot + 2] == "."))


def tokenize(text):
    """The engine's tokens of `text`, with character (not byte) offsets."""
    chars = text
    n = len(chars)
    tokens = []
    i = 0
    hyphen_pending = False
    while i < n:
        c = chars[i]
        if is_ws(c):
            hyphen_pending = False
            i += 1
            continue
        if "0" <= c <= "9":
            j = i + 1
            while j < n:
                cj = chars[j]
                if "0" <= cj <= "9":
                    j += 1
                elif cj in ",." and j + 1 < n and "0" <= chars[j + 1] <= "9":
                    j += 2
                else:
                    break
            tokens.append(Token(text, i, j, NUMBER, hyphen_pending))
            hyphen_pending = False
            i = j
            continue
        if is_word_char(c):
            j = i + 1
            while True:
                if j < n and is_word_char(chars[j]):
                    j += 1
                elif j + 1 < n and is_apostrophe(chars[j]) and is_word_char(chars[j + 1]):
                    j += 2
                elif (j + 1 < n and chars[j] == "." and is_alphabetic(c)
                      and _abbreviation_dot(chars, i, j)):
                    j += 1
                else:
                    break
            if j < n and chars[j] == "." and "." in text[i:j]:
                j += 1
            tokens.append(Token(text, i, j, WORD, hyphen_pending))
            hyphen_pending = False
            i = j
            continue
        if (is_hyphen(c) and tokens and i > 0 and not is_ws(chars[i - 1])
                and i + 1 < n and is_word_char(chars[i + 1])):
            hyphen_pending = True
            i += 1
            continue
        tokens.append(Token(text, i, i + 1, PUNCT, False))
        hyphen_pending = False
        i += 1
    return tokens


# --- Reduced dependency labels ---------------------------------------------

LABELS = ["root", "nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "ccomp",
          "xcomp", "advcl", "acl", "acl:relcl", "conj", "cc", "aux", "aux:pass", "cop",
          "mark", "case", "det", "amod", "nmod", "nmod:poss", "compound", "flat", "appos",
          "advmod", "neg", "punct", "dep"]
LABEL_ID = {l: i for i, l in enumerate(LABELS)}
NEGATIONS = {"not", "n't", "nt", "never", "n’t"}
# Subjects whatever their form: a clause as subject is still the subject.
_RENAME = {"csubj": "nsubj", "csubj:pass": "nsubj:pass", "csubj:outer": "nsubj",
           "nsubj:outer": "nsubj"}


def reduce_label(deprel, form):
    if deprel == "advmod" and form.lower() in NEGATIONS:
        return "neg"
    deprel = _RENAME.get(deprel, deprel)
    if deprel in LABEL_ID:
        return deprel
    base = deprel.split(":")[0]
    return base if base in LABEL_ID else "dep"


# --- UD words to engine tokens ----------------------------------------------

class Aligned:
    """A sentence in the engine's tokens: surface strings, gold tags (UPOS
    names), heads (0-based token index, -1 for the root) and reduced labels."""
    __slots__ = ("sent_id", "text", "tokens", "words", "tags", "heads", "labels")

    def __init__(self, sent_id, text, tokens, tags, heads, labels):
        self.sent_id, self.text, self.tokens = sent_id, text, tokens
        self.words = [t.text for t in tokens]
        self.tags, self.heads, self.labels = tags, heads, labels


def align(s):
    """The engine's tokens of a UD sentence with a tag and an arc each.

    - A token over several words (`don't` = do + n't, `Kremlin's`, `I'm`,
      `cannot`) takes the tag and arc of the group's head word: the first of
      its words whose head lies outside the token (do: AUX, Kremlin: PROPN,
      I: PRON).
    - A word over several tokens (`Mr.`, `...`, `e-mail`, `9/11`): its last
      word or number piece (or, if it has none, its first piece) takes its tag
      and arc; the other pieces attach to it, punctuation as PUNCT/punct
      (or the word's tag when the word is all punctuation, like `:)`), word
      pieces with the word's tag as `compound`.
    - A word with no token (a hyphen the engine drops, `mid-January`) is
      skipped: its dependents attach to its nearest represented ancestor.
    """
    toks = tokenize(s.text)
    words = s.words
    by_id = {w.id: w for w in words}
    over_t = []  # words overlapping each token
    for t in toks:
        over_t.append([w for w in words if w.start < t.end and t.start < w.end])
    rep = []
    for W in over_t:
        ids = {w.id for w in W}
        head = next((w for w in W if w.head not in ids), W[0] if W else None)
        rep.append(head)
    primary = {}  # word id -> token index
    pieces = {}
    for i, w in enumerate(rep):
        if w is not None:
            pieces.setdefault(w.id, []).append(i)
    for wid, idx in pieces.items():
        wordlike = [i for i in idx if toks[i].kind != PUNCT]
        primary[wid] = wordlike[-1] if wordlike else idx[0]
    tags, heads, labels = [], [], []
    for i, w in enumerate(rep):
        if w is None:  # a token over no word (not in EWT): a loose piece
            tags.append("X")
            heads.append(i - 1 if i > 0 else -1)
            labels.append("dep")
            continue
        p = primary[w.id]
        if p == i:
            u = w.head
            while u != 0 and u not in primary:
                u = by_id[u].head
            tags.append(w.upos)
            heads.append(primary[u] if u != 0 else -1)
            labels.append(reduce_label(w.deprel, w.form) if u != 0 else "root")
        else:
            heads.append(p)
            if toks[i].kind == PUNCT:
                tags.append(w.upos if toks[p].kind == PUNCT else "PUNCT")
                labels.append("punct")
            else:
                tags.append(w.upos)
                labels.append("compound")
    # A root must be marked root, and only roots: a non-root head reached
    # by climbing keeps its label; a dependent climbing to the root becomes root.
    for i in range(len(heads)):
        if heads[i] == -1:
            labels[i] = "root"
        elif labels[i] == "root":
            labels[i] = "dep"
    return Aligned(s.sent_id, s.text, toks, tags, heads, labels)


def from_words(s):
    """A UD sentence in UD's own words (for the standard figures)."""
    class _T:
        __slots__ = ("text", "kind")
    toks = []
    for w in s.words:
        t = _T()
        t.text = w.form
        t.kind = PUNCT if w.upos == "PUNCT" else WORD
        toks.append(t)
    a = Aligned.__new__(Aligned)
    a.sent_id, a.text, a.tokens = s.sent_id, s.text, toks
    a.words = [w.form for w in s.words]
    a.tags = [w.upos for w in s.words]
    a.heads = [w.head - 1 for w in s.words]
    a.labels = [reduce_label(w.deprel, w.form) for w in s.words]
    return a


def is_projective(heads):
    n = len(heads)
    for d in range(n):
        h = heads[d]
        if h < 0:
            continue
        a, b = min(h, d), max(h, d)
        for k in range(a + 1, b):
            # every word between must be dominated by h
            u = k
            while u != -1 and u != h:
                u = heads[u]
            if u != h:
                return False
    return True


def load(split, engine=True):
    return [align(s) if engine else from_words(s) for s in read_conllu(split)]
