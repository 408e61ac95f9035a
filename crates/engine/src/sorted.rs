//! Serde helpers that write hash maps and sets in key order, so that an index
//! file's bytes depend on its content alone, not on the hasher or on the order
//! things were learnt in. Reading needs no helper: a map is a map in any order.

use std::collections::{HashMap, HashSet};

use serde::{Serialize, Serializer};

pub fn map<K: Ord + Serialize, V: Serialize, H, S: Serializer>(
    m: &HashMap<K, V, H>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut entries: Vec<(&K, &V)> = m.iter().collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    s.collect_map(entries)
}

pub fn set<K: Ord + Serialize, H, S: Serializer>(
    m: &HashSet<K, H>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut keys: Vec<&K> = m.iter().collect();
    keys.sort_unstable();
    s.collect_seq(keys)
}
