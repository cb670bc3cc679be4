//! `fw chat` against the emulator: request bodies, prompt sources, output modes.

use serde_json::{json, Value};

use crate::support::{emulator, fw_at, Chat, Emulator, Reply, UsageAt};

#[test]
fn fast_router_added_in_two_config_lines() {
    let emu = Emulator::start();
    let mut f = fw_at(&emu);
    f.config("[models.kimi-k3p5]\nfast = \"accounts/fireworks/routers/kimi-k3p5-fast\"\n");
    f.args(["chat", "-m", "kimi-k3p5", "--fast", "x"])
        .run()
        .code(0);
    assert_eq!(
        emu.only_body()["model"],
        "accounts/fireworks/routers/kimi-k3p5-fast"
    );
}

#[test]
fn priority_on_unlisted_model_warns_and_still_sends() {
    let emu = Emulator::start();
    let r = fw_at(&emu)
        .args(["chat", "-m", "gpt-oss-20b", "--tier", "priority", "x"])
        .run();
    r.code(0);
    assert!(
        r.stderr
            .contains("warning: the serving-path catalogue does not list Priority"),
        "{}",
        r.stderr
    );
    assert_eq!(emu.only_body()["service_tier"], "priority");
}

#[test]
fn stdin_follows_the_prompt_words() {
    let emu = Emulator::start();
    fw_at(&emu)
        .args(["chat", "summarize:"])
        .stdin("the text\n")
        .run()
        .code(0);
    fw_at(&emu).args(["chat"]).stdin("only stdin").run().code(0);
    fw_at(&emu).args(["chat", "-"]).stdin("dash").run().code(0);
    let reqs = emu.requests();
    let content = |i: usize| reqs[i].body["messages"][0]["content"].clone();
    assert_eq!(content(0), "summarize:\n\nthe text\n");
    assert_eq!(content(1), "only stdin");
    assert_eq!(content(2), "dash");
}

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
fn messages_from_stdin() {
    let emu = Emulator::start();
    fw_at(&emu)
        .args(["chat", "--messages", "-"])
        .stdin(r#"[{"role":"user","content":"from stdin"}]"#)
        .run()
        .code(0);
    assert_eq!(
        emu.only_body()["messages"],
        json!([{"role": "user", "content": "from stdin"}])
    );
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
fn prices_come_from_the_catalogue_and_the_config_file() {
    let emu = Emulator::start();
    let mut f = fw_at(&emu);
    f.config("[models.kimi-k2p6]\nprice = { input = 1000000, output = 2000000 }\n");
    let r = f.args(["chat", "--json", "-m", "kimi-k2p6", "x"]).run();
    let v: Value = serde_json::from_str(&r.code(0).stdout).unwrap();
    assert_eq!(v["cost_usd"], 12.0 + 5.0 * 2.0);
    let r = fw_at(&emu)
        .args(["chat", "--json", "-m", "unpriced-model", "x"])
        .run();
    let v: Value = serde_json::from_str(&r.code(0).stdout).unwrap();
    assert!(v["cost_usd"].is_null(), "no price, no guess");
}

#[test]
fn decode_rate_uses_the_server_token_count() {
    let emu = Emulator::serving(Chat {
        delay: std::time::Duration::from_millis(20),
        ..Chat::tokens(6)
    });
    let r = fw_at(&emu).args(["chat", "--json", "x"]).run();
    r.code(0);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    // 6 tokens due 20 ms apart: (6 - 1) tokens over 100 ms is 50 tok/s, give or take the
    // timers; the 6 is the server's own count.
    let tps = v["timing"]["decode_tokens_per_sec"].as_f64().unwrap();
    assert!((40.0..60.0).contains(&tps), "{tps}");
    assert_eq!(v["usage"]["completion_tokens"], 6);
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
fn stats_line_on_stderr() {
    let emu = Emulator::start();
    let r = fw_at(&emu).args(["chat", "--stats", "--fast", "x"]).run();
    r.code(0);
    assert_eq!(r.stdout, "Hello from the emulator.\n");
    let line = r.stderr.trim();
    assert!(line.starts_with("tokens: 12 in, 5 out | ttft "), "{line}");
    assert!(line.contains("tok/s"), "{line}");
    // Fast kimi-k2p6: 12 in at 2.00, 5 out at 8.00 per million.
    assert!(line.contains("| cost ~$0.000064 |"), "{line}");
    assert!(
        line.ends_with("path fast (accounts/fireworks/routers/kimi-k2p6-fast)"),
        "{line}"
    );
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

#[test]
fn on_a_terminal_reasoning_is_dimmed_on_stderr_and_stdin_is_not_read() {
    let emu = Emulator::serving(Chat {
        reasoning: vec!["pondering".into()],
        ..Chat::default()
    });
    let mut f = fw_at(&emu);
    f.env_remove("NO_COLOR").env("TERM", "xterm");
    let r = f.args(["chat", "x"]).run_in_pty();
    r.code(0);
    assert_eq!(
        r.stdout,
        "\x1b[2mpondering\x1b[0m\r\nHello from the emulator.\r\n"
    );
    assert_eq!(emu.only_body()["messages"][0]["content"], "x");

    // NO_COLOR keeps the reasoning but drops the escape codes.
    let emu = Emulator::serving(Chat {
        reasoning: vec!["pondering".into()],
        ..Chat::default()
    });
    let r = fw_at(&emu)
        .env("TERM", "xterm")
        .args(["chat", "x"])
        .run_in_pty();
    assert_eq!(
        r.code(0).stdout,
        "pondering\r\nHello from the emulator.\r\n"
    );
}

#[test]
fn color_always_dims_reasoning_even_when_piped() {
    let emu = Emulator::serving(Chat {
        reasoning: vec!["r".into()],
        ..Chat::default()
    });
    let r = fw_at(&emu)
        .args(["--color", "always", "chat", "--show-reasoning", "x"])
        .run();
    r.code(0);
    assert_eq!(r.stderr, "\x1b[2mr\x1b[0m\n");
    assert_eq!(
        r.stdout, "Hello from the emulator.\n",
        "stdout is never coloured"
    );
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
