//! `fw bench compare BASE NEW`: two runs' per-request records (`fw bench --records FILE`), per
//! path and metric: the two medians, the change, and a 95 % confidence interval of the change
//! from a seeded bootstrap of the records (each run resampled with replacement, the difference
//! of medians taken each time, the 2.5th and 97.5th percentiles kept). A change is *clear* when
//! the whole interval lies beyond the margin (default 1 % of the base median) on one side:
//! "faster" or "slower" by the metric's direction; anything else is "no clear change", so a
//! noisy pair of runs does not fail CI.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::{Context, Result};
use serde::Serialize;
use serde_json::Value;

use super::assertions::{comparison, Op};
use crate::exit::Failure;

/// The metrics compared: name, unit, and whether higher is better.
pub const METRICS: [(&str, &str, bool); 4] = [
    ("ttft", "ms", false),
    ("decode_tps", "tok/s", true),
    ("e2e", "ms", false),
    ("itl", "ms", false),
];

/// What to compare and how.
#[derive(Debug, Clone)]
pub struct Request {
    pub base: std::path::PathBuf,
    pub new: std::path::PathBuf,
    /// `PATH.METRIC.p50 OP PERCENT%` rules: exit 9 when one holds and its change is clear.
    pub fail_if: Vec<String>,
    pub format: Format,
    /// Bootstrap resamples, and the generator's seed: the same inputs give the same intervals.
    pub resamples: usize,
    pub seed: u64,
    /// The change, as a fraction of the base median, a clear change must lie beyond.
    pub margin: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

/// One path and metric, compared.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub path: String,
    pub metric: &'static str,
    pub unit: &'static str,
    pub n_base: usize,
    pub n_new: usize,
    pub base_p50: f64,
    pub new_p50: f64,
    /// new - base, and that over base, in percent.
    pub change: f64,
    pub change_pct: f64,
    /// 95 % bootstrap interval of the change, in percent of the base median.
    pub ci_pct: (f64, f64),
    pub verdict: &'static str,
}

/// A `--fail-if` rule and whether it fired.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub rule: String,
    pub change_pct: f64,
    pub clear: bool,
    pub failed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub schema_version: u32,
    pub base: String,
    pub new: String,
    pub method: &'static str,
    pub resamples: usize,
    pub seed: u64,
    pub margin_pct: f64,
    pub rows: Vec<Row>,
    pub checks: Vec<Check>,
}

/// Runs the comparison; returns the rendered output and whether a `--fail-if` rule fired.
///
/// `read` gives each input's records as JSON lines: a file's text, or (for `log:RUN`) the
/// records the local log kept of a run.
pub fn run(
    req: &Request,
    read: &dyn Fn(&std::path::Path) -> Result<String>,
) -> Result<(String, bool)> {
    let base = load(&req.base, read(&req.base)?)?;
    let new = load(&req.new, read(&req.new)?)?;
    let mut rows = Vec::new();
    for (path, metrics) in &base {
        let Some(other) = new.get(path) else { continue };
        for (metric, unit, higher_better) in METRICS {
            let (a, b) = (&metrics[metric], &other[metric]);
            if a.is_empty() || b.is_empty() {
                continue;
            }
            rows.push(row(path, metric, unit, higher_better, a, b, req));
        }
    }
    if rows.is_empty() {
        return Err(Failure::usage(
            "the two runs have no path and metric in common to compare (no successful \
             measured requests on a shared path)",
        )
        .into());
    }
    let checks = req
        .fail_if
        .iter()
        .map(|r| check(r, &rows))
        .collect::<Result<Vec<_>>>()?;
    let failed = checks.iter().any(|c| c.failed);
    let c = Comparison {
        schema_version: 1,
        base: req.base.display().to_string(),
        new: req.new.display().to_string(),
        method: "difference of medians, percentile bootstrap (95 %)",
        resamples: req.resamples,
        seed: req.seed,
        margin_pct: req.margin * 100.0,
        rows,
        checks,
    };
    let text = match req.format {
        Format::Json => serde_json::to_string_pretty(&c)? + "\n",
        Format::Text => render(&c, false),
        Format::Markdown => render(&c, true),
    };
    Ok((text, failed))
}

/// Per path, per metric, the values of the measured successful requests of a records file.
type Samples = BTreeMap<String, BTreeMap<&'static str, Vec<f64>>>;

/// A records file's text, for `run`.
pub fn read_file(file: &std::path::Path) -> Result<String> {
    Ok(std::fs::read_to_string(file)
        .with_context(|| format!("cannot read {}", file.display()))
        .map_err(|e| Failure::usage(format!("{e:#}")))?)
}

