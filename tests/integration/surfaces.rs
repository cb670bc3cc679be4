//! What `fw chat` and `fw messages` do alike, tested once for both. The two commands speak
//! different wire formats (OpenAI chat completions, Anthropic Messages) through one pipeline, so
//! flags, serving paths, output modes, exit codes and stream failures behave the same. Each test
//! here runs over the `SURFACES` table, reads request bodies and `--json` documents through the
//! surface's own accessors, and names the surface it failed for. What only one wire format has
//! stays in chat.rs (the 4096 rule, `-o`, refusals) and messages.rs (`--thinking`, the
//! Anthropic `Message` shape, keep-alives).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::{emulator, fw, fw_at, Chat, Emulator, Reply, UsageAt};

/// One API surface: its command, where it sends, and how to read what it sends and prints.
pub struct Surface {
    /// The subcommand.
    pub cmd: &'static str,
    /// Where requests go, after the base URL.
    pub route: &'static str,
    /// The body fw sends for a prompt given alone, to `model`.
    pub standard_body: fn(model: &str, prompt: &str) -> Value,
    /// In a sent body: the system prompt, the conversation's turns without it, the stop
    /// sequences and the reasoning effort.
    pub system: fn(&Value) -> Value,
    pub turns: fn(&Value) -> Value,
    pub stop_sequences: fn(&Value) -> Value,
    pub effort: fn(&Value) -> Value,
    /// What a complete event stream ends with.
    pub stream_end: &'static str,
    /// Stream frames the emulator sends before the first answer token (chat: the role chunk;
    /// Messages: message_start, a ping and the text block's start), to place a fault.
    pub lead_frames: usize,
    /// What fw's errors call one frame of the stream, after the wire format's own word.
    pub frame: &'static str,
    /// The finish reason of a whole answer, as the wire format names it.
    pub stop: &'static str,
    /// In the `--json` document: the answer's text, its reasoning, the finish reason, and the
    /// usage the emulator's counts become.
    pub text: fn(&Value) -> Value,
    pub reasoning: fn(&Value) -> Value,
    pub finish: fn(&Value) -> Value,
    pub usage: fn(prompt: u64, cached: u64, output: u64) -> Value,
    /// The finish reason when the model asks for a tool, the tool calls of a `--json`
    /// document as `{id, name, input}`, and the id the emulator gives its tool call.
    pub tool_stop: &'static str,
    pub tool_calls: fn(&Value) -> Vec<Value>,
    pub tool_id: &'static str,
}

impl Surface {
    /// The emulator's frame index just after the answer's first `tokens` tokens, for
    /// `Chat::drop_after`, `malformed_after` and `error_after`.
    pub fn after(&self, tokens: usize) -> usize {
        self.lead_frames + tokens
    }

    /// The path the emulator records for a request (its base URL ends in /inference/v1).
    pub fn path(&self) -> String {
        format!("/inference/v1{}", self.route)
    }
}

pub const CHAT: Surface = Surface {
    cmd: "chat",
    route: "/chat/completions",
    standard_body: |model, prompt| {
        json!({
            "model": model,
            "messages": [{"role": "user", "content": prompt}],
            "stream": true,
            "stream_options": {"include_usage": true},
        })
    },
    system: |b| match &b["messages"][0] {
        m if m["role"] == "system" => m["content"].clone(),
        _ => Value::Null,
    },
    // The system prompt is the first message; the turns are all the others.
    turns: |b| {
        let all = b["messages"].as_array().cloned().unwrap_or_default();
        let skip = usize::from(all.first().is_some_and(|m| m["role"] == "system"));
        all[skip..].to_vec().into()
    },
    stop_sequences: |b| b["stop"].clone(),
    effort: |b| b["reasoning_effort"].clone(),
    stream_end: "data: [DONE]",
    lead_frames: 1,
    frame: "chunk",
    stop: "stop",
    text: |v| v["content"].clone(),
    reasoning: |v| v["reasoning"].clone(),
    finish: |v| v["finish_reason"].clone(),
    usage: |prompt, cached, output| {
        json!({"prompt_tokens": prompt, "completion_tokens": output,
               "total_tokens": prompt + output, "cached_tokens": cached})
    },
    tool_stop: "tool_calls",
    tool_calls: |v| {
        let calls = v["tool_calls"].as_array().cloned().unwrap_or_default();
        calls
            .iter()
            .map(|c| {
                let input: Value =
                    serde_json::from_str(c["arguments"].as_str().unwrap_or("")).unwrap();
                json!({"id": c["id"], "name": c["name"], "input": input})
            })
            .collect()
    },
    tool_id: "call_emu",
};

