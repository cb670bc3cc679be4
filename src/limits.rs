//! The ranges of numbers that come from outside (flags, the config file, reply headers), and
//! the one conversion of seconds into a `Duration`. `Duration::from_secs_f64` panics on values
//! it cannot hold, so no number reaches it, or becomes a count that sizes an allocation,
//! without passing through here first.

use std::time::Duration;

/// The longest time fw accepts for any time-out or run length: 30 days.
pub const MAX_SECONDS: f64 = 30.0 * 86_400.0;
/// The longest `Retry-After` fw waits; longer requests are cut to this.
pub const MAX_RETRY_AFTER_SECONDS: f64 = 60.0;
/// `fw bench --rate`: requests per second per path.
pub const RATE_RANGE: (f64, f64) = (0.001, 100_000.0);
/// `fw bench --concurrency`.
pub const MAX_CONCURRENCY: usize = 100_000;
/// `fw bench --input-tokens`: the synthetic prompt is built in memory.
pub const MAX_INPUT_TOKENS: usize = 2_000_000;

/// `what` (a flag or config key name) as a positive number of seconds, at most 30 days.
pub fn seconds(what: &str, s: f64) -> Result<Duration, String> {
    checked_seconds(s).map_err(|m| format!("{what} {m}"))
}

fn checked_seconds(s: f64) -> Result<Duration, String> {
    if s.is_finite() && s > 0.0 && s <= MAX_SECONDS {
        Ok(Duration::from_secs_f64(s))
    } else {
        Err(format!(
            "must be a positive number of seconds, at most {MAX_SECONDS} (30 days), not {s}"
        ))
    }
}

/// A clap value parser for seconds: the same rule as `seconds`, checked at parse time.
pub fn parse_seconds(text: &str) -> Result<f64, String> {
    let s: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    checked_seconds(s).map(|_| s)
}

/// A clap value parser for `--rate`.
pub fn parse_rate(text: &str) -> Result<f64, String> {
    let r: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    let (lo, hi) = RATE_RANGE;
    if r.is_finite() && (lo..=hi).contains(&r) {
        Ok(r)
    } else {
        Err(format!(
            "the rate must be between {lo} and {hi} requests per second per path, not {r}"
        ))
    }
}

/// A server's `Retry-After` in seconds (or `retry-after-ms` in ms, already divided), as a
/// wait: negative, NaN and infinite values are ignored, anything over a minute is a minute.
pub fn retry_after(seconds: f64) -> Option<Duration> {
    (seconds.is_finite() && seconds >= 0.0)
        .then(|| Duration::from_secs_f64(seconds.min(MAX_RETRY_AFTER_SECONDS)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn edges() {
        assert!(seconds("t", 1e20).is_err());
        assert!(seconds("t", 1e300).is_err());
        assert!(seconds("t", f64::NAN).is_err());
        assert!(seconds("t", 0.0).is_err());
        assert!(seconds("t", MAX_SECONDS).is_ok());
        assert!(parse_rate("1e-300").is_err());
        assert!(parse_rate("1e300").is_err());
        assert!(parse_rate("inf").is_err());
        assert_eq!(parse_rate("2.5"), Ok(2.5));
        assert_eq!(retry_after(1e20), Some(Duration::from_secs(60)));
        assert_eq!(retry_after(-1.0), None);
        assert_eq!(retry_after(f64::INFINITY), None);
    }

    proptest! {
        #[test]
        fn seconds_never_panic(text in "\\PC{0,40}", x in proptest::num::f64::ANY) {
            let _ = parse_seconds(&text);
            let _ = parse_rate(&text);
            let _ = seconds("t", x);
            let _ = retry_after(x);
            if let Ok(v) = parse_seconds(&x.to_string()) {
                prop_assert!(v > 0.0 && v <= MAX_SECONDS);
            }
            if let Some(d) = retry_after(x) {
                prop_assert!(d <= Duration::from_secs(60));
            }
        }
    }
}
