//! Hostile servers and careless set-ups: proxies the key must not cross, credentials in URLs,
//! redirects, numbers that would overflow, replies that are empty, huge, or oddly labelled.
//! Each test stands for a rule in docs/bad-input.md.

use crate::support::raw::{Answer, RawServer};
use crate::support::{emulator, fw, fw_at, Emulator};

/// A loopback "proxy" that refuses every tunnel and records what it was asked.
fn refusing_proxy() -> RawServer {
    RawServer::start(vec![Answer::http("403 Forbidden", &[], b"")])
}

#[test]
fn a_loopback_base_url_never_goes_through_a_proxy() {
    // Each of these once sent the request, key included, in clear text through HTTP_PROXY.
    let emu = Emulator::start();
    let proxy = refusing_proxy();
    let p = format!("http://{}", proxy.addr);
    let cases: &[&[(&str, &str)]] = &[
        &[("HTTP_PROXY", &p)],
        &[("HTTP_PROXY", &p), ("NO_PROXY", "*")],
        &[("HTTP_PROXY", &p), ("NO_PROXY", ""), ("no_proxy", "*")],
        &[("ALL_PROXY", &p), ("no_proxy", "example.com")],
        &[("http_proxy", &p), ("all_proxy", &p)],
    ];
    for vars in cases {
        let mut f = fw_at(&emu);
        for (k, v) in vars.iter() {
            f.env(k, v);
        }
        let r = f.args(["chat", "--retries", "0", "x"]).run();
        r.code(0);
        assert_eq!(r.stdout, "Hello from the emulator.\n", "{vars:?}");
    }
    assert!(proxy.received().is_empty(), "{:?}", proxy.received_text());
    assert_eq!(emu.requests().len(), cases.len());
}

#[test]
fn https_goes_through_the_proxy_as_a_tunnel_without_the_key() {
    let proxy = refusing_proxy();
    let p = format!("http://{}", proxy.addr);
    let r = fw()
        .env("FIREWORKS_API_KEY", emulator::KEY)
        .env(
            "FIREWORKS_BASE_URL",
            "https://api.fireworks.test/inference/v1",
        )
        .env("HTTPS_PROXY", &p)
        .args(["chat", "--retries", "0", "--connect-timeout", "5", "x"])
        .run();
    r.code(8);
    let got = proxy.received_text();
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].starts_with("CONNECT api.fireworks.test:443 "),
        "{got:?}"
    );
    assert!(!got[0].contains(emulator::KEY), "{got:?}");
    assert!(!got[0].to_ascii_lowercase().contains("authorization"));
}

#[test]
fn a_proxy_fw_cannot_use_is_a_usage_error_and_nothing_is_sent() {
    // fw reaches proxies over plain http only, and a proxy variable it cannot parse is not
    // skipped (going direct would bypass the proxy the user set): both are a set-up to fix, not
    // a network failure worth retrying. The proxy address is a loopback listener, to see that
    // nothing reaches it.
    let proxy = refusing_proxy();
    let cases = [
        (
            format!("socks5://{}", proxy.addr),
            "proxy scheme socks5 is not supported",
        ),
        (
            format!("https://{}", proxy.addr),
            "proxy scheme https is not supported",
        ),
        (
            "http://user:hunter2@127.0.0.1:port".to_string(),
            "HTTPS_PROXY is not a proxy address fw can use",
        ),
    ];
    for (value, why) in &cases {
        let r = fw()
            .env("FIREWORKS_API_KEY", emulator::KEY)
            .env(
                "FIREWORKS_BASE_URL",
                "https://api.fireworks.test/inference/v1",
            )
            .env("HTTPS_PROXY", value)
            .args(["chat", "x"])
            .run();
        r.code(2);
        assert!(r.stderr.contains(why), "{value}: {}", r.stderr);
        assert_eq!(
            r.stderr.lines().filter(|l| l.starts_with("error:")).count(),
            1,
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("hunter2"), "{}", r.stderr);
    }
    assert!(proxy.received().is_empty(), "{:?}", proxy.received_text());
}