pub const MESSAGES: Surface = Surface {
    cmd: "messages",
    route: "/messages",
    standard_body: |model, prompt| {
        json!({
            "model": model,
            "max_tokens": 2048,
            "messages": [{"role": "user", "content": prompt}],
            "stream": true,
        })
    },
    system: |b| b["system"].clone(),
    turns: |b| b["messages"].clone(),
    stop_sequences: |b| b["stop_sequences"].clone(),
    effort: |b| b["output_config"]["effort"].clone(),
    stream_end: "event: message_stop",
    lead_frames: 3,
    frame: "event",
    stop: "end_turn",
    text: |v| blocks(v, "text"),
    reasoning: |v| blocks(v, "thinking"),
    finish: |v| v["stop_reason"].clone(),
    // Input tokens exclude cache reads, which Messages reports apart.
    usage: |prompt, cached, output| {
        json!({"input_tokens": prompt - cached, "output_tokens": output,
               "cache_read_input_tokens": cached})
    },
    tool_stop: "tool_use",
    tool_calls: |v| {
        let blocks = v["content"].as_array().cloned().unwrap_or_default();
        blocks
            .iter()
            .filter(|b| b["type"] == "tool_use")
            .map(|b| json!({"id": b["id"], "name": b["name"], "input": b["input"]}))
            .collect()
    },
    tool_id: "toolu_emu",
};

/// The text of a Messages document's content blocks of one type (`text`, `thinking`), joined.
fn blocks(v: &Value, kind: &str) -> Value {
    let parts = v["content"].as_array().into_iter().flatten();
    parts
        .filter(|b| b["type"] == kind)
        .map(|b| b[kind].as_str().unwrap_or_default())
        .collect::<String>()
        .into()
}

pub const SURFACES: [&Surface; 2] = [&CHAT, &MESSAGES];

