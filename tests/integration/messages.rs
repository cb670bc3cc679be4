//! What only `fw messages` does, against the emulator's Messages surface: the body for every
//! flag (`--thinking`, `--top-k` and its rules among them), the Anthropic `Message` as `--json`,
//! message_start's zeros, keep-alives and a tool_use block cut off. What messages shares with
//! `fw chat` (errors, exit codes, output rules) is tested for both in surfaces.rs.

use serde_json::{json, Value};

use crate::support::{emulator, fw_at, Chat, Emulator, Reply, UsageAt};

#[test]
fn every_flag_in_the_body() {
    let emu = Emulator::start();
    let mut f = fw_at(&emu);
    let file = f.home().join("conv.json");
    std::fs::write(
        &file,
        r#"[{"role":"user","content":[{"type":"text","text":"a"}]},{"role":"assistant","content":"b"}]"#,
    )
    .unwrap();
    f.args(["messages", "-s", "be brief", "--messages"])
        .arg(&file)
        .args([
            "--max-tokens",
            "5000",
            "--temperature",
            "0.5",
            "--top-p",
            "0.9",
            "--top-k",
            "40",
            "--stop",
            "END",
            "--stop",
            "STOP",
            "--thinking",
            "2048",
            "--reasoning-effort",
            "high",
            "-o",
            "metadata={\"user_id\":\"u1\"}",
            "--tier",
            "priority",
            "-m",
            "glm-5p1",
            "next",
        ])
        .run()
        .code(0);
    let b = emu.only_body();
    assert_eq!(
        b,
        json!({
            "model": "accounts/fireworks/models/glm-5p1",
            "max_tokens": 5000,
            "system": "be brief",
            "messages": [
                {"role": "user", "content": [{"type": "text", "text": "a"}]},
                {"role": "assistant", "content": "b"},
                {"role": "user", "content": "next"},
            ],
            "temperature": 0.5,
            "top_p": 0.9,
            "top_k": 40,
            "stop_sequences": ["END", "STOP"],
            "output_config": {"effort": "high"},
            "thinking": {"type": "enabled", "budget_tokens": 2048},
            "service_tier": "priority",
            "stream": true,
            "metadata": {"user_id": "u1"},
        })
    );
}

#[test]
fn thinking_rules_are_checked_before_sending() {
    let emu = Emulator::start();
    let r = fw_at(&emu)
        .args(["messages", "--thinking", "500", "x"])
        .run();
    r.code(2);
    assert!(r.stderr.contains("at least 1024"), "{}", r.stderr);
    let r = fw_at(&emu)
        .args([
            "messages",
            "--thinking",
            "2000",
            "--max-tokens",
            "1500",
            "x",
        ])
        .run();
    r.code(2);
    assert!(
        r.stderr
            .contains("must be larger than the --thinking budget"),
        "{}",
        r.stderr
    );
    fw_at(&emu)
        .args([
            "messages",
            "--thinking",
            "2000",
            "--reasoning-effort",
            "none",
            "x",
        ])
        .run()
        .code(2);
    assert!(emu.requests().is_empty());
    fw_at(&emu)
        .args(["messages", "--thinking", "3000", "x"])
        .run()
        .code(0);
    fw_at(&emu)
        .args(["messages", "--reasoning-effort", "none", "x"])
        .run()
        .code(0);
    let reqs = emu.requests();
    assert_eq!(
        reqs[0].body["max_tokens"], 5048,
        "default max_tokens leaves room for the budget"
    );
    assert_eq!(reqs[1].body["thinking"], json!({"type": "disabled"}));
}

