//! Every exit code in docs/exit-codes.md, each provoked for real. Partial streamed output must
//! stay on stdout when a stream fails; the stream's own failures (cut off, malformed, an error
//! event, the time-out) are provoked for both surfaces in surfaces.rs.

use std::io::Read;
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;

use crate::support::{fw, fw_at, interrupt, read_all, terminate, Chat, Emulator, Reply};

#[test]
fn code_0_success() {
    let emu = Emulator::start();
    fw_at(&emu).args(["chat", "x"]).run().code(0);
}

#[test]
fn code_1_internal_when_stdout_cannot_be_written() {
    let emu = Emulator::start();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let mut f = fw_at(&emu);
    f.args(["chat", "x"]);
    let out = f
        .command()
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("No space left on device"), "{err}");
}

#[test]
fn code_2_usage() {
    // A bad flag (clap), an empty prompt, a bad -o, a server 400 and a 422.
    fw().args(["chat", "--no-such-flag"]).run().code(2);
    let r = fw().env("FIREWORKS_API_KEY", "k").args(["chat"]).run();
    r.code(2);
    assert!(r.stderr.contains("error: empty prompt"), "{}", r.stderr);
    assert!(r.stderr.contains("hint: give prompt words"), "{}", r.stderr);
    fw().args(["chat", "-o", "novalue", "x"]).run().code(2);
    fw().args(["chat", "--tier", "gold", "x"]).run().code(2);
    let emu = Emulator::start();
    emu.script([
        Reply::status(400, r#"{"error":{"message":"Requests with max_tokens > 4096 must have stream=true","param":"max_tokens","code":"BAD_REQUEST","type":"error"}}"#),
        Reply::status(422, r#"{"detail":[{"loc":["body","temperature"],"msg":"must be <= 2","type":"value_error"}]}"#),
    ]);
    let r = fw_at(&emu).args(["chat", "x"]).run();
    r.code(2);
    assert!(r.stderr.contains("HTTP 400 Bad Request: Requests with max_tokens > 4096 must have stream=true [request id req-400]"), "{}", r.stderr);
    let r = fw_at(&emu).args(["chat", "x"]).run();
    r.code(2);
    assert!(
        r.stderr.contains("body.temperature: must be <= 2"),
        "{}",
        r.stderr
    );
}

#[test]
fn code_3_auth() {
    let r = fw().args(["chat", "x"]).run();
    r.code(3);
    assert!(
        r.stderr.contains("error: no Fireworks API key found"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("export FIREWORKS_API_KEY="),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("api_key_cmd"), "{}", r.stderr);

    let emu = Emulator::start();
    let r = fw_at(&emu)
        .env("FIREWORKS_API_KEY", "fw_wrong_key")
        .args(["chat", "x"])
        .run();
    r.code(3);
    assert!(
        r.stderr.contains("HTTP 401 Unauthorized: Invalid API key"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("fw_wrong_key"));
    emu.script([Reply::status(403, r#"{"error":{"message":"forbidden"}}"#)]);
    fw_at(&emu).args(["chat", "x"]).run().code(3);
}

#[test]
fn code_4_not_found_and_not_offered() {
    let emu = Emulator::start();
    emu.script([Reply::status(
        404,
        r#"{"error":{"message":"Model not found, inaccessible, and/or not deployed","param":"model","code":"NOT_FOUND","type":"error"},"request_id":"body-id"}"#,
    )]);
    let r = fw_at(&emu).args(["chat", "-m", "nope", "x"]).run();
    r.code(4);
    assert!(r.stderr.contains("Model not found"), "{}", r.stderr);
    assert!(r.stderr.contains("[request id req-404]"), "{}", r.stderr);

    let r = fw_at(&emu)
        .args(["chat", "-m", "gpt-oss-20b", "--fast", "x"])
        .run();
    r.code(4);
    assert!(r.stderr.contains("has no Fast router"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("models with one: glm-5p1, glm-5p2, kimi-k2p6, kimi-k3"),
        "{}",
        r.stderr
    );
    assert!(r
        .stderr
        .contains("fast = \"accounts/fireworks/routers/gpt-oss-20b-fast\""));
    assert_eq!(
        emu.requests().len(),
        1,
        "nothing is sent for a path that is not offered"
    );
}

#[test]
fn code_5_rate_limited_shows_rate_limit_headers() {
    let emu = Emulator::start();
    emu.script([Reply::Status {
        status: 429,
        body: r#"{"error":{"message":"rate limit exceeded"}}"#.into(),
        headers: vec![
            ("x-ratelimit-limit-tokens-generated".into(), "600".into()),
            ("retry-after".into(), "3".into()),
        ],
    }]);
    let r = fw_at(&emu).args(["chat", "--retries", "0", "x"]).run();
    r.code(5);
    assert!(
        r.stderr.contains("x-ratelimit-limit-tokens-generated: 600"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("retry-after: 3"), "{}", r.stderr);
}

#[test]
fn code_6_overloaded_hints_at_priority() {
    let emu = Emulator::start();
    emu.script([Reply::status(
        503,
        r#"{"error":{"message":"Service overloaded"}}"#,
    )]);
    let r = fw_at(&emu).args(["chat", "--retries", "0", "x"]).run();
    r.code(6);
    assert!(
        r.stderr
            .contains("HTTP 503 Service Unavailable: Service overloaded"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--tier priority"), "{}", r.stderr);
}

#[test]
fn code_7_server_error() {
    let emu = Emulator::start();
    emu.script([Reply::status(500, "<html>oops</html>")]);
    let r = fw_at(&emu).args(["chat", "--retries", "0", "x"]).run();
    r.code(7);
    assert!(
        r.stderr
            .contains("HTTP 500 Internal Server Error: <html>oops</html>"),
        "{}",
        r.stderr
    );
}

#[test]
fn code_8_network() {
    // Nothing listens on the port of a dropped listener.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let r = fw()
        .env("FIREWORKS_API_KEY", "k")
        .args([
            "--base-url",
            &format!("http://127.0.0.1:{port}/v1"),
            "chat",
            "x",
        ])
        .run();
    r.code(8);
    assert!(r.stderr.contains("cannot reach"), "{}", r.stderr);
}

#[test]
fn code_11_the_answer_does_not_match_the_schema() {
    let emu = Emulator::serving(Chat {
        content: vec!["{\"n\": \"one\"}".into()],
        follow_schema: false,
        ..Chat::default()
    });
    let r = fw_at(&emu).args(["chat", "--schema", "n int", "x"]).run();
    r.code(11);
    assert_eq!(
        r.stdout, "{\"n\":\"one\"}\n",
        "the answer is still on stdout"
    );
    assert!(
        r.stderr
            .contains("error: the answer does not match the schema: at /n"),
        "{}",
        r.stderr
    );
    // The same answer to a matching schema is a success.
    fw_at(&emu)
        .args(["chat", "--schema", "n str", "x"])
        .run()
        .code(0);
}

/// A chat stopped by `signal` after its first token: the partial answer stays on stdout,
/// ended cleanly, the error names the signal, and the exit code is the signal's.
fn stopped_mid_answer(signal: fn(&std::process::Child), code: i32, word: &str) {
    let emu = Emulator::serving(Chat {
        delay: Duration::from_millis(200),
        ..Chat::tokens(50)
    });
    let mut child = fw_at(&emu).args(["chat", "x"]).spawn();
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 3];
    out.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"t0 ");
    signal(&child);
    let rest = read_all(Some(out));
    let status = child.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(code),
        "ended by the signal itself: {status:?}"
    );
    let err = read_all(child.stderr.take());
    assert!(err.contains(&format!("error: {word}")), "{err}");
    assert!(
        rest.ends_with('\n'),
        "the partial answer is ended cleanly: {rest:?}"
    );
}

#[test]
fn code_130_interrupted_keeps_partial_output() {
    stopped_mid_answer(interrupt, 130, "interrupted");
}

#[test]
fn code_143_terminated_keeps_partial_output() {
    stopped_mid_answer(terminate, 143, "terminated");
}

#[test]
fn terminated_json_still_writes_the_summary() {
    let emu = Emulator::serving(Chat {
        delay: Duration::from_millis(200),
        ..Chat::tokens(50)
    });
    let mut child = fw_at(&emu).args(["chat", "--json", "x"]).spawn();
    // The request has arrived, so fw is waiting on the reply and on the signals.
    while emu.requests().is_empty() {
        std::thread::sleep(Duration::from_millis(10));
    }
    terminate(&child);
    let out = read_all(child.stdout.take());
    assert_eq!(child.wait().unwrap().code(), Some(143));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["error"]["exit_code"], 143);
    assert_eq!(v["error"]["message"], "terminated");
    assert!(v["content"].is_string(), "{v}");
}

#[test]
fn broken_pipe_ends_quietly() {
    let emu = Emulator::serving(Chat {
        delay: Duration::from_millis(5),
        ..Chat::tokens(400)
    });
    let mut child = fw_at(&emu).args(["chat", "x"]).spawn();
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 3];
    out.read_exact(&mut first).unwrap();
    drop(out);
    let status = child.wait().unwrap();
    let err = read_all(child.stderr.take());
    assert_eq!(status.code(), Some(0), "{err}");
    assert_eq!(err, "");
}

#[test]
fn every_error_shape_reaches_the_message() {
    // The shapes Fireworks has been seen to send, each through the whole program.
    let cases = [
        (
            400,
            r#"{"error":{"object":"error","type":"invalid_request_error","code":"invalid_request_error","message":"2 request validation errors: Extra inputs are not permitted"}}"#,
            "Extra inputs are not permitted",
            2,
        ),
        (
            400,
            r#"{"error":{"message":"Requests with max_tokens > 4096 must have stream=true","param":"max_tokens","code":"BAD_REQUEST","type":"error"}}"#,
            "must have stream=true",
            2,
        ),
        (
            404,
            r#"{"error":{"message":"Model not found, inaccessible, and/or not deployed","param":"model","code":"NOT_FOUND","type":"error"},"request_id":"rid-9"}"#,
            "Model not found, inaccessible",
            4,
        ),
        (
            422,
            r#"{"detail":[{"loc":["body","messages"],"msg":"field required","type":"missing"}]}"#,
            "body.messages: field required",
            2,
        ),
        (
            400,
            r#"{"error":{"object":"error","type":"invalid_request_error","message":"rate limit exceeded, please try again later"}}"#,
            "rate limit exceeded",
            5,
        ),
        (
            529,
            r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"rid-a"}"#,
            "Overloaded",
            6,
        ),
        (
            502,
            "upstream connect error or disconnect/reset before headers",
            "upstream connect error",
            7,
        ),
        (503, "", "(empty body)", 6),
    ];
    let emu = Emulator::start();
    for (status, body, want, code) in cases {
        emu.script([Reply::Status {
            status,
            body: body.into(),
            headers: vec![],
        }]);
        let r = fw_at(&emu).args(["chat", "--retries", "0", "x"]).run();
        assert_eq!(r.code, code, "{status} {body}: {}", r.stderr);
        let first = r.stderr.lines().next().unwrap();
        assert!(
            first.starts_with(&format!("error: HTTP {status} ")),
            "{first}"
        );
        assert!(first.contains(want), "{first}");
    }
}

#[test]
fn error_and_warning_labels_take_colour_only_when_asked() {
    let r = fw().args(["--color", "always", "chat", "x"]).run();
    r.code(3);
    assert!(
        r.stderr
            .starts_with("\x1b[1;31merror:\x1b[0m no Fireworks API key found"),
        "{:?}",
        r.stderr
    );
    let r = fw().args(["chat", "x"]).run();
    assert!(
        r.stderr.starts_with("error: no Fireworks API key found"),
        "{:?}",
        r.stderr
    );
    let r = fw()
        .env_remove("NO_COLOR")
        .env("TERM", "xterm")
        .args(["chat", "--fast", "-m", "gpt-oss-20b", "--dry-run", "x"])
        .run_in_pty();
    assert!(
        r.stdout.contains("\x1b[1;31merror:\x1b[0m"),
        "a terminal gets colour: {:?}",
        r.stdout
    );
    let r = fw()
        .env("TERM", "xterm")
        .args(["chat", "--fast", "-m", "gpt-oss-20b", "--dry-run", "x"])
        .run_in_pty();
    assert!(!r.stdout.contains('\x1b'), "NO_COLOR: {:?}", r.stdout);
    let r = fw()
        .args([
            "--color",
            "always",
            "chat",
            "--tier",
            "priority",
            "-m",
            "x",
            "--dry-run",
            "y",
        ])
        .run();
    assert!(
        r.stderr.starts_with("\x1b[1;33mwarning:\x1b[0m"),
        "{:?}",
        r.stderr
    );
}

/// `config`, which runs before settings are resolved, colours its errors by the same rules
/// as every other command: `--color`, then `NO_COLOR` and whether stderr is a terminal.
#[test]
fn commands_without_settings_take_the_same_colour_decision() {
    let coloured = "\x1b[1;31merror:\x1b[0m unknown config key";
    let r = fw()
        .args(["--color", "always", "config", "set", "modle", "x"])
        .run();
    r.code(2);
    assert!(r.stderr.starts_with(coloured), "{:?}", r.stderr);
    let r = fw()
        .env_remove("NO_COLOR")
        .env("TERM", "xterm")
        .args(["config", "set", "modle", "x"])
        .run_in_pty();
    assert!(r.stdout.contains(coloured), "a terminal: {:?}", r.stdout);
    let r = fw()
        .env("TERM", "xterm")
        .args(["config", "set", "modle", "x"])
        .run_in_pty();
    assert!(!r.stdout.contains('\x1b'), "NO_COLOR: {:?}", r.stdout);
    let r = fw()
        .env_remove("NO_COLOR")
        .env("TERM", "xterm")
        .args(["--color", "never", "config", "set", "modle", "x"])
        .run_in_pty();
    assert!(!r.stdout.contains('\x1b'), "--color never: {:?}", r.stdout);
}

#[test]
fn interrupted_json_modes_still_end_with_the_summary() {
    let emu = Emulator::serving(Chat {
        delay: Duration::from_millis(200),
        ..Chat::tokens(50)
    });
    let mut child = fw_at(&emu).args(["chat", "--jsonl", "x"]).spawn();
    let mut out = child.stdout.take().unwrap();
    let mut first = String::new();
    // Wait for the first event line, then interrupt.
    let mut byte = [0u8; 1];
    while !first.ends_with('\n') {
        out.read_exact(&mut byte).unwrap();
        first.push(byte[0] as char);
    }
    interrupt(&child);
    let rest = read_all(Some(out));
    assert_eq!(child.wait().unwrap().code(), Some(130));
    let last: Value = serde_json::from_str(rest.lines().last().unwrap()).unwrap();
    assert_eq!(last["type"], "summary");
    assert_eq!(last["error"]["exit_code"], 130);
    assert!(last["content"].as_str().unwrap().starts_with("t0 "));
}
