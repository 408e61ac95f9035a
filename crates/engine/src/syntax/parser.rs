//! Dependency parser: greedy arc-hybrid transitions with labelled arcs, an
//! averaged perceptron over hashed features (after Zhang & Nivre 2011).
//! Mirrors `models/syntax/parser.py`.
//!
//! The configuration is a stack and a buffer of the sentence's tokens
//! followed by ROOT. SHIFT pushes the buffer's front; LEFT-l makes the
//! stack's top a dependent of the buffer's front (into ROOT only as the last
//! move, labelled root); RIGHT-l makes the stack's top a dependent of the item
//! below it. Every sentence takes 2n moves and gets exactly one root.

use super::tagger::WordAtoms;
use super::{argmax, feature_key, ModelError, Reader, Table, Template, Upos, MAX_ATOMS};

const MAGIC: &[u8; 8] = b"CCPARS01";

/// Dependency labels: UD's relations reduced to what the engine reads
/// (`models/syntax/ud.py`, `reduce_label`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Root,
    Nsubj,
    /// Subject of a passive ("The plan was approved").
    NsubjPass,
    Obj,
    Iobj,
    Obl,
    /// The "by" agent of a passive.
    OblAgent,
    Ccomp,
    Xcomp,
    Advcl,
    Acl,
    AclRelcl,
    Conj,
    Cc,
    Aux,
    AuxPass,
    Cop,
    Mark,
    Case,
    Det,
    Amod,
    Nmod,
    NmodPoss,
    Compound,
    Flat,
    Appos,
    Advmod,
    /// An advmod that negates: not, n't, never.
    Neg,
    Punct,
    /// Anything else (nummod, parataxis, expl, discourse, fixed, ...).
    Dep,
}

impl Label {
    pub const ALL: [Label; 30] = [
        Label::Root,
        Label::Nsubj,
        Label::NsubjPass,
        Label::Obj,
        Label::Iobj,
        Label::Obl,
        Label::OblAgent,
        Label::Ccomp,
        Label::Xcomp,
        Label::Advcl,
        Label::Acl,
        Label::AclRelcl,
        Label::Conj,
        Label::Cc,
        Label::Aux,
        Label::AuxPass,
        Label::Cop,
        Label::Mark,
        Label::Case,
        Label::Det,
        Label::Amod,
        Label::Nmod,
        Label::NmodPoss,
        Label::Compound,
        Label::Flat,
        Label::Appos,
        Label::Advmod,
        Label::Neg,
        Label::Punct,
        Label::Dep,
    ];

    /// The label as UD writes it ("nsubj:pass"; "neg" is ours).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Root => "root",
            Label::Nsubj => "nsubj",
            Label::NsubjPass => "nsubj:pass",
            Label::Obj => "obj",
            Label::Iobj => "iobj",
            Label::Obl => "obl",
            Label::OblAgent => "obl:agent",
            Label::Ccomp => "ccomp",
            Label::Xcomp => "xcomp",
            Label::Advcl => "advcl",
            Label::Acl => "acl",
            Label::AclRelcl => "acl:relcl",
            Label::Conj => "conj",
            Label::Cc => "cc",
            Label::Aux => "aux",
            Label::AuxPass => "aux:pass",
            Label::Cop => "cop",
            Label::Mark => "mark",
            Label::Case => "case",
            Label::Det => "det",
            Label::Amod => "amod",
            Label::Nmod => "nmod",
            Label::NmodPoss => "nmod:poss",
            Label::Compound => "compound",
            Label::Flat => "flat",
            Label::Appos => "appos",
            Label::Advmod => "advmod",
            Label::Neg => "neg",
            Label::Punct => "punct",
            Label::Dep => "dep",
        }
    }

    pub fn from_name(name: &str) -> Option<Label> {
        Label::ALL.iter().copied().find(|l| l.as_str() == name)
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A token's arc: its head (a token index; `None` for the sentence's root)
/// and the label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arc {
    pub head: Option<usize>,
    pub label: Label,
}

