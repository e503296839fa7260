//! A fast, non-cryptographic hash for the crate's hash maps and for statement texts.
//!
//! The keys hashed here are object names and statement texts read from dumps, hashed tens of
//! thousands of times per comparison; std's default SipHash, made to resist collision attacks
//! from untrusted network input, costs several times more per byte. This hasher takes eight
//! bytes at a time and mixes each into its state with a folded multiply (the 128-bit product's
//! halves xored, as foldhash and aHash do), which spreads a difference in any bit to all of
//! them. (FxHash's rotate-xor-multiply, tried first, only carries differences upwards: one
//! object name in 40 of `public.table_0` … `public.table_9999` collided.) Maps still compare
//! keys on equal hashes, so a collision costs time, never a wrong answer.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x517c_c1b7_2722_0a95;

/// The crate's hasher (see the module's documentation).
#[derive(Default, Clone, Copy)]
pub(crate) struct FoldHasher(u64);

impl FoldHasher {
    fn mix(&mut self, word: u64) {
        let product = u128::from(self.0 ^ word) * u128::from(K);
        self.0 = (product as u64) ^ ((product >> 64) as u64);
    }
}

impl Hasher for FoldHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // The length first: the last word below may overlap the one before it.
        let n = bytes.len();
        self.mix(n as u64);
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.mix(word(c));
        }
        // The bytes left over, read without a copy of variable length (a call to `memcpy`
        // for every line of a dump): the last eight bytes, or for a shorter text two
        // overlapping halves, or its first, middle and last byte.
        if !chunks.remainder().is_empty() {
            let last = if n >= 8 {
                word(&bytes[n - 8..])
            } else if n >= 4 {
                u64::from(half(&bytes[..4])) | u64::from(half(&bytes[n - 4..])) << 32
            } else {
                u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16
            };
            self.mix(last);
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.mix(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.mix(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.mix(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }
}

/// The first eight bytes of `b` as a little-endian number.
fn word(b: &[u8]) -> u64 {
    let mut w = [0; 8];
    w.copy_from_slice(&b[..8]);
    u64::from_le_bytes(w)
}

/// The first four bytes of `b` as a little-endian number.
fn half(b: &[u8]) -> u32 {
    let mut w = [0; 4];
    w.copy_from_slice(&b[..4]);
    u32::from_le_bytes(w)
}

/// A `HashMap` with [`FoldHasher`].
pub(crate) type FastHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FoldHasher>>;

/// A `HashSet` with [`FoldHasher`].
pub(crate) type FastHashSet<T> = HashSet<T, BuildHasherDefault<FoldHasher>>;

/// The hash of a text, its length included.
pub(crate) fn hash_text(text: &str) -> u64 {
    let mut h = FoldHasher::default();
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
        use std::hash::BuildHasher;
        let build = std::hash::BuildHasherDefault::<FoldHasher>::default();
        let names: Vec<String> = (0..10_000).map(|i| format!("public.table_{i}")).collect();
        let hashes: FastHashSet<u64> = names.iter().map(|n| build.hash_one(n)).collect();
        assert_eq!(hashes.len(), names.len());
    }
}