fn load(file: &std::path::Path, text: String) -> Result<Samples> {
    let hint = "compare takes the per-request records of two runs: fw bench --records FILE";
    if text.trim_start().starts_with('{') && text.contains("\"schema_version\"") {
        return Err(Failure::usage(format!(
            "{} is a bench report, not its records",
            file.display()
        ))
        .hint(hint)
        .into());
    }
    let mut out = Samples::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let r: Value = serde_json::from_str(line).map_err(|e| {
            Failure::usage(format!(
                "{} line {}: not a bench record ({e})",
                file.display(),
                i + 1
            ))
            .hint(hint)
        })?;
        let Some(path) = r["path"].as_str() else {
            return Err(Failure::usage(format!(
                "{} line {}: not a bench record (no path)",
                file.display(),
                i + 1
            ))
            .hint(hint)
            .into());
        };
        if r["warmup"] == true || r["outcome"] != "ok" {
            continue;
        }
        let m = out.entry(path.to_string()).or_insert_with(|| {
            METRICS
                .iter()
                .map(|(name, _, _)| (*name, Vec::new()))
                .collect()
        });
        let f = |k: &str| r[k].as_f64();
        let span = f("last_token_ms").zip(f("ttft_ms")).map(|(b, a)| b - a);
        let n = r["output_tokens"].as_u64();
        let values = [
            ("ttft", f("ttft_ms")),
            (
                "decode_tps",
                n.zip(span)
                    .and_then(|(n, s)| crate::reply::decode_tps(n, s / 1000.0)),
            ),
            ("e2e", f("e2e_ms")),
            (
                "itl",
                n.zip(span)
                    .filter(|(n, s)| *n >= 2 && *s > 0.0)
                    .map(|(n, s)| s / (n - 1) as f64),
            ),
        ];
        for (name, v) in values {
            if let (Some(v), Some(list)) = (v.filter(|v| v.is_finite()), m.get_mut(name)) {
                list.push(v);
            }
        }
    }
    Ok(out)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// A small seeded generator: the same inputs give the same interval.
struct SplitMix(u64);

impl SplitMix {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
}

fn row(
    path: &str,
    metric: &'static str,
    unit: &'static str,
    higher_better: bool,
    a: &[f64],
    b: &[f64],
    req: &Request,
) -> Row {
    let base_p50 = median(&mut a.to_vec());
    let new_p50 = median(&mut b.to_vec());
    let mut rng = SplitMix(req.seed);
    let (mut ra, mut rb) = (vec![0.0; a.len()], vec![0.0; b.len()]);
    let mut diffs = Vec::with_capacity(req.resamples);
    for _ in 0..req.resamples {
        for x in ra.iter_mut() {
            *x = a[rng.below(a.len())];
        }
        for x in rb.iter_mut() {
            *x = b[rng.below(b.len())];
        }
        diffs.push(median(&mut rb) - median(&mut ra));
    }
    diffs.sort_by(f64::total_cmp);
    let at = |q: f64| diffs[((q * diffs.len() as f64) as usize).min(diffs.len() - 1)];
    let pct = |d: f64| match base_p50 {
        b if b != 0.0 => 100.0 * d / b,
        _ => 0.0,
    };
    let (lo, hi) = (pct(at(0.025)), pct(at(0.975)));
    let margin = req.margin * 100.0;
    let verdict = if lo > margin {
        if higher_better {
            "faster"
        } else {
            "slower"
        }
    } else if hi < -margin {
        if higher_better {
            "slower"
        } else {
            "faster"
        }
    } else {
        "no clear change"
    };
    Row {
        path: path.to_string(),
        metric,
        unit,
        n_base: a.len(),
        n_new: b.len(),
        base_p50,
        new_p50,
        change: new_p50 - base_p50,
        change_pct: pct(new_p50 - base_p50),
        ci_pct: (lo, hi),
        verdict,
    }
}

