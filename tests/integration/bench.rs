//! `fw bench` against the emulator's paced streams: counts exactly, timings within loose
//! bounds, pass/fail and invalid-run exit codes, the smoke check, and the report formats
//! (the JSON checked against docs/bench-schema.json). Also once against llama.cpp.

use std::time::Duration;

use serde_json::Value;

use crate::support::{
    fw, fw_at, interrupt, llama, read_all, terminate, Chat, Emulator, Reply, UsageAt,
};

/// `fw bench` at the emulator. What these tests check is counts, shapes and exit codes, not
/// how busy the machine running them is: the client's own scheduling lag (which a loaded CI
/// machine can push past the default 10 ms) is given room here and tested on its own below.
fn bench(emu: &Emulator) -> crate::support::Fw {
    let mut f = fw_at(emu);
    f.args(["bench", "--max-client-lag", "1000"]);
    f
}

#[test]
fn a_client_that_falls_behind_makes_the_run_invalid() {
    let emu = Emulator::serving(Chat::paced(5, Duration::from_millis(5), 1000.0, 1));
    let r = fw_at(&emu)
        .args([
            "bench",
            "--paths",
            "standard",
            "-n",
            "3",
            "--warmup",
            "0",
            "--max-tokens",
            "5",
            "--max-client-lag",
            "0.000001",
            "--min-samples",
            "1",
            "--assert",
            "standard.availability>=0.5",
        ])
        .run();
    r.code(10);
    assert!(r.stderr.contains("the client fell behind"), "{}", r.stderr);
}

fn json_report(emu: &Emulator, args: &[&str]) -> (crate::support::Run, Value) {
    let r = bench(emu).args(args).args(["--json", "-"]).run();
    let v = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("{e}\n{}\n{}", r.stdout, r.stderr));
    (r, v)
}

fn path<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["paths"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap()
}

#[test]
fn paths_interleave_with_exact_counts_and_bodies() {
    let emu = Emulator::serving(Chat::paced(20, Duration::from_millis(30), 400.0, 1));
    let (r, v) = json_report(
        &emu,
        &[
            "-m",
            "kimi-k2p6",
            "-n",
            "4",
            "--warmup",
            "1",
            "--max-tokens",
            "20",
        ],
    );
    r.code(0);
    let reqs = emu.requests();
    assert_eq!(reqs.len(), 3 + 3 + 12, "3 smoke, 3 warm-up, 4 per path");
    let kinds: Vec<&str> = reqs
        .iter()
        .map(
            |q| match (&q.body["service_tier"], q.body["model"].as_str().unwrap()) {
                (Value::String(_), _) => "priority",
                (_, m) if m.contains("/routers/") => "fast",
                _ => "standard",
            },
        )
        .collect();
    for round in kinds[3..].chunks(3) {
        assert_eq!(
            round,
            ["standard", "priority", "fast"],
            "interleaved: {kinds:?}"
        );
    }
    let prompts: std::collections::HashSet<String> = reqs
        .iter()
        .map(|q| q.body["messages"][0]["content"].to_string())
        .collect();
    assert_eq!(prompts.len(), reqs.len(), "every prompt is unique");
    let b = &reqs[5].body;
    assert_eq!(b["model"], "accounts/fireworks/routers/kimi-k2p6-fast");
    assert_eq!(b["max_tokens"], 20);
    assert_eq!(b["stream"], true);
    assert_eq!(b["stream_options"]["include_usage"], true);
    assert_eq!(b["perf_metrics_in_response"], true);
    assert!(b.get("min_tokens").is_none(), "only with --force-len");

    for name in ["standard", "priority", "fast"] {
        let p = path(&v, name);
        assert_eq!(p["requests"]["attempted"], 4, "{name}");
        assert_eq!(p["requests"]["ok"], 4);
        assert_eq!(p["availability"], 1.0);
        assert_eq!(p["tokens_source"], "usage");
        assert_eq!(p["output_tokens"]["mean"], 20.0);
        let ttft = p["ttft_ms"]["p50"].as_f64().unwrap();
        assert!((29.0..250.0).contains(&ttft), "{name} ttft {ttft}");
        let tps = p["decode_tps"]["p50"].as_f64().unwrap();
        assert!((150.0..700.0).contains(&tps), "{name} decode {tps}");
        assert_eq!(p["tokens_per_event"]["mean"], 1.0);
    }
    assert_eq!(path(&v, "priority")["service_tier"], "priority");
    // The emulator reports 12 prompt tokens and 20 out; each path has its own prices, and
    // Fast costs more than Priority, which costs more than Standard.
    let cost = |n: &str| path(&v, n)["cost_usd_per_request"].as_f64().unwrap();
    assert!((cost("standard") - (12.0 * 0.95 + 20.0 * 4.00) / 1e6).abs() < 1e-12);
    assert!(cost("standard") < cost("priority") && cost("priority") < cost("fast"));
    assert_eq!(v["result"], "none");
    let fds = &v["client"]["open_fds"];
    assert!(
        fds[1].as_u64().unwrap() <= fds[0].as_u64().unwrap(),
        "nothing left open: {fds}"
    );
    assert!(v["client"]["cpu_s"].as_f64().unwrap() > 0.0);
    assert!(v["client"]["lag_ms"]["n"].as_u64().unwrap() > 0);
}

