//! `fw bench --sweep` against the emulator: the emulator starts failing a path from its N-th
//! request, so with a known number of requests per step each path misses at a known step.
//! Steps, the stop rule, the 429 burst rule and the report's sweep section are checked on
//! counts, never on timings.

use std::time::Duration;

use serde_json::Value;

use crate::support::{fw_at, Chat, Emulator};

/// `fw bench` at the emulator, with room for a busy machine's scheduling lag.
fn bench(emu: &Emulator) -> crate::support::Fw {
    let mut f = fw_at(emu);
    f.args(["bench", "--max-client-lag", "1000"]);
    f
}

fn step_path<'a>(v: &'a Value, step: usize, name: &str) -> &'a Value {
    v["sweep"]["steps"][step]["paths"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no {name} at step {step}"))
}

#[test]
fn auto_ramps_until_every_path_misses_and_names_the_highest_rate_held() {
    // Per path: 1 smoke, 1 warm-up, then 4 per step. Fast is shed from its 10th request on
    // (step 2), standard rate-limited from its 14th (step 3).
    let emu = Emulator::serving(Chat {
        fail_from: vec![("fast", 10, 503), ("standard", 14, 429)],
        ..Chat::paced(5, Duration::from_millis(2), 2000.0, 1)
    });
    let r = bench(&emu)
        .args(["--paths", "standard,fast", "-n", "4", "--warmup", "1"])
        .args(["--max-tokens", "5", "--sweep", "auto", "--sweep-start", "8"])
        .args(["--sweep-factor", "2", "--json", "-"])
        .run();
    r.code(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sweep.json"), &r.stdout).unwrap();
    crate::bench::validate_schema(&dir.path().join("sweep.json"));
    let sw = &v["sweep"];
    assert_eq!(sw["mode"], "auto");
    assert_eq!(sw["ramp"]["start"], 8.0);
    assert_eq!(sw["steps"].as_array().unwrap().len(), 4, "{sw:#}");
    let rates: Vec<f64> = sw["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["rate_per_path"].as_f64().unwrap())
        .collect();
    assert_eq!(rates, [8.0, 16.0, 32.0, 64.0]);
    let fast2 = step_path(&v, 2, "fast");
    assert_eq!(
        (fast2["attempted"].as_u64(), fast2["shed_503"].as_u64()),
        (Some(4), Some(4))
    );
    assert_eq!(fast2["missed"], "availability");
    assert_eq!(step_path(&v, 1, "fast")["held"], true);
    assert_eq!(
        sw["steps"][3]["paths"].as_array().unwrap().len(),
        1,
        "fast left the ramp after its miss"
    );
    let std3 = step_path(&v, 3, "standard");
    assert_eq!(std3["rate_limited_429"], 4);
    assert_eq!(std3["missed"], "rate_limits");
    let end = |name: &str| {
        sw["paths"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(end("fast")["highest_held_rate"], 16.0);
    assert_eq!(end("fast")["missed_at_rate"], 32.0);
    assert_eq!(end("standard")["highest_held_rate"], 32.0);
    assert_eq!(sw["ended_by"], "paths_missed");
    assert_eq!(sw["ended_by_rate_limits"], false);
    // The run's totals are the sum of its steps; warm-up ran once.
    let total = |name: &str| {
        v["paths"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()["requests"]["attempted"]
            .clone()
    };
    assert_eq!((total("standard"), total("fast")), (16.into(), 12.into()));
    assert_eq!(emu.requests().len(), 2 + 2 + 16 + 12);
    assert_eq!(v["config"]["load"]["kind"], "open");
}

#[test]
fn a_burst_of_429s_ends_the_sweep_and_the_report_blames_rate_limits() {
    // Fast is rate-limited from its 7th request: the first request of step 1.
    let emu = Emulator::serving(Chat {
        fail_from: vec![("fast", 6, 429)],
        ..Chat::paced(5, Duration::from_millis(2), 2000.0, 1)
    });
    let r = bench(&emu)
        .args(["--paths", "standard,fast", "-n", "4", "--warmup", "1"])
        .args([
            "--max-tokens",
            "5",
            "--sweep",
            "10,20,40",
            "--sweep-burst",
            "2",
        ])
        .run();
    r.code(0);
    assert!(r.stdout.contains("sweep: fast"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("sweep ended: rate limits, not the serving path, ended the sweep"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("highest rate held: 10/s per path"),
        "{}",
        r.stdout
    );
    // Standard held what it sent of the cut step, but a step cut short raises no one's
    // highest rate.
    assert!(
        r.stdout
            .contains("highest rate held: 10/s per path\n\nsweep: fast"),
        "{}",
        r.stdout
    );
    // Step 2 never ran: at most step 1's four fast requests reached the emulator after step 0.
    let fast = emu
        .requests()
        .iter()
        .filter(|q| {
            q.body["model"]
                .as_str()
                .is_some_and(|m| m.contains("/routers/"))
        })
        .count();
    assert!((6 + 2..=6 + 4).contains(&fast), "{fast}");
}

#[test]
fn sweep_flags_are_checked_before_anything_is_sent() {
    let emu = Emulator::start();
    for (args, want) in [
        (&["--sweep", "4,2"][..], "the rates must increase"),
        (
            &["--sweep", "1,2", "--rate", "3"][..],
            "cannot be used with",
        ),
        (&["--sweep-factor", "2"][..], "--sweep"),
        (&["--sweep", "auto", "--sweep-factor", "1"][..], "above 1"),
        (&["--sweep", "auto", "-c", "2"][..], "cannot be used with"),
    ] {
        let r = bench(&emu).args(args).run();
        r.code(2);
        assert!(r.stderr.contains(want), "{args:?}: {}", r.stderr);
    }
    assert!(emu.requests().is_empty());
}

#[test]
fn every_step_reuses_or_reopens_connections_without_failing() {
    // Replies overlap (100 ms each at up to 80 requests/s), so each shard keeps several idle
    // connections when a step ends and its runtime with it; the next step must not send on them.
    let emu = Emulator::serving(Chat::paced(5, Duration::from_millis(100), 1000.0, 1));
    let r = bench(&emu)
        .args(["-n", "16", "--warmup", "2", "--max-tokens", "5"])
        .args(["--sweep", "40,60,80", "--min-samples", "1", "--json", "-"])
        .run();
    r.code(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    for step in 0..3 {
        for path in ["standard", "priority", "fast"] {
            let p = step_path(&v, step, path);
            let counts = (p["attempted"].as_u64(), p["ok"].as_u64());
            assert_eq!(counts, (Some(16), Some(16)), "step {step}, {path}: {p:#}");
        }
    }
    // Per path, smoke and warm-up, then 3 steps of 16: nothing resent, nothing lost.
    assert_eq!(emu.requests().len(), 3 * (1 + 2 + 48));
}

#[test]
fn connections_opened_before_the_first_step_serve_every_step() {
    // One request in flight at a time: a shard never needs more than one connection, and the
    // shards' runtimes (so their connections) last the whole command, so smoke and warm-up
    // open every connection the sweep uses and no step's TTFT holds a connect.
    let emu = Emulator::serving(Chat::paced(5, Duration::from_millis(2), 2000.0, 1));
    let r = bench(&emu)
        .args([
            "--paths",
            "standard",
            "-n",
            "8",
            "--warmup",
            "2",
            "--max-tokens",
            "5",
        ])
        .args(["--sweep", "10,20,40", "--max-concurrency", "1"])
        .args(["--min-samples", "1", "--json", "-"])
        .run();
    r.code(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    for step in 0..3 {
        assert_eq!(step_path(&v, step, "standard")["ok"], 8, "step {step}");
    }
    let shards = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
    let c = &v["client"]["connections"];
    assert!(
        c["opened"].as_u64().unwrap() <= shards,
        "{shards} shards: {c}"
    );
    assert_eq!(c["during_measurement"], 0, "{c}");
}
