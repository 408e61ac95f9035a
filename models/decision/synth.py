#!/usr/bin/env python3
"""Synthetic claims for training the learned decision.

Each claim is made from one corpus sentence by an edit whose effect on the
truth is known:
  supported:   a clause of the sentence; parentheses dropped; words replaced by
               WordNet synonyms; a full name shortened to the surname
  conflicting: a number, year, month or weekday changed; a name replaced by
               another name; two names swapped; a negation added or removed;
               a word replaced by its WordNet antonym; "some" made "all"
  unsupported: a detail added (a place, a year, a companion); the subject
               given another sentence's predicate
The edits are generic and rule-made, so the model learns what a changed slot
looks like to the engine's features, never which words were changed.

Deterministic: the same sentences and seed give the same claims.
"""
import json
import random
import re

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred"]
AUX = {"is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could",
       "should", "may", "might", "must", "does", "did", "do"}
NEGATIONS = {"not", "never", "n't"}
# Words a capitalised span must not start with: sentence furniture, not names.
NOT_NAMES = {"The", "A", "An", "In", "On", "At", "It", "He", "She", "They", "We", "I", "His",
             "Her", "Their", "This", "That", "These", "Those", "There", "But", "And", "Or",
             "As", "After", "Before", "During", "For", "From", "By", "With", "If", "When",
             "While", "Its", "Our", "My", "Your", "You", "Some", "All", "Many", "Most"}
SOME = {"some", "several", "many", "few"}
# Function words WordNet lists senses for that no paraphrase would swap.
NOT_SWAPPED = {"will", "would", "can", "could", "may", "might", "must", "shall", "nothing",
               "have", "make", "take", "give", "get", "come", "also", "even", "just", "then",
               "well", "much", "more", "most", "very", "here", "there", "only", "such", "same"}

TOKEN = re.compile(r"\$?\d[\d,]*(?:\.\d+)?|\w+(?:[-'’]\w+)*|n't|[^\w\s]", re.UNICODE)
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "'s", "n't", "%", "'", "’s"}
NO_SPACE_AFTER = {"(", "[", "$"}


def tokens(text):
    return TOKEN.findall(text)


def join(toks):
    out = ""
    for i, t in enumerate(toks):
        if i and t not in NO_SPACE_BEFORE and toks[i - 1] not in NO_SPACE_AFTER:
            out += " "
        out += t
    out = out.strip()
    if out and out[-1] not in ".!?":
        out += "."
    return out[0].upper() + out[1:] if out else out


class Lexicon:
    """Synonyms and antonyms of single words, read from the engine's WordNet table."""

    def __init__(self, path):
        synsets = []
        for line in open(path, encoding="utf-8"):
            if line.startswith("#") or len(line) < 3 or line[1] != " ":
                continue
            pos, rest = line[0], line[2:].rstrip("\n")
            if pos not in "nvar":
                synsets.append(None)
                continue
            fields = rest.split(";")
            words = [w for w in fields[0].split(",")]
            ants = []
            for f in fields[1:]:
                if f.startswith("a="):
                    ants += [len(synsets) + int(x) for x in f[2:].split(",") if x]
            synsets.append((pos, words, ants))
        self.syn = {}
        self.ant = {}
        self.adjectives = {w for s in synsets if s and s[0] == "a" for w in s[1] if "_" not in w}
        for s in synsets:
            if s is None:
                continue
            pos, words, ants = s
            single = [w for w in words if "_" not in w]
            for w in single:
                others = [x for x in single if x != w]
                if others:
                    self.syn.setdefault((w, pos), []).extend(others)
                for a in ants:
                    if 0 <= a < len(synsets) and synsets[a]:
                        aw = [x for x in synsets[a][1] if "_" not in x]
                        if aw:
                            self.ant.setdefault(w, []).append(aw[0])

    def synonym(self, word, rng):
        for pos in "vanr":
            c = self.syn.get((word, pos))
            if c:
                return rng.choice(sorted(set(c)))
        return None

    def antonym(self, word, rng):
        c = self.ant.get(word)
        return rng.choice(sorted(set(c))) if c else None


