//! What `fw log` shows, as pure functions over records: the rows of a list, one exchange in
//! full, and the statistics per group. `commands/log.rs` reads the records and writes these.

use std::collections::BTreeMap;

use serde::Serialize;

use super::record::{BenchRun, Exchange};
use crate::bench::stats::percentile;

/// What `fw log stats` groups exchanges by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Group {
    Path,
    Model,
    Day,
}

pub const LIST_HEADER: [&str; 10] = [
    "id",
    "time",
    "conversation_id",
    "api",
    "path",
    "model",
    "out",
    "ttft_ms",
    "tok_s",
    "prompt",
];

/// A list row. `short` shortens the prompt to one line of at most 60 characters, for a
/// terminal; pipes get the whole prompt on one line.
pub fn list_row(e: &Exchange, short: bool) -> Vec<String> {
    let opt = |v: Option<f64>, places: usize| v.map_or("-".into(), |v| format!("{v:.places$}"));
    let mut prompt = e.prompt.split_whitespace().collect::<Vec<_>>().join(" ");
    if short && prompt.chars().count() > 60 {
        prompt = prompt.chars().take(59).collect::<String>() + "…";
    }
    let outcome = if e.exit_code == 0 {
        String::new()
    } else {
        format!("[exit {}] ", e.exit_code)
    };
    vec![
        e.id.clone(),
        e.started_at
            .get(..19)
            .unwrap_or(&e.started_at)
            .replace('T', " "),
        e.conversation_id.clone(),
        e.surface.clone(),
        e.path.clone(),
        crate::models::short_name(&e.model),
        e.usage.output_tokens.map_or("-".into(), |n| n.to_string()),
        opt(e.ttft_ms, 0),
        opt(e.decode_tps, 1),
        outcome + &prompt,
    ]
}

/// One exchange in full, as text: a header of fields, then every message and the answer.
pub fn show(e: &Exchange) -> String {
    let mut out = String::new();
    let mut field = |k: &str, v: String| out.push_str(&format!("{k}: {v}\n"));
    field("id", e.id.clone());
    field("conversation", e.conversation_id.clone());
    field("time", e.started_at.clone());
    field("api", format!("fw {}", e.surface));
    field("model", e.model.clone());
    field(
        "path",
        match &e.service_tier {
            Some(t) => format!("{} (service_tier {t})", e.path),
            None => e.path.clone(),
        },
    );
    let n = |v: Option<u64>| v.map_or("?".to_string(), |v| v.to_string());
    let u = &e.usage;
    let mut usage = format!("{} in, {} out", n(u.input_tokens), n(u.output_tokens));
    if let Some(c) = u.cached_tokens.filter(|c| *c > 0) {
        usage.push_str(&format!(", {c} cached"));
    }
    if let Some(r) = u.reasoning_tokens.filter(|r| *r > 0) {
        usage.push_str(&format!(", {r} reasoning"));
    }
    field("tokens", usage);
    let ms = |v: Option<f64>| v.map_or("-".into(), |v| format!("{v:.0} ms"));
    field("ttft", ms(e.ttft_ms));
    field(
        "decode",
        e.decode_tps.map_or("-".into(), |v| format!("{v:.1} tok/s")),
    );
    field("total", ms(e.e2e_ms));
    if let Some(c) = e.cost_usd {
        field("cost", format!("~${c:.6}"));
    }
    let mut outcome = format!("exit {}", e.exit_code);
    if let Some(f) = &e.failure {
        outcome.push_str(&format!(" ({f})"));
    }
    if let Some(err) = &e.error {
        outcome.push_str(&format!(": {err}"));
    }
    field("outcome", outcome);
    if let Some(f) = &e.finish_reason {
        field("finish", f.clone());
    }
    if let Some(r) = &e.request_id {
        field("request id", r.clone());
    }
    let mut block = |title: &str, text: &str| {
        out.push_str(&format!("\n[{title}]\n{text}\n"));
    };
    if let Some(s) = &e.system {
        block("system", s);
    }
    for m in &e.messages {
        let role = m.get("role").and_then(|r| r.as_str()).unwrap_or("?");
        let text = m
            .get("content")
            .map(super::record::text_of)
            .unwrap_or_default();
        block(role, &text);
    }
    if let Some(r) = &e.reasoning {
        block("reasoning", r);
    }
    if let Some(r) = &e.refusal {
        block("refusal", r);
    }
    for c in &e.tool_calls {
        block("tool call", &c.to_string());
    }
    block("answer", &e.answer);
    out
}

