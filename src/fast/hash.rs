//! The crate's hash maps and the hash of statement texts: foldhash, with a fixed seed.
//!
//! The keys hashed here are object names and statement texts read from dumps, hashed tens of
//! thousands of times per comparison; std's default SipHash, made to resist collision attacks
//! from untrusted network input, costs several times more per byte. Maps compare keys on
//! equal hashes, and nothing the crate reports depends on the order of a map, so a hash's
//! value changes neither what is reported nor in which order, on any platform.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};

/// The hasher's state: foldhash with a fixed seed, so that a run hashes alike every time.
pub(crate) type FastState = foldhash::fast::FixedState;

/// A `HashMap` with [`FastState`].
pub(crate) type FastHashMap<K, V> = HashMap<K, V, FastState>;

/// A `HashSet` with [`FastState`].
pub(crate) type FastHashSet<T> = HashSet<T, FastState>;

/// The hash of a text, its length included.
pub(crate) fn hash_text(text: &str) -> u64 {
    let mut h = FastState::default().build_hasher();
    h.write(text.as_bytes());
    h.finish()
}

/// A text with its [`hash_text`], as a map key: the map finds it by the hash computed once,
/// and compares the text where it lies (not through a list of the texts already seen, one
/// more cache miss per lookup in a large dump).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hashed<'a> {
    pub hash: u64,
    pub text: &'a str,
}

impl<'a> Hashed<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Hashed {
            hash: hash_text(text),
            text,
        }
    }
}

impl PartialEq for Hashed<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && self.text == other.text
    }
}

impl Eq for Hashed<'_> {}

impl std::hash::Hash for Hashed<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_hash_alike_and_every_byte_counts() {
        assert_eq!(hash_text("CREATE TABLE t"), hash_text("CREATE TABLE t"));
        assert_ne!(hash_text("a"), hash_text("a\0"));
        assert_ne!(hash_text(""), hash_text("\0"));
        assert_ne!(hash_text("CREATE TABLE t1"), hash_text("CREATE TABLE t2"));
        assert_ne!(hash_text("abcdefgh1"), hash_text("abcdefgh2"));
    }

    #[test]
    fn a_change_in_any_byte_or_in_the_length_changes_the_hash() {
        // Every length up to three words, so that each way of reading the last bytes is
        // tried, with one byte changed at each place.
        for n in 0..=24 {
            let text: Vec<u8> = (0..n).map(|i| b'a' + i as u8).collect();
            let hash = |t: &[u8]| hash_text(std::str::from_utf8(t).unwrap());
            let base = hash(&text);
            for i in 0..n {
                let mut other = text.clone();
                other[i] = b'Z';
                assert_ne!(hash(&other), base, "byte {i} of {n}");
            }
            let mut longer = text.clone();
            longer.push(b'a' + n as u8);
            assert_ne!(hash(&longer), base, "length {n}");
        }
        // Texts whose overlapping reads give the same words differ by their length.
        assert_ne!(hash_text("ab"), hash_text("abb"));
        assert_ne!(hash_text("abcdefghi"), hash_text("abcdefghbcdefghi"));
    }

    #[test]
    fn maps_work_with_it_and_similar_names_spread() {
        let mut m: FastHashMap<&str, u32> = FastHashMap::default();
        for (i, k) in ["a", "b", "public.t", "public.t2"].iter().enumerate() {
            m.insert(k, i as u32);
        }
        assert_eq!(m.get("public.t"), Some(&2));
        assert_eq!(m.get("public.t3"), None);
        // Names that differ in one character, as object names do, get distinct hashes.
        let build = FastState::default();
        let names: Vec<String> = (0..10_000).map(|i| format!("public.table_{i}")).collect();
        let hashes: FastHashSet<u64> = names.iter().map(|n| build.hash_one(n)).collect();
        assert_eq!(hashes.len(), names.len());
    }
}