class Neighbours:
    """Each word key's nearest keys by the word vectors (models/vectors.bin), and
    the surface forms of keys seen in the corpus (to write a neighbour as a word)."""

    def __init__(self, path, word_keys):
        import struct
        data = open(path, "rb").read()
        n, d, klen = struct.unpack_from("<III", data, 8)
        keys = data[20:20 + klen].decode("utf-8").split("\n")[:n]
        at = 20 + klen + n * d
        self.near = {}
        for k in keys:
            count = data[at]
            at += 1
            out = []
            for j in range(count):
                b = data[at + 4 * j:at + 4 * j + 4]
                out.append((keys[b[0] | b[1] << 8 | b[2] << 16], b[3] / 255))
            at += 4 * count
            self.near[k] = out
        self.key = word_keys  # word -> key
        self.form = {}        # key -> the first word seen with it
        for w, k in sorted(word_keys.items()):
            self.form.setdefault(k, w)

    def synonym(self, word, rng, least=0.72):
        """A close word of the same inflection ("examining" / "studying"), or None."""
        k = self.key.get(word)
        if not k:
            return None
        ending = lambda w: next((e for e in ("ing", "ed", "s") if w.endswith(e)), "")
        options = [self.form[n] for n, sim in self.near.get(k, ())
                   if sim >= least and n in self.form and n[:4] != k[:4]
                   and ending(self.form[n]) == ending(word)]
        return rng.choice(options) if options else None


def p_vector_synonyms(toks, rng, cx):
    """One to three words replaced by a close word of the vectors ("examining" / "studying")."""
    if not cx.get("neighbours"):
        return None
    out = list(toks)
    idx = [i for i, t in enumerate(toks)
           if t.isalpha() and t.islower() and len(t) > 3 and t not in NOT_SWAPPED]
    rng.shuffle(idx)
    want, done = rng.choice([1, 2, 3]), 0
    for i in idx:
        w = cx["neighbours"].synonym(toks[i], rng)
        if w and w != toks[i]:
            out[i] = w
            done += 1
            if done == want:
                break
    return out if done else None


PRONOUNS = {"i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them",
            "this", "that", "these", "those", "who", "which", "what", "there"}


def _phrase(b, span):
    return b[span[0]:span[1]].decode("utf-8", "replace") if span else None


def _clean(x):
    return x is not None and x.split()[0].lower() not in PRONOUNS and len(x) > 1


def r_swap_roles(text, parse, rng):
    """Agent and patient the other way round: "A urged B to join" -> "B urged A to join"."""
    b = text.encode("utf-8")
    for c in parse.get("clauses", []):
        a, p = c.get("agent"), c.get("patient") or c.get("recipient")
        if not a or not p or a[1] > p[0] and p[1] > a[0]:
            continue
        x, y = _phrase(b, a), _phrase(b, p)
        if not (_clean(x) and _clean(y)) or x.lower() == y.lower():
            continue
        first, second = (a, p) if a[0] < p[0] else (p, a)
        out = b[:first[0]] + b[second[0]:second[1]] + b[first[1]:second[0]] + b[first[0]:first[1]] + b[second[1]:]
        out = out.decode("utf-8", "replace")
        return out[0].upper() + out[1:]
    return None


