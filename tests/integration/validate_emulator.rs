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
