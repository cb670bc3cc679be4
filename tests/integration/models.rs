//! `fw models` against the emulator's control plane and OpenAI-style list: paging, failures,
//! filters, both list shapes, the output formats (snapshotted) and the full view.

use serde_json::{json, Value};

use crate::support::{fw, fw_at, llama, Emulator, Reply};

fn page(models: Value, next: Option<&str>) -> Reply {
    let mut body = json!({ "models": models });
    if let Some(t) = next {
        body["nextPageToken"] = json!(t);
    }
    Reply::Status {
        status: 200,
        body: body.to_string(),
        headers: vec![],
    }
}

fn model(name: &str, ctx: u64) -> Value {
    json!({"name": format!("accounts/fireworks/models/{name}"), "contextLength": ctx,
           "supportsServerless": true})
}

/// fw models pointed at the emulator for both the control plane and inference.
fn models_at(emu: &Emulator) -> crate::support::Fw {
    let mut f = fw_at(emu);
    f.env("FIREWORKS_CONTROL_URL", &format!("http://{}", emu.addr))
        .arg("models");
    f
}

fn three_pages(emu: &Emulator) {
    emu.script([
        page(
            json!([model("kimi-k2p6", 262144), model("deepseek-v4-pro", 163840)]),
            Some("t2"),
        ),
        page(json!([]), Some("t3")),
        page(
            json!([
                model("gpt-oss-20b", 131072),
                {"name": "accounts/fireworks/models/old-one", "contextLength": "32768",
                 "deprecationDate": {"year": 2026, "month": 12, "day": 1}},
            ]),
            None,
        ),
    ]);
}

#[test]
fn follows_every_page_and_pipes_tsv() {
    let emu = Emulator::start();
    three_pages(&emu);
    let r = models_at(&emu).run();
    r.code(0);
    insta::assert_snapshot!("models_tsv", r.stdout);
    let reqs = emu.requests();
    assert_eq!(reqs.len(), 3);
    assert!(reqs
        .iter()
        .all(|q| q.method == "GET" && q.path == "/v1/accounts/fireworks/models"));
    assert_eq!(
        reqs[0].query,
        "filter=supports_serverless%3Dtrue&pageSize=200"
    );
    assert_eq!(
        reqs[1].query,
        "filter=supports_serverless%3Dtrue&pageSize=200&pageToken=t2"
    );
    assert_eq!(
        reqs[2].query,
        "filter=supports_serverless%3Dtrue&pageSize=200&pageToken=t3"
    );
    assert_eq!(
        reqs[0].header("authorization"),
        Some(&*format!("Bearer {}", crate::support::emulator::KEY))
    );
}

#[test]
fn aligned_table() {
    let emu = Emulator::start();
    three_pages(&emu);
    let r = models_at(&emu).args(["--format", "table"]).run();
    r.code(0);
    insta::assert_snapshot!("models_table", r.stdout);
}

#[test]
fn table_on_a_terminal_by_default() {
    let emu = Emulator::start();
    three_pages(&emu);
    let r = models_at(&emu).run_in_pty();
    r.code(0);
    assert!(r.stdout.starts_with("NAME "), "{}", r.stdout);
    assert!(r.stdout.contains("deprecated 2026-12-01"));
}

#[test]
fn json_schema() {
    let emu = Emulator::start();
    three_pages(&emu);
    let r = models_at(&emu).arg("--json").run();
    r.code(0);
    let v: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v.len(), 7, "4 listed + 3 catalogue routers not listed");
    assert_eq!(
        v[0],
        json!({
            "name": "kimi-k2p6",
            "model": "accounts/fireworks/models/kimi-k2p6",
            "display_name": null,
            "context_length": 262144,
            "priority": "yes",
            "fast_router": "accounts/fireworks/routers/kimi-k2p6-fast",
            "listed": true,
            "deprecation_date": null,
            "supports_tools": null,
            "supports_image_input": null,
        })
    );
    let old = v.iter().find(|m| m["name"] == "old-one").unwrap();
    assert_eq!(old["deprecation_date"], "2026-12-01");
    assert_eq!(old["context_length"], 32768);
    assert_eq!(old["priority"], "unknown");
    let glm = v.iter().find(|m| m["name"] == "glm-5p1").unwrap();
    assert_eq!(glm["listed"], false);
    assert_eq!(
        glm["fast_router"],
        "accounts/fireworks/routers/glm-5p1-fast"
    );
}