def r_other_agent(text, parse, rng):
    """Someone else named in the sentence does the act: "Putin was invited to a
    board Trump chairs" -> "Putin chairs the board"-like claims, made by putting
    another of the sentence's names in an agent's place."""
    b = text.encode("utf-8")
    names = [m.span() for m in re.finditer(r"(?<![.!?] )\b[A-Z][a-z]+(?: [A-Z][a-z]+)*", text)]
    for c in parse.get("clauses", []):
        a = c.get("agent")
        if not a:
            continue
        x = _phrase(b, a)
        if not _clean(x) or not x[:1].isupper():
            continue
        others = [text[s:e] for s, e in names
                  if text[s:e] not in x and x not in text[s:e] and s > 0 and text[s:e] not in NOT_NAMES]
        if not others:
            continue
        y = rng.choice(others).encode("utf-8")
        out = (b[:a[0]] + y + b[a[1]:]).decode("utf-8", "replace")
        return out[0].upper() + out[1:]
    return None


def r_voice(text, parse, rng):
    """Active to passive ("A chaired B" -> "B was chaired by A") or back."""
    b = text.encode("utf-8")
    for c in parse.get("clauses", []):
        a, p, v = c.get("agent"), c.get("patient"), c.get("predicate")
        if not a or not p or c.get("negated") or c.get("modality") != "Asserted":
            continue
        x, y, verb = _phrase(b, a), _phrase(b, p), _phrase(b, v)
        if not (_clean(x) and _clean(y)):
            continue
        if not c.get("passive") and a[1] <= v[0] and v[1] <= p[0] and verb.endswith("ed"):
            be = "were" if y.split()[-1].endswith("s") and not y.split()[-1].endswith("ss") else "was"
            rest = b[p[1]:].decode("utf-8", "replace").rstrip(" .")
            head = b[:a[0]].decode("utf-8", "replace")
            out = f"{head}{y} {be} {verb} by {x}{rest}"
            return out[0].upper() + out[1:]
        if c.get("passive") and p[1] <= v[0] and v[1] <= a[0]:
            by = b[v[1]:a[0]].decode("utf-8", "replace").strip()
            if by != "by" or not verb.endswith("ed"):
                continue
            rest = b[a[1]:].decode("utf-8", "replace").rstrip(" .")
            head = b[:p[0]].decode("utf-8", "replace")
            out = f"{head}{x} {verb} {y}{rest}"
            return out[0].upper() + out[1:]
    return None


def capital_spans(toks):
    """Runs of capitalised words that look like names, not at the sentence start."""
    spans = []
    i = 1
    while i < len(toks):
        t = toks[i]
        if t[:1].isupper() and t.isalpha() is not False and t not in NOT_NAMES and toks[i - 1] not in {".", ":"}:
            j = i
            while j < len(toks) and toks[j][:1].isupper() and toks[j] not in NOT_NAMES:
                j += 1
            if j - i <= 4:
                spans.append((i, j))
            i = j
        else:
            i += 1
    return spans


def in_list(toks, s, e):
    before = toks[s - 1] if s > 0 else ""
    after = toks[e] if e < len(toks) else ""
    return before in {",", "and", "or"} or after in {",", "and", "or"}


def first_clause(toks):
    """The sentence up to its first comma or semicolon after a verb-like word."""
    has_verb = False
    for i, t in enumerate(toks):
        low = t.lower()
        if low in AUX or (len(low) > 4 and low.endswith("ed")):
            has_verb = True
        if t in {",", ";", "(", ":"} and has_verb and i >= 5:
            return toks[:i]
    return None


def drop_parentheses(toks):
    out, depth = [], 0
    for t in toks:
        if t == "(":
            depth += 1
        elif t == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(t)
    return out


# --- edits: each returns new tokens or None when it does not apply ---

def e_clause(toks, rng, cx):
    c = first_clause(toks)
    return c if c and len(c) < len(toks) - 2 else None


def e_parentheses(toks, rng, cx):
    if "(" not in toks:
        return None
    c = drop_parentheses(toks)
    return c if len(c) >= 5 else None


def e_synonyms(toks, rng, cx):
    out = list(toks)
    idx = [i for i, t in enumerate(toks)
           if t.isalpha() and t.islower() and len(t) > 4 and t not in NOT_SWAPPED]
    rng.shuffle(idx)
    done = 0
    for i in idx:
        s = cx["lex"].synonym(toks[i], rng)
        if s and s != toks[i] and len(s) > 2 and s not in NOT_SWAPPED:
            out[i] = s
            done += 1
            if done == 2:
                break
    return drop_parentheses(out) if done else None


