//! Keeps the emulator honest: its raw replies and every stream chunk or event must pass strict
//! validation against the official openai and anthropic Python SDKs' types
//! (tests/ref/validate_openai.py and validate_anthropic.py, which also pass against the real
//! llama.cpp server).

use serde_json::json;

use crate::support::{emulator, fw_at, llama, Chat, Emulator, UsageAt};

fn validate(base: &str, key: &str, model: &str, extra: &[&str]) {
    run_validator("validate_openai.py", base, key, model, extra);
}

fn run_validator(script: &str, base: &str, key: &str, model: &str, extra: &[&str]) {
    let out = std::process::Command::new(llama::python())
        .arg(llama::ref_script(script))
        .args([base, key, model])
        .args(extra)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    assert!(text.contains(" passed, 0 failed"), "{text}");
}

#[test]
fn emulator_passes_strict_openai_types() {
    let emu = Emulator::start();
    validate(&emu.base_url(), emulator::KEY, emulator::MODEL, &[]);
    emu.set_default(Chat {
        usage: UsageAt::FinishChunk,
        ..Chat::default()
    });
    validate(&emu.base_url(), emulator::KEY, emulator::MODEL, &[]);
    emu.set_default(Chat {
        reasoning: vec!["let me think".into()],
        ..Chat::default()
    });
    validate(
        &emu.base_url(),
        emulator::KEY,
        emulator::MODEL,
        &["--expect-reasoning"],
    );
}

#[test]
fn validator_passes_against_the_real_server() {
    let srv = llama::server();
    validate(&srv.base_url(), llama::KEY, llama::MODEL, &[]);
}

#[test]
fn validator_catches_a_broken_server() {
    // The check can fail: a stream without [DONE] is rejected.
    let emu = Emulator::serving(Chat {
        done: false,
        ..Chat::default()
    });
    let out = std::process::Command::new(llama::python())
        .arg(llama::ref_script("validate_openai.py"))
        .args([&emu.base_url(), emulator::KEY, emulator::MODEL])
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
fn emulator_passes_strict_anthropic_types() {
    let emu = Emulator::start();
    run_validator(
        "validate_anthropic.py",
        &emu.base_url(),
        emulator::KEY,
        emulator::MODEL,
        &[],
    );
    emu.set_default(Chat {
        reasoning: vec!["let me think".into()],
        cached_tokens: 3,
        ..Chat::default()
    });
    run_validator(
        "validate_anthropic.py",
        &emu.base_url(),
        emulator::KEY,
        emulator::MODEL,
        &[],
    );
}

#[test]
fn anthropic_validator_passes_against_the_real_server() {
    let srv = llama::server();
    run_validator(
        "validate_anthropic.py",
        &srv.base_url(),
        llama::KEY,
        llama::MODEL,
        &[],
    );
}

#[test]
fn emulator_refuses_what_the_sdk_types_refuse() {
    // Content parts and response_format are checked, so a test passing means fw sent them right.
    let emu = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.json");
    std::fs::write(
        &m,
        json!([{"role": "user", "content": [{"type": "image_url", "image_url": "x.png"}]}])
            .to_string(),
    )
    .unwrap();
    let r = fw_at(&emu).args(["chat", "--messages"]).arg(&m).run();
    r.code(2);
    assert!(
        r.stderr.contains("image_url must be an object"),
        "{}",
        r.stderr
    );
    let r = fw_at(&emu)
        .args([
            "chat",
            "-o",
            "response_format={\"type\":\"json_schema\",\"json_schema\":{}}",
            "x",
        ])
        .run();
    r.code(2);
    assert!(r.stderr.contains("json_schema.name"), "{}", r.stderr);
}

/// The bodies fw sends with attachments and structured output, as the official SDKs' request
/// types take them (tests/ref/validate_request.py), on both surfaces.
#[test]
fn requests_fw_sends_pass_the_sdk_request_types() {
    let dir = tempfile::tempdir().unwrap();
    let img = dir.path().join("a.png");
    std::fs::write(&img, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let notes = dir.path().join("n.txt");
    std::fs::write(&notes, "some notes").unwrap();
    let grammar = dir.path().join("g.gbnf");
    std::fs::write(&grammar, "root ::= \"a\"").unwrap();
    for (cmd, sdk) in [("chat", "openai"), ("messages", "anthropic")] {
        let emu = Emulator::start();
        let img = img.to_str().unwrap();
        let notes = notes.to_str().unwrap();
        let runs: Vec<Vec<&str>> = vec![
            vec![
                "--schema",
                "name str, tags [str]",
                "-a",
                img,
                "-a",
                notes,
                "x",
            ],
            vec![
                "--json-object",
                "-s",
                "sys",
                "-a",
                "https://example.com/c.png",
                "x",
            ],
            vec![
                "--schema",
                "n int",
                "--schema-multi",
                "--reasoning-effort",
                "low",
                "x",
            ],
        ];
        for args in runs {
            fw_at(&emu).arg(cmd).args(args).run().code(0);
        }
        if cmd == "chat" {
            fw_at(&emu)
                .args(["chat", "--grammar", grammar.to_str().unwrap(), "x"])
                .run()
                .code(0);
        }
        let bodies: String = emu
            .requests()
            .iter()
            .map(|r| format!("{}\n", r.body))
            .collect();
        let mut child = std::process::Command::new(llama::python())
            .arg(llama::ref_script("validate_request.py"))
            .arg(sdk)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(bodies.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{cmd}: {text}");
        let n = emu.requests().len();
        assert!(text.contains(&format!("{n} passed, 0 failed")), "{text}");
    }
}