/// `--json` prints the Anthropic `Message`, streamed or not, its blocks in order; the fields
/// fw adds around it (usage, serving path, timing, cost) are checked for both surfaces in
/// surfaces.rs.
#[test]
fn json_is_the_message_shape() {
    let emu = Emulator::serving(Chat {
        reasoning: vec!["think ".into(), "more".into()],
        cached_tokens: 5,
        ..Chat::default()
    });
    for extra in [None, Some("--no-stream")] {
        let mut f = fw_at(&emu);
        f.args(["messages", "--json", "-m", "glm-5p1", "--tier", "priority"]);
        if let Some(e) = extra {
            f.arg(e);
        }
        let r = f.arg("x").run();
        r.code(0);
        let v: Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(v["type"], "message", "{extra:?}");
        assert_eq!(v["role"], "assistant");
        assert!(v["id"].as_str().unwrap().starts_with("msg_emu"));
        assert_eq!(
            v["content"],
            json!([
                {"type": "thinking", "thinking": "think more", "signature": "emu-signature"},
                {"type": "text", "text": "Hello from the emulator."},
            ]),
            "{extra:?}"
        );
    }

    // A tool call is a tool_use block after the text, its input parsed.
    let emu = Emulator::serving(Chat {
        tool_call: Some(("get_weather".into(), r#"{"city":"Paris"}"#.into())),
        ..Chat::default()
    });
    let r = fw_at(&emu).args(["messages", "--json", "x"]).run();
    let v: Value = serde_json::from_str(&r.code(0).stdout).unwrap();
    assert_eq!(
        v["content"],
        json!([
            {"type": "text", "text": "Hello from the emulator."},
            {"type": "tool_use", "id": "toolu_emu", "name": "get_weather",
             "input": {"city": "Paris"}},
        ])
    );
}

#[test]
fn message_start_zeros_are_not_usage() {
    let emu = Emulator::serving(Chat {
        usage: UsageAt::Nowhere,
        ..Chat::default()
    });
    let r = fw_at(&emu).args(["messages", "--jsonl", "x"]).run();
    r.code(0);
    let last: Value = serde_json::from_str(r.stdout.lines().last().unwrap()).unwrap();
    assert_eq!(
        last["usage"]["prompt_tokens"],
        Value::Null,
        "zeros from message_start are not counts"
    );
}

/// A Messages event stream as a server writes it: `event: TYPE` and `data: JSON` for each.
fn events(list: &[Value]) -> String {
    list.iter()
        .map(|v| format!("event: {}\ndata: {v}\n\n", v["type"].as_str().unwrap()))
        .collect()
}

fn message_start() -> Value {
    json!({"type": "message_start", "message": {"id": "msg_raw", "type": "message",
           "role": "assistant", "model": emulator::MODEL, "content": [],
           "stop_reason": null, "usage": {"input_tokens": 0, "output_tokens": 0}}})
}

#[test]
fn keep_alives_with_empty_data_are_skipped() {
    let emu = Emulator::start();
    let start = events(&[message_start()]);
    let text = events(&[
        json!({"type": "content_block_start", "index": 0,
               "content_block": {"type": "text", "text": ""}}),
        json!({"type": "content_block_delta", "index": 0,
               "delta": {"type": "text_delta", "text": "Hi"}}),
        json!({"type": "content_block_stop", "index": 0}),
        json!({"type": "message_delta", "delta": {"stop_reason": "end_turn"},
               "usage": {"output_tokens": 1}}),
        json!({"type": "message_stop"}),
    ]);
    // A proxy's keep-alives: a named ping with an empty data line, and an unnamed event with
    // nothing but an empty data line.
    let body = format!("{start}event: ping\ndata:\n\ndata:\n\n{text}");
    emu.script([Reply::sse(&body)]);
    let r = fw_at(&emu).args(["messages", "x"]).run();
    assert_eq!(r.code(0).stdout, "Hi\n");
    assert_eq!(r.stderr, "");
}

#[test]
fn a_tool_use_cut_off_at_max_tokens_is_still_a_tool_call() {
    // The server's own search tool ends properly; the reply's tool_use block is cut off by
    // max_tokens: no content_block_stop, and its input JSON unfinished.
    let body = events(&[
        message_start(),
        json!({"type": "content_block_start", "index": 0,
               "content_block": {"type": "server_tool_use", "id": "srvtoolu_1",
                                 "name": "web_search", "input": {}}}),
        json!({"type": "content_block_delta", "index": 0,
               "delta": {"type": "input_json_delta", "partial_json": "{\"query\": \"weather\"}"}}),
        json!({"type": "content_block_stop", "index": 0}),
        json!({"type": "content_block_start", "index": 1,
               "content_block": {"type": "text", "text": ""}}),
        json!({"type": "content_block_delta", "index": 1,
               "delta": {"type": "text_delta", "text": "Checking."}}),
        json!({"type": "content_block_stop", "index": 1}),
        json!({"type": "content_block_start", "index": 2,
               "content_block": {"type": "tool_use", "id": "toolu_1", "name": "get_weather",
                                 "input": {}}}),
        json!({"type": "content_block_delta", "index": 2,
               "delta": {"type": "input_json_delta",
                         "partial_json": "{\"city\": \"Paris\", \"units\": \"cel"}}),
        json!({"type": "message_delta", "delta": {"stop_reason": "max_tokens"},
               "usage": {"output_tokens": 20}}),
        json!({"type": "message_stop"}),
    ]);
    let emu = Emulator::start();
    emu.script([Reply::sse(&body), Reply::sse(&body)]);
    let r = fw_at(&emu).args(["messages", "x"]).run();
    let lines: Vec<&str> = r.code(0).stdout.lines().collect();
    assert_eq!(lines[0], "Checking.");
    let call: Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(
        call,
        json!({"type": "tool_call", "id": "toolu_1", "name": "get_weather",
               "arguments": "{\"city\":\"Paris\"}"})
    );
    assert_eq!(lines.len(), 2, "one call, for the client's tool only");

    let r = fw_at(&emu).args(["messages", "--json", "x"]).run();
    let v: Value = serde_json::from_str(&r.code(0).stdout).unwrap();
    assert_eq!(v["stop_reason"], "max_tokens");
    assert_eq!(v["content"][0]["input"], json!({"query": "weather"}));
    assert_eq!(v["content"][2]["input"], json!({"city": "Paris"}));
}