def e_surname(toks, rng, cx):
    spans = [(s, e) for s, e in capital_spans(toks) if e - s >= 2]
    if not spans:
        return None
    s, e = spans[0]
    return drop_parentheses(toks[:s] + [toks[e - 1]] + toks[e:])


def e_number(toks, rng, cx):
    idx = [i for i, t in enumerate(toks) if re.fullmatch(r"\$?\d[\d,]*(?:\.\d+)?", t)]
    idx = [i for i in idx if not (1000 <= _num(toks[i]) <= 2100 and "." not in toks[i])]
    words = [i for i, t in enumerate(toks) if t.lower() in NUMBER_WORDS]
    if not idx and not words:
        return None
    out = list(toks)
    if idx:
        i = rng.choice(idx)
        n = _num(toks[i])
        m = rng.choice([n * 2, n + max(1, int(n * 0.4)), max(0, n - max(1, int(n * 0.5))), n * 10])
        if m == n:
            m = n + 3
        out[i] = ("$" if toks[i].startswith("$") else "") + (f"{int(m):,}" if "," in toks[i] else str(int(m)))
    else:
        i = rng.choice(words)
        choices = [w for w in NUMBER_WORDS if w != toks[i].lower()]
        out[i] = rng.choice(choices)
    return out


def _num(t):
    try:
        return float(t.replace("$", "").replace(",", ""))
    except ValueError:
        return 0.0


def e_date(toks, rng, cx):
    years = [i for i, t in enumerate(toks) if re.fullmatch(r"1[5-9]\d\d|20\d\d", t)]
    months = [i for i, t in enumerate(toks) if t in MONTHS]
    days = [i for i, t in enumerate(toks) if t in WEEKDAYS]
    options = [("y", i) for i in years] + [("m", i) for i in months] + [("d", i) for i in days]
    if not options:
        return None
    kind, i = rng.choice(options)
    out = list(toks)
    if kind == "y":
        out[i] = str(int(toks[i]) + rng.choice([-9, -5, -3, -2, -1, 1, 2, 3, 4, 7, 11]))
    elif kind == "m":
        out[i] = rng.choice([m for m in MONTHS if m != toks[i]])
    else:
        out[i] = rng.choice([d for d in WEEKDAYS if d != toks[i]])
    return out


def e_replace_name(toks, rng, cx):
    spans = [(s, e) for s, e in capital_spans(toks) if not in_list(toks, s, e)]
    if not spans:
        return None
    s, e = rng.choice(spans)
    for _ in range(20):
        other = rng.choice(cx["names"])
        if len(other) == e - s and other != toks[s:e] and not set(other) & set(toks):
            return toks[:s] + list(other) + toks[e:]
    return None


def e_swap_names(toks, rng, cx):
    spans = capital_spans(toks)
    for a in range(len(spans)):
        for b in range(a + 1, len(spans)):
            (s1, e1), (s2, e2) = spans[a], spans[b]
            between = toks[e1:s2]
            if not between or between in (["and"], [","], ["or"]) or len(between) > 8:
                continue
            if toks[s1:e1] == toks[s2:e2]:
                continue
            return toks[:s1] + toks[s2:e2] + between + toks[s1:e1] + toks[e2:]
    return None


def e_negation(toks, rng, cx):
    out = list(toks)
    for i, t in enumerate(toks):
        if t.lower() in NEGATIONS:
            del out[i]
            return out
    for i, t in enumerate(toks):
        if t.lower() in AUX and i > 0 and i + 1 < len(toks) and toks[i + 1].isalpha():
            if t.lower() == "can":
                out[i] = t + "not"
            else:
                out.insert(i + 1, "not")
            return out
    return None