/// Runs `test` for every surface, each to its end even when another fails, then fails naming
/// each surface that failed and what its first failed assertion said.
#[track_caller]
pub fn each(test: impl Fn(&Surface)) {
    let failures: Vec<String> = SURFACES
        .iter()
        .filter_map(|s| {
            let panic = catch_unwind(AssertUnwindSafe(|| test(s))).err()?;
            let said = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|m| m.to_string()))
                .unwrap_or_default();
            Some(format!("fw {} failed: {said}", s.cmd))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn streams_text_and_sends_the_standard_body() {
    each(|s| {
        let emu = Emulator::start();
        let r = fw_at(&emu).args([s.cmd, "-m", "kimi-k2p6", "hello"]).run();
        r.code(0);
        assert_eq!(r.stdout, "Hello from the emulator.\n");
        let reqs = emu.requests();
        assert_eq!(reqs.len(), 1);
        let q = &reqs[0];
        assert_eq!(q.path, s.path());
        assert_eq!(
            q.header("authorization"),
            Some(&*format!("Bearer {}", emulator::KEY))
        );
        assert_eq!(
            q.header("user-agent"),
            Some(&*format!("fw/{}", env!("CARGO_PKG_VERSION")))
        );
        assert_eq!(
            q.body,
            (s.standard_body)("accounts/fireworks/models/kimi-k2p6", "hello")
        );
    });
}

#[test]
fn reasoning_hidden_when_piped_unless_asked() {
    each(|s| {
        let emu = Emulator::serving(Chat {
            reasoning: vec!["secret thoughts".into()],
            ..Chat::default()
        });
        let r = fw_at(&emu).args([s.cmd, "x"]).run();
        r.code(0);
        assert_eq!(r.stdout, "Hello from the emulator.\n");
        assert!(r.stderr.is_empty(), "{}", r.stderr);
        let r = fw_at(&emu).args([s.cmd, "--show-reasoning", "x"]).run();
        r.code(0);
        assert_eq!(r.stdout, "Hello from the emulator.\n");
        assert_eq!(
            r.stderr, "secret thoughts\n",
            "plain text, no colour codes when piped"
        );
    });
}

#[test]
fn crlf_streams_parse() {
    each(|s| {
        let emu = Emulator::serving(Chat {
            crlf: true,
            ..Chat::default()
        });
        let r = fw_at(&emu).args([s.cmd, "x"]).run();
        assert_eq!(r.code(0).stdout, "Hello from the emulator.\n");
    });
}

#[test]
fn serving_paths_map_to_the_body() {
    each(|s| {
        let emu = Emulator::start();
        let r = fw_at(&emu)
            .args([s.cmd, "-m", "kimi-k2p6", "--fast", "--json", "x"])
            .run();
        r.code(0);
        let out: Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(out["serving_path"]["name"], "fast");
        assert_eq!(
            out["serving_path"]["model"],
            "accounts/fireworks/routers/kimi-k2p6-fast"
        );
        for tier in ["standard", "priority"] {
            fw_at(&emu)
                .args([s.cmd, "-m", "kimi-k2p6", "--tier", tier, "x"])
                .run()
                .code(0);
        }
        let reqs = emu.requests();
        assert_eq!(
            reqs[0].body["model"],
            "accounts/fireworks/routers/kimi-k2p6-fast"
        );
        assert!(reqs[0].body.get("service_tier").is_none());
        assert!(reqs[1].body.get("service_tier").is_none());
        assert_eq!(reqs[2].body["service_tier"], "priority");

        // Paths that cannot be served are refused before sending.
        fw_at(&emu)
            .args([s.cmd, "--fast", "--tier", "priority", "x"])
            .run()
            .code(2);
        fw_at(&emu)
            .args([s.cmd, "-m", "gpt-oss-20b", "--fast", "x"])
            .run()
            .code(4);
        assert_eq!(emu.requests().len(), 3);
    });
}

#[test]
fn dry_run_touches_nothing_and_needs_no_key() {
    each(|s| {
        let emu = Emulator::start();
        let mut f = fw();
        f.env("FIREWORKS_BASE_URL", &emu.base_url());
        f.config("api_key_cmd = \"touch ran; echo k\"\n");
        let r = f
            .args([
                s.cmd,
                "--dry-run",
                "--tier",
                "priority",
                "-m",
                "glm-5p1",
                "hi",
            ])
            .run();
        r.code(0);
        assert!(emu.requests().is_empty());
        assert!(!f.home().join("ran").exists());
        assert!(
            r.stdout
                .contains("# model: accounts/fireworks/models/glm-5p1 (flag)"),
            "{}",
            r.stdout
        );
        assert!(r
            .stdout
            .contains("# serving path: priority (tier from flag)"));
        assert!(r.stdout.contains(&format!(
            "# base url: {} (env FIREWORKS_BASE_URL)",
            emu.base_url()
        )));
        assert!(r
            .stdout
            .contains("# api key: from config file api_key_cmd (not run)"));
        assert!(r.stdout.contains("# profile: (none)"));
        assert!(r.stdout.contains("Authorization: Bearer (redacted)"));
        assert!(r
            .stdout
            .contains(&format!("POST {}{}", emu.base_url(), s.route)));
        assert!(r.stdout.contains("\"service_tier\": \"priority\""));
    });
}

#[test]
fn dry_run_shows_the_body_and_never_the_key() {
    each(|s| {
        let r = fw()
            .env("FIREWORKS_API_KEY", "fw_SECRET_VALUE_123")
            .args([s.cmd, "--dry-run", "--tier", "priority", "hi"])
            .run();
        r.code(0);
        assert!(
            !r.stdout.contains("fw_SECRET_VALUE_123") && !r.stderr.contains("fw_SECRET_VALUE_123")
        );
        assert!(r.stdout.contains("# api key: from env FIREWORKS_API_KEY"));
        assert!(
            r.stdout.contains(&format!(
                "POST https://api.fireworks.ai/inference/v1{}",
                s.route
            )),
            "{}",
            r.stdout
        );
        // The body follows the headers' blank line, exactly as it would be sent.
        let (_, body) = r.stdout.split_once("\n\n").unwrap();
        let body: Value = serde_json::from_str(body).unwrap();
        let mut want = (s.standard_body)("accounts/fireworks/models/kimi-k2p6", "hi");
        want["service_tier"] = json!("priority");
        assert_eq!(body, want);
    });
}

/// Without a key the request text says so, rather than a redacted key that does not exist.
#[test]
fn dry_run_without_a_key_says_no_key() {
    each(|s| {
        let r = fw().args([s.cmd, "--dry-run", "hi"]).run();
        r.code(0);
        assert!(r.stdout.contains("# api key: none found"), "{}", r.stdout);
        assert!(
            r.stdout.contains("Authorization: (no key: none found"),
            "{}",
            r.stdout
        );
        assert!(!r.stdout.contains("Bearer"), "{}", r.stdout);
    });
}

#[test]
fn curl_prints_an_equivalent_command() {
    each(|s| {
        let r = fw()
            .env("FIREWORKS_API_KEY", "fw_SECRET_VALUE_123")
            .args([s.cmd, "--curl", "--tier", "priority", "it's"])
            .run();
        r.code(0);
        assert!(!r.stdout.contains("fw_SECRET_VALUE_123"));
        assert!(
            r.stdout.starts_with(&format!(
                "curl -sS -N -X POST 'https://api.fireworks.ai/inference/v1{}'",
                s.route
            )),
            "{}",
            r.stdout
        );
        assert!(r
            .stdout
            .contains("-H \"Authorization: Bearer $FIREWORKS_API_KEY\""));
        assert!(r.stdout.contains(r#""content":"it'\''s""#), "{}", r.stdout);
        assert!(r.stdout.contains(r#""service_tier":"priority""#));
        // The command names the key's variable, so it reads the same without a key.
        let without = fw()
            .args([s.cmd, "--curl", "--tier", "priority", "it's"])
            .run();
        assert_eq!(without.code(0).stdout, r.stdout);
    });
}

#[test]
fn curl_command_really_works() {
    // The printed command, run by a shell, sends the same body fw would.
    each(|s| {
        let emu = Emulator::start();
        let r = fw_at(&emu)
            .args([s.cmd, "--curl", "--tier", "priority", "it's"])
            .run();
        r.code(0);
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(&r.stdout)
            .env("FIREWORKS_API_KEY", emulator::KEY)
            .output()
            .unwrap();
        assert!(out.status.success());
        let streamed = String::from_utf8_lossy(&out.stdout);
        assert!(streamed.contains(s.stream_end), "{streamed}");
        let body = emu.only_body();
        assert_eq!(body["messages"][0]["content"], "it's");
        assert_eq!(body["service_tier"], "priority");
    });
}

#[test]
fn json_has_the_answer_usage_path_timing_and_cost() {
    each(|s| {
        for extra in [None, Some("--no-stream")] {
            let emu = Emulator::serving(Chat {
                reasoning: vec!["think ".into(), "hard".into()],
                cached_tokens: 4,
                ..Chat::default()
            });
            let mut f = fw_at(&emu);
            f.args([s.cmd, "--json", "-m", "glm-5p1", "--tier", "priority"]);
            f.args(extra);
            let r = f.arg("x").run();
            r.code(0);
            let v: Value = serde_json::from_str(&r.stdout).unwrap();
            assert_eq!(v["schema_version"], 1, "{extra:?}");
            assert_eq!((s.text)(&v), "Hello from the emulator.", "{extra:?}");
            assert_eq!((s.reasoning)(&v), "think hard", "{extra:?}");
            assert_eq!((s.finish)(&v), s.stop, "{extra:?}");
            assert_eq!(v["usage"], (s.usage)(12, 4, 7), "{extra:?}");
            assert_eq!(v["model"], "accounts/fireworks/models/glm-5p1");
            assert_eq!(v["request_id"], "req-emu1");
            assert_eq!(
                v["serving_path"],
                json!({"name": "priority", "model": "accounts/fireworks/models/glm-5p1", "service_tier": "priority"})
            );
            let total = v["timing"]["total_ms"].as_f64().unwrap();
            if extra.is_none() {
                // Time to first token is timed on streams only.
                let ttft = v["timing"]["ttft_ms"].as_f64().unwrap();
                assert!(ttft >= 0.0 && total >= ttft, "{}", v["timing"]);
            }
            assert!(v["error"].is_null());
            // glm-5p1 on Priority: 8 uncached, 4 cached, 7 out at 2.10 / 0.39 / 6.60 per million.
            let cost = v["cost_usd"].as_f64().unwrap();
            assert!(
                (cost - (8.0 * 2.10 + 4.0 * 0.39 + 7.0 * 6.60) / 1e6).abs() < 1e-12,
                "{extra:?}: {cost}"
            );
            assert!(r.stderr.is_empty(), "{}", r.stderr);
        }
    });
}

/// The events and the summary line are wire-neutral: the same schema for both surfaces, with
/// or without the --stats line on stderr.
#[test]
fn jsonl_events_then_summary_and_the_stats_line() {
    each(|s| {
        let emu = Emulator::serving(Chat {
            reasoning: vec!["r".into()],
            cached_tokens: 2,
            ..Chat::tokens(2)
        });
        for stats in [false, true] {
            let mut f = fw_at(&emu);
            f.args([s.cmd, "--jsonl"]);
            if stats {
                f.arg("--stats");
            }
            let r = f.arg("x").run();
            r.code(0);
            let lines: Vec<Value> = r
                .stdout
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            assert_eq!(lines[0], json!({"type": "reasoning", "text": "r"}));
            assert_eq!(lines[1], json!({"type": "content", "text": "t0 "}));
            assert_eq!(lines[2], json!({"type": "content", "text": "t1 "}));
            let summary = &lines[3];
            assert_eq!(summary["type"], "summary");
            assert_eq!(summary["content"], "t0 t1 ");
            assert_eq!(summary["reasoning"], "r");
            assert_eq!(summary["finish_reason"], s.stop);
            // Prompt tokens include cache reads on both: 10 uncached + 2 cached.
            assert_eq!(
                summary["usage"],
                json!({"prompt_tokens": 12, "completion_tokens": 3, "total_tokens": 15, "cached_tokens": 2})
            );
            assert_eq!(lines.len(), 4);
            if stats {
                assert!(
                    r.stderr.contains("tokens: 12 in, 3 out (2 cached) | ttft "),
                    "{}",
                    r.stderr
                );
            } else {
                assert!(r.stderr.is_empty(), "{}", r.stderr);
            }
        }
    });
}

/// The emulator's default answer, cut after its first `tokens` tokens, as fw prints it.
fn answer_cut_at(tokens: usize) -> String {
    let words = ["Hello", " from", " the", " emulator", "."];
    format!("{}\n", words[..tokens].concat())
}

/// Error bodies in either shape (the Anthropic `{"type": "error", ...}` one and Fireworks'
/// own) reach the message and decide the exit code, whichever surface asked.
#[test]
fn http_errors_in_either_shape() {
    each(|s| {
        let emu = Emulator::start();
        emu.script([
            Reply::status(400, r#"{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: field required"},"request_id":"r1"}"#),
            Reply::status(404, r#"{"error":{"message":"Model not found, inaccessible, and/or not deployed","code":"NOT_FOUND"},"request_id":"r2"}"#),
            Reply::status(529, r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#),
        ]);
        let r = fw_at(&emu).args([s.cmd, "x"]).run();
        r.code(2);
        assert!(
            r.stderr
                .contains("HTTP 400 Bad Request: max_tokens: field required"),
            "{}",
            r.stderr
        );
        let r = fw_at(&emu).args([s.cmd, "x"]).run();
        r.code(4);
        assert!(r.stderr.contains("Model not found"), "{}", r.stderr);
        fw_at(&emu).args([s.cmd, "x"]).run().code(6);
        let r = fw_at(&emu)
            .env("FIREWORKS_API_KEY", "wrong")
            .args([s.cmd, "x"])
            .run();
        r.code(3);
        assert!(
            r.stderr.contains("HTTP 401 Unauthorized: Invalid API key"),
            "{}",
            r.stderr
        );
    });
}

/// An error event inside the stream: an overload is 6, anything else 7, and what arrived
/// before it stays, on stdout and in --json.
#[test]
fn an_error_mid_stream_keeps_the_partial_answer() {
    each(|s| {
        let emu = Emulator::serving(Chat {
            error_after: Some((
                s.after(2),
                json!({"type": "overloaded_error", "message": "shed mid-stream"}),
            )),
            ..Chat::default()
        });
        let r = fw_at(&emu).args([s.cmd, "x"]).run();
        r.code(6);
        assert_eq!(r.stdout, answer_cut_at(2), "partial output stays");
        assert!(r.stderr.contains("shed mid-stream"), "{}", r.stderr);

        // Before the first token.
        emu.set_default(Chat {
            error_after: Some((
                s.after(0),
                json!({"type": "overloaded_error", "message": "shed"}),
            )),
            ..Chat::default()
        });
        fw_at(&emu).args([s.cmd, "x"]).run().code(6);

        for kind in ["api_error", "internal_error"] {
            emu.set_default(Chat {
                error_after: Some((s.after(1), json!({"type": kind, "message": "boom"}))),
                ..Chat::default()
            });
            let r = fw_at(&emu).args([s.cmd, "--json", "x"]).run();
            r.code(7);
            let v: Value = serde_json::from_str(&r.stdout).unwrap();
            assert_eq!((s.text)(&v), "Hello", "{kind}");
            assert_eq!(v["error"]["exit_code"], 7, "{kind}");
            assert!(v["error"]["message"].as_str().unwrap().contains("boom"));
        }
    });
}

#[test]
fn a_stream_cut_off_keeps_what_arrived() {
    each(|s| {
        for tokens in [2, 3] {
            let emu = Emulator::serving(Chat {
                drop_after: Some(s.after(tokens)),
                ..Chat::default()
            });
            let r = fw_at(&emu).args([s.cmd, "x"]).run();
            r.code(8);
            assert_eq!(r.stdout, answer_cut_at(tokens));
            assert!(r.stderr.contains("the stream was cut off"), "{}", r.stderr);
        }
    });
}

#[test]
fn a_malformed_chunk_keeps_what_arrived() {
    each(|s| {
        for tokens in [1, 2] {
            let emu = Emulator::serving(Chat {
                malformed_after: Some(s.after(tokens)),
                ..Chat::default()
            });
            let r = fw_at(&emu).args([s.cmd, "x"]).run();
            r.code(7);
            assert_eq!(
                r.stdout,
                answer_cut_at(tokens),
                "partial output stays on stdout"
            );
            let said = format!("malformed stream {}", s.frame);
            assert!(r.stderr.contains(&said), "{}", r.stderr);
        }
    });
}

/// Without its end marker (`[DONE]`, `message_stop`) but with a finish reason, the reply is
/// complete, whether or not usage came.
#[test]
fn a_finish_reason_completes_a_stream_without_its_end_marker() {
    each(|s| {
        for usage in [UsageAt::LastChunk, UsageAt::Nowhere] {
            let emu = Emulator::serving(Chat {
                done: false,
                usage,
                ..Chat::default()
            });
            let r = fw_at(&emu).args([s.cmd, "x"]).run();
            assert_eq!(r.code(0).stdout, "Hello from the emulator.\n", "{usage:?}");
        }
    });
}

#[test]
fn the_timeout_ends_with_the_network_code() {
    each(|s| {
        let emu = Emulator::serving(Chat {
            first_delay: Duration::from_secs(5),
            ..Chat::default()
        });
        let r = fw_at(&emu).args(["--timeout", "0.3", s.cmd, "x"]).run();
        r.code(8);
        assert!(r.stderr.contains("--timeout 0.3 s ran out"), "{}", r.stderr);
        assert!(
            !r.stderr.contains("retry"),
            "the user's own limit is not retried: {}",
            r.stderr
        );
    });
}

#[test]
fn prompt_flags_reach_the_body() {
    each(|s| {
        let emu = Emulator::start();
        let mut f = fw_at(&emu);
        let file = f.home().join("msgs.json");
        std::fs::write(
            &file,
            r#"[{"role":"user","content":"a"},{"role":"assistant","content":"b"}]"#,
        )
        .unwrap();
        f.args([s.cmd, "-s", "be brief", "--messages"])
            .arg(&file)
            .args([
                "--max-tokens",
                "50",
                "--temperature",
                "0.5",
                "--top-p",
                "0.9",
                "--stop",
                "END",
                "--stop",
                "STOP",
                "--reasoning-effort",
                "low",
                "next",
            ])
            .run()
            .code(0);
        let b = emu.only_body();
        assert_eq!((s.system)(&b), "be brief");
        assert_eq!(
            (s.turns)(&b),
            json!([
                {"role": "user", "content": "a"},
                {"role": "assistant", "content": "b"},
                {"role": "user", "content": "next"},
            ])
        );
        assert_eq!(b["max_tokens"], 50);
        assert_eq!(b["temperature"], 0.5);
        assert_eq!(b["top_p"], 0.9);
        assert_eq!((s.stop_sequences)(&b), json!(["END", "STOP"]));
        assert_eq!((s.effort)(&b), "low");
    });
}

#[test]
fn tool_calls_are_data_on_stdout_and_in_json() {
    each(|s| {
        let emu = Emulator::serving(Chat {
            tool_call: Some(("get_weather".into(), r#"{"city":"Paris"}"#.into())),
            ..Chat::default()
        });
        for extra in [None, Some("--no-stream")] {
            let r = fw_at(&emu).arg(s.cmd).args(extra).arg("x").run();
            r.code(0);
            let lines: Vec<&str> = r.stdout.lines().collect();
            assert_eq!(lines[0], "Hello from the emulator.", "{extra:?}");
            let call: Value = serde_json::from_str(lines[1]).unwrap();
            assert_eq!(call["type"], "tool_call");
            assert_eq!(call["name"], "get_weather");
            let args: Value = serde_json::from_str(call["arguments"].as_str().unwrap()).unwrap();
            assert_eq!(args, json!({"city": "Paris"}), "{extra:?}");
        }
        let r = fw_at(&emu).args([s.cmd, "--json", "x"]).run();
        let v: Value = serde_json::from_str(&r.code(0).stdout).unwrap();
        assert_eq!((s.finish)(&v), s.tool_stop);
        assert_eq!(
            (s.tool_calls)(&v),
            [json!({"id": s.tool_id, "name": "get_weather", "input": {"city": "Paris"}})]
        );
        let r = fw_at(&emu).args([s.cmd, "--jsonl", "x"]).run();
        let kinds: Vec<String> = r
            .code(0)
            .stdout
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["type"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(
            kinds.iter().filter(|k| *k == "tool_call").count(),
            1,
            "{kinds:?}"
        );
        assert_eq!(kinds.last().map(String::as_str), Some("summary"));
    });
}

#[test]
fn failed_json_has_null_usage() {
    each(|s| {
        let emu = Emulator::start();
        emu.script([Reply::status(400, r#"{"error":{"message":"bad"}}"#)]);
        let r = fw_at(&emu).args([s.cmd, "--json", "x"]).run();
        r.code(2);
        let v: Value = serde_json::from_str(&r.stdout).unwrap();
        assert!(v["usage"].is_null(), "{v}");
        assert_eq!(v["error"]["exit_code"], 2, "{v}");
    });
}

#[test]
fn fast_router_added_in_two_config_lines() {
    each(|s| {
        let emu = Emulator::start();
        let mut f = fw_at(&emu);
        f.config("[models.kimi-k3p5]\nfast = \"accounts/fireworks/routers/kimi-k3p5-fast\"\n");
        f.args([s.cmd, "-m", "kimi-k3p5", "--fast", "x"])
            .run()
            .code(0);
        assert_eq!(
            emu.only_body()["model"],
            "accounts/fireworks/routers/kimi-k3p5-fast"
        );
    });
}

#[test]
fn priority_on_unlisted_model_warns_and_still_sends() {
    each(|s| {
        let emu = Emulator::start();
        let r = fw_at(&emu)
            .args([s.cmd, "-m", "gpt-oss-20b", "--tier", "priority", "x"])
            .run();
        r.code(0);
        assert!(
            r.stderr
                .contains("warning: the serving-path catalogue does not list Priority"),
            "{}",
            r.stderr
        );
        assert_eq!(emu.only_body()["service_tier"], "priority");
    });
}

#[test]
fn stdin_follows_the_prompt_words() {
    each(|s| {
        let emu = Emulator::start();
        fw_at(&emu)
            .args([s.cmd, "summarize:"])
            .stdin("the text\n")
            .run()
            .code(0);
        fw_at(&emu).args([s.cmd]).stdin("only stdin").run().code(0);
        fw_at(&emu).args([s.cmd, "-"]).stdin("dash").run().code(0);
        let reqs = emu.requests();
        let content = |i: usize| reqs[i].body["messages"][0]["content"].clone();
        assert_eq!(content(0), "summarize:\n\nthe text\n");
        assert_eq!(content(1), "only stdin");
        assert_eq!(content(2), "dash");
    });
}

#[test]
fn messages_from_stdin() {
    each(|s| {
        let emu = Emulator::start();
        fw_at(&emu)
            .args([s.cmd, "--messages", "-"])
            .stdin(r#"[{"role":"user","content":"from stdin"}]"#)
            .run()
            .code(0);
        assert_eq!(
            emu.only_body()["messages"],
            json!([{"role": "user", "content": "from stdin"}])
        );
    });
}

#[test]
fn prices_come_from_the_catalogue_and_the_config_file() {
    each(|s| {
        let emu = Emulator::start();
        let mut f = fw_at(&emu);
        f.config("[models.kimi-k2p6]\nprice = { input = 1000000, output = 2000000 }\n");
        let r = f.args([s.cmd, "--json", "-m", "kimi-k2p6", "x"]).run();
        let v: Value = serde_json::from_str(&r.code(0).stdout).unwrap();
        assert_eq!(v["cost_usd"], 12.0 + 5.0 * 2.0);
        let r = fw_at(&emu)
            .args([s.cmd, "--json", "-m", "unpriced-model", "x"])
            .run();
        let v: Value = serde_json::from_str(&r.code(0).stdout).unwrap();
        assert!(v["cost_usd"].is_null(), "no price, no guess");
    });
}

#[test]
fn decode_rate_uses_the_server_token_count() {
    each(|s| {
        let emu = Emulator::serving(Chat {
            delay: Duration::from_millis(20),
            ..Chat::tokens(6)
        });
        let r = fw_at(&emu).args([s.cmd, "--json", "x"]).run();
        r.code(0);
        let v: Value = serde_json::from_str(&r.stdout).unwrap();
        // 6 tokens due 20 ms apart: (6 - 1) tokens over 100 ms is 50 tok/s, give or take the
        // timers; the 6 is the server's own count.
        let tps = v["timing"]["decode_tokens_per_sec"].as_f64().unwrap();
        assert!((40.0..60.0).contains(&tps), "{tps}");
        assert_eq!(v["usage"], (s.usage)(12, 0, 6));
    });
}

#[test]
fn stats_line_on_stderr() {
    each(|s| {
        // Tokens 5 ms apart: each its own read, so there is a decode rate to show. (A reply
        // whose tokens all arrive in one read has none: `decode n/a`.)
        let emu = Emulator::serving(Chat {
            delay: Duration::from_millis(5),
            ..Chat::default()
        });
        let r = fw_at(&emu).args([s.cmd, "--stats", "--fast", "x"]).run();
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
    });
}

#[test]
fn on_a_terminal_reasoning_is_dimmed_on_stderr_and_stdin_is_not_read() {
    each(|s| {
        let emu = Emulator::serving(Chat {
            reasoning: vec!["pondering".into()],
            ..Chat::default()
        });
        let mut f = fw_at(&emu);
        f.env_remove("NO_COLOR").env("TERM", "xterm");
        let r = f.args([s.cmd, "x"]).run_in_pty();
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
            .args([s.cmd, "x"])
            .run_in_pty();
        assert_eq!(
            r.code(0).stdout,
            "pondering\r\nHello from the emulator.\r\n"
        );
    });
}

#[test]
fn color_always_dims_reasoning_even_when_piped() {
    each(|s| {
        let emu = Emulator::serving(Chat {
            reasoning: vec!["r".into()],
            ..Chat::default()
        });
        let r = fw_at(&emu)
            .args(["--color", "always", s.cmd, "--show-reasoning", "x"])
            .run();
        r.code(0);
        assert_eq!(r.stderr, "\x1b[2mr\x1b[0m\n");
        assert_eq!(
            r.stdout, "Hello from the emulator.\n",
            "stdout is never coloured"
        );
    });
}