#[test]
fn force_len_and_messages_api() {
    let emu = Emulator::serving(Chat::paced(8, Duration::from_millis(5), 1000.0, 1));
    let (r, v) = json_report(
        &emu,
        &[
            "--api",
            "messages",
            "--paths",
            "standard",
            "-n",
            "3",
            "--warmup",
            "0",
            "--max-tokens",
            "8",
            "--force-len",
        ],
    );
    r.code(0);
    let reqs = emu.requests();
    assert!(reqs.iter().all(|q| q.path == "/inference/v1/messages"));
    let b = &reqs[1].body;
    assert_eq!(
        (b["min_tokens"].as_u64(), b["ignore_eos"].as_bool()),
        (Some(8), Some(true))
    );
    assert!(b.get("perf_metrics_in_response").is_none());
    let p = path(&v, "standard");
    assert_eq!(p["requests"]["ok"], 3);
    assert_eq!(p["output_tokens"]["mean"], 8.0);
    assert_eq!(v["config"]["api"], "messages");
}

#[test]
fn load_shedding_is_counted_per_path_and_thresholds_decide_the_exit() {
    let emu = Emulator::serving(Chat {
        shed: vec![("standard", 0.5)],
        ..Chat::paced(5, Duration::from_millis(1), 250.0, 1)
    });
    let args = [
        "--paths",
        "standard,priority",
        "-n",
        "10",
        "--warmup",
        "0",
        "--max-tokens",
        "5",
        "--min-samples",
        "5",
        "--max-error-rate",
        "0",
        "--assert",
        "priority.availability>=0.99",
        "--assert",
        "standard.availability>=0.99",
    ];
    let r = bench(&emu).args(args).run();
    r.code(9);
    assert!(
        r.stdout
            .contains("PASS  priority.availability>=0.99  1.00  (n=10)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("FAIL  standard.availability>=0.99  0.50  (n=10)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("RESULT: FAIL (1 of 2 thresholds)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr
            .contains("1 of 2 thresholds failed: standard.availability>=0.99"),
        "{}",
        r.stderr
    );
    let avail = r
        .stdout
        .lines()
        .find(|l| l.starts_with("  503 / 429"))
        .unwrap();
    assert!(
        avail.contains("5 / 0 / 0") && avail.contains("0 / 0 / 0"),
        "{avail}"
    );

    // Only priority asserted: 503s on standard are availability, not run errors. This run's
    // smoke request on standard is shed, and the run goes on.
    let r = bench(&emu)
        .args(&args[..12])
        .args(["--assert", "priority.ttft.p50<=1000"])
        .run();
    assert!(
        r.stderr
            .contains("the smoke request on standard was refused"),
        "{}",
        r.stderr
    );
    r.code(0);
    assert!(r.stdout.contains("RESULT: PASS"), "{}", r.stdout);
}

#[test]
fn invalid_runs_never_pass() {
    let emu = Emulator::serving(Chat::paced(5, Duration::from_millis(1), 250.0, 1));
    // Too few samples for an asserted path.
    let r = bench(&emu)
        .args([
            "--paths",
            "fast",
            "-n",
            "3",
            "--warmup",
            "0",
            "--max-tokens",
            "5",
            "--min-tps",
            "1",
        ])
        .run();
    r.code(10);
    assert!(r.stdout.contains("RESULT: INVALID"), "{}", r.stdout);
    assert!(
        r.stdout.contains("PASS  fast.decode_tps.p50>=1"),
        "the rule held, the run did not"
    );
    assert!(
        r.stderr.contains("fewer than --min-samples 30"),
        "{}",
        r.stderr
    );

    // No usage from the server: token metrics are estimates, so asserting one is invalid.
    emu.set_default(Chat {
        usage: UsageAt::Nowhere,
        ..Chat::paced(5, Duration::from_millis(1), 250.0, 1)
    });
    let (r, v) = json_report(
        &emu,
        &[
            "--paths",
            "standard",
            "-n",
            "3",
            "--warmup",
            "0",
            "--max-tokens",
            "5",
            "--min-samples",
            "3",
            "--assert",
            "standard.decode_tps.p50>=1",
        ],
    );
    r.code(10);
    assert_eq!(path(&v, "standard")["tokens_source"], "estimated");
    assert_eq!(v["result"], "invalid");
    assert!(v["invalid_reasons"][0]
        .as_str()
        .unwrap()
        .contains("no usage"));

    // Errors other than load-shedding over --max-error-rate.
    emu.set_default(Chat::paced(5, Duration::from_millis(1), 250.0, 1));
    emu.script([
        Reply::Chat(Chat::default()),
        Reply::status(500, "boom"),
        Reply::status(500, "boom"),
    ]);
    let r = bench(&emu)
        .args([
            "--paths",
            "standard",
            "-n",
            "4",
            "--warmup",
            "0",
            "--max-tokens",
            "5",
        ])
        .run();
    r.code(10);
    assert!(
        r.stdout.contains("50.0% of requests failed"),
        "{}",
        r.stdout
    );
}

#[test]
fn rules_are_checked_before_anything_is_sent() {
    let emu = Emulator::start();
    for bad in [
        "fast.speed.p50>=1",
        "turbo.ttft.p50<=1",
        "fast.ttft.p42<=1",
        "fast.ttft<=1",
    ] {
        let r = bench(&emu).args(["--assert", bad]).run();
        r.code(2);
        assert!(r.stderr.contains("--assert"), "{}", r.stderr);
    }
    let r = bench(&emu)
        .args(["--paths", "standard", "--assert", "fast.ttft.p50<=1"])
        .run();
    r.code(2);
    assert!(
        r.stderr.contains("not measured in this run"),
        "{}",
        r.stderr
    );
    bench(&emu).args(["--paths", "warp"]).run().code(2);
    bench(&emu).args(["--concurrency", "0"]).run().code(2);
    assert!(emu.requests().is_empty());
}

#[test]
fn smoke_is_one_line_per_path_and_names_the_failure() {
    let emu = Emulator::start();
    let r = bench(&emu).args(["--smoke", "-m", "kimi-k2p6"]).run();
    r.code(0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stdout);
    assert!(
        lines[0].starts_with("standard  accounts/fireworks/models/kimi-k2p6 "),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("ok HTTP 200") && lines[1].contains("ttft "),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("fast      accounts/fireworks/routers/kimi-k2p6-fast"),
        "{}",
        lines[2]
    );
    assert_eq!(emu.requests().len(), 3);
    assert!(emu.requests().iter().all(|q| q.body["max_tokens"] == 8));

    emu.script([
        Reply::Chat(Chat::default()),
        Reply::status(503, r#"{"error":{"message":"Service overloaded"}}"#),
        Reply::Chat(Chat::default()),
    ]);
    let r = bench(&emu).args(["--smoke", "-m", "kimi-k2p6"]).run();
    r.code(6);
    assert!(
        r.stdout.lines().nth(1).unwrap().contains("FAIL HTTP 503"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr
            .contains("smoke check failed on priority: HTTP 503"),
        "{}",
        r.stderr
    );

    let r = bench(&emu).args(["--smoke", "-m", "gpt-oss-20b"]).run();
    r.code(4);
    assert!(r.stdout.contains("priority  -"), "{}", r.stdout);
    assert!(r.stdout.contains("not offered"), "{}", r.stdout);
    assert!(r.stderr.contains("priority: not offered"), "{}", r.stderr);

    emu.script([Reply::status(
        401,
        r#"{"error":{"message":"Invalid API key"}}"#,
    )]);
    let r = bench(&emu).args(["--smoke", "--paths", "standard"]).run();
    r.code(3);
}

#[test]
fn a_failing_smoke_request_stops_the_run() {
    let emu = Emulator::start();
    emu.script([Reply::status(
        401,
        r#"{"error":{"message":"Invalid API key"}}"#,
    )]);
    let r = bench(&emu).args(["--paths", "standard", "-n", "50"]).run();
    r.code(3);
    assert!(
        r.stderr
            .contains("the smoke request on standard failed, so nothing was measured"),
        "{}",
        r.stderr
    );
    assert_eq!(emu.requests().len(), 1, "never retried");
}

#[test]
fn several_tokens_per_event_are_not_mistaken_for_one() {
    let emu = Emulator::serving(Chat::paced(24, Duration::from_millis(10), 800.0, 4));
    let (r, v) = json_report(
        &emu,
        &[
            "--paths",
            "standard",
            "-n",
            "3",
            "--warmup",
            "0",
            "--max-tokens",
            "24",
        ],
    );
    r.code(0);
    let p = path(&v, "standard");
    assert_eq!(
        p["tokens_per_event"]["mean"],
        6.0 / 1.0 * 4.0 / 6.0 * 1.0,
        "24 tokens in 6 events"
    );
    assert_eq!(p["output_tokens"]["mean"], 24.0);
    let tps = p["decode_tps"]["p50"].as_f64().unwrap();
    assert!((300.0..1500.0).contains(&tps), "{tps}");
    assert!(v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().contains("tokens per event")));
}

#[test]
fn open_loop_duration_and_outputs_on_disk() {
    let emu = Emulator::serving(Chat::paced(5, Duration::from_millis(2), 1000.0, 1));
    let dir = tempfile::tempdir().unwrap();
    let (json, records, csv) = (
        dir.path().join("r.json"),
        dir.path().join("r.jsonl"),
        dir.path().join("r.csv"),
    );
    let r = bench(&emu)
        .args([
            "--paths",
            "standard,priority",
            "--rate",
            "40",
            "--arrival",
            "poisson",
            "--duration",
            "0.5",
            "--warmup",
            "0",
            "--max-tokens",
            "5",
            "--json",
        ])
        .arg(&json)
        .arg("--records")
        .arg(&records)
        .arg("--csv")
        .arg(&csv)
        .run();
    r.code(0);
    assert!(
        r.stdout.contains("load=open 40/s/path poisson"),
        "{}",
        r.stdout
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["config"]["load"]["kind"], "open");
    let attempted = path(&v, "standard")["requests"]["attempted"]
        .as_u64()
        .unwrap();
    assert!(
        (5..=40).contains(&attempted),
        "about 20 in 0.5 s: {attempted}"
    );
    assert!(v["client"]["send_lag_ms"]["n"].as_u64().unwrap() > 0);
    let lines = std::fs::read_to_string(&records).unwrap();
    let recs: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let total: u64 = ["standard", "priority"]
        .iter()
        .map(|n| path(&v, n)["requests"]["attempted"].as_u64().unwrap())
        .sum();
    assert_eq!(recs.len() as u64, total);
    assert!(recs
        .iter()
        .all(|r| r["request_id"].as_str().unwrap().starts_with("req-emu")));
    let csv = std::fs::read_to_string(&csv).unwrap();
    assert!(csv.starts_with("path,model,offered,attempted,ok,availability"));
    assert_eq!(csv.lines().count(), 3);
    validate_schema(&json);
}

#[test]
fn report_matches_the_schema_including_not_offered_paths() {
    let emu = Emulator::serving(Chat::paced(5, Duration::from_millis(1), 250.0, 1));
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("r.json");
    let r = bench(&emu)
        .args([
            "-m",
            "gpt-oss-20b",
            "-n",
            "2",
            "--warmup",
            "0",
            "--max-tokens",
            "5",
            "--min-samples",
            "2",
            "--assert",
            "standard.ttft.p99<=5000",
            "--json",
        ])
        .arg(&json)
        .run();
    r.code(0);
    assert!(r.stdout.contains("priority: not offered"), "{}", r.stdout);
    validate_schema(&json);
}

pub(crate) fn validate_schema(doc: &std::path::Path) {
    let schema = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/bench-schema.json");
    let out = std::process::Command::new(llama::python())
        .arg(llama::ref_script("validate_schema.py"))
        .arg(schema)
        .arg(doc)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn schema_check_can_fail() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("bad.json");
    std::fs::write(&doc, r#"{"schema_version": 2}"#).unwrap();
    let schema = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/bench-schema.json");
    let out = std::process::Command::new(llama::python())
        .arg(llama::ref_script("validate_schema.py"))
        .arg(schema)
        .arg(&doc)
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
fn ctrl_c_prints_the_partial_report() {
    let emu = Emulator::serving(Chat::paced(5, Duration::from_millis(50), 100.0, 1));
    let mut child = bench(&emu)
        .args([
            "--paths",
            "standard",
            "-n",
            "1000",
            "--warmup",
            "0",
            "--max-tokens",
            "5",
        ])
        .spawn();
    // Let a few requests finish.
    while emu.requests().len() < 4 {
        std::thread::sleep(Duration::from_millis(20));
    }
    interrupt(&child);
    let out = read_all(child.stdout.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert!(out.contains("requests ok/attempted"), "{out}");
    assert!(out.contains("invalid: the run was interrupted"), "{out}");
}

#[test]
fn sigterm_prints_the_partial_report_and_exits_143() {
    let emu = Emulator::serving(Chat::paced(5, Duration::from_millis(50), 100.0, 1));
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("report.json");
    let mut child = bench(&emu)
        .args([
            "--paths",
            "standard",
            "-n",
            "1000",
            "--warmup",
            "0",
            "--max-tokens",
            "5",
            "--json",
            json.to_str().unwrap(),
        ])
        .spawn();
    while emu.requests().len() < 4 {
        std::thread::sleep(Duration::from_millis(20));
    }
    terminate(&child);
    let out = read_all(child.stdout.take());
    let status = child.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(143),
        "ended by the signal itself: {status:?}"
    );
    let err = read_all(child.stderr.take());
    assert!(
        err.contains("error: terminated: the report covers what finished"),
        "{err}"
    );
    assert!(out.contains("requests ok/attempted"), "{out}");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(v["interrupted"], true);
    assert_eq!(v["valid"], false);
}

#[test]
fn real_server_decode_rate_agrees_with_its_own_timings() {
    let srv = llama::server();
    let r = fw()
        .env("FIREWORKS_API_KEY", llama::KEY)
        .env("FIREWORKS_BASE_URL", &srv.base_url())
        .args([
            "bench",
            "-m",
            llama::MODEL,
            "--paths",
            "standard",
            "-n",
            "3",
            "--warmup",
            "1",
            "--max-tokens",
            "32",
            "--force-len",
            "--input-tokens",
            "32",
            // What is checked here is the decode rate; the client's own lag is checked
            // elsewhere, and two shared cores with llama.cpp on them can stall it.
            "--max-client-lag",
            "1000",
            "--json",
            "-",
        ])
        .run();
    r.code(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let p = path(&v, "standard");
    assert_eq!(p["requests"]["ok"], 3);
    assert_eq!(
        p["output_tokens"]["mean"], 32.0,
        "usage from the server, forced length"
    );
    let ours = p["decode_tps"]["p50"].as_f64().unwrap();
    let theirs = p["server_decode_tps"]["p50"].as_f64().unwrap();
    assert!(
        (ours / theirs - 1.0).abs() < 0.2,
        "fw {ours} vs llama.cpp {theirs}"
    );
}

#[test]
fn progress_bars_and_sketches_only_on_a_terminal() {
    let emu = Emulator::serving(Chat::paced(5, Duration::from_millis(20), 500.0, 1));
    let args = [
        "--paths",
        "standard",
        "-n",
        "5",
        "--warmup",
        "0",
        "--max-tokens",
        "5",
    ];
    let r = bench(&emu).args(args).run();
    r.code(0);
    assert!(
        !r.stderr.contains("tok/s"),
        "no progress when stderr is not a terminal: {}",
        r.stderr
    );
    let bars = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    assert!(
        !r.stdout.contains(bars),
        "no distribution sketch when stdout is not a terminal: {}",
        r.stdout
    );
    let r = bench(&emu).args(args).env("TERM", "xterm").run_in_pty();
    r.code(0);
    let sketched = |label: &str| {
        r.stdout
            .lines()
            .any(|l| l.starts_with(label) && l.contains(" standard ") && l.contains(bars))
    };
    assert!(
        sketched("ttft ms") && sketched("decode tok/s"),
        "a sketch per metric on a terminal: {}",
        r.stdout
    );
    assert!(
        r.stdout.contains(" 5/5 ") && r.stdout.contains("tok/s, 0 errors"),
        "{}",
        r.stdout
    );
}

#[test]
fn server_timings_from_perf_metrics_and_headers() {
    // perf_metrics in the final chunk (bench asks for them on chat).
    let emu = Emulator::serving(Chat::paced(5, Duration::from_millis(40), 1000.0, 1));
    let (r, v) = json_report(
        &emu,
        &[
            "--paths",
            "standard",
            "-n",
            "3",
            "--warmup",
            "0",
            "--max-tokens",
            "5",
        ],
    );
    r.code(0);
    let p = path(&v, "standard");
    assert!(
        (p["server_ttft_ms"]["p50"].as_f64().unwrap() - 40.0).abs() < 1e-6,
        "{p}"
    );

    // The fireworks-server-* headers, in seconds, when no perf_metrics come.
    let emu = Emulator::serving(Chat {
        headers: vec![(
            "fireworks-server-time-to-first-token".into(),
            "0.123".into(),
        )],
        ..Chat::paced(5, Duration::from_millis(1), 1000.0, 1)
    });
    let (r, v) = json_report(
        &emu,
        &[
            "--api",
            "messages",
            "--paths",
            "standard",
            "-n",
            "3",
            "--warmup",
            "0",
            "--max-tokens",
            "5",
        ],
    );
    r.code(0);
    let ttft = path(&v, "standard")["server_ttft_ms"]["p50"]
        .as_f64()
        .unwrap();
    assert!((ttft - 123.0).abs() < 1e-9, "{ttft}");
}

#[test]
fn slos_give_goodput_and_the_fraction_meeting_them() {
    // Standard sheds exactly every other request; every stream starts 20 ms after its request,
    // its tokens 5 ms apart (each read on its own, so each ok request has a decode rate).
    let emu = Emulator::serving(Chat {
        shed: vec![("standard", 0.5)],
        ..Chat::paced(5, Duration::from_millis(20), 200.0, 1)
    });
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("report.json");
    let json_arg = json.display().to_string();
    let base = [
        "--paths",
        "standard,priority",
        "-n",
        "10",
        "--warmup",
        "0",
        "--max-tokens",
        "5",
        "--min-samples",
        "1",
    ];
    let r = bench(&emu)
        .args(base)
        .args(["--slo", "ttft<=5s,decode_tps>=1", "--json", &json_arg])
        .args([
            "--assert",
            "priority.slo_fraction>=1",
            "--assert",
            "standard.slo_fraction>=0.5",
        ])
        .args(["--assert", "standard.goodput>0"])
        .run();
    r.code(0);
    assert!(r.stdout.contains("slo met/attempted"), "{}", r.stdout);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let slo = |p: &str| path(&v, p)["slo"].clone();
    assert_eq!(
        slo("standard")["met"],
        5,
        "a shed request never meets an SLO"
    );
    assert_eq!(slo("standard")["attempted"], 10);
    assert_eq!(slo("standard")["fraction"], 0.5);
    assert_eq!(slo("priority")["met"], 10);
    let goodput = slo("standard")["goodput_rps"].as_f64().unwrap();
    assert!(goodput > 0.0, "{goodput}");
    assert_eq!(
        v["config"]["slo"],
        serde_json::json!(["ttft<=5s", "decode_tps>=1"])
    );
    validate_schema(&json);

    // An objective no request can meet: the fraction is 0 and its assertion fails (exit 9).
    let r = bench(&emu)
        .args(base)
        .args([
            "--slo",
            "ttft<=1ms",
            "--assert",
            "priority.slo_fraction>=0.5",
        ])
        .run();
    r.code(9);
    assert!(r.stdout.contains("0/10 (0.0%)"), "{}", r.stdout);

    // Goodput assertions need objectives; a bad objective is a usage error.
    for (args, want) in [
        (&["--assert", "standard.goodput>1"][..], "needs objectives"),
        (&["--slo", "ttft<=soon"], "is not a number"),
        (&["--slo", "availability>=1"], "unknown per-request metric"),
    ] {
        let r = bench(&emu).args(base).args(args).run();
        r.code(2);
        assert!(r.stderr.contains(want), "{args:?}: {}", r.stderr);
    }
    // Without --slo the report says nothing about objectives.
    let (r, v) = json_report(&emu, &base);
    r.code(0);
    assert!(path(&v, "standard")["slo"].is_null());
    assert_eq!(v["config"]["slo"], serde_json::json!([]));
}

#[test]
fn rate_limit_headers_are_kept_per_path_with_the_lowest_remaining() {
    let emu = Emulator::start();
    let reply = |remaining: &str, limit: &str, over: bool| {
        let mut headers = vec![
            (
                "x-ratelimit-remaining-requests".to_string(),
                remaining.to_string(),
            ),
            ("x-ratelimit-limit-requests".to_string(), limit.to_string()),
        ];
        if over {
            headers.push(("x-ratelimit-over-limit".to_string(), "yes".to_string()));
        }
        Reply::Chat(Chat {
            headers,
            ..Chat::tokens(3)
        })
    };
    // The first reply answers the smoke request, which is not measured.
    emu.script([
        reply("1", "60", true),
        reply("40", "60", false),
        reply("12", "60", true),
        reply("30", "90", false),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records.jsonl");
    let (r, v) = json_report(
        &emu,
        &[
            "--paths",
            "standard",
            "-n",
            "3",
            "--warmup",
            "0",
            "--max-tokens",
            "3",
            "--records",
            &records.display().to_string(),
        ],
    );
    r.code(0);
    let rl = &path(&v, "standard")["rate_limits"];
    assert_eq!(rl["lowest_remaining"]["remaining-requests"], 12.0, "{rl}");
    assert_eq!(rl["limits"]["limit-requests"], 90.0, "{rl}");
    assert_eq!(rl["over_limit"], 1, "{rl}");
    let recs = std::fs::read_to_string(&records).unwrap();
    assert_eq!(recs.matches("\"over_limit\":true").count(), 1, "{recs}");
    assert_eq!(recs.matches("\"remaining-requests\"").count(), 3, "{recs}");

    emu.script([
        reply("9", "60", false),
        reply("5", "60", true),
        reply("7", "60", false),
    ]);
    let r = bench(&emu)
        .args(["--paths", "standard", "-n", "2", "--warmup", "0"])
        .run();
    r.code(0);
    assert!(
        r.stdout.contains("rate limit remaining, lowest")
            && r.stdout.contains("requests 5, over limit x1"),
        "{}",
        r.stdout
    );

    // Without such headers: null, and the records carry no rate-limit fields.
    let (r, v) = json_report(&emu, &["--paths", "standard", "-n", "2", "--warmup", "0"]);
    r.code(0);
    assert!(path(&v, "standard")["rate_limits"].is_null());
    let r = bench(&emu)
        .args(["--paths", "standard", "-n", "2", "--warmup", "0"])
        .run();
    assert!(!r.stdout.contains("rate limit remaining"), "{}", r.stdout);
}

#[test]
fn cache_modes_and_session_affinity_shape_the_requests() {
    let emu = Emulator::serving(Chat::tokens(3));
    let base = [
        "-m",
        "kimi-k2p6",
        "--paths",
        "standard,fast",
        "-n",
        "2",
        "--warmup",
        "0",
        "--max-tokens",
        "3",
    ];
    let measured = |emu: &Emulator| -> Vec<crate::support::emulator::Recorded> {
        // The first request of each path is its smoke request.
        emu.requests().into_iter().skip(2).collect()
    };
    let prompt =
        |q: &crate::support::emulator::Recorded| q.body["messages"][0]["content"].to_string();

    let (r, v) = json_report(&emu, &base);
    r.code(0);
    assert_eq!(v["config"]["cache"], "unique");
    assert_eq!(v["config"]["session_affinity"], false);
    let reqs = measured(&emu);
    let prompts: std::collections::HashSet<String> = reqs.iter().map(prompt).collect();
    assert_eq!(prompts.len(), reqs.len(), "unique prompts");
    assert!(reqs
        .iter()
        .all(|q| q.body.get("prompt_cache_max_len").is_none()));
    assert!(reqs
        .iter()
        .all(|q| q.header("x-session-affinity").is_none()));

    let emu = Emulator::serving(Chat::tokens(3));
    let (r, v) = json_report(
        &emu,
        &[&base[..], &["--cache", "cold", "--affinity"]].concat(),
    );
    r.code(0);
    assert_eq!(v["config"]["cache"], "cold");
    let reqs = measured(&emu);
    assert!(
        reqs.iter().all(|q| q.body["prompt_cache_max_len"] == 0),
        "{:?}",
        reqs[0].body
    );
    let keys: Vec<(String, String)> = reqs
        .iter()
        .map(|q| {
            let path = if q.body["model"].as_str().unwrap().contains("/routers/") {
                "fast"
            } else {
                "standard"
            };
            (
                path.to_string(),
                q.header("x-session-affinity").unwrap().to_string(),
            )
        })
        .collect();
    for (path, key) in &keys {
        assert!(key.ends_with(&format!("-{path}")), "{keys:?}");
    }
    let distinct: std::collections::HashSet<&String> = keys.iter().map(|(_, k)| k).collect();
    assert_eq!(distinct.len(), 2, "one key per path: {keys:?}");

    let emu = Emulator::serving(Chat::tokens(3));
    let (r, v) = json_report(&emu, &[&base[..], &["--cache", "warm"]].concat());
    r.code(0);
    assert_eq!(v["config"]["cache_busting"], false);
    let prompts: std::collections::HashSet<String> = measured(&emu).iter().map(prompt).collect();
    assert_eq!(prompts.len(), 1, "one shared prompt");

    let r = bench(&emu)
        .args(base)
        .args(["--api", "messages", "--cache", "cold"])
        .run();
    r.code(2);
    assert!(r.stderr.contains("--api chat"), "{}", r.stderr);
    let r = bench(&emu)
        .args(base)
        .args(["--allow-cache", "--cache", "cold"])
        .run();
    r.code(2);
}

#[test]
fn compare_tells_no_clear_change_from_a_slower_server() {
    let dir = tempfile::tempdir().unwrap();
    let run = |tps: f64, name: &str| -> String {
        let emu = Emulator::serving(Chat::paced(40, Duration::from_millis(30), tps, 1));
        let file = dir.path().join(name).display().to_string();
        bench(&emu)
            .args([
                "--paths",
                "standard",
                "-n",
                "20",
                "-c",
                "4",
                "--max-tokens",
                "40",
            ])
            .args(["--records", &file])
            .run()
            .code(0);
        file
    };
    let base = run(100.0, "base.jsonl");
    let same = run(100.0, "same.jsonl");
    let slower = run(80.0, "slower.jsonl");
    let rule = "standard.decode_tps.p50 < -10%";

    // Two runs of one server differ by noise only; on a machine shared with other tests that
    // noise can reach a few percent, so the margin here is 5 % (the default is 1 %).
    let r = fw()
        .args([
            "bench",
            "compare",
            &base,
            &same,
            "--fail-if",
            rule,
            "--margin",
            "5",
        ])
        .run();
    r.code(0);
    let decode = r.stdout.lines().find(|l| l.contains("decode_tps")).unwrap();
    assert!(decode.ends_with("no clear change"), "{}", r.stdout);
    assert!(
        r.stdout.contains("ok    standard.decode_tps.p50 < -10%"),
        "{}",
        r.stdout
    );

    let r = fw()
        .args([
            "bench",
            "compare",
            &base,
            &slower,
            "--fail-if",
            rule,
            "--format",
            "json",
        ])
        .run();
    r.code(9);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let row = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["metric"] == "decode_tps")
        .unwrap();
    assert_eq!(row["verdict"], "slower", "{row}");
    let change = row["change_pct"].as_f64().unwrap();
    assert!((change + 20.0).abs() < 2.0, "{row}");
    assert_eq!(v["checks"][0]["failed"], true);

    let r = fw()
        .args(["bench", "compare", &base, &slower, "--format", "markdown"])
        .run();
    r.code(0);
    assert!(r.stdout.starts_with("| path | metric |"), "{}", r.stdout);
    assert!(r.stdout.contains("| slower |"), "{}", r.stdout);

    // A report is not records; a rule on a metric not compared is a usage error.
    let emu = Emulator::serving(Chat::tokens(3));
    let report = dir.path().join("report.json").display().to_string();
    bench(&emu)
        .args(["--paths", "standard", "-n", "2", "--json", &report])
        .run()
        .code(0);
    let r = fw().args(["bench", "compare", &report, &base]).run();
    r.code(2);
    assert!(r.stderr.contains("--records"), "{}", r.stderr);
    let r = fw()
        .args([
            "bench",
            "compare",
            &base,
            &same,
            "--fail-if",
            "fast.ttft.p50 > 5%",
        ])
        .run();
    r.code(2);
}

#[test]
fn max_concurrency_caps_an_open_loop() {
    // Each request takes about 200 ms; 50 arrivals a second would put about 10 in flight.
    let most_in_flight = |emu: &Emulator| {
        let sends = emu.sends();
        let mut edges: Vec<(std::time::Instant, i32)> = sends
            .iter()
            .flat_map(|s| [(s.arrival, 1), (s.last.unwrap_or(s.arrival), -1)])
            .collect();
        edges.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        let (mut now, mut most) = (0, 0);
        for (_, d) in edges {
            now += d;
            most = most.max(now);
        }
        most
    };
    let args = [
        "--paths",
        "standard",
        "-n",
        "8",
        "--warmup",
        "0",
        "--max-tokens",
        "3",
        "--rate",
        "50",
    ];
    let emu = Emulator::serving(Chat::paced(3, Duration::from_millis(200), 1000.0, 1));
    let (r, v) = json_report(&emu, &[&args[..], &["--max-concurrency", "2"]].concat());
    r.code(0);
    assert_eq!(v["config"]["load"]["max_concurrency"], 2);
    assert_eq!(path(&v, "standard")["requests"]["ok"], 8);
    assert!(most_in_flight(&emu) <= 2, "{}", most_in_flight(&emu));
    // Arrivals that waited for the cap were sent late, and say so.
    assert!(
        v["client"]["send_lag_ms"]["max"].as_f64().unwrap() > 100.0,
        "{}",
        v["client"]
    );

    let emu = Emulator::serving(Chat::paced(3, Duration::from_millis(200), 1000.0, 1));
    let (r, _) = json_report(&emu, &args);
    r.code(0);
    assert!(
        most_in_flight(&emu) > 2,
        "without a cap the open loop does not wait"
    );

    let r = bench(&emu).args(["--max-concurrency", "2"]).run();
    r.code(2);
}