#[test]
fn filters() {
    let emu = Emulator::start();
    let names = |args: &[&str]| -> Vec<String> {
        three_pages(&emu);
        let r = models_at(&emu).args(args).arg("--json").run();
        r.code(0);
        let v: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
        v.iter()
            .map(|m| m["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(&["GPT"]), ["gpt-oss-20b"]);
    assert_eq!(
        names(&["--fast"]),
        ["kimi-k2p6", "glm-5p1", "glm-5p2", "kimi-k3"]
    );
    assert_eq!(
        names(&["--priority"]),
        [
            "kimi-k2p6",
            "deepseek-v4-pro",
            "glm-5p1",
            "glm-5p2",
            "kimi-k3"
        ]
    );
    assert_eq!(
        names(&["--fast", "--priority", "glm"]),
        ["glm-5p1", "glm-5p2"]
    );
    assert_eq!(
        names(&["routers/kimi"]),
        ["kimi-k2p6", "kimi-k3"],
        "router IDs match too"
    );
}

#[test]
fn one_model_in_full() {
    let emu = Emulator::start();
    three_pages(&emu);
    let r = models_at(&emu).arg("kimi-k2p6").run();
    r.code(0);
    insta::assert_snapshot!("models_detail", r.stdout);

    three_pages(&emu);
    let r = models_at(&emu)
        .args(["accounts/fireworks/routers/kimi-k2p6-fast", "--json"])
        .run();
    r.code(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["model"], "accounts/fireworks/models/kimi-k2p6");
    assert_eq!(
        v["paths"],
        json!([
            {"name": "standard", "offered": "yes", "model": "accounts/fireworks/models/kimi-k2p6", "service_tier": null},
            {"name": "priority", "offered": "yes", "model": "accounts/fireworks/models/kimi-k2p6", "service_tier": "priority"},
            {"name": "fast", "offered": "yes", "model": "accounts/fireworks/routers/kimi-k2p6-fast", "service_tier": null},
        ])
    );

    three_pages(&emu);
    let r = models_at(&emu).arg("gpt-oss-20b").run();
    r.code(0);
    assert!(r.stdout.contains("priority    no       -"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("fast        no       - (no Fast router in the catalogue)"),
        "{}",
        r.stdout
    );
}

#[test]
fn nothing_matches_is_not_found() {
    let emu = Emulator::start();
    three_pages(&emu);
    let r = models_at(&emu).arg("no-such-model").run();
    r.code(4);
    assert!(
        r.stderr.contains("no model matches \"no-such-model\""),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");
}

#[test]
fn a_failing_later_page_is_an_error_not_a_short_list() {
    let emu = Emulator::start();
    emu.script([
        page(json!([model("kimi-k2p6", 1)]), Some("t2")),
        Reply::status(500, r#"{"error":{"message":"backend exploded"}}"#),
    ]);
    let r = models_at(&emu).run();
    r.code(7);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.contains("failed on page 2, so it is incomplete"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("backend exploded"), "{}", r.stderr);
    assert_eq!(emu.requests().len(), 2, "no fallback after a partial list");

    emu.script([
        page(json!([model("kimi-k2p6", 1)]), Some("t2")),
        Reply::status(429, r#"{"error":{"message":"slow down"}}"#),
    ]);
    models_at(&emu).run().code(5);

    emu.script([
        page(json!([model("a", 1)]), Some("same")),
        page(json!([model("b", 1)]), Some("same")),
    ]);
    let r = models_at(&emu).run();
    r.code(7);
    assert!(r.stderr.contains("looping"), "{}", r.stderr);
}

#[test]
fn first_page_failure_falls_back_to_the_openai_list() {
    let emu = Emulator::start();
    emu.script([Reply::status(
        503,
        r#"{"error":{"message":"control plane down"}}"#,
    )]);
    let r = models_at(&emu).arg("--json").run();
    r.code(0);
    assert!(
        r.stderr
            .contains("warning: the control plane's model list failed"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("falling back to"), "{}", r.stderr);
    let v: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v[0]["model"], crate::support::emulator::MODEL);
    assert_eq!(v[0]["context_length"], 8192);
    let reqs = emu.requests();
    assert_eq!(reqs[1].path, "/inference/v1/models");

    // Asked for the control plane alone, there is no fallback.
    emu.script([Reply::status(
        503,
        r#"{"error":{"message":"control plane down"}}"#,
    )]);
    models_at(&emu).args(["--source", "control"]).run().code(6);
    // Both failing: the control plane's error, after a warning about the fallback.
    emu.script([
        Reply::status(502, "bad gateway"),
        Reply::status(500, "also down"),
    ]);
    let r = models_at(&emu).run();
    r.code(7);
    assert!(r.stderr.contains("the fallback failed too"), "{}", r.stderr);
}

#[test]
fn auth_errors_do_not_fall_back() {
    let emu = Emulator::start();
    emu.script([Reply::status(
        401,
        r#"{"error":{"message":"Invalid API key"}}"#,
    )]);
    let r = models_at(&emu).run();
    r.code(3);
    assert_eq!(emu.requests().len(), 1);
    let r = fw().args(["models"]).run();
    r.code(3);
    assert!(
        r.stderr.contains("no Fireworks API key found"),
        "{}",
        r.stderr
    );
}

#[test]
fn openai_source_and_other_accounts() {
    let emu = Emulator::start();
    let r = models_at(&emu).args(["--source", "openai", "--json"]).run();
    r.code(0);
    let v: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v[0]["name"], "emulated");
    let r = models_at(&emu)
        .args(["--account", "my-team", "--source", "control"])
        .run();
    r.code(0);
    let reqs = emu.requests();
    assert_eq!(reqs[0].path, "/inference/v1/models");
    assert_eq!(reqs[1].path, "/v1/accounts/my-team/models");
}

#[test]
fn malformed_list_is_a_server_error() {
    let emu = Emulator::start();
    emu.script([Reply::status(200, r#"{"models": {"not": "a list"}}"#)]);
    let r = models_at(&emu).args(["--source", "control"]).run();
    r.code(7);
    assert!(
        r.stderr.contains("malformed model list page"),
        "{}",
        r.stderr
    );
}

#[test]
fn real_server_lists_its_model() {
    let srv = llama::server();
    let r = fw()
        .env("FIREWORKS_API_KEY", llama::KEY)
        .env("FIREWORKS_BASE_URL", &srv.base_url())
        .args(["models", "--source", "openai"])
        .run();
    r.code(0);
    let mut lines = r.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("name\tmodel\tcontext_length\tpriority\tfast_router\tlisted\tdeprecation_date")
    );
    let row: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(row[0], "gemma-3-270m");
    assert_eq!(row[1], llama::MODEL);
    assert_eq!(row[5], "yes");
}