#[test]
fn user_info_in_a_base_url_is_refused_and_never_printed() {
    let emu = Emulator::start();
    for (var, url) in [
        (
            "FIREWORKS_BASE_URL",
            format!("http://user:hunter2@{}/inference/v1", emu.addr),
        ),
        (
            "FIREWORKS_CONTROL_URL",
            "https://u:hunter2@api.fireworks.ai".to_string(),
        ),
    ] {
        for args in [
            &["chat", "x"][..],
            &["chat", "--dry-run", "x"],
            &["chat", "--curl", "x"],
            &["models"],
            &["bench", "-n", "1"],
        ] {
            let r = fw_at(&emu).env(var, &url).args(args).run();
            r.code(2);
            assert!(
                r.stderr.contains("holds a user name or password"),
                "{args:?}: {}",
                r.stderr
            );
            assert!(!r.stderr.contains("hunter2") && !r.stdout.contains("hunter2"));
        }
        let r = fw_at(&emu).env(var, &url).args(["config", "show"]).run();
        assert!(!r.stderr.contains("hunter2") && !r.stdout.contains("hunter2"));
    }
    assert!(emu.requests().is_empty());
}

#[test]
fn redirects_stay_within_the_origin() {
    // Another origin, here another port: it must never see the prompt.
    let elsewhere = Emulator::start();
    let to = format!("{}/chat/completions", elsewhere.base_url());
    let server = RawServer::start(vec![Answer::http(
        "307 Temporary Redirect",
        &[("location", &to)],
        b"",
    )]);
    let r = fw()
        .env("FIREWORKS_API_KEY", emulator::KEY)
        .env("FIREWORKS_BASE_URL", &server.base_url())
        .args(["chat", "--retries", "0", "the secret plan"])
        .run();
    r.code(7);
    assert!(r.stderr.contains("redirect to"), "{}", r.stderr);
    assert!(r.stderr.contains("not followed") || r.stderr.contains("went no further"));
    assert!(elsewhere.requests().is_empty());
    assert_eq!(server.received().len(), 1);

    // Within the origin, a redirect is followed (the same server answers both).
    let emu = Emulator::start();
    let same = format!("{}/chat/completions", emu.base_url());
    emu.script([crate::support::Reply::Status {
        status: 307,
        body: String::new(),
        headers: vec![("location".into(), same)],
    }]);
    let r = fw_at(&emu)
        .args([
            "chat",
            "--base-url",
            &format!("{}/old", emu.base_url()),
            "x",
        ])
        .run();
    r.code(0);
    assert_eq!(r.stdout, "Hello from the emulator.\n");
    assert_eq!(emu.requests().len(), 2);
}

#[test]
fn numbers_out_of_range_are_usage_errors_not_panics() {
    let cases: Vec<(Vec<&str>, Option<&str>, &str)> = vec![
        (vec!["--timeout", "1e20", "chat", "x"], None, "--timeout"),
        (
            vec!["--idle-timeout", "inf", "chat", "x"],
            None,
            "--idle-timeout",
        ),
        (
            vec!["--connect-timeout", "NaN", "chat", "x"],
            None,
            "--connect-timeout",
        ),
        (
            vec!["chat", "x"],
            Some("timeout = 1e300\n"),
            "timeout must be",
        ),
        (
            vec!["chat", "x"],
            Some("read_timeout = -0.0\n"),
            "read_timeout must be",
        ),
        (vec!["bench", "--duration", "1e300"], None, "--duration"),
        (vec!["bench", "--rate", "1e-300"], None, "--rate"),
        (
            vec!["bench", "--concurrency", "100000000000"],
            None,
            "--concurrency",
        ),
        (
            vec!["bench", "--input-tokens", "100000000000"],
            None,
            "--input-tokens",
        ),
    ];
    for (args, config, want) in cases {
        let emu = Emulator::start();
        let mut f = fw_at(&emu);
        if let Some(c) = config {
            f.config(c);
        }
        let r = f.args(&args).run();
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(want), "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{args:?}: {}", r.stderr);
        assert!(emu.requests().is_empty(), "{args:?} sent a request");
    }
}

