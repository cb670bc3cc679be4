//! The bench report: the one document every format presents (`export`), with the run's
//! configuration, the summaries, the warnings and the verdict. `docs/bench-schema.json` is its
//! JSON schema.

use serde::Serialize;

use super::judge::AssertionResult;
use super::stats::Dist;
use super::summary::{Client, PathReport};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub tool: serde_json::Value,
    pub started_at: String,
    pub config: serde_json::Value,
    pub client: Client,
    pub paths: Vec<PathReport>,
    pub warnings: Vec<String>,
    pub assertions: Vec<AssertionResult>,
    pub valid: bool,
    pub invalid_reasons: Vec<String>,
    /// "pass", "fail", "invalid", or "none" (no assertions, valid run).
    pub result: &'static str,
    pub interrupted: bool,
}

fn fmt_num(v: f64) -> String {
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
pub fn text(r: &Report) -> String {
    let cfg = &r.config;
    let mut out = format!(
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
    );
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
    let c = &r.client;
    out.push_str(&format!(
        "\nclient: cpu {:.2} s over {:.1} s, timer lag p50/p99 {} ms, connections opened {} ({} while measuring)\n",
        c.cpu_s,
        c.wall_s,
        stats(c.lag_ms.as_ref(), &["p50", "p99"]),
        c.connections.opened,
        c.connections.during_measurement,
    ));
    if let Some(s) = &c.send_lag_ms {
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

/// One CSV row per path.
pub fn csv(r: &Report) -> String {
    let mut out = String::from(
        "path,model,offered,attempted,ok,availability,shed_503,rate_limited_429,server_5xx,\
         timeout,cut_off,ttft_p50_ms,ttft_p90_ms,ttft_p99_ms,decode_tps_p50,decode_tps_p10,\
         decode_tps_p1,e2e_tps_p50,itl_mean_ms,output_tokens_mean,agg_output_tps\n",
    );
    let f = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.3}"));
    for p in &r.paths {
        let c = &p.requests;
        let d = |m: &str, s: &str| f(p.dist(m).and_then(|d| d.get(s)));
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
            p.name,
            p.model.as_deref().unwrap_or(""),
            p.offered,
            c.attempted,
            c.ok,
            f(p.availability),
            c.shed_503,
            c.rate_limited_429,
            c.server_5xx,
            c.timeout,
            c.cut_off,
            d("ttft", "p50"),
            d("ttft", "p90"),
            d("ttft", "p99"),
            d("decode_tps", "p50"),
            d("decode_tps", "p10"),
            d("decode_tps", "p1"),
            d("e2e_tps", "p50"),
            d("itl", "mean"),
            d("output_tokens", "mean"),
            f(p.agg_output_tps),
        ));
    }
    out
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

    const CSV: &str = r#"path,model,offered,attempted,ok,availability,shed_503,rate_limited_429,server_5xx,timeout,cut_off,ttft_p50_ms,ttft_p90_ms,ttft_p99_ms,decode_tps_p50,decode_tps_p10,decode_tps_p1,e2e_tps_p50,itl_mean_ms,output_tokens_mean,agg_output_tps
standard,accounts/fireworks/models/m,true,3,3,1.000,0,0,0,0,0,201.000,202.000,202.000,100.000,100.000,100.000,33.223,10.000,10.000,99.338
priority,,false,0,0,,0,0,0,0,0,,,,,,,,,,
fast,accounts/fireworks/routers/m-fast,true,6,4,0.667,1,0,0,0,1,41.000,43.000,43.000,100.000,100.000,100.000,83.665,10.000,21.500,283.828
"#;

    #[test]
    fn text_rendering_is_pinned() {
        let mut r = fixed_report();
        assert_eq!(text(&r), TEXT);
        // The result line for each verdict.
        for (result, last) in [
            ("fail", "RESULT: FAIL (1 of 2 thresholds)"),
            ("pass", "RESULT: PASS"),
            ("none", "RESULT: no thresholds given"),
        ] {
            r.result = result;
            assert_eq!(text(&r).lines().last(), Some(last));
        }
    }

    #[test]
    fn csv_rendering_is_pinned() {
        assert_eq!(csv(&fixed_report()), CSV);
    }

    #[test]
    fn dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_795_000_000), "2026-11-18T11:06:40Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }
}