const NL: usize = Label::ALL.len();
/// Moves: SHIFT, LEFT-l (1 + l), RIGHT-l (1 + NL + l).
const NCLASSES: usize = 1 + 2 * NL;
const SHIFT: usize = 0;

// Positions (parser.py): their word, tag, label and suffix are atoms
// position * 4 + 0, 1, 2, 3.
const S0: usize = 0;
const S1: usize = 1;
const S2: usize = 2;
const N0: usize = 3;
const N1: usize = 4;
const N2: usize = 5;
const S0L1: usize = 6;
const S0L2: usize = 7;
const S0R1: usize = 8;
const S0R2: usize = 9;
const N0L1: usize = 10;
const N0L2: usize = 11;
const S1R1: usize = 12;
const S1L1: usize = 13;
const NPOS: usize = 14;
const DIST: usize = 64;
const S0VL: usize = 65;
const S0VR: usize = 66;
const N0VL: usize = 67;
const NATOMS: usize = 68;

const NONE: u64 = 0;
const ROOT_WORD: u64 = 3;
const ROOT_TAG: u64 = Upos::ALL.len() as u64 + 1;

fn valid_atom(a: u8) -> bool {
    (a as usize) < NPOS * 4 || (DIST..NATOMS).contains(&(a as usize))
}

/// A dependency parser read from `models/parser.bin`.
pub struct Parser {
    templates: Vec<Template>,
    table: Table,
}

/// A token's children as the features see them: the two outermost on each
/// side and how many.
#[derive(Clone, Copy, Default)]
struct Kids {
    l1: Option<usize>,
    l2: Option<usize>,
    r1: Option<usize>,
    r2: Option<usize>,
    nl: usize,
    nr: usize,
}

struct State {
    n: usize,
    stack: Vec<usize>,
    i: usize,
    heads: Vec<Option<usize>>,
    labels: Vec<u8>,
    /// Per token and ROOT (index n).
    kids: Vec<Kids>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            i: 0,
            heads: vec![None; n],
            labels: vec![0; n],
            kids: vec![Kids::default(); n + 1],
        }
    }

    fn done(&self) -> bool {
        self.i == self.n && self.stack.is_empty()
    }

    fn allowed(&self, class: usize) -> bool {
        let s = self.stack.len();
        let at_root = self.i == self.n;
        if class == SHIFT {
            !at_root
        } else if class <= NL {
            s >= 1
                && if at_root {
                    s == 1 && class == 1
                } else {
                    class > 1
                }
        } else {
            s >= 2 && class > 1 + NL
        }
    }

    fn apply(&mut self, class: usize) {
        if class == SHIFT {
            self.stack.push(self.i);
            self.i += 1;
            return;
        }
        let Some(d) = self.stack.pop() else { return };
        let (h, label, left) = if class <= NL {
            (self.i, class - 1, true)
        } else {
            match self.stack.last() {
                Some(&h) => (h, class - 1 - NL, false),
                None => return,
            }
        };
        self.heads[d] = (h < self.n).then_some(h);
        self.labels[d] = label as u8;
        let k = &mut self.kids[h];
        if left {
            k.l2 = k.l1;
            k.l1 = Some(d);
            k.nl += 1;
        } else {
            k.r2 = k.r1;
            k.r1 = Some(d);
            k.nr += 1;
        }
    }

    fn atoms(&self, xs: &[WordAtoms], tags: &[Upos], v: &mut [u64; NATOMS]) {
        v.fill(NONE);
        let n = self.n;
        let mut put = |pos: usize, k: Option<usize>, label: bool| {
            let Some(k) = k else { return };
            if k == n {
                v[pos * 4] = ROOT_WORD;
                v[pos * 4 + 1] = ROOT_TAG;
            } else {
                v[pos * 4] = xs[k].w;
                v[pos * 4 + 1] = tags.get(k).map_or(Upos::X, |t| *t) as u64 + 1;
                v[pos * 4 + 3] = xs[k].suf3;
                if label {
                    v[pos * 4 + 2] = self.labels[k] as u64 + 1;
                }
            }
        };
        let st = &self.stack;
        let s0 = st.last().copied();
        let s1 = st.len().checked_sub(2).map(|j| st[j]);
        let s2 = st.len().checked_sub(3).map(|j| st[j]);
        put(S0, s0, false);
        put(S1, s1, false);
        put(S2, s2, false);
        let i = self.i;
        put(N0, Some(i), false);
        put(N1, (i < n).then_some(i + 1), false);
        put(N2, (i + 1 < n).then_some(i + 2), false);
        if let Some(s0) = s0 {
            let k = self.kids[s0];
            put(S0L1, k.l1, true);
            put(S0L2, k.l2, true);
            put(S0R1, k.r1, true);
            put(S0R2, k.r2, true);
        }
        if let Some(s1) = s1 {
            let k = self.kids[s1];
            put(S1R1, k.r1, true);
            put(S1L1, k.l1, true);
        }
        let k0 = self.kids[i];
        put(N0L1, k0.l1, true);
        put(N0L2, k0.l2, true);
        if let Some(s0) = s0 {
            let k = self.kids[s0];
            let d = i - s0;
            v[DIST] = if d <= 4 {
                d as u64
            } else if d < 10 {
                5
            } else {
                6
            };
            v[S0VL] = k.nl.min(5) as u64 + 1;
            v[S0VR] = k.nr.min(5) as u64 + 1;
        }
        v[N0VL] = k0.nl.min(5) as u64 + 1;
    }
}

