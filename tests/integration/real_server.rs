//! `fw chat` and `fw messages` against a real, independent server: llama.cpp's own HTTP server with the real
//! gemma-3-270m model, under /inference with an API key. The model is a base model that rarely
//! stops, and `ignore_eos` makes it produce exactly max_tokens tokens, so usage is checkable.

use serde_json::Value;

use crate::support::{fw, llama};

fn at_llama() -> crate::support::Fw {
    on_llama("chat")
}

fn on_llama(command: &str) -> crate::support::Fw {
    let srv = llama::server();
    let mut f = fw();
    f.env("FIREWORKS_API_KEY", llama::KEY)
        .env("FIREWORKS_BASE_URL", &srv.base_url())
        .args([command, "-m", llama::MODEL]);
    f
}

fn json_of(r: &crate::support::Run) -> Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}

#[test]
fn streaming_usage_matches_max_tokens() {
    let r = at_llama()
        .args([
            "--json",
            "--max-tokens",
            "16",
            "-o",
            "ignore_eos=true",
            "Write a haiku about the sea.",
        ])
        .run();
    r.code(0);
    let v = json_of(&r);
    assert_eq!(v["usage"]["completion_tokens"], 16);
    assert_eq!(v["finish_reason"], "length");
    assert!(!v["content"].as_str().unwrap().is_empty());
    assert!(v["timing"]["ttft_ms"].as_f64().unwrap() > 0.0);
    assert!(v["timing"]["decode_tokens_per_sec"].as_f64().unwrap() > 0.0);
}

#[test]
fn non_streaming_usage_matches_max_tokens() {
    let r = at_llama()
        .args([
            "--no-stream",
            "--json",
            "--max-tokens",
            "12",
            "-o",
            "ignore_eos=true",
            "Hello",
        ])
        .run();
    r.code(0);
    let v = json_of(&r);
    assert_eq!(v["usage"]["completion_tokens"], 12);
    assert!(
        v["timing"]["ttft_ms"].is_null(),
        "no token times without a stream"
    );
}

#[test]
fn text_stream_and_stats() {
    let r = at_llama()
        .args([
            "--stats",
            "--max-tokens",
            "8",
            "-o",
            "ignore_eos=true",
            "--tier",
            "priority",
            "Hi",
        ])
        .run();
    r.code(0);
    assert!(!r.stdout.trim().is_empty());
    assert!(
        r.stderr.contains("tokens: ") && r.stderr.contains(" in, 8 out"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("path priority"), "{}", r.stderr);
}

#[test]
fn wrong_key_is_an_auth_error() {
    let r = at_llama()
        .env("FIREWORKS_API_KEY", "not-the-key")
        .args(["Hi"])
        .run();
    r.code(3);
    assert!(r.stderr.contains("HTTP 401"), "{}", r.stderr);
}

#[test]
fn invalid_request_is_a_usage_error() {
    let r = at_llama()
        .args(["-o", "messages=\"not an array\"", "Hi"])
        .run();
    r.code(2);
    assert!(r.stderr.contains("HTTP 400"), "{}", r.stderr);
}

#[test]
fn messages_streaming_usage_matches_max_tokens() {
    let r = on_llama("messages")
        .args([
            "--json",
            "--max-tokens",
            "16",
            "-o",
            "ignore_eos=true",
            "Write a haiku about the sea.",
        ])
        .run();
    r.code(0);
    let v = json_of(&r);
    assert_eq!(v["type"], "message");
    assert_eq!(v["usage"]["output_tokens"], 16);
    assert!(v["usage"]["input_tokens"].as_u64().unwrap() > 0);
    assert_eq!(v["stop_reason"], "max_tokens");
    assert!(!v["content"][0]["text"].as_str().unwrap().is_empty());
    assert!(v["timing"]["ttft_ms"].as_f64().unwrap() > 0.0);
}

#[test]
fn messages_non_streaming_usage_matches_max_tokens() {
    let r = on_llama("messages")
        .args([
            "--no-stream",
            "--jsonl",
            "--max-tokens",
            "12",
            "-o",
            "ignore_eos=true",
            "Hello",
        ])
        .run();
    r.code(0);
    let last: Value = serde_json::from_str(r.stdout.lines().last().unwrap()).unwrap();
    assert_eq!(last["usage"]["completion_tokens"], 12);
    assert!(last["usage"]["prompt_tokens"].as_u64().unwrap() > 0);
}

#[test]
fn messages_text_with_system_and_priority() {
    let r = on_llama("messages")
        .args([
            "-s",
            "You are terse.",
            "--tier",
            "priority",
            "--max-tokens",
            "8",
            "--stats",
            "Hi",
        ])
        .run();
    r.code(0);
    assert!(!r.stdout.trim().is_empty());
    assert!(r.stderr.contains("path priority"), "{}", r.stderr);
}

#[test]
fn schema_answer_from_a_real_structured_output_server() {
    // llama.cpp turns response_format's JSON schema into a grammar, so even this small base
    // model answers in shape; fw checks it and prints one compact line.
    let r = at_llama()
        .args([
            "--temperature",
            "0",
            "--max-tokens",
            "48",
            "--schema",
            "answer bool, count int",
            "Is the sea wet?",
        ])
        .run();
    r.code(0);
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(v["answer"].is_boolean(), "{v}");
    assert!(v["count"].is_i64(), "{v}");
    assert_eq!(v.as_object().unwrap().len(), 2, "{v}");
}