def e_antonym(toks, rng, cx):
    idx = [i for i, t in enumerate(toks) if t.isalpha() and t.islower() and len(t) > 3]
    rng.shuffle(idx)
    for i in idx:
        a = cx["lex"].antonym(toks[i], rng)
        if a and a != toks[i]:
            out = list(toks)
            out[i] = a
            return out
    return None


def e_quantifier(toks, rng, cx):
    idx = [i for i, t in enumerate(toks) if t.lower() in SOME]
    if not idx:
        return None
    out = list(toks)
    i = rng.choice(idx)
    out[i] = "all" if toks[i].islower() else "All"
    return out


def e_add_detail(toks, rng, cx):
    base = first_clause(toks) or toks
    base = [t for t in drop_parentheses(base) if t not in {".", "!", "?"}]
    kind = rng.choice(["place", "year", "with"])
    if kind == "place":
        place = rng.choice(cx["places"])
        if place.lower() in " ".join(toks).lower():
            return None
        return base + ["in"] + place.split()
    if kind == "year":
        years = [int(t) for t in toks if re.fullmatch(r"1[5-9]\d\d|20\d\d", t)]
        year = (max(years) + rng.randint(1, 6)) if years else rng.randint(1950, 2020)
        return base + ["in", str(year)]
    other = rng.choice(cx["names"])
    if set(other) & set(toks):
        return None
    return base + ["with"] + list(other)


def e_other_predicate(toks, rng, cx):
    verb = _first_verb(toks)
    if verb is None or verb == 0:
        return None
    for _ in range(10):
        o = rng.choice(cx["sentences"])
        ov = _first_verb(o)
        if ov is None or o is toks:
            continue
        pred = drop_parentheses(o[ov:])
        if 3 <= len(pred) <= 20:
            return drop_parentheses(toks[:verb]) + pred
    return None


SPEECH = {"said", "says", "told", "stated", "added", "noted", "explained", "reported", "announced"}
NUMBERS = {str(i): w for i, w in enumerate(["zero", "one", "two", "three", "four", "five", "six",
           "seven", "eight", "nine", "ten", "eleven", "twelve"])}
NUMBERS.update({"20": "twenty", "30": "thirty", "40": "forty", "50": "fifty", "60": "sixty",
                "100": "a hundred"})
WORDS_TO_DIGITS = {w: d for d, w in NUMBERS.items()}
COMPARATORS = {("more", "than"): ["over"], ("over",): ["more", "than"], ("about",): ["around"],
               ("around",): ["about"], ("nearly",): ["almost"], ("almost",): ["nearly"]}


def p_attribution(toks, rng, cx):
    """"X happened, Y said." -> "Y said X happened"."""
    body = [t for t in toks if t not in {".", "!"}]
    for k in range(len(body) - 1, 2, -1):
        if body[k - 1] == "," and k + 1 < len(body):
            tail = body[k:]
            if tail[-1] in SPEECH and all(t[:1].isupper() or t in {"the", "a"} for t in tail[:-1]):
                return tail + ["that"] + body[:k - 1]
            if tail[0] in SPEECH and len(tail) > 1:
                return tail[1:] + [tail[0], "that"] + body[:k - 1]
    return None


def p_appositive(toks, rng, cx):
    """"A, the B of C, did D" -> "A is the B of C"."""
    for s, e in capital_spans(toks) + ([(0, _span_end(toks, 0))] if toks and toks[0][:1].isupper() else []):
        if e < len(toks) - 3 and toks[e] == "," and toks[e + 1].lower() in {"a", "an", "the"}:
            close = next((k for k in range(e + 2, min(len(toks), e + 14)) if toks[k] in {",", "."}), None)
            if close and close - e >= 3 and toks[close] == ",":
                verb = "was" if any(t in {"was", "were", "had", "did"} or t.endswith("ed") for t in toks[close:]) else "is"
                return toks[s:e] + [verb] + toks[e + 1:close]
    return None


