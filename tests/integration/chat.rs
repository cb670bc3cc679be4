//! What only `fw chat` does, against the emulator: `-o` body fields, the 4096-token rule for
//! `--no-stream`, usage on the finish chunk, Fireworks' headers under `-v`, and OpenAI refusals.
//! What chat shares with `fw messages` is tested for both in surfaces.rs.

use serde_json::{json, Value};

use crate::support::{emulator, fw_at, Chat, Emulator, Reply, UsageAt};

/// `-o` adds any body field, merged after the flags; the flags themselves are checked for both
/// surfaces in surfaces.rs.
#[test]
fn options_are_merged_last_into_the_body() {
    let emu = Emulator::start();
    fw_at(&emu)
        .args([
            "chat",
            "--temperature",
            "0.5",
            "-o",
            "seed=7",
            "-o",
            "user=bob",
            "-o",
            "temperature=0.1",
            "next",
        ])
        .run()
        .code(0);
    let b = emu.only_body();
    assert_eq!(b["temperature"], 0.1, "-o is merged last");
    assert_eq!(b["seed"], 7);
    assert_eq!(b["user"], "bob");
}

#[test]
fn no_stream_and_the_4096_rule() {
    let emu = Emulator::start();
    let r = fw_at(&emu).args(["chat", "--no-stream", "x"]).run();
    r.code(0);
    assert_eq!(r.stdout, "Hello from the emulator.\n");
    fw_at(&emu)
        .args(["chat", "--no-stream", "--max-tokens", "5000", "x"])
        .run()
        .code(0);
    let reqs = emu.requests();
    assert_eq!(reqs[0].body["stream"], false);
    assert!(reqs[0].body.get("stream_options").is_none());
    assert_eq!(
        reqs[1].body["stream"], true,
        "over 4096 tokens a stream is sent instead"
    );
    assert_eq!(reqs[1].body["stream_options"]["include_usage"], true);
}

#[test]
fn usage_on_the_finish_chunk_or_nowhere() {
    let emu = Emulator::serving(Chat {
        usage: UsageAt::FinishChunk,
        ..Chat::tokens(3)
    });
    let r = fw_at(&emu).args(["chat", "--json", "x"]).run();
    let v: Value = serde_json::from_str(&r.code(0).stdout).unwrap();
    assert_eq!(v["usage"]["completion_tokens"], 3);
    emu.set_default(Chat {
        usage: UsageAt::Nowhere,
        ..Chat::tokens(3)
    });
    let r = fw_at(&emu).args(["chat", "--json", "--stats", "x"]).run();
    let v: Value = serde_json::from_str(&r.code(0).stdout).unwrap();
    assert!(
        v["usage"].is_null(),
        "usage never sent is unknown, not estimated"
    );
    assert!(v["timing"]["decode_tokens_per_sec"].is_null());
    assert!(r.stderr.contains("tokens: ? in, ? out"), "{}", r.stderr);
}

#[test]
fn verbose_shows_status_and_fireworks_headers() {
    let emu = Emulator::serving(Chat {
        headers: vec![
            ("x-ratelimit-limit-tokens-generated".into(), "600".into()),
            ("server".into(), "not-shown".into()),
        ],
        ..Chat::default()
    });
    let r = fw_at(&emu).args(["-v", "chat", "x"]).run();
    r.code(0);
    assert!(r.stderr.contains("< HTTP 200 OK"), "{}", r.stderr);
    assert!(r.stderr.contains("< x-request-id: req-emu1"));
    assert!(r.stderr.contains("< fireworks-prompt-tokens: 12"));
    assert!(r
        .stderr
        .contains("< x-ratelimit-limit-tokens-generated: 600"));
    assert!(!r.stderr.contains("not-shown"));
    assert!(!r.stderr.contains(emulator::KEY));
}

/// A chat completions stream of these chunks, then `[DONE]`.
fn chunks(list: &[Value]) -> String {
    let mut s: String = list.iter().map(|c| format!("data: {c}\n\n")).collect();
    s.push_str("data: [DONE]\n\n");
    s
}

#[test]
fn refusals_are_shown_apart_from_the_answer() {
    let delta = |d: Value, finish: Value| {
        json!({"id": "chatcmpl-r", "object": "chat.completion.chunk", "model": emulator::MODEL,
               "choices": [{"index": 0, "delta": d, "finish_reason": finish}]})
    };
    let stream = chunks(&[
        delta(
            json!({"role": "assistant", "content": null, "refusal": "I can"}),
            json!(null),
        ),
        delta(json!({"refusal": "'t help with that."}), json!(null)),
        delta(json!({}), json!("stop")),
    ]);
    let emu = Emulator::start();
    emu.script([
        Reply::sse(&stream),
        Reply::sse(&stream),
        Reply::sse(&stream),
    ]);
    let r = fw_at(&emu).args(["chat", "x"]).run();
    assert_eq!(r.code(0).stdout, "");
    assert_eq!(r.stderr, "refusal: I can't help with that.\n");

    let r = fw_at(&emu).args(["chat", "--json", "x"]).run();
    let v: Value = serde_json::from_str(&r.code(0).stdout).unwrap();
    assert_eq!(v["refusal"], "I can't help with that.");
    assert_eq!(v["content"], "");
    assert!(
        v["timing"]["ttft_ms"].is_number(),
        "a refusal is timed like an answer"
    );

    let r = fw_at(&emu).args(["chat", "--jsonl", "x"]).run();
    let lines: Vec<Value> = r
        .code(0)
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0], json!({"type": "refusal", "text": "I can"}));
    assert_eq!(
        lines[1],
        json!({"type": "refusal", "text": "'t help with that."})
    );
    assert_eq!(lines[2]["type"], "summary");
    assert_eq!(lines[2]["refusal"], "I can't help with that.");

    // Whole, without a stream.
    let body = json!({"id": "chatcmpl-w", "object": "chat.completion", "model": emulator::MODEL,
                      "choices": [{"index": 0, "finish_reason": "stop",
                                   "message": {"role": "assistant", "content": null,
                                               "refusal": "No."}}]});
    emu.script([Reply::Status {
        status: 200,
        body: body.to_string(),
        headers: Vec::new(),
    }]);
    let r = fw_at(&emu).args(["chat", "--no-stream", "x"]).run();
    assert_eq!(r.code(0).stderr, "refusal: No.\n");
    assert_eq!(r.stdout, "");
}