/// The statistics of one group of exchanges.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Stats {
    pub group: String,
    pub requests: usize,
    pub failed: usize,
    /// Failed exchanges by failure class (`interrupted` for Ctrl-C and SIGTERM).
    pub failures: BTreeMap<String, usize>,
    pub input_tokens: u64,
    pub output_tokens: u64,
    /// The sum of the estimated costs that are known.
    pub cost_usd: f64,
    pub ttft_p50_ms: Option<f64>,
    pub ttft_p90_ms: Option<f64>,
    pub decode_tps_p50: Option<f64>,
    pub decode_tps_p10: Option<f64>,
}

pub const STATS_HEADER: [&str; 11] = [
    "group",
    "requests",
    "failed",
    "failures",
    "in_tokens",
    "out_tokens",
    "cost_usd",
    "ttft_p50_ms",
    "ttft_p90_ms",
    "tok_s_p50",
    "tok_s_p10",
];

/// Exchanges grouped, each group's statistics; groups in name order (days oldest first).
/// Percentiles are nearest-rank over the exchanges that answered (exit 0) and have the value.
pub fn stats(exchanges: &[Exchange], by: Group) -> Vec<Stats> {
    let mut groups: BTreeMap<String, Vec<&Exchange>> = BTreeMap::new();
    for e in exchanges {
        let key = match by {
            Group::Path => e.path.clone(),
            Group::Model => e.model.clone(),
            Group::Day => e.started_at.get(..10).unwrap_or("?").to_string(),
        };
        groups.entry(key).or_default().push(e);
    }
    groups
        .into_iter()
        .map(|(group, es)| {
            let mut failures = BTreeMap::new();
            for e in es.iter().filter(|e| e.exit_code != 0) {
                let class = match (e.exit_code, e.failure.as_deref()) {
                    (130 | 143, _) => "interrupted",
                    (_, Some(f)) => f,
                    (_, None) => "unknown",
                };
                *failures.entry(class.to_string()).or_insert(0) += 1;
            }
            let ok: Vec<&&Exchange> = es.iter().filter(|e| e.exit_code == 0).collect();
            let sorted = |f: &dyn Fn(&Exchange) -> Option<f64>| {
                let mut v: Vec<f64> = ok.iter().filter_map(|e| f(e)).collect();
                v.sort_by(f64::total_cmp);
                v
            };
            let ttft = sorted(&|e| e.ttft_ms);
            let decode = sorted(&|e| e.decode_tps);
            Stats {
                group,
                requests: es.len(),
                failed: es.len() - ok.len(),
                failures,
                input_tokens: es.iter().filter_map(|e| e.usage.input_tokens).sum(),
                output_tokens: es.iter().filter_map(|e| e.usage.output_tokens).sum(),
                cost_usd: es.iter().filter_map(|e| e.cost_usd).sum(),
                ttft_p50_ms: percentile(&ttft, 50.0),
                ttft_p90_ms: percentile(&ttft, 90.0),
                decode_tps_p50: percentile(&decode, 50.0),
                decode_tps_p10: percentile(&decode, 10.0),
            }
        })
        .collect()
}

