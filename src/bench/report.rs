//! The bench report: per-path summaries from the measured records (warm-up excluded),
//! validity checks, assertion results, and the renderings: a terminal table with the paths as
//! columns, JSON (`docs/bench-schema.json`), CSV and JSON-lines records.

use serde::Serialize;

use super::assertions::Rule;
use super::record::{Outcome, Record};
use super::stats::{dist, Dist};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub attempted: usize,
    pub ok: usize,
    pub shed_503: usize,
    pub rate_limited_429: usize,
    pub server_5xx: usize,
    pub client_4xx: usize,
    pub timeout: usize,
    pub cut_off: usize,
    pub mid_stream_error: usize,
    pub malformed: usize,
    pub network: usize,
    /// Requests sent a second time because their pooled connection was already closed.
    pub resent: usize,
}

/// What was measured on one serving path.
#[derive(Debug, Clone, Serialize)]
pub struct PathReport {
    pub name: &'static str,
    pub offered: bool,
    /// Why the path was not run, when it was not.
    pub not_offered: Option<String>,
    pub model: Option<String>,
    pub service_tier: Option<&'static str>,
    pub requests: Counts,
    /// ok / attempted.
    pub availability: Option<f64>,
    /// Failures other than 503 and 429, over attempted.
    pub error_rate: Option<f64>,
    pub ttft_ms: Option<Dist>,
    pub ttfat_ms: Option<Dist>,
    pub ttfb_ms: Option<Dist>,
    pub e2e_ms: Option<Dist>,
    pub decode_tps: Option<Dist>,
    pub e2e_tps: Option<Dist>,
    pub itl_ms: Option<Dist>,
    pub tokens_per_event: Option<Dist>,
    pub output_tokens: Option<Dist>,
    /// "usage" (the server's counts), "estimated" (counted events) or "mixed".
    pub tokens_source: Option<&'static str>,
    pub prompt_tokens: Option<Dist>,
    pub cached_prompt_tokens: u64,
    /// Cached prompt tokens over all prompt tokens of ok requests.
    pub cached_share: Option<f64>,
    pub server_ttft_ms: Option<Dist>,
    pub server_decode_tps: Option<Dist>,
    /// All ok output tokens / (last stream end - first send) of this path, tokens per second.
    pub agg_output_tps: Option<f64>,
    /// Ok requests whose output was under 90% of --max-tokens.
    pub short_outputs: usize,
    /// Estimated cost of the ok requests from the catalogue's prices, in USD: total and per
    /// request.
    pub cost_usd: Option<f64>,
    pub cost_usd_per_request: Option<f64>,
}

impl PathReport {
    pub fn not_offered(name: &'static str, why: String) -> PathReport {
        let mut p = PathReport::from_records(name, None, None, &[], 0, None);
        p.offered = false;
        p.not_offered = Some(why);
        p
    }

