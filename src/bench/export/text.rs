//! The terminal table: one column per path, then the client's own figures, the warnings, the
//! thresholds and the result; on a terminal, a small sketch of each path's ttft and decode
//! rate distributions below it. Server text in it (a model ID, an error) is escaped, since the
//! table is meant for a terminal.

use std::io::{self, Write};

use super::Export;
use crate::bench::record::Record;
use crate::bench::report::Report;
use crate::bench::stats::Dist;
use crate::bench::summary::PathReport;
use crate::bench::sweep::Sweep;
use crate::output;

pub struct Text {
    /// Draw the distribution sketches (stdout is a terminal).
    pub sketch: bool,
}

impl Export for Text {
    fn write(&self, report: &Report, records: &[Record], out: &mut dyn Write) -> io::Result<()> {
        let mut text = render(report);
        if self.sketch {
            text.push_str(&sketches(report, records));
        }
        out.write_all(output::escape_controls(&text, true).as_bytes())
    }
}

/// Bars for a histogram, lowest to highest.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// Bins in one sketch.
const BINS: usize = 24;

/// A histogram of `values` in one line of `bins` bars between their minimum and maximum,
/// each bar's height its share of the largest bin; empty for fewer than two values.
pub fn sketch(values: &[f64], bins: usize) -> String {
    let v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.len() < 2 || bins == 0 {
        return String::new();
    }
    let (lo, hi) = v
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
            (a.min(x), b.max(x))
        });
    let mut counts = vec![0usize; bins];
    for x in &v {
        let i = if hi > lo {
            (((x - lo) / (hi - lo)) * bins as f64) as usize
        } else {
            0
        };
        counts[i.min(bins - 1)] += 1;
    }
    let top = counts.iter().copied().max().unwrap_or(1).max(1);
    counts
        .iter()
        .map(|&c| match c {
            0 => ' ',
            c => BARS[((c * BARS.len()).div_ceil(top)).clamp(1, BARS.len()) - 1],
        })
        .collect()
}

/// A per-request metric.
type Metric = fn(&Record) -> Option<f64>;

/// One sketch line per path and metric: ttft and decode tok/s of the measured ok requests.
fn sketches(r: &Report, records: &[Record]) -> String {
    let metrics: [(&str, Metric); 2] = [
        ("ttft ms", |x| x.ttft_ms),
        ("decode tok/s", Record::decode_tps),
    ];
    let name_w = r.paths.iter().map(|p| p.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (label, f) in metrics {
        for p in r.paths.iter().filter(|p| p.offered) {
            let v: Vec<f64> = records
                .iter()
                .filter(|x| x.path == p.name && !x.warmup && x.ok())
                .filter_map(f)
                .collect();
            let bars = sketch(&v, BINS);
            if bars.is_empty() {
                continue;
            }
            let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            out.push_str(&format!(
                "{label:<12}  {:<name_w$}  {:>8} {bars} {}\n",
                p.name,
                fmt_num(lo),
                fmt_num(hi)
            ));
        }
    }
    if out.is_empty() {
        out
    } else {
        format!("\n{out}")
    }
}

/// A `--sweep`'s steps: one table per path, one row per step, then how each path's curve and
/// the sweep ended.
fn sweep_tables(sw: &Sweep) -> String {
    let head = [
        "rate/s", "achieved", "ok/att", "503", "429", "ttft p50", "ttft p90", "dec p50", "dec p10",
        "slo", "goodput", "held",
    ];
    let opt = |v: Option<f64>| v.map_or("-".to_string(), fmt_num);
    let mut out = String::new();
    for end in &sw.paths {
        let mut rows: Vec<Vec<String>> = vec![head.iter().map(|h| h.to_string()).collect()];
        for step in &sw.steps {
            let Some(p) = step.paths.iter().find(|p| p.name == end.name) else {
                continue;
            };
            rows.push(vec![
                fmt_rate(step.rate_per_path),
                opt(p.achieved_rps),
                format!("{}/{}", p.ok, p.attempted),
                p.shed_503.to_string(),
                p.rate_limited_429.to_string(),
                opt(p.ttft_p50_ms),
                opt(p.ttft_p90_ms),
                opt(p.decode_tps_p50),
                opt(p.decode_tps_p10),
                p.slo_fraction
                    .map_or("-".into(), |f| format!("{:.1}%", f * 100.0)),
                opt(p.goodput_rps),
                match (p.held, p.missed) {
                    (true, _) => "yes".into(),
                    (false, why) => format!("no: {}", why.unwrap_or("-")),
                },
            ]);
        }
        let widths: Vec<usize> = (0..head.len())
            .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
            .collect();
        out.push_str(&format!("\nsweep: {}\n", end.name));
        for r in &rows {
            let cells: Vec<String> = r
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:>w$}"))
                .collect();
            out.push_str(&format!("  {}\n", cells.join("  ").trim_end()));
        }
        out.push_str(&format!(
            "  highest rate held: {}{}\n",
            end.highest_held_rate
                .map_or("none".into(), |r| format!("{}/s per path", fmt_rate(r))),
            match (end.missed_at_rate, end.missed) {
                (Some(r), Some(why)) => format!(" (missed at {}/s: {why})", fmt_rate(r)),
                _ => String::new(),
            }
        ));
    }
    out.push_str(&format!("sweep ended: {}\n", sw.summary));
    out
}