impl Parser {
    /// Reads a parser file (`models/parser.bin`).
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Parser, ModelError> {
        let mut r = Reader::open(&bytes, MAGIC, "parser")?;
        let labels = r.u32("the label count")? as usize;
        let moves = r.u32("the move count")? as usize;
        if labels != NL || moves != NCLASSES {
            return Err(ModelError::Invalid(format!(
                "{labels} labels and {moves} moves, {NL} and {NCLASSES} expected"
            )));
        }
        let templates = r.templates(valid_atom)?;
        let table = Table::read(&mut r, NCLASSES)?;
        r.finish()?;
        Ok(Parser { templates, table })
    }

    /// Bytes the model holds in memory.
    pub fn heap_bytes(&self) -> usize {
        super::heap_bytes(&self.templates, &self.table)
    }

    /// Parses a sentence given as the surface text of its tokens and their
    /// tags (from [`super::Tagger::tag`]; a missing tag counts as X). One arc
    /// per token.
    pub fn parse(&self, words: &[&str], tags: &[Upos]) -> Vec<Arc> {
        let xs: Vec<WordAtoms> = words.iter().map(|w| WordAtoms::new(w)).collect();
        self.parse_atoms(&xs, tags)
    }

    pub(crate) fn parse_atoms(&self, xs: &[WordAtoms], tags: &[Upos]) -> Vec<Arc> {
        let mut state = State::new(xs.len());
        let mut atoms = [0u64; NATOMS];
        let mut vals = [0u64; MAX_ATOMS];
        let mut scores = [0i32; NCLASSES];
        let mut keys = vec![0u64; self.templates.len()];
        let mut rows = Vec::with_capacity(self.templates.len());
        while !state.done() {
            state.atoms(xs, tags, &mut atoms);
            scores.fill(0);
            // In passes, so that the table's cache misses overlap: keys, then
            // their rows' blocks, then the rows.
            for (key, template) in keys.iter_mut().zip(&self.templates) {
                for (j, &a) in template.atoms.iter().enumerate() {
                    vals[j] = atoms[a as usize];
                }
                *key = feature_key(template.index, &vals[..template.atoms.len()]);
            }
            rows.clear();
            rows.extend(keys.iter().filter_map(|&k| self.table.locate(k)));
            self.table.touch(&rows);
            for &row in &rows {
                self.table.add_at(row, &mut scores);
            }
            match argmax(&scores, |c| state.allowed(c)) {
                Some(c) => state.apply(c),
                None => break, // unreachable: some move is always allowed
            }
        }
        state
            .heads
            .iter()
            .zip(&state.labels)
            .map(|(&head, &l)| Arc {
                head,
                label: Label::ALL[l as usize],
            })
            .collect()
    }
}
