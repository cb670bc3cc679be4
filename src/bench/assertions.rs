//! Pass/fail rules: `PATH.METRIC.STAT OP NUMBER` for distributions
//! (`fast.decode_tps.p50>=100`, `standard.ttft.p90<=2000`) and `PATH.METRIC OP NUMBER` for
//! per-path figures (`priority.availability>=0.99`). Rules are parsed before anything is sent;
//! an unknown path, metric or statistic is a usage error, never a rule that silently passes.

use anyhow::Result;
use serde::Serialize;

use super::stats::STATS;
use crate::exit::Failure;

/// Metrics with a distribution (they take a statistic).
pub const DIST_METRICS: [&str; 9] = [
    "ttft",
    "ttfat",
    "ttfb",
    "e2e",
    "decode_tps",
    "e2e_tps",
    "itl",
    "output_tokens",
    "tokens_per_event",
];
/// Metrics with one value per path.
pub const PATH_METRICS: [&str; 7] = [
    "availability",
    "error_rate",
    "agg_output_tps",
    "ok",
    "attempted",
    "slo_fraction",
    "goodput",
];
/// Metrics that need the server's token counts to mean anything.
pub const TOKEN_METRICS: [&str; 6] = [
    "decode_tps",
    "e2e_tps",
    "itl",
    "output_tokens",
    "tokens_per_event",
    "agg_output_tps",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Op {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "==")]
    Eq,
}

impl Op {
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Op::Ge => value >= threshold,
            Op::Le => value <= threshold,
            Op::Gt => value > threshold,
            Op::Lt => value < threshold,
            Op::Eq => value == threshold,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    pub expr: String,
    pub path: String,
    pub metric: String,
    pub stat: Option<String>,
    pub op: Op,
    pub threshold: f64,
}

impl Rule {
    pub fn needs_tokens(&self) -> bool {
        TOKEN_METRICS.contains(&self.metric.as_str())
    }
}

/// `LEFT OP RIGHT`, white space ignored: the two sides and the operator.
pub fn comparison(expr: &str) -> Option<(String, Op, String)> {
    let compact: String = expr.chars().filter(|c| !c.is_whitespace()).collect();
    [
        (">=", Op::Ge),
        ("<=", Op::Le),
        ("==", Op::Eq),
        (">", Op::Gt),
        ("<", Op::Lt),
    ]
    .into_iter()
    .find_map(|(s, op)| {
        compact
            .split_once(s)
            .map(|(l, r)| (l.to_string(), op, r.to_string()))
    })
}

/// Parses one rule; `paths` are the paths this run measures.
pub fn parse(expr: &str, paths: &[&str]) -> Result<Rule> {
    let bad = |why: String| -> anyhow::Error {
        Failure::usage(format!("--assert {expr:?}: {why}"))
            .hint(
                "write PATH.METRIC.STAT OP NUMBER or PATH.METRIC OP NUMBER, such as \
                 fast.decode_tps.p50>=100 or priority.availability>=0.99",
            )
            .into()
    };
    let (lhs, op, rhs) =
        comparison(expr).ok_or_else(|| bad("no comparison (>=, <=, >, <, ==)".into()))?;
    let threshold: f64 = rhs
        .parse()
        .ok()
        .filter(|t: &f64| t.is_finite())
        .ok_or_else(|| bad(format!("{rhs:?} is not a number")))?;
    let parts: Vec<&str> = lhs.split('.').collect();
    let (path, metric, stat) = match parts.as_slice() {
        [p, m] => (*p, *m, None),
        [p, m, s] => (*p, *m, Some(*s)),
        _ => {
            return Err(bad(format!(
                "{lhs:?} is not PATH.METRIC or PATH.METRIC.STAT"
            )))
        }
    };
    if !paths.contains(&path) {
        return Err(bad(format!(
            "path {path:?} is not measured in this run (paths: {})",
            paths.join(", ")
        )));
    }
    let is_dist = DIST_METRICS.contains(&metric);
    let is_path = PATH_METRICS.contains(&metric);
    if !is_dist && !is_path {
        return Err(bad(format!(
            "unknown metric {metric:?} (distributions: {}; per path: {})",
            DIST_METRICS.join(", "),
            PATH_METRICS.join(", ")
        )));
    }
    match (is_dist, stat) {
        (true, None) => {
            return Err(bad(format!(
                "{metric} needs a statistic: {}",
                STATS.join(", ")
            )))
        }
        (true, Some(s)) if !STATS.contains(&s) => {
            return Err(bad(format!(
                "unknown statistic {s:?} ({})",
                STATS.join(", ")
            )))
        }
        (false, Some(s)) => return Err(bad(format!("{metric} is one value per path; drop .{s}"))),
        _ => {}
    }
    Ok(Rule {
        expr: expr.to_string(),
        path: path.to_string(),
        metric: metric.to_string(),
        stat: stat.map(str::to_string),
        op,
        threshold,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATHS: [&str; 3] = ["standard", "priority", "fast"];

    #[test]
    fn parses_the_documented_forms() {
        let r = parse("fast.decode_tps.p50>=100", &PATHS).unwrap();
        assert_eq!(
            (r.path.as_str(), r.metric.as_str(), r.stat.as_deref()),
            ("fast", "decode_tps", Some("p50"))
        );
        assert_eq!((r.op, r.threshold), (Op::Ge, 100.0));
        let r = parse("priority.availability >= 0.99", &PATHS).unwrap();
        assert_eq!(
            (r.metric.as_str(), r.stat, r.op),
            ("availability", None, Op::Ge)
        );
        let r = parse("standard.ttft.p90<=2000", &PATHS).unwrap();
        assert_eq!(r.op, Op::Le);
        assert!(parse("standard.e2e.max<5e3", &PATHS).is_ok());
        assert!(r.op.holds(2000.0, 2000.0) && !Op::Lt.holds(1.0, 1.0));
    }

    #[test]
    fn unknown_names_are_usage_errors() {
        for bad in [
            "turbo.decode_tps.p50>=100",
            "fast.decode_tps.p50>=100x",
            "fast.speed.p50>=100",
            "fast.decode_tps.p42>=100",
            "fast.decode_tps>=100",
            "fast.availability.p50>=1",
            "fast.decode_tps.p50",
            "decode_tps>=1",
        ] {
            let e = parse(bad, &PATHS).unwrap_err();
            assert_eq!(crate::exit::classify(&e), crate::exit::Exit::Usage, "{bad}");
        }
        assert!(
            parse("fast.ttft.p50<=1", &["standard"]).is_err(),
            "fast is not measured"
        );
    }
}