/// A rate as asked: no trailing zeros (10, 2.25), at most three decimals.
fn fmt_rate(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A number with few digits: none from 100 up, one from 10, two below.
pub(super) fn fmt_num(v: f64) -> String {
    if v.abs() >= 100.0 {
        format!("{v:.0}")
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

fn stats(d: Option<&Dist>, keys: &[&str]) -> String {
    match d {
        None => "-".into(),
        Some(d) => keys
            .iter()
            .map(|k| d.get(k).map_or("-".into(), fmt_num))
            .collect::<Vec<_>>()
            .join(" / "),
    }
}
/// The terminal report: one column per path.
fn render(r: &Report) -> String {
    let cfg = &r.config;
    let mut out = if cfg["kind"] == "merge" {
        let files: Vec<&str> = cfg["inputs"]
            .as_array()
            .map(|v| v.iter().filter_map(|i| i["file"].as_str()).collect())
            .unwrap_or_default();
        format!("fw bench merge  {}\n\n", files.join("  "))
    } else {
        format!(
            "fw bench  model={}  api={}  load={}  max_tokens={}{}  n={}/path  warmup={}\n\n",
            cfg["model"].as_str().unwrap_or("?"),
            cfg["api"].as_str().unwrap_or("?"),
            cfg["load"]["summary"].as_str().unwrap_or("?"),
            cfg["max_tokens"],
            if cfg["force_len"] == true {
                " (forced)"
            } else {
                ""
            },
            cfg["requests_per_path"]
                .as_u64()
                .map_or("until deadline".into(), |n| n.to_string()),
            cfg["warmup"],
        )
    };
    let mut rows: Vec<(String, Vec<String>)> = vec![(
        "".into(),
        r.paths.iter().map(|p| p.name.to_string()).collect(),
    )];
    let row = |label: &str, f: &dyn Fn(&PathReport) -> String| -> (String, Vec<String>) {
        (
            label.to_string(),
            r.paths
                .iter()
                .map(|p| {
                    if p.offered {
                        f(p)
                    } else {
                        "not offered".into()
                    }
                })
                .collect(),
        )
    };
    rows.push(row("requests ok/attempted", &|p| {
        format!("{}/{}", p.requests.ok, p.requests.attempted)
    }));
    rows.push(row("availability", &|p| {
        p.availability
            .map_or("-".into(), |a| format!("{:.1}%", a * 100.0))
    }));
    rows.push(row("  503 / 429 / other 5xx", &|p| {
        let c = &p.requests;
        format!("{} / {} / {}", c.shed_503, c.rate_limited_429, c.server_5xx)
    }));
    rows.push(row("  timeout / cut off / other", &|p| {
        let c = &p.requests;
        format!(
            "{} / {} / {}",
            c.timeout,
            c.cut_off,
            c.client_4xx + c.mid_stream_error + c.malformed + c.network
        )
    }));
    rows.push(row("ttft ms p50/p90/p99", &|p| {
        stats(p.ttft_ms.as_ref(), &["p50", "p90", "p99"])
    }));
    rows.push(row("ttfat ms p50", &|p| {
        stats(p.ttfat_ms.as_ref(), &["p50"])
    }));
    rows.push(row("decode tok/s p50", &|p| {
        stats(p.decode_tps.as_ref(), &["p50"])
    }));
    rows.push(row("  p10/p1", &|p| {
        stats(p.decode_tps.as_ref(), &["p10", "p1"])
    }));
    rows.push(row("e2e tok/s p50", &|p| {
        stats(p.e2e_tps.as_ref(), &["p50"])
    }));
    rows.push(row("e2e ms p50/p99", &|p| {
        stats(p.e2e_ms.as_ref(), &["p50", "p99"])
    }));
    rows.push(row("itl ms mean", &|p| stats(p.itl_ms.as_ref(), &["mean"])));
    rows.push(row("tokens/event mean", &|p| {
        stats(p.tokens_per_event.as_ref(), &["mean"])
    }));
    rows.push(row("output tokens mean", &|p| {
        format!(
            "{} ({})",
            stats(p.output_tokens.as_ref(), &["mean"]),
            p.tokens_source.unwrap_or("-")
        )
    }));
    rows.push(row("agg output tok/s", &|p| {
        p.agg_output_tps.map_or("-".into(), fmt_num)
    }));
    rows.push(row("cost per request ~USD", &|p| {
        p.cost_usd_per_request
            .map_or("-".into(), |c| format!("{c:.6}"))
    }));
    rows.push(row("cached prompt tokens", &|p| {
        let share = p
            .cached_share
            .map_or(String::new(), |s| format!(" ({:.1}%)", s * 100.0));
        format!("{}{share}", p.cached_prompt_tokens)
    }));
    if r.paths
        .iter()
        .any(|p| p.server_decode_tps.is_some() || p.server_ttft_ms.is_some())
    {
        rows.push(row("server ttft ms p50", &|p| {
            stats(p.server_ttft_ms.as_ref(), &["p50"])
        }));
        rows.push(row("server decode tok/s p50", &|p| {
            stats(p.server_decode_tps.as_ref(), &["p50"])
        }));
    }
    if r.paths.iter().any(|p| p.slo.is_some()) {
        rows.push(row("slo met/attempted", &|p| {
            p.slo.as_ref().map_or("-".into(), |s| {
                let pct = s
                    .fraction
                    .map_or(String::new(), |f| format!(" ({:.1}%)", f * 100.0));
                format!("{}/{}{pct}", s.met, s.attempted)
            })
        }));
        rows.push(row("goodput req/s", &|p| {
            p.slo
                .as_ref()
                .and_then(|s| s.goodput_rps)
                .map_or("-".into(), fmt_num)
        }));
    }
    if r.paths.iter().any(|p| p.rate_limits.is_some()) {
        rows.push(row("rate limit remaining, lowest", &|p| {
            p.rate_limits.as_ref().map_or("-".into(), |l| {
                let mut parts: Vec<String> = l
                    .lowest_remaining
                    .iter()
                    .map(|(k, v)| {
                        // Counts are whole numbers: shown as such.
                        let v = match v.fract() == 0.0 && v.abs() < 1e15 {
                            true => format!("{}", *v as i64),
                            false => fmt_num(*v),
                        };
                        format!("{} {v}", k.trim_start_matches("remaining-"))
                    })
                    .collect();
                if l.over_limit > 0 {
                    parts.push(format!("over limit x{}", l.over_limit));
                }
                if parts.is_empty() {
                    "-".into()
                } else {
                    parts.join(", ")
                }
            })
        }));
    }
    let label_w = rows.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    let col_w = rows
        .iter()
        .flat_map(|(_, v)| v.iter().map(|s| s.chars().count()))
        .max()
        .unwrap_or(0);
    for (label, vals) in &rows {
        let mut line = format!("{label:<label_w$}");
        for v in vals {
            line.push_str(&format!("  {v:<col_w$}"));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    for p in r.paths.iter().filter(|p| !p.offered) {
        out.push_str(&format!(
            "{}: not offered: {}\n",
            p.name,
            p.not_offered.as_deref().unwrap_or("")
        ));
    }
    if let Some(sw) = &r.sweep {
        out.push_str(&sweep_tables(sw));
    }
    match &r.client {
        Some(c) => out.push_str(&format!(
            "\nclient: cpu {:.2} s over {:.1} s, timer lag p50/p99 {} ms, connections opened {} ({} while measuring)\n",
            c.cpu_s,
            c.wall_s,
            stats(c.lag_ms.as_ref(), &["p50", "p99"]),
            c.connections.opened,
            c.connections.during_measurement,
        )),
        None => out.push_str(
            "\nclient: merged runs: each machine's CPU time, lag and connections are in its own report\n",
        ),
    }
    if let Some(s) = r.client.as_ref().and_then(|c| c.send_lag_ms.as_ref()) {
        out.push_str(&format!(
            "client send lag ms p50/p99: {}\n",
            stats(Some(s), &["p50", "p99"])
        ));
    }
    for w in &r.warnings {
        out.push_str(&format!("warning: {w}\n"));
    }
    if !r.assertions.is_empty() {
        out.push_str("\nTHRESHOLDS\n");
        for a in &r.assertions {
            out.push_str(&format!(
                "  {}  {}  {}{}\n",
                if a.pass { "PASS" } else { "FAIL" },
                a.rule.expr,
                a.value.map_or("no value".into(), fmt_num),
                a.n.map_or(String::new(), |n| format!("  (n={n})")),
            ));
        }
    }
    for why in &r.invalid_reasons {
        out.push_str(&format!("invalid: {why}\n"));
    }
    out.push_str(&match r.result {
        "pass" => "RESULT: PASS\n".to_string(),
        "fail" => format!(
            "RESULT: FAIL ({} of {} thresholds)\n",
            r.assertions.iter().filter(|a| !a.pass).count(),
            r.assertions.len()
        ),
        "invalid" => "RESULT: INVALID\n".to_string(),
        _ => "RESULT: no thresholds given\n".to_string(),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sketches_are_histograms() {
        assert_eq!(sketch(&[], 4), "");
        assert_eq!(sketch(&[1.0], 4), "", "one value has no shape");
        // Two values at the ends, the rest in the second bin: the tallest bin is full height.
        assert_eq!(sketch(&[0.0, 3.0, 3.5, 3.9, 8.0], 4), "▃█ ▃");
        assert_eq!(
            sketch(&[5.0, 5.0, 5.0], 3),
            "█  ",
            "no spread: one full bin"
        );
        assert_eq!(sketch(&[1.0, f64::NAN, 2.0], 2).chars().count(), 2);
    }
    use crate::bench::fixtures::fixed_report;

    const TEXT: &str = r#"fw bench  model=accounts/fireworks/models/m  api=chat  load=open 2/s/path constant  max_tokens=20 (forced)  n=4/path  warmup=1

                             standard            priority            fast
requests ok/attempted        3/3                 not offered         4/6
availability                 100.0%              not offered         66.7%
  503 / 429 / other 5xx      0 / 0 / 0           not offered         1 / 0 / 0
  timeout / cut off / other  0 / 0 / 0           not offered         0 / 1 / 0
ttft ms p50/p90/p99          201 / 202 / 202     not offered         41.0 / 43.0 / 43.0
ttfat ms p50                 -                   not offered         -
decode tok/s p50             100                 not offered         100
  p10/p1                     100 / 100           not offered         100 / 100
e2e tok/s p50                33.2                not offered         83.7
e2e ms p50/p99               301 / 302           not offered         251 / 273
itl ms mean                  10.0                not offered         10.0
tokens/event mean            2.50                not offered         1.00
output tokens mean           10.0 (estimated)    not offered         21.5 (usage)
agg output tok/s             99.3                not offered         284
cost per request ~USD        -                   not offered         0.000131
cached prompt tokens         0                   not offered         100 (25.0%)
server ttft ms p50           -                   not offered         30.0
server decode tok/s p50      -                   not offered         121
priority: not offered: no Priority

client: cpu 0.10 s over 1.0 s, timer lag p50/p99 0.10 / 0.20 ms, connections opened 1 (2 while measuring)
client send lag ms p50/p99: 0.50 / 1.50
warning: standard: 3 of 3 outputs were much shorter than --max-tokens 20; use --force-len for full-length outputs
warning: standard: the server sent no usage for some replies; their token counts are estimated from stream events
warning: standard: 2.50 tokens per event on average: gaps between events are not gaps between tokens
warning: fast: 25% of prompt tokens were served from the cache despite unique prefixes: TTFT may be flattered
warning: 2 file descriptors were left open by the run (10 before, 12 after)
warning: 2 new connections were opened while measuring (connect p50 3.00 ms): that set-up time is inside those requests' TTFT

THRESHOLDS
  PASS  fast.decode_tps.p50>=50  100  (n=4)
  FAIL  fast.ttft.p99<=10  43.0  (n=4)
invalid: fast: 16.7% of requests failed for reasons other than 503 and 429, over --max-error-rate 0.05
RESULT: INVALID
"#;

    #[test]
    fn text_rendering_is_pinned() {
        let mut r = fixed_report();
        assert_eq!(render(&r), TEXT);
        // The result line for each verdict.
        for (result, last) in [
            ("fail", "RESULT: FAIL (1 of 2 thresholds)"),
            ("pass", "RESULT: PASS"),
            ("none", "RESULT: no thresholds given"),
        ] {
            r.result = result;
            assert_eq!(render(&r).lines().last(), Some(last));
        }
    }
}
