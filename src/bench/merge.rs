//! `fw bench merge A.jsonl B.jsonl ...`: the per-request records of runs made on several
//! machines (each `fw bench --records FILE`) combined into one report, for loads one machine
//! cannot send. Times are aligned by each run's own clock: a record's times are already
//! relative to its own run's start, and the merge lays every input on one axis with every
//! start at 0, so the inputs are meant to be started together (no two machines' clocks are
//! compared). Run-level figures with no single value say so: the report's `client` is null
//! (each machine's CPU time, lag and connections are in its own report), its `config` lists
//! the inputs instead of one run's settings, and `started_at` is when the merge ran.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde_json::{json, Value};

use super::judge::{self, Validity};
use super::record::{Outcome, Record};
use super::report::{self, Report};
use super::summary::{Client, Connections, PathReport};
use crate::exit::{Class, Failure};

/// What `fw bench merge` was asked to do.
#[derive(Debug, Clone)]
pub struct Request {
    pub inputs: Vec<PathBuf>,
    pub assertions: Vec<String>,
    pub slo: Vec<super::slo::Slo>,
    pub max_error_rate: f64,
    pub min_samples: usize,
    pub files: super::export::Files,
}

const HINT: &str = "merge takes the per-request records of runs: fw bench --records FILE";

/// Every failure class, to read an outcome back by its name.
const CLASSES: [Class; 10] = [
    Class::Shed503,
    Class::RateLimited429,
    Class::Server5xx,
    Class::Client4xx,
    Class::Timeout,
    Class::CutOff,
    Class::MidStreamError,
    Class::Malformed,
    Class::Network,
    Class::Local,
];

/// A record read back from its JSON line; `None` when the line is not one.
fn record(v: &Value) -> Option<Record> {
    let path = match v["path"].as_str()? {
        "standard" => "standard",
        "priority" => "priority",
        "fast" => "fast",
        _ => return None,
    };
    let seq = usize::try_from(v["seq"].as_u64()?).ok()?;
    let mut r = Record::new(path, seq, v["warmup"].as_bool()?);
    let outcome = v["outcome"].as_str()?;
    r.outcome = if outcome == "ok" {
        Outcome::Ok
    } else {
        let c = CLASSES.into_iter().find(|c| {
            serde_json::to_value(c)
                .ok()
                .as_ref()
                .and_then(Value::as_str)
                == Some(outcome)
        })?;
        Outcome::Failed(c)
    };
    let f = |k: &str| v[k].as_f64().filter(|x| x.is_finite());
    let n = |k: &str| v[k].as_u64();
    r.step = n("step").and_then(|s| usize::try_from(s).ok());
    r.status = n("status").and_then(|s| u16::try_from(s).ok());
    r.error = v["error"].as_str().map(String::from);
    r.request_id = v["request_id"].as_str().map(String::from);
    r.resent = v["resent"].as_bool().unwrap_or(false);
    r.sched_ms = f("sched_ms")?;
    r.t0_ms = f("t0_ms")?;
    r.send_lag_ms = f("send_lag_ms").unwrap_or(0.0);
    r.ttfb_ms = f("ttfb_ms");
    r.ttft_ms = f("ttft_ms");
    r.ttfat_ms = f("ttfat_ms");
    r.last_token_ms = f("last_token_ms");
    r.e2e_ms = f("e2e_ms")?;
    r.output_tokens = n("output_tokens");
    r.tokens_estimated = v["tokens_estimated"].as_bool().unwrap_or(false);
    r.token_events = n("token_events").unwrap_or(0);
    r.prompt_tokens = n("prompt_tokens");
    r.cached_tokens = n("cached_tokens");
    r.server_ttft_ms = f("server_ttft_ms");
    r.server_time_ms = f("server_time_ms");
    r.server_decode_tps = f("server_decode_tps");
    if let Some(m) = v["rate_limits"].as_object() {
        r.rate_limits = m
            .iter()
            .filter_map(|(k, x)| Some((k.clone(), x.as_f64()?)))
            .collect();
    }
    r.over_limit = v["over_limit"].as_bool().unwrap_or(false);
    Some(r)
}