    /// Summarises the measured (non-warm-up) records of one path.
    pub fn from_records(
        name: &'static str,
        model: Option<String>,
        service_tier: Option<&'static str>,
        all: &[Record],
        max_tokens: u64,
        price: Option<crate::serving::Price>,
    ) -> PathReport {
        let recs: Vec<&Record> = all.iter().filter(|r| r.path == name && !r.warmup).collect();
        let ok: Vec<&Record> = recs.iter().copied().filter(|r| r.ok()).collect();
        let mut c = Counts {
            attempted: recs.len(),
            ..Counts::default()
        };
        for r in &recs {
            let slot = match r.outcome {
                Outcome::Ok => &mut c.ok,
                Outcome::Shed503 => &mut c.shed_503,
                Outcome::RateLimited429 => &mut c.rate_limited_429,
                Outcome::Server5xx => &mut c.server_5xx,
                Outcome::Client4xx => &mut c.client_4xx,
                Outcome::Timeout => &mut c.timeout,
                Outcome::CutOff => &mut c.cut_off,
                Outcome::MidStreamError => &mut c.mid_stream_error,
                Outcome::Malformed => &mut c.malformed,
                Outcome::Network => &mut c.network,
            };
            *slot += 1;
            c.resent += usize::from(r.resent);
        }
        let of = |f: &dyn Fn(&Record) -> Option<f64>| -> Option<Dist> {
            dist(&ok.iter().filter_map(|r| f(r)).collect::<Vec<_>>())
        };
        let attempted = c.attempted as f64;
        let errors = recs
            .iter()
            .filter(|r| !r.ok() && !r.outcome.is_availability())
            .count();
        let estimated = ok.iter().filter(|r| r.tokens_estimated).count();
        let tokens_source = match (ok.len(), estimated) {
            (0, _) => None,
            (_, 0) => Some("usage"),
            (n, e) if n == e => Some("estimated"),
            _ => Some("mixed"),
        };
        let cost = price.map(|p| {
            ok.iter()
                .map(|r| {
                    p.cost(
                        r.prompt_tokens.unwrap_or(0),
                        r.cached_tokens.unwrap_or(0),
                        r.output_tokens.unwrap_or(0),
                    )
                })
                .sum::<f64>()
        });
        let agg_output_tps = {
            let first = ok.iter().map(|r| r.t0_ms).fold(f64::INFINITY, f64::min);
            let last = ok
                .iter()
                .map(|r| r.t0_ms + r.e2e_ms)
                .fold(f64::NEG_INFINITY, f64::max);
            let tokens: u64 = ok
                .iter()
                .filter_map(|r| r.output_tokens)
                .fold(0, u64::saturating_add);
            (last > first).then(|| tokens as f64 / ((last - first) / 1000.0))
        };
        PathReport {
            name,
            offered: true,
            not_offered: None,
            model,
            service_tier,
            availability: (c.attempted > 0).then(|| c.ok as f64 / attempted),
            error_rate: (c.attempted > 0).then(|| errors as f64 / attempted),
            ttft_ms: of(&|r| r.ttft_ms),
            ttfat_ms: of(&|r| r.ttfat_ms),
            ttfb_ms: of(&|r| r.ttfb_ms),
            e2e_ms: of(&|r| Some(r.e2e_ms)),
            decode_tps: of(&|r| r.decode_tps()),
            e2e_tps: of(&|r| r.e2e_tps()),
            itl_ms: of(&|r| r.itl_ms()),
            tokens_per_event: of(&|r| r.tokens_per_event()),
            output_tokens: of(&|r| r.output_tokens.map(|n| n as f64)),
            tokens_source,
            prompt_tokens: of(&|r| r.prompt_tokens.map(|n| n as f64)),
            cached_prompt_tokens: ok
                .iter()
                .filter_map(|r| r.cached_tokens)
                .fold(0, u64::saturating_add),
            cached_share: {
                let prompt: u64 = ok
                    .iter()
                    .filter_map(|r| r.prompt_tokens)
                    .fold(0, u64::saturating_add);
                let cached: u64 = ok
                    .iter()
                    .filter_map(|r| r.cached_tokens)
                    .fold(0, u64::saturating_add);
                (prompt > 0).then(|| cached as f64 / prompt as f64)
            },
            server_ttft_ms: of(&|r| r.server_ttft_ms),
            server_decode_tps: of(&|r| r.server_decode_tps),
            agg_output_tps,
            short_outputs: ok
                .iter()
                .filter(|r| {
                    r.output_tokens
                        .is_some_and(|n| (n as f64) < 0.9 * max_tokens as f64)
                })
                .count(),
            cost_usd: cost,
            cost_usd_per_request: cost.filter(|_| !ok.is_empty()).map(|c| c / ok.len() as f64),
            requests: c,
        }
    }

    /// A distribution metric by its assertion name.
    pub fn dist(&self, metric: &str) -> Option<&Dist> {
        match metric {
            "ttft" => self.ttft_ms.as_ref(),
            "ttfat" => self.ttfat_ms.as_ref(),
            "ttfb" => self.ttfb_ms.as_ref(),
            "e2e" => self.e2e_ms.as_ref(),
            "decode_tps" => self.decode_tps.as_ref(),
            "e2e_tps" => self.e2e_tps.as_ref(),
            "itl" => self.itl_ms.as_ref(),
            "output_tokens" => self.output_tokens.as_ref(),
            "tokens_per_event" => self.tokens_per_event.as_ref(),
            _ => None,
        }
    }