/// One `--fail-if` rule, such as `fast.decode_tps.p50 < -10%`: it fails when the change of the
/// medians, in percent, satisfies it and the change is clear.
fn check(rule: &str, rows: &[Row]) -> Result<Check> {
    let bad = |why: String| -> anyhow::Error {
        Failure::usage(format!("--fail-if {rule:?}: {why}"))
            .hint("write PATH.METRIC.p50 OP PERCENT%, such as 'fast.decode_tps.p50 < -10%'")
            .into()
    };
    let (lhs, op, rhs) = comparison(rule).ok_or_else(|| bad("no comparison".into()))?;
    let limit: f64 = rhs
        .strip_suffix('%')
        .and_then(|n| n.parse().ok())
        .filter(|n: &f64| n.is_finite())
        .ok_or_else(|| bad(format!("{rhs:?} is not a percentage such as -10%")))?;
    let parts: Vec<&str> = lhs.split('.').collect();
    let [path, metric, "p50"] = parts.as_slice() else {
        return Err(bad(format!(
            "{lhs:?} is not PATH.METRIC.p50 (the comparison is of medians)"
        )));
    };
    let row = rows
        .iter()
        .find(|r| r.path == *path && r.metric == *metric)
        .ok_or_else(|| {
            bad(format!(
                "{path}.{metric} is not in both runs (compared: {})",
                rows.iter()
                    .map(|r| format!("{}.{}", r.path, r.metric))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
    let clear = row.verdict != "no clear change";
    let holds = match op {
        Op::Ge => row.change_pct >= limit,
        Op::Le => row.change_pct <= limit,
        Op::Gt => row.change_pct > limit,
        Op::Lt => row.change_pct < limit,
        Op::Eq => row.change_pct == limit,
    };
    Ok(Check {
        rule: rule.to_string(),
        change_pct: row.change_pct,
        clear,
        failed: holds && clear,
    })
}

fn render(c: &Comparison, markdown: bool) -> String {
    let head = [
        "path", "metric", "base p50", "new p50", "change", "95% CI", "n", "verdict",
    ];
    let lines: Vec<[String; 8]> = c
        .rows
        .iter()
        .map(|r| {
            [
                r.path.clone(),
                format!("{} ({})", r.metric, r.unit),
                format!("{:.2}", r.base_p50),
                format!("{:.2}", r.new_p50),
                format!("{:+.1}%", r.change_pct),
                format!("[{:+.1}%, {:+.1}%]", r.ci_pct.0, r.ci_pct.1),
                format!("{}/{}", r.n_base, r.n_new),
                r.verdict.to_string(),
            ]
        })
        .collect();
    let mut out = String::new();
    if markdown {
        let _ = writeln!(out, "| {} |", head.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
        for l in &lines {
            let _ = writeln!(out, "| {} |", l.join(" | "));
        }
    } else {
        let w: Vec<usize> = (0..head.len())
            .map(|i| {
                lines
                    .iter()
                    .map(|l| l[i].chars().count())
                    .chain([head[i].len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let fmt = |cells: Vec<&str>| {
            cells
                .iter()
                .zip(&w)
                .map(|(c, w)| format!("{c:<w$}"))
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_string()
        };
        let _ = writeln!(out, "{}", fmt(head.to_vec()));
        for l in &lines {
            let _ = writeln!(out, "{}", fmt(l.iter().map(String::as_str).collect()));
        }
    }
    let _ = writeln!(
        out,
        "\n{}; {} resamples, seed {}; a change is clear when its interval lies beyond ±{}%.",
        c.method, c.resamples, c.seed, c.margin_pct
    );
    for ch in &c.checks {
        let _ = writeln!(
            out,
            "{}  {}  change {:+.1}%{}",
            if ch.failed { "FAIL" } else { "ok  " },
            ch.rule,
            ch.change_pct,
            if ch.clear {
                ""
            } else {
                " (not a clear change)"
            }
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req() -> Request {
        Request {
            base: "a".into(),
            new: "b".into(),
            fail_if: Vec::new(),
            format: Format::Text,
            resamples: 1000,
            seed: 7,
            margin: 0.01,
        }
    }

    #[test]
    fn clear_and_unclear_changes() {
        let base: Vec<f64> = (0..50).map(|i| 100.0 + (i % 5) as f64).collect();
        let same: Vec<f64> = (0..50).map(|i| 100.0 + ((i + 2) % 5) as f64).collect();
        let slower: Vec<f64> = base.iter().map(|v| v * 0.8).collect();
        let r = row("fast", "decode_tps", "tok/s", true, &base, &same, &req());
        assert_eq!(r.verdict, "no clear change", "{r:?}");
        let r = row("fast", "decode_tps", "tok/s", true, &base, &slower, &req());
        assert_eq!(r.verdict, "slower", "{r:?}");
        assert!((r.change_pct + 20.0).abs() < 0.5, "{r:?}");
        assert!(r.ci_pct.0 <= r.change_pct && r.change_pct <= r.ci_pct.1);
        // Lower is better for times: a 20 % drop in ttft is faster.
        let r = row("fast", "ttft", "ms", false, &base, &slower, &req());
        assert_eq!(r.verdict, "faster");
        // Seeded: the same inputs give the same interval.
        let again = row("fast", "ttft", "ms", false, &base, &slower, &req());
        assert_eq!(r.ci_pct, again.ci_pct);
    }

    #[test]
    fn fail_if_needs_a_clear_change_over_the_limit() {
        let base: Vec<f64> = (0..50).map(|i| 100.0 + (i % 5) as f64).collect();
        let slower: Vec<f64> = base.iter().map(|v| v * 0.8).collect();
        let rows = vec![row(
            "fast",
            "decode_tps",
            "tok/s",
            true,
            &base,
            &slower,
            &req(),
        )];
        assert!(check("fast.decode_tps.p50 < -10%", &rows).unwrap().failed);
        assert!(!check("fast.decode_tps.p50 < -30%", &rows).unwrap().failed);
        let same = vec![row(
            "fast",
            "decode_tps",
            "tok/s",
            true,
            &base,
            &base,
            &req(),
        )];
        assert!(!check("fast.decode_tps.p50 <= 0%", &same).unwrap().failed);
        for bad in [
            "fast.decode_tps.p90 < -10%",
            "fast.ttft.p50 < -10",
            "slow.ttft.p50<1%",
        ] {
            assert!(check(bad, &rows).is_err(), "{bad}");
        }
    }
}
