//! Record ids: ULIDs (48 bits of milliseconds since the epoch, then 80 random bits, in
//! Crockford's base 32), made where the record is made, so a conversation id can be printed by
//! `--json` before the database has ever seen it, and ids sort by time.

use std::time::{SystemTime, UNIX_EPOCH};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A new id, 26 characters.
pub fn new() -> String {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    let mut random = [0u8; 16];
    fill_random(&mut random[6..]);
    let n = (u128::from(ms & 0xFFFF_FFFF_FFFF) << 80) | u128::from_be_bytes(random);
    (0..26)
        .rev()
        .map(|i| ALPHABET[((n >> (i * 5)) & 31) as usize] as char)
        .collect()
}

/// The kernel's randomness; should it fail, the clock's nanoseconds and the process id, which
/// still keep ids from two processes apart.
fn fill_random(buf: &mut [u8]) {
    // SAFETY: getrandom writes at most `buf.len()` bytes into `buf`.
    let got = unsafe { libc::getrandom(buf.as_mut_ptr().cast(), buf.len(), 0) };
    if usize::try_from(got).ok() == Some(buf.len()) {
        return;
    }
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mixed = nanos ^ (u128::from(std::process::id()) << 64);
    for (b, x) in buf.iter_mut().zip(mixed.to_le_bytes()) {
        *b = x;
    }
}

/// Whether `text` could be an id or the start of one, as a user types it: Crockford letters
/// (any case), at most 26.
pub fn is_prefix(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 26
        && text
            .bytes()
            .all(|b| ALPHABET.contains(&b.to_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_26_crockford_characters_and_differ() {
        let a = new();
        let b = new();
        assert_eq!(a.len(), 26);
        assert!(is_prefix(&a));
        assert_ne!(a, b);
        // The first ten characters are the time: two ids made now share most of them.
        assert_eq!(a[..6], b[..6]);
    }

    #[test]
    fn ids_sort_by_time() {
        let a = new();
        std::thread::sleep(std::time::Duration::from_millis(2));
        let b = new();
        assert!(a < b, "{a} {b}");
    }

    #[test]
    fn prefixes_are_checked() {
        assert!(is_prefix("01jd"));
        assert!(!is_prefix(""));
        assert!(!is_prefix("01jd-x"));
        assert!(!is_prefix("U")); // not in Crockford's alphabet
    }
}
