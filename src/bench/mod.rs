//! `fw bench`: the load generator (`runner`), per-request records (`record`), pure statistics
//! (`stats`), pass/fail rules (`assertions`) and the report (`report`). This file builds the
//! synthetic prompts.

pub mod assertions;
pub mod export;
#[cfg(test)]
mod fixtures;
pub mod judge;
pub mod record;
pub mod report;
pub mod runner;
pub mod stats;
pub mod summary;

/// Filler words for synthetic prompts: common short English words, about one token each in
/// the usual tokenizers.
const WORDS: [&str; 16] = [
    "the", "river", "stone", "light", "over", "quiet", "town", "and", "green", "hill", "under",
    "a", "long", "road", "with", "birds",
];

/// A prompt of about `tokens` tokens asking for a long answer. The server's usage gives the
/// exact count.
pub fn synthetic_prompt(tokens: usize) -> String {
    let ask = "Write a long, detailed story that continues the following text without stopping:";
    let mut s = String::from(ask);
    let fill = tokens.saturating_sub(16);
    for i in 0..fill {
        s.push(' ');
        s.push_str(WORDS[(i * 7 + i / 16) % WORDS.len()]);
    }
    s
}

/// A prefix no other request of any run shares, so the prompt cache cannot serve it.
pub fn unique_prefix(run: u64, path: &str, seq: usize) -> String {
    format!("[fw-bench {run:x} {path} {seq}] ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompt_length_tracks_the_ask() {
        let words = |s: &str| s.split_whitespace().count();
        assert_eq!(words(&synthetic_prompt(128)), 12 + 112);
        assert_eq!(words(&synthetic_prompt(1)), 12);
        assert_ne!(unique_prefix(1, "fast", 2), unique_prefix(1, "fast", 3));
    }
}
