//! Customer ids as hash-map keys, short ones stored inline.
//!
//! Every row looks its customer up, in random order, among up to millions of customers, so the
//! lookup is a memory access the processor cannot predict. With the id in a separate heap
//! allocation (`Box<str>`) every comparison costs a second one. Ids of up to 22 bytes (most
//! customer codes; 7 Chinese characters) are therefore kept inside the map's slot; longer ones
//! fall back to one heap allocation. Either way each id is stored once.

use std::borrow::Borrow;
use std::hash::{Hash, Hasher};

/// Longest id kept inline.
const INLINE: usize = 22;

/// A customer id, compared and hashed as its bytes.
#[derive(Debug, Clone)]
pub(super) enum CustomerKey {
    /// An id of at most [`INLINE`] bytes.
    Short {
        /// Bytes in use.
        len: u8,
        /// The id, zero-padded.
        bytes: [u8; INLINE],
    },
    /// A longer id.
    Long(Box<[u8]>),
}

impl CustomerKey {
    /// The key of an id.
    pub(super) fn new(id: &str) -> Self {
        let b = id.as_bytes();
        if b.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..b.len()].copy_from_slice(b);
            CustomerKey::Short {
                len: b.len() as u8,
                bytes,
            }
        } else {
            CustomerKey::Long(b.into())
        }
    }

    /// The id as bytes.
    pub(super) fn as_bytes(&self) -> &[u8] {
        match self {
            CustomerKey::Short { len, bytes } => &bytes[..*len as usize],
            CustomerKey::Long(b) => b,
        }
    }

    /// The id as text (it was made from a `&str`, so it is UTF-8).
    pub(super) fn into_string(self) -> String {
        String::from_utf8_lossy(self.as_bytes()).into_owned()
    }
}

impl PartialEq for CustomerKey {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for CustomerKey {}

impl Hash for CustomerKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // As `[u8]` hashes, so a lookup by `&[u8]` finds the key (`Borrow` contract).
        self.as_bytes().hash(state)
    }
}

impl Borrow<[u8]> for CustomerKey {
    fn borrow(&self) -> &[u8] {
        self.as_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashMap;

    #[test]
    fn short_and_long_ids_are_found_by_their_bytes() {
        let mut map = FxHashMap::default();
        let short = "C000123";
        let long = "深圳市星辰智能设备有限公司"; // 39 bytes
        let exactly = "a".repeat(INLINE);
        for (i, id) in [short, long, exactly.as_str(), ""].into_iter().enumerate() {
            map.insert(CustomerKey::new(id), i);
        }
        assert!(matches!(CustomerKey::new(long), CustomerKey::Long(_)));
        assert!(matches!(CustomerKey::new(&exactly), CustomerKey::Short { .. }));
        assert_eq!(map.get(short.as_bytes()), Some(&0));
        assert_eq!(map.get(long.as_bytes()), Some(&1));
        assert_eq!(map.get(exactly.as_bytes()), Some(&2));
        assert_eq!(map.get(&b""[..]), Some(&3));
        assert_eq!(map.get(&b"C00012"[..]), None);
        assert_eq!(CustomerKey::new(long).into_string(), long);
    }
}