    /// The value a rule compares, and the sample count behind it.
    fn value(&self, rule: &Rule) -> Option<(f64, usize)> {
        let n = self.requests.ok;
        match (rule.metric.as_str(), rule.stat.as_deref()) {
            ("availability", _) => self.availability.map(|v| (v, self.requests.attempted)),
            ("error_rate", _) => self.error_rate.map(|v| (v, self.requests.attempted)),
            ("agg_output_tps", _) => self.agg_output_tps.map(|v| (v, n)),
            ("ok", _) => Some((n as f64, n)),
            ("attempted", _) => Some((self.requests.attempted as f64, self.requests.attempted)),
            (m, Some(s)) => self.dist(m).and_then(|d| d.get(s).map(|v| (v, d.n))),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AssertionResult {
    #[serde(flatten)]
    pub rule: Rule,
    pub value: Option<f64>,
    pub n: Option<usize>,
    pub pass: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Connections {
    pub opened: usize,
    /// Opened after the first measured request was sent: their set-up time is inside those
    /// requests' TTFT.
    pub during_measurement: usize,
    pub connect_ms: Option<Dist>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Client {
    pub cpu_s: f64,
    pub wall_s: f64,
    /// How late the client's own 10 ms timer fired.
    pub lag_ms: Option<Dist>,
    /// How late requests were sent against their schedule (open loop).
    pub send_lag_ms: Option<Dist>,
    pub connections: Connections,
    /// Open file descriptors before the client was made and after it was dropped (Linux):
    /// equal when the run left nothing open.
    pub open_fds: Option<(usize, usize)>,
}

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

/// The limits that make a run valid.
pub struct Validity {
    pub max_error_rate: f64,
    pub min_samples: usize,
    pub max_client_lag_ms: f64,
}

/// Judges the run and the rules.
pub fn judge(
    paths: &[PathReport],
    client: &Client,
    rules: &[Rule],
    v: &Validity,
    interrupted: bool,
) -> (Vec<AssertionResult>, Vec<String>, &'static str) {
    let mut invalid = Vec::new();
    if interrupted {
        invalid.push("the run was interrupted".to_string());
    }
    for p in paths.iter().filter(|p| p.offered) {
        if let Some(e) = p.error_rate.filter(|e| *e > v.max_error_rate) {
            invalid.push(format!(
                "{}: {:.1}% of requests failed for reasons other than 503 and 429, over \
                 --max-error-rate {}",
                p.name,
                e * 100.0,
                v.max_error_rate
            ));
        }
    }
    if let Some(lag) = client
        .lag_ms
        .as_ref()
        .filter(|l| l.p99 > v.max_client_lag_ms)
    {
        invalid.push(format!(
            "the client fell behind: its scheduling lag p99 was {:.1} ms, over --max-client-lag {}",
            lag.p99, v.max_client_lag_ms
        ));
    }
    let mut results = Vec::new();
    let mut checked: Vec<&str> = Vec::new();
    for rule in rules {
        let Some(p) = paths.iter().find(|p| p.name == rule.path) else {
            continue;
        };
        if !checked.contains(&p.name) {
            checked.push(p.name);
            if let Some(why) = &p.not_offered {
                invalid.push(format!("{} is asserted but not offered: {why}", p.name));
            } else if p.requests.ok < v.min_samples {
                invalid.push(format!(
                    "{} is asserted but has {} successful requests, fewer than --min-samples {}",
                    p.name, p.requests.ok, v.min_samples
                ));
            }
        }
        if rule.needs_tokens() && p.tokens_source.is_some_and(|s| s != "usage") {
            invalid.push(format!(
                "{}: {} needs the server's token counts, and some replies had no usage",
                rule.expr, rule.metric
            ));
        }
        let value = p.value(rule);
        results.push(AssertionResult {
            rule: rule.clone(),
            value: value.map(|(v, _)| v),
            n: value.map(|(_, n)| n),
            pass: value.is_some_and(|(v, _)| rule.op.holds(v, rule.threshold)),
        });
    }
    invalid.dedup();
    let result = if !invalid.is_empty() {
        "invalid"
    } else if results.iter().any(|r| !r.pass) {
        "fail"
    } else if results.is_empty() {
        "none"
    } else {
        "pass"
    };
    (results, invalid, result)
}

/// Warnings about what the numbers mean, for under the table.
pub fn warnings(
    paths: &[PathReport],
    client: &Client,
    max_tokens: u64,
    cache_busting: bool,
) -> Vec<String> {
    let mut w = Vec::new();
    for p in paths.iter().filter(|p| p.requests.ok > 0) {
        let ok = p.requests.ok;
        if p.short_outputs * 10 > ok {
            w.push(format!(
                "{}: {} of {ok} outputs were much shorter than --max-tokens {max_tokens}; use \
                 --force-len for full-length outputs",
                p.name, p.short_outputs
            ));
        }
        if let Some(share) = p.cached_share.filter(|s| cache_busting && *s > 0.1) {
            w.push(format!(
                "{}: {:.0}% of prompt tokens were served from the cache despite unique prefixes: \
                 TTFT may be flattered",
                p.name,
                share * 100.0
            ));
        }
        if let Some(src) = p.tokens_source.filter(|s| *s != "usage") {
            w.push(format!(
                "{}: the server sent no usage for some replies; their token counts are {src} \
                 from stream events",
                p.name
            ));
        }
        if let Some(t) = p.tokens_per_event.as_ref().filter(|t| t.mean > 1.05) {
            w.push(format!(
                "{}: {:.2} tokens per event on average: gaps between events are not gaps between \
                 tokens",
                p.name, t.mean
            ));
        }
    }
    if let Some((before, after)) = client.open_fds.filter(|(b, a)| a > b) {
        w.push(format!(
            "{} file descriptors were left open by the run ({before} before, {after} after)",
            after - before
        ));
    }
    let c = &client.connections;
    if c.during_measurement > 0 {
        w.push(format!(
            "{} new connections were opened while measuring (connect p50 {:.2} ms): that \
             set-up time is inside those requests' TTFT",
            c.during_measurement,
            c.connect_ms.as_ref().map_or(0.0, |d| d.p50)
        ));
    }
    w
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
    use crate::bench::assertions::parse;

    fn rec(path: &'static str, outcome: Outcome, warmup: bool, ttft: f64, n: u64) -> Record {
        let mut r = Record::new(path, 0, warmup);
        r.outcome = outcome;
        if outcome == Outcome::Ok {
            r.ttft_ms = Some(ttft);
            r.last_token_ms = Some(ttft + (n - 1) as f64 * 10.0);
            r.e2e_ms = ttft + n as f64 * 10.0;
            r.output_tokens = Some(n);
            r.token_events = n;
        }
        r
    }

    fn client() -> Client {
        Client {
            cpu_s: 0.1,
            wall_s: 1.0,
            lag_ms: dist(&[0.1, 0.2]),
            send_lag_ms: None,
            connections: Connections {
                opened: 1,
                during_measurement: 0,
                connect_ms: None,
            },
            open_fds: None,
        }
    }

    #[test]
    fn counts_exclude_warmup_and_split_failures() {
        let recs = vec![
            rec("fast", Outcome::Ok, true, 999.0, 10),
            rec("fast", Outcome::Ok, false, 100.0, 11),
            rec("fast", Outcome::Shed503, false, 0.0, 0),
            rec("fast", Outcome::CutOff, false, 0.0, 0),
            rec("fast", Outcome::RateLimited429, false, 0.0, 0),
            rec("standard", Outcome::Ok, false, 1.0, 5),
        ];
        let p = PathReport::from_records("fast", None, None, &recs, 11, None);
        assert_eq!((p.requests.attempted, p.requests.ok), (4, 1));
        assert_eq!(
            (
                p.requests.shed_503,
                p.requests.cut_off,
                p.requests.rate_limited_429
            ),
            (1, 1, 1)
        );
        assert_eq!(p.availability, Some(0.25));
        assert_eq!(
            p.error_rate,
            Some(0.25),
            "only the cut-off counts as an error"
        );
        assert_eq!(p.ttft_ms.as_ref().unwrap().p50, 100.0, "warm-up excluded");
        assert_eq!(p.decode_tps.as_ref().unwrap().p50, 100.0);
        assert_eq!(p.tokens_source, Some("usage"));
    }

    #[test]
    fn judging() {
        let recs: Vec<Record> = (0..30)
            .map(|_| rec("fast", Outcome::Ok, false, 50.0, 20))
            .collect();
        let paths = vec![
            PathReport::from_records("fast", None, None, &recs, 20, None),
            PathReport::not_offered("priority", "no Priority".into()),
        ];
        let v = Validity {
            max_error_rate: 0.05,
            min_samples: 30,
            max_client_lag_ms: 10.0,
        };
        let pass = parse("fast.decode_tps.p50>=100", &["fast", "priority"]).unwrap();
        let fail = parse("fast.ttft.p99<=10", &["fast", "priority"]).unwrap();
        let (res, inv, result) = judge(&paths, &client(), std::slice::from_ref(&pass), &v, false);
        assert_eq!(
            (result, inv.len(), res[0].pass, res[0].n),
            ("pass", 0, true, Some(30))
        );
        let (_, _, result) = judge(&paths, &client(), &[pass.clone(), fail], &v, false);
        assert_eq!(result, "fail");
        let off = parse("priority.availability>=0.99", &["fast", "priority"]).unwrap();
        let (_, inv, result) = judge(&paths, &client(), &[pass.clone(), off], &v, false);
        assert_eq!(result, "invalid");
        assert!(inv[0].contains("not offered"));
        let strict = Validity {
            min_samples: 31,
            ..v
        };
        let (_, _, result) = judge(
            &paths,
            &client(),
            std::slice::from_ref(&pass),
            &strict,
            false,
        );
        assert_eq!(result, "invalid", "too few samples never passes");
        let (_, _, result) = judge(&paths, &client(), &[], &v, false);
        assert_eq!(result, "none");
        let (_, _, result) = judge(&paths, &client(), &[pass], &v, true);
        assert_eq!(result, "invalid");
    }

    #[test]
    fn estimated_tokens_invalidate_token_assertions() {
        let recs: Vec<Record> = (0..30)
            .map(|_| {
                let mut r = rec("fast", Outcome::Ok, false, 50.0, 20);
                r.tokens_estimated = true;
                r
            })
            .collect();
        let paths = vec![PathReport::from_records(
            "fast", None, None, &recs, 20, None,
        )];
        let v = Validity {
            max_error_rate: 0.05,
            min_samples: 30,
            max_client_lag_ms: 10.0,
        };
        let rule = parse("fast.decode_tps.p50>=1", &["fast"]).unwrap();
        let (_, inv, result) = judge(&paths, &client(), &[rule], &v, false);
        assert_eq!(result, "invalid");
        assert!(inv[0].contains("no usage"));
        let rule = parse("fast.ttft.p50<=100", &["fast"]).unwrap();
        let (_, _, result) = judge(&paths, &client(), &[rule], &v, false);
        assert_eq!(result, "pass", "latency does not need usage");
    }

    /// A fixed report touching every row and line of the renderings: two paths measured
    /// (one with server timings, 503s and a cut-off), one not offered, open-loop send lag,
    /// warnings, a passing and a failing threshold and an invalid reason.
    fn fixed_report() -> Report {
        let mut recs: Vec<Record> = (0..4)
            .map(|i| {
                let mut r = rec("fast", Outcome::Ok, false, 40.0 + i as f64, 20 + i);
                r.t0_ms = 10.0 * i as f64;
                r.prompt_tokens = Some(100);
                r.cached_tokens = Some(25);
                r.server_ttft_ms = Some(30.0);
                r.server_decode_tps = Some(120.0 + i as f64);
                r
            })
            .collect();
        recs.push(rec("fast", Outcome::Shed503, false, 0.0, 0));
        recs.push(rec("fast", Outcome::CutOff, false, 0.0, 0));
        recs.extend((0..3).map(|i| {
            let mut r = rec("standard", Outcome::Ok, false, 200.0 + i as f64, 10);
            r.token_events = 4;
            r.tokens_estimated = true;
            r
        }));
        let price = crate::serving::Price {
            input: 1.0,
            cached_input: None,
            output: 2.0,
        };
        let paths = vec![
            PathReport::from_records(
                "standard",
                Some("accounts/fireworks/models/m".into()),
                None,
                &recs,
                20,
                None,
            ),
            PathReport::not_offered("priority", "no Priority".into()),
            PathReport::from_records(
                "fast",
                Some("accounts/fireworks/routers/m-fast".into()),
                None,
                &recs,
                20,
                Some(price),
            ),
        ];
        let mut client = client();
        client.send_lag_ms = dist(&[0.5, 1.5]);
        client.connections.during_measurement = 2;
        client.connections.connect_ms = dist(&[3.0]);
        client.open_fds = Some((10, 12));
        let rules = [
            parse("fast.decode_tps.p50>=50", &["fast"]).unwrap(),
            parse("fast.ttft.p99<=10", &["fast"]).unwrap(),
        ];
        let v = Validity {
            max_error_rate: 0.05,
            min_samples: 1,
            max_client_lag_ms: 10.0,
        };
        let (assertions, invalid_reasons, result) = judge(&paths, &client, &rules, &v, false);
        Report {
            schema_version: SCHEMA_VERSION,
            tool: serde_json::json!({"name": "fw", "version": "0.0.0"}),
            started_at: rfc3339(0),
            config: serde_json::json!({
                "model": "accounts/fireworks/models/m",
                "api": "chat",
                "load": {"summary": "open 2/s/path constant"},
                "requests_per_path": 4,
                "warmup": 1,
                "max_tokens": 20,
                "force_len": true,
            }),
            warnings: warnings(&paths, &client, 20, true),
            client,
            paths,
            valid: invalid_reasons.is_empty(),
            invalid_reasons,
            assertions,
            result,
            interrupted: false,
        }
    }

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