/// The records of one input, each marked with the input's number.
fn load(file: &Path, input: usize) -> Result<Vec<Record>> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read {}", file.display()))
        .map_err(|e| Failure::usage(format!("{e:#}")).hint(HINT))?;
    if text.trim_start().starts_with('{') && text.contains("\"schema_version\"") {
        return Err(Failure::usage(format!(
            "{} is a bench report, not its records",
            file.display()
        ))
        .hint(HINT)
        .into());
    }
    let mut out = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let r = serde_json::from_str::<Value>(line)
            .ok()
            .and_then(|v| record(&v));
        let Some(mut r) = r else {
            return Err(Failure::usage(format!(
                "{} line {}: not a bench record",
                file.display(),
                i + 1
            ))
            .hint(HINT)
            .into());
        };
        r.input = Some(input);
        out.push(r);
    }
    Ok(out)
}

/// The merged report and its records, judged by the request's rules.
pub fn merge(req: &Request) -> Result<(Report, Vec<Record>)> {
    let mut records = Vec::new();
    let mut inputs = Vec::new();
    for (i, file) in req.inputs.iter().enumerate() {
        let r = load(file, i)?;
        inputs.push(json!({"file": file.display().to_string(), "records": r.len()}));
        records.extend(r);
    }
    // Every input's times are from its own start: on one axis, every start is at 0.
    records.sort_by(|a, b| a.t0_ms.total_cmp(&b.t0_ms));
    let names: Vec<&'static str> = ["standard", "priority", "fast"]
        .into_iter()
        .filter(|n| records.iter().any(|r| r.path == *n))
        .collect();
    let rules = judge::rules(&req.assertions, None, &names)?;
    // The model ID is not in the records: each path is reported by name alone.
    let paths: Vec<PathReport> = names
        .iter()
        .map(|&n| PathReport {
            slo: super::slo::evaluate(n, &records, &req.slo),
            ..PathReport::from_records(n, None, None, &records, 0, None)
        })
        .collect();
    // No client of its own to judge: no lag, no connections, nothing opened.
    let quiet = Client {
        cpu_s: 0.0,
        wall_s: 0.0,
        lag_ms: None,
        send_lag_ms: None,
        connections: Connections {
            opened: 0,
            during_measurement: 0,
            connect_ms: None,
        },
        open_fds: None,
    };
    let validity = Validity {
        max_error_rate: req.max_error_rate,
        min_samples: req.min_samples,
        max_client_lag_ms: f64::INFINITY,
    };
    let (assertions, invalid_reasons, result) =
        judge::judge(&paths, &quiet, &rules, &validity, false);
    let mut warnings = judge::warnings(&paths, &quiet, 0, true);
    if records.iter().any(|r| r.step.is_some()) {
        warnings.push(
            "some inputs are sweeps: their records keep their step, and the merged report has \
             no sweep section"
                .into(),
        );
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let report = Report {
        schema_version: report::SCHEMA_VERSION,
        tool: json!({"name": "fw", "version": env!("CARGO_PKG_VERSION")}),
        started_at: report::rfc3339(now),
        config: json!({
            "kind": "merge",
            "inputs": inputs,
            "time_axis": "each input's times from its own start; every start at 0",
            "paths": names,
            "percentile_method": "nearest-rank",
            "slo": req.slo.iter().map(|s| s.expr.as_str()).collect::<Vec<_>>(),
            "load": {"summary": format!("merge of {} runs", req.inputs.len())},
        }),
        client: None,
        paths,
        warnings,
        assertions,
        valid: invalid_reasons.is_empty(),
        invalid_reasons,
        result,
        interrupted: false,
        sweep: None,
    };
    Ok((report, records))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_written() {
        let mut r = Record::new("fast", 7, false);
        r.outcome = Outcome::Failed(Class::RateLimited429);
        r.status = Some(429);
        r.t0_ms = 12.5;
        r.e2e_ms = 3.0;
        r.step = Some(2);
        r.rate_limits.insert("remaining-requests".into(), 4.0);
        let v = serde_json::to_value(&r).unwrap();
        let back = record(&v).unwrap();
        assert_eq!(serde_json::to_value(&back).unwrap(), v);
        let mut ok = Record::new("standard", 0, true);
        ok.ttft_ms = Some(5.0);
        ok.output_tokens = Some(3);
        let v = serde_json::to_value(&ok).unwrap();
        assert_eq!(serde_json::to_value(record(&v).unwrap()).unwrap(), v);
        assert!(record(&json!({"path": "slow", "seq": 0, "warmup": false})).is_none());
        assert!(record(&json!({"path": "fast"})).is_none());
    }
}