#[test]
fn a_huge_retry_after_is_capped_not_a_crash() {
    // `Retry-After: 1e20` once crashed every command (Duration overflow, exit 134). It is cut
    // to the one-minute cap; with --retries 0 nothing waits, and the 503 is reported.
    let busy = || crate::support::Reply::Status {
        status: 503,
        body: r#"{"error":{"message":"busy"}}"#.into(),
        headers: vec![("retry-after".into(), "1e20".into())],
    };
    let emu = Emulator::start();
    for args in [
        &["chat", "--retries", "0", "x"][..],
        &["messages", "--retries", "0", "x"],
    ] {
        emu.script([busy()]);
        let r = fw_at(&emu).args(args).run();
        r.code(6);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
    emu.script([busy(), busy()]);
    let r = fw_at(&emu).args(["models", "--source", "openai"]).run();
    r.code(6);
    emu.script([busy(), busy(), busy()]);
    let r = fw_at(&emu)
        .args(["bench", "--smoke", "--paths", "standard", "-m", "emulated"])
        .run();
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert!(r.stdout.contains("503"), "{}", r.stdout);
}

/// A chat completion chunk with `delta` and an optional finish reason.
fn chunk(delta: &str, finish: Option<&str>) -> String {
    let finish = finish.map_or("null".to_string(), |f| format!("\"{f}\""));
    format!(
        "data: {{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{{\"index\":0,\"delta\":{delta},\"finish_reason\":{finish}}}]}}\n\n"
    )
}

fn fw_raw(server: &RawServer) -> crate::support::Fw {
    let mut f = fw();
    f.env("FIREWORKS_API_KEY", emulator::KEY)
        .env("FIREWORKS_BASE_URL", &server.base_url());
    f
}

#[test]
fn a_tool_call_on_stdout_is_never_sent_again() {
    // Chat: the tool call is complete (finish reason), then an overload error mid-stream.
    let call = r#"{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"rm","arguments":"{\"path\":\"/tmp/x\"}"}}]}"#;
    let events = [
        chunk(call, None),
        chunk("{}", Some("tool_calls")),
        "data: {\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}\n\n".to_string(),
    ];
    let refs: Vec<&str> = events.iter().map(String::as_str).collect();
    let server = RawServer::start(vec![Answer::sse("text/event-stream", &refs)]);
    let r = fw_raw(&server).args(["chat", "--retries", "2", "x"]).run();
    r.code(6);
    assert_eq!(r.stdout.matches("\"tool_call\"").count(), 1, "{}", r.stdout);
    assert_eq!(server.received().len(), 1, "{}", r.stderr);

    // Messages: the tool_use block is complete, then the stream is cut.
    let events = [
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"usage\":{\"input_tokens\":1,\"output_tokens\":0}}}\n\n",
        "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"tu_1\",\"name\":\"rm\",\"input\":{}}}\n\n",
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"path\\\":\\\"/tmp/x\\\"}\"}}\n\n",
        "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
    ];
    let server = RawServer::start(vec![Answer::sse("text/event-stream", &events)]);
    let r = fw_raw(&server)
        .args(["messages", "--retries", "2", "x"])
        .run();
    r.code(8);
    assert_eq!(r.stdout.matches("\"tool_call\"").count(), 1, "{}", r.stdout);
    assert_eq!(server.received().len(), 1, "{}", r.stderr);
}

#[test]
fn empty_replies_are_malformed_in_chat_messages_and_bench() {
    let cases: [(&str, Vec<&str>); 2] = [
        ("chat", vec!["data: [DONE]\n\n"]),
        (
            "messages",
            vec!["event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"],
        ),
    ];
    for (api, events) in cases {
        let server = RawServer::start(vec![Answer::sse("text/event-stream", &events)]);
        let r = fw_raw(&server).args([api, "--retries", "0", "x"]).run();
        r.code(7);
        assert!(r.stderr.contains("no answer, no tool call"), "{}", r.stderr);
        assert_eq!(r.stdout, "");
        let r = fw_raw(&server)
            .args([
                "bench", "--smoke", "--api", api, "--paths", "standard", "-m", "emulated",
            ])
            .run();
        r.code(7);
        assert!(r.stdout.contains("FAIL"), "{}", r.stdout);
        let r = fw_raw(&server)
            .args([
                "bench",
                "--api",
                api,
                "--paths",
                "standard",
                "-m",
                "emulated",
                "-n",
                "2",
                "--warmup",
                "0",
                "--assert",
                "standard.availability>=0.5",
            ])
            .run();
        assert_ne!(r.code, 0, "{}", r.stdout);
    }
}

#[test]
fn error_bodies_and_whole_replies_are_read_with_a_cap() {
    // 300 MB of error page: fw reads 64 KiB, says so, and hangs up.
    let server = RawServer::start(vec![Answer::huge(
        "500 Internal Server Error",
        "text/html",
        &[b'x'; 1 << 20],
        300,
    )]);
    let r = fw_raw(&server).args(["chat", "--retries", "0", "x"]).run();
    r.code(7);
    assert!(
        r.stderr.contains("error body cut at 64 KiB"),
        "{}",
        r.stderr
    );
    assert!(
        server.sent_bytes() < 64 << 20,
        "fw kept reading: {} bytes",
        server.sent_bytes()
    );

    // A 200 that is not a stream and never ends: cut at 16 MiB, exit 7.
    let server = RawServer::start(vec![Answer::huge(
        "200 OK",
        "application/json",
        &[b' '; 1 << 20],
        300,
    )]);
    for args in [
        &["chat", "--retries", "0", "--no-stream", "x"][..],
        &["models", "--source", "openai"],
    ] {
        let r = fw_raw(&server).args(args).run();
        r.code(7);
        assert!(
            r.stderr.contains("larger than 16 MiB"),
            "{args:?}: {}",
            r.stderr
        );
    }
    assert!(server.sent_bytes() < 200 << 20, "{}", server.sent_bytes());
}

#[test]
fn chat_and_bench_classify_odd_replies_alike() {
    let cases = [
        (
            Answer::http(
                "200 OK",
                &[("content-type", "text/html")],
                b"<html>hello</html>",
            ),
            7,
        ),
        (
            Answer::http(
                "200 OK",
                &[("content-type", "application/json")],
                br#"{"error":{"type":"overloaded_error","message":"busy"}}"#,
            ),
            6,
        ),
        (
            Answer::http(
                "200 OK",
                &[("content-type", "application/json")],
                br#"{"error":{"type":"invalid_request_error","message":"no"}}"#,
            ),
            7,
        ),
    ];
    for (answer, code) in cases {
        let server = RawServer::start(vec![answer]);
        let r = fw_raw(&server).args(["chat", "--retries", "0", "x"]).run();
        r.code(code);
        let r = fw_raw(&server)
            .args(["bench", "--smoke", "--paths", "standard", "-m", "emulated"])
            .run();
        r.code(code);
    }
}

#[test]
fn bench_checks_its_output_files_before_sending() {
    let emu = Emulator::start();
    let dir = tempfile::tempdir().unwrap();
    for flag in ["--json", "--records", "--csv"] {
        for path in [
            "/no/such/dir/x.json".to_string(),
            dir.path().display().to_string(),
        ] {
            let r = fw_at(&emu)
                .args([
                    "bench", "-m", "emulated", "--paths", "standard", "-n", "1", flag, &path,
                ])
                .run();
            r.code(2);
            assert!(r.stderr.contains(flag), "{}", r.stderr);
        }
    }
    assert!(emu.requests().is_empty(), "a request was sent");
}

#[test]
fn media_types_are_case_insensitive() {
    let events = [
        chunk(r#"{"role":"assistant","content":"Hi"}"#, None),
        chunk(r#"{"content":" there"}"#, Some("stop")),
        "data: [DONE]\n\n".to_string(),
    ];
    let refs: Vec<&str> = events.iter().map(String::as_str).collect();
    let server = RawServer::start(vec![Answer::sse("Text/Event-Stream; charset=UTF-8", &refs)]);
    let r = fw_raw(&server)
        .args(["chat", "--retries", "0", "--json", "x"])
        .run();
    r.code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["content"], "Hi there");
    assert!(v["timing"]["ttft_ms"].is_number(), "read as a stream: {v}");
    let r = fw_raw(&server)
        .args(["bench", "--smoke", "--paths", "standard", "-m", "emulated"])
        .run();
    r.code(0);
}

#[test]
fn what_was_sent_is_what_is_reported() {
    let emu = Emulator::start();
    let r = fw_at(&emu)
        .args([
            "chat",
            "-m",
            "kimi-k2p6",
            "--json",
            "-o",
            "service_tier=\"priority\"",
            "x",
        ])
        .run();
    let v: serde_json::Value = serde_json::from_str(&r.code(0).stdout).unwrap();
    assert_eq!(emu.only_body()["service_tier"], "priority");
    assert_eq!(v["serving_path"]["name"], "priority");
    assert_eq!(v["serving_path"]["service_tier"], "priority");

    let emu = Emulator::start();
    let r = fw_at(&emu)
        .args([
            "chat",
            "--stats",
            "-m",
            "kimi-k2p6",
            "-o",
            "model=\"accounts/fireworks/routers/kimi-k2p6-fast\"",
            "x",
        ])
        .run();
    r.code(0);
    assert_eq!(
        emu.only_body()["model"],
        "accounts/fireworks/routers/kimi-k2p6-fast"
    );
    assert!(
        r.stderr
            .contains("path fast (accounts/fireworks/routers/kimi-k2p6-fast)"),
        "{}",
        r.stderr
    );
}

fn dead_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn the_control_plane_follows_a_custom_base_url() {
    // Only the base URL set: the control plane is asked at the same origin, and a wrong key
    // is an auth failure (3), not a network failure at api.fireworks.ai (8).
    let emu = Emulator::start();
    let r = fw_at(&emu)
        .env("FIREWORKS_API_KEY", "wrong")
        .args(["models"])
        .run();
    r.code(3);
    let reqs = emu.requests();
    assert!(reqs[0].path.starts_with("/v1/accounts/"), "{reqs:?}");
    let r = fw_at(&emu).args(["config", "show"]).run();
    assert!(
        r.stdout
            .contains(&format!("http://{}/ (from base_url's origin)", emu.addr)),
        "{}",
        r.stdout
    );

    // Both attempts failing: the refused key matters more than the unreachable control plane.
    let r = fw_at(&emu)
        .env("FIREWORKS_API_KEY", "wrong")
        .env(
            "FIREWORKS_CONTROL_URL",
            &format!("http://127.0.0.1:{}", dead_port()),
        )
        .args(["models"])
        .run();
    r.code(3);
    assert!(
        r.stderr
            .contains("warning: the control plane's list failed"),
        "{}",
        r.stderr
    );

    // Nothing reachable: the hint names the control URL, not the base URL.
    let control = format!("http://127.0.0.1:{}", dead_port());
    let r = fw()
        .env("FIREWORKS_API_KEY", "k")
        .env(
            "FIREWORKS_BASE_URL",
            &format!("http://127.0.0.1:{}/v1", dead_port()),
        )
        .env("FIREWORKS_CONTROL_URL", &control)
        .args(["models", "--source", "control"])
        .run();
    r.code(8);
    assert!(
        r.stderr
            .contains(&format!("hint: check the control-plane URL {control}")),
        "{}",
        r.stderr
    );
}
