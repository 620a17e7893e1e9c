//! A map and a set for the handful of keys the world keeps per node or per link (at most
//! nine actors, so at most 81 links): a vector kept sorted by key. They iterate in key
//! order, as `BTreeMap` and `BTreeSet` do, so swapping one for the other changes no trace.
//! They exist for the students' bundle: each `BTreeMap` key and value type instantiates
//! the B-tree's insertion, removal and rebalancing anew (about 3 to 5 kB of wasm each),
//! where a sorted vector needs a binary search and a `Vec` insert.

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::marker::PhantomData;

/// A map kept as a vector of entries sorted by key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmallMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for SmallMap<K, V> {
    fn default() -> Self {
        SmallMap {
            entries: Vec::new(),
        }
    }
}

impl<K: Ord, V> SmallMap<K, V> {
    pub fn new() -> Self {
        Self::default()
    }

    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.entries.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &self.entries[i].1)
    }

    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        match self.find(key) {
            Ok(i) => Some(&mut self.entries[i].1),
            Err(_) => None,
        }
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`; the value it had, if any.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| self.entries.remove(i).1)
    }

    /// The value at `key`, made with `make` first if there is none.
    pub fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        let i = match self.find(&key) {
            Ok(i) => i,
            Err(i) => {
                self.entries.insert(i, (key, make()));
                i
            }
        };
        &mut self.entries[i].1
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> + '_ {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> + '_ {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> + '_ {
        self.entries.iter().map(|(_, v)| v)
    }

    /// The values in key order, taken.
    pub fn into_values(self) -> impl Iterator<Item = V> {
        self.entries.into_iter().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for SmallMap<K, V> {
    /// The last value given for a key wins, as in `BTreeMap`.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = SmallMap::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

/// Written as a map, entries in key order (as a `BTreeMap` is).
impl<K: Serialize, V: Serialize> Serialize for SmallMap<K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.entries.iter().map(|(k, v)| (k, v)))
    }
}

/// Read from a map; as with a `BTreeMap`, the last value given for a key wins. The
/// entries are sorted once at the end (through `order::sort_by`), not inserted one by one.
impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Deserialize<'de> for SmallMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Visitor<'de> for Entries<K, V> {
            type Value = SmallMap<K, V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                // Latest first, a stable sort by key, then the first of each key kept: the
                // last one given.
                entries.reverse();
                crate::order::sort_by(&mut entries, |a: &(K, V), b: &(K, V)| a.0.cmp(&b.0));
                entries.dedup_by(|later, kept| later.0 == kept.0);
                Ok(SmallMap { entries })
            }
        }
        d.deserialize_map(Entries(PhantomData))
    }
}

/// A set kept as a sorted vector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmallSet<K> {
    map: SmallMap<K, ()>,
}

impl<K> Default for SmallSet<K> {
    fn default() -> Self {
        SmallSet {
            map: SmallMap::default(),
        }
    }
}

impl<K: Ord> SmallSet<K> {
    pub fn new() -> Self {
        Self::default()
    }

    /// True if `key` was not in the set.
    pub fn insert(&mut self, key: K) -> bool {
        self.map.insert(key, ()).is_none()
    }

    /// True if `key` was in the set.
    pub fn remove(&mut self, key: &K) -> bool {
        self.map.remove(key).is_some()
    }

    pub fn contains(&self, key: &K) -> bool {
        self.map.contains_key(key)
    }

    /// The keys in order.
    pub fn iter(&self) -> impl Iterator<Item = &K> + '_ {
        self.map.keys()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn clear(&mut self) {
        self.map.clear();
    }
}

// Property tests run natively only (proptest draws its seeds from the OS).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{BTreeMap, BTreeSet};

    #[derive(Clone, Debug)]
    enum Op {
        Insert(u8, u16),
        Remove(u8),
        GetOrInsert(u8, u16),
        Clear,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0u8..12, any::<u16>()).prop_map(|(k, v)| Op::Insert(k, v)),
            3 => (0u8..12).prop_map(Op::Remove),
            2 => (0u8..12, any::<u16>()).prop_map(|(k, v)| Op::GetOrInsert(k, v)),
            1 => Just(Op::Clear),
        ]
    }

    proptest! {
        /// The oracle: `BTreeMap` and `BTreeSet` given the same operations answer the
        /// same and hold the same entries in the same order after each.
        #[test]
        fn behaves_as_the_b_tree_it_replaces(ops in prop::collection::vec(op(), 0..80)) {
            let (mut small, mut tree) = (SmallMap::new(), BTreeMap::new());
            let (mut set, mut tree_set) = (SmallSet::new(), BTreeSet::new());
            for op in ops {
                match op {
                    Op::Insert(k, v) => {
                        prop_assert_eq!(small.insert(k, v), tree.insert(k, v));
                        prop_assert_eq!(set.insert(k), tree_set.insert(k));
                    }
                    Op::Remove(k) => {
                        prop_assert_eq!(small.remove(&k), tree.remove(&k));
                        prop_assert_eq!(set.remove(&k), tree_set.remove(&k));
                    }
                    Op::GetOrInsert(k, v) => {
                        let a = small.get_or_insert_with(k, || v);
                        *a = a.wrapping_add(1);
                        let b = tree.entry(k).or_insert(v);
                        *b = b.wrapping_add(1);
                    }
                    Op::Clear => {
                        small.clear();
                        tree.clear();
                        set.clear();
                        tree_set.clear();
                    }
                }
                let got: Vec<(u8, u16)> = small.iter().map(|(k, v)| (*k, *v)).collect();
                let want: Vec<(u8, u16)> = tree.iter().map(|(k, v)| (*k, *v)).collect();
                prop_assert_eq!(got, want);
                prop_assert_eq!(small.len(), tree.len());
                for k in 0u8..12 {
                    prop_assert_eq!(small.get(&k), tree.get(&k));
                    prop_assert_eq!(small.contains_key(&k), tree.contains_key(&k));
                    prop_assert_eq!(set.contains(&k), tree_set.contains(&k));
                }
                let keys: Vec<u8> = set.iter().copied().collect();
                prop_assert_eq!(keys, tree_set.iter().copied().collect::<Vec<_>>());
                prop_assert_eq!(set.is_empty(), tree_set.is_empty());
            }
        }
    }

    #[test]
    fn written_and_read_as_the_b_tree_map_is() {
        let text = r#"{"b":{"2":1,"0":5},"a":{},"b":{"1":7}}"#;
        let small: SmallMap<String, SmallMap<usize, u8>> = serde_json::from_str(text).unwrap();
        let tree: BTreeMap<String, BTreeMap<usize, u8>> = serde_json::from_str(text).unwrap();
        let written = serde_json::to_string(&small).unwrap();
        assert_eq!(written, serde_json::to_string(&tree).unwrap());
        assert_eq!(written, r#"{"a":{},"b":{"1":7}}"#);
        assert_eq!(small.get("b").and_then(|m| m.get(&1)), Some(&7));
        assert!(serde_json::from_str::<SmallMap<usize, u8>>(r#"{"x":1}"#).is_err());
        assert!(serde_json::from_str::<SmallMap<usize, u8>>("[1]").is_err());
    }

    #[test]
    fn from_an_iterator_the_last_value_for_a_key_wins() {
        let m: SmallMap<u8, char> = [(3, 'a'), (1, 'b'), (3, 'c')].into_iter().collect();
        let t: BTreeMap<u8, char> = [(3, 'a'), (1, 'b'), (3, 'c')].into_iter().collect();
        assert_eq!(m.iter().collect::<Vec<_>>(), t.iter().collect::<Vec<_>>());
    }
}