pub fn stats_row(s: &Stats) -> Vec<String> {
    let opt = |v: Option<f64>, places: usize| v.map_or("-".into(), |v| format!("{v:.places$}"));
    let failures = if s.failures.is_empty() {
        "-".to_string()
    } else {
        s.failures
            .iter()
            .map(|(k, v)| format!("{k}:{v}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    vec![
        s.group.clone(),
        s.requests.to_string(),
        s.failed.to_string(),
        failures,
        s.input_tokens.to_string(),
        s.output_tokens.to_string(),
        format!("{:.6}", s.cost_usd),
        opt(s.ttft_p50_ms, 0),
        opt(s.ttft_p90_ms, 0),
        opt(s.decode_tps_p50, 1),
        opt(s.decode_tps_p10, 1),
    ]
}

pub const BENCH_HEADER: [&str; 11] = [
    "run",
    "time",
    "api",
    "path",
    "model",
    "attempted",
    "ok",
    "availability",
    "ttft_p50_ms",
    "ttft_p90_ms",
    "tok_s_p50",
];

/// One row per serving path of each run, newest run first. The decode p10 is in `--json`.
pub fn bench_rows(runs: &[BenchRun]) -> Vec<Vec<String>> {
    let opt = |v: Option<f64>, places: usize| v.map_or("-".into(), |v| format!("{v:.places$}"));
    runs.iter()
        .flat_map(|r| {
            r.paths.iter().map(move |p| {
                vec![
                    r.id.clone(),
                    r.started_at
                        .get(..19)
                        .unwrap_or(&r.started_at)
                        .replace('T', " "),
                    r.api.clone(),
                    p.path.clone(),
                    crate::models::short_name(&p.model),
                    p.attempted.to_string(),
                    p.ok.to_string(),
                    opt(p.availability, 3),
                    opt(p.ttft_p50_ms, 0),
                    opt(p.ttft_p90_ms, 0),
                    opt(p.decode_tps_p50, 1),
                ]
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::record::{Usage, RECORD_VERSION};

    fn ex(path: &str, day: &str, exit: u8, ttft: f64, tps: f64, failure: Option<&str>) -> Exchange {
        Exchange {
            version: RECORD_VERSION,
            id: "01".into(),
            conversation_id: "01".into(),
            surface: "chat".into(),
            started_at: format!("{day}T10:00:00.000Z"),
            model: "accounts/fireworks/models/m".into(),
            path: path.into(),
            service_tier: None,
            system: None,
            messages: vec![],
            attachments: vec![],
            prompt: "hi\tthere\nyou".into(),
            answer: "a".into(),
            reasoning: None,
            refusal: None,
            tool_calls: vec![],
            finish_reason: None,
            usage: Usage {
                input_tokens: Some(10),
                output_tokens: Some(20),
                ..Usage::default()
            },
            ttft_ms: Some(ttft),
            decode_tps: Some(tps),
            e2e_ms: Some(1000.0),
            cost_usd: Some(0.5),
            exit_code: exit,
            failure: failure.map(str::to_string),
            error: None,
            request_id: None,
        }
    }

    #[test]
    fn stats_count_failures_by_class_and_take_percentiles_of_answers() {
        let es = vec![
            ex("fast", "2026-12-01", 0, 100.0, 120.0, None),
            ex("fast", "2026-12-01", 0, 300.0, 100.0, None),
            ex("fast", "2026-12-02", 6, 999.0, 1.0, Some("shed503")),
            ex("fast", "2026-12-02", 130, 999.0, 1.0, Some("local")),
            ex("standard", "2026-12-02", 0, 500.0, 50.0, None),
        ];
        let s = stats(&es, Group::Path);
        assert_eq!(s.len(), 2);
        let fast = &s[0];
        assert_eq!(
            (fast.group.as_str(), fast.requests, fast.failed),
            ("fast", 4, 2)
        );
        assert_eq!(fast.failures["shed503"], 1);
        assert_eq!(fast.failures["interrupted"], 1);
        assert_eq!(fast.output_tokens, 80);
        assert_eq!(fast.cost_usd, 2.0);
        // Nearest rank over the two answers: p50 = the first, p90 = the second.
        assert_eq!(fast.ttft_p50_ms, Some(100.0));
        assert_eq!(fast.ttft_p90_ms, Some(300.0));
        assert_eq!(fast.decode_tps_p10, Some(100.0));
        let days: Vec<String> = stats(&es, Group::Day)
            .into_iter()
            .map(|s| s.group)
            .collect();
        assert_eq!(days, ["2026-12-01", "2026-12-02"]);
    }

    #[test]
    fn list_rows_keep_one_line() {
        let e = ex("fast", "2026-12-01", 6, 1.0, 1.0, Some("shed503"));
        let row = list_row(&e, true);
        assert_eq!(row[1], "2026-12-01 10:00:00");
        assert_eq!(row[5], "m");
        assert_eq!(row[9], "[exit 6] hi there you");
    }
}
