//! Service-level objectives, per request: `--slo 'ttft<=800ms,decode_tps>=100'`. A request
//! meets the SLOs when it succeeded and every objective holds for it; a failed request, or one
//! without the metric (a one-token reply has no decode rate), never does. Per path: how many
//! measured requests met them, that count over the requests attempted (`slo_fraction`), and
//! goodput: that count over the path's measured span, from its first send to its last reply's
//! end, in requests per second (the span `agg_output_tps` uses).

use anyhow::Result;
use serde::Serialize;

use super::assertions::{comparison, Op, DIST_METRICS};
use super::record::Record;
use crate::exit::Failure;

/// Metrics measured in milliseconds: a value may carry `ms` or `s`.
const TIME_METRICS: [&str; 5] = ["ttft", "ttfat", "ttfb", "e2e", "itl"];

/// One objective.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slo {
    pub expr: String,
    pub metric: String,
    pub op: Op,
    /// In the metric's unit: ms for times, tokens/s for rates, tokens for counts.
    pub threshold: f64,
}

/// What the objectives gave on one path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SloResult {
    /// Measured requests that met every objective.
    pub met: usize,
    pub attempted: usize,
    /// met / attempted.
    pub fraction: Option<f64>,
    /// met / (last reply's end - first send), requests per second.
    pub goodput_rps: Option<f64>,
}

/// Parses `--slo` values: each a comma-separated list of `METRIC OP VALUE`.
pub fn parse(values: &[String]) -> Result<Vec<Slo>> {
    let mut out = Vec::new();
    for expr in values.iter().flat_map(|v| v.split(',')).map(str::trim) {
        if expr.is_empty() {
            continue;
        }
        let bad = |why: String| -> anyhow::Error {
            Failure::usage(format!("--slo {expr:?}: {why}"))
                .hint(
                    "write METRIC OP VALUE, comma-separated, such as \
                     'ttft<=800ms,decode_tps>=100'",
                )
                .into()
        };
        let (metric, op, rhs) =
            comparison(expr).ok_or_else(|| bad("no comparison (>=, <=, >, <, ==)".into()))?;
        if !DIST_METRICS.contains(&metric.as_str()) {
            return Err(bad(format!(
                "unknown per-request metric {metric:?} ({})",
                DIST_METRICS.join(", ")
            )));
        }
        let time = TIME_METRICS.contains(&metric.as_str());
        let (number, scale) = match (time, rhs.strip_suffix("ms"), rhs.strip_suffix('s')) {
            (true, Some(n), _) => (n, 1.0),
            (true, None, Some(n)) => (n, 1000.0),
            _ => (rhs.as_str(), 1.0),
        };
        let threshold = number
            .parse::<f64>()
            .ok()
            .filter(|t| t.is_finite())
            .map(|t| t * scale)
            .ok_or_else(|| bad(format!("{rhs:?} is not a number")))?;
        out.push(Slo {
            expr: expr.to_string(),
            metric,
            op,
            threshold,
        });
    }
    Ok(out)
}

/// One request's value of a per-request metric.
fn value(r: &Record, metric: &str) -> Option<f64> {
    match metric {
        "ttft" => r.ttft_ms,
        "ttfat" => r.ttfat_ms,
        "ttfb" => r.ttfb_ms,
        "e2e" => Some(r.e2e_ms),
        "decode_tps" => r.decode_tps(),
        "e2e_tps" => r.e2e_tps(),
        "itl" => r.itl_ms(),
        "output_tokens" => r.output_tokens.map(|n| n as f64),
        "tokens_per_event" => r.tokens_per_event(),
        _ => None,
    }
}

/// Whether one request met every objective.
pub fn meets(r: &Record, slos: &[Slo]) -> bool {
    r.ok()
        && slos
            .iter()
            .all(|s| value(r, &s.metric).is_some_and(|v| s.op.holds(v, s.threshold)))
}

/// The objectives over one path's measured requests; `None` when there are no objectives.
pub fn evaluate(path: &str, records: &[Record], slos: &[Slo]) -> Option<SloResult> {
    if slos.is_empty() {
        return None;
    }
    let recs: Vec<&Record> = records
        .iter()
        .filter(|r| r.path == path && !r.warmup)
        .collect();
    let met = recs.iter().filter(|r| meets(r, slos)).count();
    let first = recs.iter().map(|r| r.t0_ms).fold(f64::INFINITY, f64::min);
    let last = recs
        .iter()
        .map(|r| r.t0_ms + r.e2e_ms)
        .fold(f64::NEG_INFINITY, f64::max);
    Some(SloResult {
        met,
        attempted: recs.len(),
        fraction: (!recs.is_empty()).then(|| met as f64 / recs.len() as f64),
        goodput_rps: (last > first).then(|| met as f64 / ((last - first) / 1000.0)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::record::Outcome;
    use crate::exit::Class;

    fn rec(ok: bool, t0: f64, ttft: f64, e2e: f64, tokens: u64) -> Record {
        let mut r = Record::new("fast", 0, false);
        if !ok {
            r.outcome = Outcome::Failed(Class::Shed503);
        }
        r.t0_ms = t0;
        r.ttft_ms = Some(ttft);
        r.last_token_ms = Some(e2e);
        r.e2e_ms = e2e;
        r.output_tokens = Some(tokens);
        r
    }

    #[test]
    fn units_and_lists() {
        let s = parse(&["ttft<=800ms, e2e < 2s".into(), "decode_tps>=100".into()]).unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(
            (s[0].metric.as_str(), s[0].op, s[0].threshold),
            ("ttft", Op::Le, 800.0)
        );
        assert_eq!((s[1].op, s[1].threshold), (Op::Lt, 2000.0));
        assert_eq!(s[2].threshold, 100.0);
        assert_eq!(parse(&["itl<=12".into()]).unwrap()[0].threshold, 12.0);
        for bad in [
            "availability>=0.9",
            "ttft~800",
            "ttft<=fast",
            "decode_tps>=100ms",
        ] {
            let err = parse(&[bad.to_string()]).unwrap_err();
            assert_eq!(
                crate::exit::classify(&err),
                crate::exit::Exit::Usage,
                "{bad}"
            );
        }
    }

    #[test]
    fn counts_fraction_and_goodput_exactly() {
        let slos = parse(&["ttft<=100ms,decode_tps>=10".into()]).unwrap();
        // 101 tokens from 50 ms to 1050 ms: 100 tok/s.
        let recs = vec![
            rec(true, 0.0, 50.0, 1050.0, 101),     // meets both
            rec(true, 500.0, 150.0, 1500.0, 101),  // ttft too slow
            rec(false, 1000.0, 10.0, 1000.0, 101), // failed: never meets
            rec(true, 1500.0, 60.0, 2500.0, 1),    // no decode rate: does not meet
            rec(true, 3000.0, 20.0, 1000.0, 101),  // meets; ends at 4000 ms
        ];
        let r = evaluate("fast", &recs, &slos).unwrap();
        assert_eq!((r.met, r.attempted), (2, 5));
        assert_eq!(r.fraction, Some(0.4));
        assert_eq!(r.goodput_rps, Some(0.5), "2 requests over 4 s");
        assert_eq!(evaluate("fast", &recs, &[]), None);
        assert_eq!(evaluate("standard", &recs, &slos).unwrap().fraction, None);
    }
}
