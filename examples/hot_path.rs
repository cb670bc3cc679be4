//! What `fw bench` costs per token event, against a plain paced server that sends the way real
//! servers do (one token per SSE event, one event per TCP write; tests/support/paced.rs), and
//! whether it stays exact at scale. Run by scripts/bench-accuracy.sh, not a test.
//!
//! 1. CPU per token event: fw's user+system CPU seconds (getrusage, from its own report) over
//!    the token events it read, at concurrency 128 (384 x 128 tokens, 100 tok/s) and 1,000
//!    (1,000 x 100 tokens, 100 tok/s).
//! 2. Scale: 3,000 concurrent streams at 25 tok/s each (75,000 events/s): requests ok, the
//!    client's scheduling lag p99, and decode_tps p1 against the server's own send times.
//!
//! Usage: hot_path FW_BINARY [c128|c1000|c3000 ...] (all three when none is named)

#[allow(dead_code)]
#[path = "../tests/support/paced.rs"]
mod paced;

use std::collections::HashMap;
use std::process::Command;
use std::time::Duration;

use paced::PacedServer;
use serde_json::Value;

fn pct(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0 * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

/// Runs fw bench against `srv`; returns its report and per-request records.
fn run(fw: &str, srv: &PacedServer, args: &[&str]) -> (Value, Vec<Value>) {
    let dir = std::env::temp_dir().join(format!("fw-hot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let records = dir.join("records.jsonl");
    let out = Command::new(fw)
        .arg("bench")
        .args(args)
        .args([
            "-m",
            "paced",
            "--paths",
            "standard",
            "--min-samples",
            "1",
            "--max-client-lag",
            "1000",
            "--json",
            "-",
            "--records",
        ])
        .arg(&records)
        .env_clear()
        .env("HOME", &dir)
        .env("FIREWORKS_API_KEY", "k")
        .env("FIREWORKS_BASE_URL", srv.base_url())
        .output()
        .expect("run fw bench");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    });
    let recs = std::fs::read_to_string(&records)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (report, recs)
}

/// One load: prints ok count, CPU per token event, lag and decode_tps against the truth.
fn row(fw: &str, label: &str, conc: usize, n: usize, tokens: u64, tps: f64) {
    let srv = PacedServer::start(Duration::from_millis(250), tps, 1);
    let c = conc.to_string();
    let nn = n.to_string();
    let t = tokens.to_string();
    let (report, recs) = run(
        fw,
        &srv,
        &["-c", &c, "-n", &nn, "--max-tokens", &t, "--warmup", &c],
    );
    let truth: HashMap<String, paced::Sent> = srv
        .sent()
        .into_iter()
        .map(|s| (s.request_id.clone(), s))
        .collect();
    let measured: Vec<&Value> = recs.iter().filter(|r| r["warmup"] == false).collect();
    let mut errs = Vec::new();
    let mut fw_tps = Vec::new();
    let mut events = 0u64;
    for r in &recs {
        events += r["token_events"].as_u64().unwrap_or(0);
    }
    for r in &measured {
        let Some(s) = r["request_id"].as_str().and_then(|id| truth.get(id)) else {
            continue;
        };
        let ttft = r["ttft_ms"].as_f64();
        let last = r["last_token_ms"].as_f64();
        let n = r["output_tokens"].as_u64().unwrap_or(0);
        if let (Some(a), Some(b), Some(truth_tps)) = (ttft, last, s.decode_tps()) {
            if b > a && n >= 2 {
                let tps = (n - 1) as f64 / ((b - a) / 1000.0);
                fw_tps.push(tps);
                errs.push(100.0 * (tps / truth_tps - 1.0));
            }
        }
    }
    let truth_tps: Vec<f64> = measured
        .iter()
        .filter_map(|r| r["request_id"].as_str().and_then(|id| truth.get(id)))
        .filter_map(paced::Sent::decode_tps)
        .collect();
    let p = &report["paths"][0];
    let cpu = report["client"]["cpu_s"].as_f64().unwrap_or(f64::NAN);
    println!(
        "{label}: ok {}/{}; fw cpu {cpu:.2} s over {:.1} s wall for {events} token events = \
         {:.2} us/event; lag p99 {:.2} ms; decode_tps p1 fw {:.2} vs server {:.2} \
         ({:+.2} %); per-request decode_tps error p50/p99 {:.3}/{:.3} %",
        p["requests"]["ok"],
        p["requests"]["attempted"],
        report["client"]["wall_s"].as_f64().unwrap_or(f64::NAN),
        cpu / events as f64 * 1e6,
        report["client"]["lag_ms"]["p99"]
            .as_f64()
            .unwrap_or(f64::NAN),
        pct(fw_tps.clone(), 1.0),
        pct(truth_tps.clone(), 1.0),
        100.0 * (pct(fw_tps, 1.0) / pct(truth_tps, 1.0) - 1.0),
        pct(errs.iter().map(|e| e.abs()).collect(), 50.0),
        pct(errs.iter().map(|e| e.abs()).collect(), 99.0),
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let fw = args
        .next()
        .expect("usage: hot_path FW_BINARY [c128|c1000|c3000 ...]");
    let mut which: Vec<String> = args.collect();
    if which.is_empty() {
        which = ["c128", "c1000", "c3000"].map(String::from).to_vec();
    }
    for w in which {
        match w.as_str() {
            "c128" => row(
                &fw,
                "c=128, 384 x 128 tokens at 100 tok/s",
                128,
                384,
                128,
                100.0,
            ),
            "c1000" => row(
                &fw,
                "c=1000, 1000 x 100 tokens at 100 tok/s",
                1000,
                1000,
                100,
                100.0,
            ),
            "c3000" => row(
                &fw,
                "c=3000, 3000 x 50 tokens at 25 tok/s",
                3000,
                3000,
                50,
                25.0,
            ),
            other => eprintln!("unknown load {other}"),
        }
    }
}
