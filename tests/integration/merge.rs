//! `fw bench merge`: records from several runs combine into one report whose totals are the
//! sum of its inputs', in bench's own formats and with its thresholds; `compare` reads what
//! merge writes; anything that is not a records file is a usage error.

use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use crate::support::{fw, fw_at, Chat, Emulator};

/// One run on its own emulator, its records and report written to `dir`.
fn run(dir: &Path, name: &str, shed: Vec<(&'static str, f64)>, n: &str) -> Value {
    let emu = Emulator::serving(Chat {
        shed,
        ..Chat::paced(6, Duration::from_millis(2), 2000.0, 1)
    });
    let json = dir.join(format!("{name}.json"));
    fw_at(&emu)
        .args([
            "bench",
            "--max-client-lag",
            "1000",
            "--paths",
            "standard,fast",
        ])
        .args(["--warmup", "1", "--max-tokens", "6", "-n", n])
        .arg("--records")
        .arg(dir.join(format!("{name}.jsonl")))
        .arg("--json")
        .arg(&json)
        .run()
        .code(0);
    serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap()
}

fn counts(v: &Value, path: &str) -> [u64; 3] {
    let p = v["paths"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == path)
        .unwrap();
    let c = &p["requests"];
    ["attempted", "ok", "shed_503"].map(|k| c[k].as_u64().unwrap())
}

#[test]
fn merged_totals_are_the_sum_of_the_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let a = run(d, "a", vec![("standard", 0.5)], "6");
    let b = run(d, "b", vec![("fast", 0.25)], "4");
    let r = fw()
        .current_dir(d)
        .args(["bench", "merge", "a.jsonl", "b.jsonl", "--json", "m.json"])
        .args(["--records", "m.jsonl", "--csv", "m.csv", "--html", "m.html"])
        .run();
    r.code(0);
    assert!(
        r.stdout.starts_with("fw bench merge  a.jsonl  b.jsonl"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("client: merged runs"), "{}", r.stdout);
    let m: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("m.json")).unwrap()).unwrap();
    for path in ["standard", "fast"] {
        let (ca, cb) = (counts(&a, path), counts(&b, path));
        let sum = [ca[0] + cb[0], ca[1] + cb[1], ca[2] + cb[2]];
        assert_eq!(counts(&m, path), sum, "{path}");
    }
    assert_eq!(counts(&m, "standard")[0], 10);
    assert!(m["client"].is_null());
    assert_eq!(m["config"]["kind"], "merge");
    assert_eq!(m["config"]["inputs"][1]["file"], "b.jsonl");
    crate::bench::validate_schema(&d.join("m.json"));
    let lines = |f: &str| std::fs::read_to_string(d.join(f)).unwrap().lines().count();
    assert_eq!(lines("m.jsonl"), lines("a.jsonl") + lines("b.jsonl"));
    assert_eq!(lines("m.csv"), 3, "a header and two paths");
    assert!(std::fs::read_to_string(d.join("m.html"))
        .unwrap()
        .contains("<svg class=\"chart\""));
    // compare reads what merge writes.
    fw().current_dir(d)
        .args(["bench", "compare", "a.jsonl", "m.jsonl"])
        .run()
        .code(0);
    // The merged run's thresholds decide the exit code, as a run's do.
    let r = fw()
        .current_dir(d)
        .args(["bench", "merge", "a.jsonl", "b.jsonl", "--min-samples", "1"])
        .args(["--assert", "standard.availability>=0.99"])
        .run();
    r.code(9);
    assert!(
        r.stdout.contains("FAIL  standard.availability>=0.99"),
        "{}",
        r.stdout
    );
}

#[test]
fn merge_takes_records_only() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("report.json"), "{\"schema_version\": 1}\n").unwrap();
    std::fs::write(d.join("junk.jsonl"), "{\"path\": \"fast\"}\n").unwrap();
    for (file, want) in [
        ("report.json", "is a bench report, not its records"),
        ("junk.jsonl", "junk.jsonl line 1: not a bench record"),
        ("missing.jsonl", "cannot read missing.jsonl"),
    ] {
        let r = fw().current_dir(d).args(["bench", "merge", file]).run();
        r.code(2);
        assert!(r.stderr.contains(want), "{file}: {}", r.stderr);
        assert!(r.stderr.contains("fw bench --records FILE"), "{}", r.stderr);
    }
    fw().args(["bench", "merge"]).run().code(2);
}