def _span_end(toks, s):
    e = s
    while e < len(toks) and toks[e][:1].isupper() and toks[e] not in NOT_NAMES:
        e += 1
    return e


def p_numbers(toks, rng, cx):
    """Figures written another way: "60" / "sixty", "more than" / "over"."""
    out, changed, i = [], False, 0
    while i < len(toks):
        t = toks[i]
        two = tuple(x.lower() for x in toks[i:i + 2])
        if two in COMPARATORS and not changed:
            out += COMPARATORS[two]
            i += 2
            changed = True
            continue
        if (t.lower(),) in COMPARATORS and not changed and i + 1 < len(toks) and re.match(r"\d|[a-z]", toks[i + 1]):
            out += COMPARATORS[(t.lower(),)]
            i += 1
            changed = True
            continue
        if t in NUMBERS and not changed and not (i + 1 < len(toks) and toks[i + 1] in {"%", "percent"}):
            out.append(NUMBERS[t])
            changed = True
        elif t.lower() in WORDS_TO_DIGITS and not changed:
            out.append(WORDS_TO_DIGITS[t.lower()])
            changed = True
        else:
            out.append(t)
        i += 1
    return out if changed else None


def p_drop_modifiers(toks, rng, cx):
    """Adjectives and adverbs left out: "a major new agreement" -> "a agreement" is avoided by
    keeping one word after a determiner."""
    out, dropped = [], 0
    for i, t in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        prev = out[-1].lower() if out else ""
        modifier = (t.islower() and (t in cx["adjectives"] or t.endswith("ly"))
                    and nxt.isalpha() and nxt.islower() and prev not in {"is", "was", "are", "were", "be", "been"})
        if modifier and dropped < 2 and rng.random() < 0.7:
            dropped += 1
            continue
        out.append(t)
    return out if dropped else None


def paraphrase(toks, rng, cx, steps):
    """Up to `steps` meaning-preserving rewrites in a row; None if none applied."""
    done = 0
    out = toks
    fns = [p_attribution, p_appositive, p_numbers, p_drop_modifiers, e_synonyms, e_clause,
           e_parentheses, p_vector_synonyms]
    rng.shuffle(fns)
    for fn in fns:
        if done >= steps:
            break
        r = fn(out, rng, cx)
        if r and r != out and len(r) >= 4:
            out = r
            done += 1
    return out if done else None


def _first_verb(toks):
    for i, t in enumerate(toks):
        if t.lower() in AUX and i > 0:
            return i
    return None


def s_paraphrase(toks, rng, cx):
    return paraphrase(toks, rng, cx, rng.choice([1, 2, 3]))


def then(edit):
    """A meaning-changing edit of a paraphrase, so that conflicts are not all near-copies."""
    def run(toks, rng, cx):
        base = paraphrase(toks, rng, cx, rng.choice([1, 2])) if rng.random() < 0.6 else None
        return edit(base or toks, rng, cx)
    return run


def u_partial(toks, rng, cx):
    """A true clause joined to a predicate the source never gives it."""
    base = first_clause(toks) or [t for t in toks if t not in {".", "!"}]
    other = e_other_predicate(toks, rng, cx)
    verb = _first_verb(toks)
    if other is None or verb is None:
        return None
    return [t for t in base if t not in {".", "!"}] + ["and"] + other[verb + 1:]


# Edits that read the sentence's clauses rather than its tokens.
STRUCTURED = {"voice": r_voice, "roles swapped": r_swap_roles, "other agent": r_other_agent}

