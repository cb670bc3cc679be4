//! The bench report: the one document every format presents (`export`), with the run's
//! configuration, the summaries, the warnings and the verdict. `docs/bench-schema.json` is its
//! JSON schema.

use serde::Serialize;

use super::judge::AssertionResult;
use super::summary::{Client, PathReport};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub tool: serde_json::Value,
    pub started_at: String,
    pub config: serde_json::Value,
    /// The client's own figures; null for a merged report (`fw bench merge`), whose inputs
    /// each had their own client.
    pub client: Option<Client>,
    pub paths: Vec<PathReport>,
    pub warnings: Vec<String>,
    pub assertions: Vec<AssertionResult>,
    pub valid: bool,
    pub invalid_reasons: Vec<String>,
    /// "pass", "fail", "invalid", or "none" (no assertions, valid run).
    pub result: &'static str,
    pub interrupted: bool,
    /// The steps of a `--sweep` and how it ended; null for a run at one load.
    pub sweep: Option<super::sweep::Sweep>,
}

/// Seconds since the Unix epoch as an RFC 3339 UTC timestamp.
pub fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_000_000), "2026-11-18T11:06:40Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }
}
