//! How exact and how cheap `fw bench` is (run by scripts/bench-accuracy.sh, not a test).
//!
//! 1. Accuracy: the emulator paces every stream exactly (250 ms to the first token, then 100
//!    tokens/sec) and logs when it sent each token. `fw bench` runs against it at concurrency
//!    1, 16, 128 and 256; per request, fw's ttft and decode_tps are compared with the
//!    emulator's own (matched by request id). Reported: the median and p99 of the errors.
//! 2. Efficiency: fw's CPU seconds for 384 requests of 128 tokens at concurrency 128, and a
//!    run of 1,000 concurrent streams at 100 tokens/sec each, with fw's scheduling lag.
//!
//! 3. The sweep's overhead: `--sweep 10,20,40,80` with 40 requests per step, fw's CPU
//!    seconds per request and per token event over the whole sweep.
//!
//! Usage: bench_accuracy FW_BINARY [sweep]   (`sweep`: only part 3)

#[allow(dead_code)]
#[path = "../tests/support/emulator.rs"]
mod emulator;

use std::collections::HashMap;
use std::process::Command;
use std::time::Duration;

use emulator::{Chat, Emulator};
use serde_json::Value;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn p99(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let rank = ((0.99 * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

/// Runs fw bench against `emu` under GNU time; returns (report, records, peak RSS in kB).
fn run(fw: &str, emu: &Emulator, args: &[String]) -> (Value, Vec<Value>, u64) {
    let dir = std::env::temp_dir().join(format!("fw-acc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let records = dir.join("records.jsonl");
    let rss = dir.join("rss");
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o"])
        .arg(&rss)
        .arg(fw)
        .arg("bench")
        .args(args)
        .args(["--paths", "standard", "--json", "-", "--records"])
        .arg(&records)
        .env_clear()
        .env("HOME", &dir)
        .env("FIREWORKS_API_KEY", emulator::KEY)
        .env("FIREWORKS_BASE_URL", emu.base_url())
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
    let rss_kb = std::fs::read_to_string(&rss)
        .ok()
        .and_then(|t| t.trim().lines().last().and_then(|l| l.parse().ok()))
        .unwrap_or(0);
    (report, recs, rss_kb)
}

/// One row of the accuracy table: fw bench at `conc` against `emu`, compared per request.
fn accuracy_row(fw: &str, emu: &Emulator, conc: usize) {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let n = (2 * conc).max(20);
    let (report, recs, _) = run(
        fw,
        emu,
        &s(&[
            "-c",
            &conc.to_string(),
            "-n",
            &n.to_string(),
            "--max-tokens",
            "64",
            "--min-samples",
            "1",
            "--max-client-lag",
            "1000",
        ]),
    );
    let sends: HashMap<String, emulator::SendLog> = emu
        .sends()
        .into_iter()
        .map(|l| (l.request_id.clone(), l))
        .collect();
    let (mut ttft_err, mut tps_err) = (Vec::new(), Vec::new());
    for r in recs
        .iter()
        .filter(|r| r["warmup"] == false && r["outcome"] == "ok")
    {
        let Some(log) = r["request_id"].as_str().and_then(|id| sends.get(id)) else {
            continue;
        };
        if let (Some(ours), Some(theirs)) = (r["ttft_ms"].as_f64(), log.ttft_ms()) {
            ttft_err.push(ours - theirs);
        }
        let n = r["output_tokens"].as_f64().unwrap();
        let span = r["last_token_ms"].as_f64().unwrap() - r["ttft_ms"].as_f64().unwrap();
        if let Some(theirs) = log.decode_tps() {
            let ours = (n - 1.0) / (span / 1000.0);
            tps_err.push((ours / theirs - 1.0) * 100.0);
        }
    }
    let abs = |v: &[f64]| v.iter().map(|x| x.abs()).collect::<Vec<_>>();
    println!(
        "{conc:>4}  {:>8}  {:>8.3} / {:<8.3}  {:>9.3} / {:<9.3}       {:>6.2}     {:>6.2}",
        ttft_err.len(),
        median(ttft_err.clone()),
        p99(abs(&ttft_err)),
        median(tps_err.clone()),
        p99(abs(&tps_err)),
        report["client"]["cpu_s"].as_f64().unwrap(),
        report["client"]["lag_ms"]["p99"]
            .as_f64()
            .unwrap_or(f64::NAN),
    );
}

fn main() {
    let fw = std::env::args()
        .nth(1)
        .expect("usage: bench_accuracy FW_BINARY");
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    if std::env::args().nth(2).as_deref() == Some("sweep") {
        sweep(&fw);
        return;
    }

    for (label, jitter) in [
        (
            "streams start in step: every token of every stream is due at the same instant",
            0,
        ),
        (
            "first tokens spread over 250 ms +/- 25 ms, as real streams are",
            25,
        ),
    ] {
        println!("accuracy: emulator paced at ttft 250 ms, 100 tok/s, 64 tokens, 1 token/event;");
        println!("  {label}");
        println!("conc  requests  ttft err ms p50/p99   decode_tps err % p50/p99   fw cpu s   lag p99 ms");
        for conc in [1usize, 16, 128, 256] {
            let emu = Emulator::start_threads(2);
            emu.set_default(Chat {
                ttft_jitter: Duration::from_millis(jitter),
                ..Chat::paced(64, Duration::from_millis(250), 100.0, 1)
            });
            accuracy_row(&fw, &emu, conc);
        }
        println!();
    }
    println!("efficiency: 384 requests of 128 tokens at concurrency 128, emulator at 100 tok/s");
    let emu = Emulator::start_threads(2);
    emu.set_default(Chat::paced(128, Duration::from_millis(250), 100.0, 1));
    let (report, _, _) = run(
        &fw,
        &emu,
        &s(&[
            "-c",
            "128",
            "-n",
            "384",
            "--max-tokens",
            "128",
            "--min-samples",
            "1",
            "--max-client-lag",
            "1000",
        ]),
    );
    let p = &report["paths"][0];
    println!(
        "fw cpu {:.2} s over {:.1} s wall; ok {}/{}; decode tok/s p50 {:.2}; lag p99 {:.2} ms",
        report["client"]["cpu_s"].as_f64().unwrap(),
        report["client"]["wall_s"].as_f64().unwrap(),
        p["requests"]["ok"],
        p["requests"]["attempted"],
        p["decode_tps"]["p50"].as_f64().unwrap_or(f64::NAN),
        report["client"]["lag_ms"]["p99"]
            .as_f64()
            .unwrap_or(f64::NAN),
    );

    println!();
    println!("scale: 1,000 concurrent streams at 100 tok/s each (100 tokens, 1,000 requests)");
    let emu = Emulator::start_threads(2);
    emu.set_default(Chat::paced(100, Duration::from_millis(250), 100.0, 1));
    let (report, _, rss_kb) = run(
        &fw,
        &emu,
        &s(&[
            "-c",
            "1000",
            "-n",
            "1000",
            "--max-tokens",
            "100",
            "--min-samples",
            "1",
            "--max-client-lag",
            "1000",
        ]),
    );
    let p = &report["paths"][0];
    println!(
        "ok {}/{}; fw cpu {:.2} s over {:.1} s wall; lag p50/p99 {:.2}/{:.2} ms; decode tok/s p50/p1 {:.2}/{:.2}; \
         connections {}",
        p["requests"]["ok"],
        p["requests"]["attempted"],
        report["client"]["cpu_s"].as_f64().unwrap(),
        report["client"]["wall_s"].as_f64().unwrap(),
        report["client"]["lag_ms"]["p50"].as_f64().unwrap_or(f64::NAN),
        report["client"]["lag_ms"]["p99"].as_f64().unwrap_or(f64::NAN),
        p["decode_tps"]["p50"].as_f64().unwrap_or(f64::NAN),
        p["decode_tps"]["p1"].as_f64().unwrap_or(f64::NAN),
        report["client"]["connections"]["opened"],
    );
    println!(
        "fw peak RSS {:.1} MB; open file descriptors before/after the run {}; panics: {}",
        rss_kb as f64 / 1024.0,
        report["client"]["open_fds"],
        if report["valid"] == true {
            "none"
        } else {
            "see report"
        },
    );
    println!();
    sweep(&fw);
}

/// The client's cost of a sweep: four steps of 40 requests, 64 tokens each at 100 tok/s.
fn sweep(fw: &str) {
    println!("sweep: --sweep 10,20,40,80 req/s, 40 requests per step, 64 tokens at 100 tok/s");
    let emu = Emulator::start_threads(2);
    emu.set_default(Chat {
        ttft_jitter: Duration::from_millis(25),
        ..Chat::paced(64, Duration::from_millis(250), 100.0, 1)
    });
    let args: Vec<String> = [
        "--sweep",
        "10,20,40,80",
        "-n",
        "40",
        "--max-tokens",
        "64",
        "--min-samples",
        "1",
        "--max-client-lag",
        "1000",
    ]
    .iter()
    .map(|x| x.to_string())
    .collect();
    let (report, recs, _) = run(fw, &emu, &args);
    let cpu = report["client"]["cpu_s"].as_f64().unwrap();
    let events: u64 = recs.iter().filter_map(|r| r["token_events"].as_u64()).sum();
    let steps = report["sweep"]["steps"].as_array().unwrap();
    for st in steps {
        let p = &st["paths"][0];
        println!(
            "  step {} at {}/s: achieved {:.2}/s, ok {}/{}, ttft p90 {:.1} ms",
            st["step"],
            st["rate_per_path"],
            p["achieved_rps"].as_f64().unwrap_or(f64::NAN),
            p["ok"],
            p["attempted"],
            p["ttft_p90_ms"].as_f64().unwrap_or(f64::NAN),
        );
    }
    println!(
        "fw cpu {:.2} s over {:.1} s wall for {} requests ({} token events): {:.2} ms per request, \
         {:.2} us per token event; send lag p50/p99 {:.2}/{:.2} ms; ended by {}; connections \
         opened {}, during measurement {}",
        cpu,
        report["client"]["wall_s"].as_f64().unwrap(),
        recs.len(),
        events,
        1000.0 * cpu / recs.len() as f64,
        1e6 * cpu / events as f64,
        report["client"]["send_lag_ms"]["p50"].as_f64().unwrap_or(f64::NAN),
        report["client"]["send_lag_ms"]["p99"].as_f64().unwrap_or(f64::NAN),
        report["sweep"]["ended_by"],
        report["client"]["connections"]["opened"],
        report["client"]["connections"]["during_measurement"],
    );
    // The same 160 requests as one open-loop run, for the cost of the steps themselves.
    let one: Vec<String> = ["--rate", "40", "-n", "160", "--max-tokens", "64"]
        .iter()
        .chain(&["--min-samples", "1", "--max-client-lag", "1000"])
        .map(|x| x.to_string())
        .collect();
    let (report, recs, _) = run(fw, &emu, &one);
    let cpu = report["client"]["cpu_s"].as_f64().unwrap();
    let events: u64 = recs.iter().filter_map(|r| r["token_events"].as_u64()).sum();
    println!(
        "the same requests in one run at 40/s: fw cpu {:.2} s, {:.2} ms per request, {:.2} us \
         per token event",
        cpu,
        1000.0 * cpu / recs.len() as f64,
        1e6 * cpu / events as f64,
    );
}