EDITS = {
    "supported": [("voice", None, 3), ("clause", e_clause, 2), ("parentheses", e_parentheses, 1),
                  ("synonym", e_synonyms, 2), ("surname", e_surname, 1),
                  ("paraphrase", s_paraphrase, 6), ("appositive", p_appositive, 1),
                  ("attribution", p_attribution, 1)],
    "conflicting": [("roles swapped", None, 3), ("other agent", None, 2), ("number", then(e_number), 2), ("date", then(e_date), 2),
                    ("name", then(e_replace_name), 3), ("swap", then(e_swap_names), 1),
                    ("negation", then(e_negation), 3), ("antonym", then(e_antonym), 2),
                    ("quantifier", then(e_quantifier), 1)],
    "unsupported": [("detail", then(e_add_detail), 3), ("predicate", e_other_predicate, 2),
                    ("partial", u_partial, 2)],
}


def places_from(lexicon_path):
    """Country and capital names of the lexicon's place groups (not the adjectives)."""
    out = []
    for line in open(lexicon_path, encoding="utf-8"):
        if line.startswith("p "):
            for name in line[2:].rstrip("\n").split("|"):
                if (name and name[0].isalpha() and " of " not in name and len(name.split()) <= 2
                        and not re.search(r"(an|ese|ish|i)$", name)):
                    out.append(" ".join(w.capitalize() for w in name.split()))
    return sorted(set(out))


def claim_like(toks):
    """A statement: ends with a full stop, long enough, with a finite verb-ish word."""
    return (toks and toks[-1] == "." and 8 <= len(toks) <= 60 and "?" not in toks
            and any(t.lower() in AUX or (len(t) > 4 and t.endswith("ed")) for t in toks))


def generate(docs, lexicon_path, seed, per_label, prefix, neighbours=None, parses=None):
    """docs: [(doc id, [sentence, ...])]; parses: sentence -> its clauses (from
    `crosscheck clauses`). Returns claims with gold evidence."""
    rng = random.Random(seed)
    parses = parses or {}
    lex = Lexicon(lexicon_path)
    sentences = []
    for doc, sents in docs:
        for s in sents:
            toks = tokens(s)
            if claim_like(toks):
                sentences.append((doc, s, toks))
    names = []
    for _, _, toks in sentences:
        for s, e in capital_spans(toks):
            names.append(tuple(toks[s:e]))
    names = sorted(set(names))
    cx = {"lex": lex, "names": names, "places": places_from(lexicon_path),
          "sentences": [t for _, _, t in sentences], "adjectives": lex.adjectives,
          "neighbours": neighbours}
    order = list(range(len(sentences)))
    rng.shuffle(order)
    claims = []
    counts = {label: 0 for label in EDITS}
    pos = 0
    for label in ["supported", "conflicting", "unsupported"] * (per_label * 4):
        if counts[label] >= per_label:
            continue
        if pos >= len(order):
            break
        doc, text, toks = sentences[order[pos]]
        pos += 1
        edits = EDITS[label]
        pick = rng.choices(edits, weights=[w for _, _, w in edits])[0]
        tried = [pick] + [e for e in edits if e is not pick]
        for kind, fn, _ in tried:
            if kind in STRUCTURED:
                claim = STRUCTURED[kind](text, parses.get(text, {}), rng)
                if not claim or claim == text:
                    continue
            else:
                out = fn(toks, rng, cx)
                if not out or out == toks:
                    continue
                claim = join(out)
            evidence = [] if label == "unsupported" else [{"doc": doc, "quote": text}]
            claims.append({"id": f"{prefix}-{len(claims)}", "claim": claim, "label": label,
                           "kind": kind, "evidence": evidence, "source": doc})
            counts[label] += 1
            break
    return claims


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", help="JSON Lines {doc, text} corpus to draw sentences from")
    ap.add_argument("--lexicon", default="crates/engine/data/lexicon.txt")
    ap.add_argument("--per-label", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--prefix", default="synth")
    a = ap.parse_args()
    docs = {}
    for line in open(a.corpus, encoding="utf-8"):
        r = json.loads(line)
        docs.setdefault(r["doc"], []).append(r["text"])
    for c in generate(sorted(docs.items()), a.lexicon, a.seed, a.per_label, a.prefix):
        print(json.dumps(c, ensure_ascii=False))
