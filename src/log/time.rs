//! Times as the log stores them: RFC 3339 in UTC with milliseconds (`2026-12-02T21:50:27.123Z`),
//! which sort as text; and the `--since` / `--before` forms that select them.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::exit::Failure;

/// A point in time as the log stores it.
pub fn format(t: SystemTime) -> String {
    let ms = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis()) as i64;
    let (days, rem) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    let (y, m, d) = civil_from_days(days);
    let (h, min, s, milli) = (
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60,
        rem % 1000,
    );
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.{milli:03}Z")
}

/// Now, as the log stores it.
pub fn now() -> String {
    format(SystemTime::now())
}

/// A bound given on the command line, as the log stores times: an age (`30m`, `12h`, `7d`,
/// `2w`) counted back from now, a date (`2026-11-30`, midnight UTC) or a full RFC 3339 UTC
/// time.
pub fn parse_bound(text: &str, now: SystemTime) -> Result<String, Failure> {
    let bad = || {
        Failure::usage(format!("invalid time {text:?}"))
            .hint("give an age such as 30m, 12h, 7d or 2w, or a date such as 2026-11-30")
    };
    let t = text.trim();
    let age = t
        .chars()
        .last()
        .filter(char::is_ascii_alphabetic)
        .filter(|_| t.len() > 1 && t[..t.len() - 1].bytes().all(|b| b.is_ascii_digit()));
    if let Some(unit) = age {
        let n: u64 = t[..t.len() - 1].parse().map_err(|_| bad())?;
        let secs = match unit {
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 7 * 86_400,
            _ => return Err(bad()),
        };
        let back = Duration::from_secs(n.checked_mul(secs).ok_or_else(bad)?);
        return Ok(format(now.checked_sub(back).unwrap_or(UNIX_EPOCH)));
    }
    let date = t.get(..10).ok_or_else(bad)?;
    let parts: Vec<&str> = date.split('-').collect();
    let [y, m, d] = parts[..] else {
        return Err(bad());
    };
    let (y, m, d): (i64, i64, i64) = (
        y.parse().map_err(|_| bad())?,
        m.parse().map_err(|_| bad())?,
        d.parse().map_err(|_| bad())?,
    );
    if !(1970..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(bad());
    }
    let rest = &t[10..];
    if rest.is_empty() {
        return Ok(format!("{y:04}-{m:02}-{d:02}T00:00:00.000Z"));
    }
    // A full time: checked for shape, normalised to the stored form.
    let time = rest
        .strip_prefix('T')
        .and_then(|r| r.strip_suffix('Z'))
        .ok_or_else(bad)?;
    let (hms, frac) = time.split_once('.').unwrap_or((time, "0"));
    let hms: Vec<u32> = hms
        .split(':')
        .map(str::parse)
        .collect::<Result<_, _>>()
        .map_err(|_| bad())?;
    let [h, min, s] = hms[..] else {
        return Err(bad());
    };
    if h > 23 || min > 59 || s > 60 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let milli: String = frac.chars().chain("000".chars()).take(3).collect();
    Ok(format!(
        "{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.{milli}Z"
    ))
}

/// Howard Hinnant's days-to-civil algorithm: (year, month, day) of a day count since
/// 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn formats_known_instants() {
        assert_eq!(format(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        // 2026-12-02T21:50:27Z
        assert_eq!(format(at(1_796_248_227)), "2026-12-02T21:50:27.000Z");
        assert_eq!(
            format(at(951_782_400) + Duration::from_millis(5)),
            "2000-02-29T00:00:00.005Z"
        );
    }

    #[test]
    fn bounds_parse_ages_dates_and_times() {
        let now = at(1_796_248_227);
        assert_eq!(parse_bound("1d", now).unwrap(), "2026-12-01T21:50:27.000Z");
        assert_eq!(parse_bound("2w", now).unwrap(), "2026-11-18T21:50:27.000Z");
        assert_eq!(parse_bound("30m", now).unwrap(), "2026-12-02T21:20:27.000Z");
        assert_eq!(
            parse_bound("2026-11-30", now).unwrap(),
            "2026-11-30T00:00:00.000Z"
        );
        assert_eq!(
            parse_bound("2026-11-30T08:05:01.5Z", now).unwrap(),
            "2026-11-30T08:05:01.500Z"
        );
        for bad in [
            "",
            "7",
            "7y",
            "d",
            "2026-13-01",
            "2026-11-30T25:00:00Z",
            "yesterday",
            "99999999999999999999d",
        ] {
            assert!(parse_bound(bad, now).is_err(), "{bad}");
        }
    }
}
