//! Faults, retries, time-outs, bad input, secrets and large input: each case provoked for real,
//! each with the exit code and the one-line error a script can rely on.

use std::time::{Duration, Instant};

use crate::support::{fw, fw_at, Chat, Emulator, Reply};

fn status_after(status: u16, retry_after: &str) -> Reply {
    Reply::Status {
        status,
        body: format!(r#"{{"error":{{"message":"transient {status}"}}}}"#),
        headers: vec![("retry-after".into(), retry_after.into())],
    }
}

#[test]
fn transient_failures_are_retried_before_any_output() {
    let emu = Emulator::start();
    emu.script([status_after(503, "0"), status_after(502, "0")]);
    let r = fw_at(&emu).args(["chat", "x"]).run();
    r.code(0);
    assert_eq!(r.stdout, "Hello from the emulator.\n", "the answer once");
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stderr);
    assert!(
        lines[0].starts_with("retry 1/2 in 0.0 s: HTTP 503"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("retry 2/2 in 0.0 s: HTTP 502"),
        "{}",
        lines[1]
    );
    assert_eq!(emu.requests().len(), 3);
}

/// total_ms is the whole command's time from the first send, waits included; ttft counts from
/// the send of the attempt that answered.
#[test]
fn json_total_time_covers_every_attempt() {
    let emu = Emulator::start();
    emu.script([status_after(429, "1")]);
    let r = fw_at(&emu).args(["chat", "--json", "x"]).run();
    r.code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let total = v["timing"]["total_ms"].as_f64().unwrap();
    let ttft = v["timing"]["ttft_ms"].as_f64().unwrap();
    // The one-second wait lies between the first send and the answering attempt's send.
    assert!(total - ttft >= 990.0, "total {total} ms, ttft {ttft} ms");
}

#[test]
fn retries_off_and_the_last_failure_decides() {
    let emu = Emulator::start();
    emu.script([status_after(503, "0")]);
    fw_at(&emu)
        .args(["chat", "--retries", "0", "x"])
        .run()
        .code(6);
    assert_eq!(emu.requests().len(), 1);

    emu.script([status_after(503, "0"), status_after(429, "0")]);
    let r = fw_at(&emu).args(["messages", "--retries", "1", "x"]).run();
    r.code(5);
    assert_eq!(emu.requests().len(), 3);

    // Not transient: a bad request is not sent again.
    emu.script([Reply::status(400, r#"{"error":{"message":"bad"}}"#)]);
    fw_at(&emu).args(["chat", "x"]).run().code(2);
    assert_eq!(emu.requests().len(), 4);

    // The config file sets the default.
    let mut f = fw_at(&emu);
    f.config("retries = 0\n");
    emu.script([status_after(503, "0")]);
    f.args(["chat", "x"]).run().code(6);
    assert_eq!(emu.requests().len(), 5);
}

#[test]
fn retry_after_is_honoured() {
    let emu = Emulator::start();
    emu.script([status_after(429, "1")]);
    let t = Instant::now();
    let r = fw_at(&emu).args(["chat", "x"]).run();
    r.code(0);
    assert!(
        r.stderr.contains("retry 1/2 in 1.0 s: HTTP 429"),
        "{}",
        r.stderr
    );
    assert!(t.elapsed() >= Duration::from_millis(900));
    emu.script([Reply::Status {
        status: 503,
        body: "{}".into(),
        headers: vec![("retry-after-ms".into(), "20".into())],
    }]);
    let r = fw_at(&emu).args(["chat", "x"]).run();
    assert!(
        r.code(0).stderr.contains("retry 1/2 in 0.0 s"),
        "{}",
        r.stderr
    );
}

#[test]
fn streamed_text_is_never_sent_twice() {
    let emu = Emulator::serving(Chat {
        drop_after: Some(3),
        ..Chat::default()
    });
    let r = fw_at(&emu).args(["chat", "x"]).run();
    r.code(8);
    assert_eq!(r.stdout, "Hello from\n");
    assert!(!r.stderr.contains("retry"), "{}", r.stderr);
    assert_eq!(emu.requests().len(), 1);

    // Cut before any token: nothing was shown, so it is sent again.
    emu.set_default(Chat::default());
    emu.script([Reply::Chat(Chat {
        drop_after: Some(0),
        ..Chat::default()
    })]);
    let r = fw_at(&emu).args(["chat", "x"]).run();
    r.code(0);
    assert_eq!(r.stdout, "Hello from the emulator.\n");
    assert!(r.stderr.contains("retry 1/2"), "{}", r.stderr);
}

#[test]
fn failed_connections_are_retried_then_reported() {
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
            "--retries",
            "1",
            "x",
        ])
        .run();
    r.code(8);
    assert_eq!(r.stderr.matches("retry 1/1").count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("error: cannot reach"), "{}", r.stderr);
}

#[test]
fn a_stalled_stream_ends_with_the_network_code_and_keeps_its_text() {
    let emu = Emulator::serving(Chat {
        delay: Duration::from_secs(3),
        ..Chat::tokens(3)
    });
    let t = Instant::now();
    let r = fw_at(&emu)
        .args(["--idle-timeout", "0.4", "chat", "x"])
        .run();
    r.code(8);
    assert_eq!(r.stdout, "t0 \n");
    assert!(
        r.stderr.contains("no data for 0.4 s (--idle-timeout)"),
        "{}",
        r.stderr
    );
    assert!(
        t.elapsed() < Duration::from_secs(3),
        "it did not wait for the stall to end"
    );
}

#[test]
fn connect_timeout_flag_is_used() {
    let r = fw()
        .args(["--connect-timeout", "0", "chat", "--dry-run", "x"])
        .run();
    r.code(2);
    assert!(
        r.stderr.contains("must be a positive number of seconds"),
        "{}",
        r.stderr
    );
}

#[test]
fn replies_that_are_not_json_show_a_short_snippet() {
    let emu = Emulator::start();
    let page = format!("<html><body>{}</body></html>", "proxy error ".repeat(100));
    emu.script([Reply::status(502, &page)]);
    let r = fw_at(&emu).args(["chat", "--retries", "0", "x"]).run();
    r.code(7);
    let first = r.stderr.lines().next().unwrap();
    assert!(
        first.starts_with("error: HTTP 502 Bad Gateway: <html><body>proxy error"),
        "{first}"
    );
    assert!(
        first.len() < 400 && first.contains("... [request id req-502]"),
        "{first}"
    );

    emu.script([Reply::status(200, "not json at all")]);
    let r = fw_at(&emu).args(["chat", "--no-stream", "x"]).run();
    r.code(7);
    assert!(
        r.stderr.contains("malformed reply from the server"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("not json at all"), "{}", r.stderr);
}

/// One bad-input case: arguments, standard input, config file, exit code, text in the error.
type BadInput<'a> = (
    Vec<&'a str>,
    Option<&'a [u8]>,
    Option<&'a str>,
    i32,
    &'a str,
);

#[test]
fn bad_input_table() {
    // Every row of docs/bad-input.md: (args, stdin, config, exit code, text in the error).
    let cases: Vec<BadInput> = vec![
        (
            vec!["chat"],
            Some(b"\xff\xfe not utf-8"),
            None,
            2,
            "standard input is not UTF-8 text",
        ),
        (vec!["chat"], Some(b""), None, 2, "empty prompt"),
        (
            vec!["chat", "-o", "novalue", "x"],
            None,
            None,
            2,
            "is not key=value",
        ),
        (
            vec!["chat", "-o", "=1", "x"],
            None,
            None,
            2,
            "has an empty key",
        ),
        (
            vec!["chat", "--messages", "-"],
            Some(b"[{\"role\": \"user\",\n \"content\": }]"),
            None,
            2,
            "line 2 column 13",
        ),
        (
            vec!["chat", "--messages", "-"],
            Some(b"{\"role\":\"user\"}"),
            None,
            2,
            "must be a JSON array",
        ),
        (
            vec!["chat", "--tier", "gold", "x"],
            None,
            None,
            2,
            "invalid value 'gold'",
        ),
        (
            vec!["chat", "--json", "--jsonl", "x"],
            None,
            None,
            2,
            "cannot be used with",
        ),
        (
            vec!["chat", "--dry-run", "--curl", "x"],
            None,
            None,
            2,
            "cannot be used with",
        ),
        (
            vec!["chat", "x"],
            None,
            Some("model = 5\n"),
            2,
            "invalid type: integer `5`, expected a string",
        ),
        (
            vec!["chat", "x"],
            None,
            Some("[profile.ci]\nmodle = \"x\"\n"),
            2,
            "unknown field `modle`",
        ),
        (
            vec!["chat", "x"],
            None,
            Some("tier = \"gold\"\n"),
            2,
            "invalid tier \"gold\"",
        ),
        (
            vec!["chat", "x"],
            None,
            Some("api_key_cmd = \"echo oops >&2; exit 4\"\n"),
            3,
            "api_key_cmd failed",
        ),
        (
            vec!["chat", "x"],
            None,
            Some("api_key_cmd = \"true\"\n"),
            3,
            "api_key_cmd printed nothing",
        ),
        (
            vec!["--base-url", "not a url", "chat", "x"],
            None,
            None,
            2,
            "invalid base URL",
        ),
        (
            vec!["--base-url", "http://10.1.2.3/v1", "chat", "x"],
            None,
            None,
            2,
            "refusing to send the API key over plain http",
        ),
        (
            vec!["--config", "/", "chat", "x"],
            None,
            None,
            2,
            "cannot read config file /",
        ),
        (
            vec!["--config", "/nonexistent.toml", "chat", "x"],
            None,
            None,
            2,
            "cannot read config file /nonexistent.toml",
        ),
        (
            vec!["--timeout=-1", "chat", "x"],
            None,
            None,
            2,
            "must be a positive number of seconds",
        ),
        (
            vec!["bench", "--rate", "0"],
            None,
            None,
            2,
            "the rate must be between",
        ),
    ];
    for (args, stdin, config, code, want) in cases {
        let mut f = fw();
        if let Some(c) = config {
            f.config(c);
        }
        if let Some(s) = stdin {
            f.stdin_bytes(s);
        }
        let r = f.args(&args).run();
        assert_eq!(r.code, code, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(want), "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{args:?}: {}", r.stderr);
    }
    // The api_key_cmd's own stderr reaches the user.
    let mut f = fw();
    f.config("api_key_cmd = \"echo vault-is-locked >&2; exit 1\"\n");
    let r = f.args(["chat", "x"]).run();
    assert!(r.stderr.contains("vault-is-locked"), "{}", r.stderr);
}

#[test]
fn fifty_megabytes_of_stdin_is_just_input() {
    let big = "0123456789abcdef".repeat(50 * 1024 * 1024 / 16);
    let t = Instant::now();
    let r = fw()
        .args(["chat", "--dry-run", "summarize:"])
        .stdin(&big)
        .run();
    r.code(0);
    assert!(r.stdout.len() > big.len());
    let emu = Emulator::start();
    let r = fw_at(&emu)
        .args(["chat", "--no-stream", "summarize:"])
        .stdin(&big)
        .run();
    r.code(0);
    let content = emu.only_body()["messages"][0]["content"]
        .as_str()
        .unwrap()
        .len();
    assert_eq!(content, "summarize:\n\n".len() + big.len());
    assert!(t.elapsed() < Duration::from_secs(60), "{:?}", t.elapsed());
}

#[test]
fn the_key_never_appears_in_any_output() {
    const SENTINEL: &str = "fw_SENTINEL_d0e1f2a3b4c5";
    let emu = Emulator::start();
    emu.script([
        Reply::status(401, r#"{"error":{"message":"Invalid API key"}}"#),
        Reply::status(500, r#"{"error":{"message":"boom"}}"#),
    ]);
    let runs = [
        vec!["chat", "--dry-run", "x"],
        vec!["chat", "--curl", "x"],
        vec!["-v", "chat", "x"],
        vec!["-v", "chat", "--retries", "0", "x"],
        vec!["chat", "--json", "x"],
        vec!["messages", "--jsonl", "-v", "x"],
        vec!["models", "--json"],
        vec!["bench", "--smoke", "--json", "-"],
    ];
    for args in runs {
        let r = fw()
            .env("FIREWORKS_API_KEY", SENTINEL)
            .env("FIREWORKS_BASE_URL", &emu.base_url())
            .env("FIREWORKS_CONTROL_URL", &format!("http://{}", emu.addr))
            .args(&args)
            .run();
        assert!(
            !r.stdout.contains(SENTINEL),
            "{args:?} stdout: {}",
            r.stdout
        );
        assert!(
            !r.stderr.contains(SENTINEL),
            "{args:?} stderr: {}",
            r.stderr
        );
    }
    // The emulator did receive it, so it was really in use.
    assert!(emu
        .requests()
        .iter()
        .any(|q| q.header("authorization") == Some(&*format!("Bearer {SENTINEL}"))));

    // From a config file and an api_key_cmd too, including a failing request.
    for config in [
        format!("api_key = \"{SENTINEL}\"\n"),
        format!("api_key_cmd = \"echo {SENTINEL}\"\n"),
    ] {
        let mut f = fw();
        f.config(&config);
        f.env("FIREWORKS_BASE_URL", &emu.base_url());
        emu.script([Reply::status(
            401,
            r#"{"error":{"message":"Invalid API key"}}"#,
        )]);
        let r = f.args(["-v", "chat", "--retries", "0", "x"]).run();
        r.code(3);
        assert!(
            !r.stdout.contains(SENTINEL) && !r.stderr.contains(SENTINEL),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn extra_ca_certificates_from_ssl_cert_file() {
    let dir = tempfile::tempdir().unwrap();
    let certs = crate::support::tls::certificates(dir.path());
    let server = crate::support::tls::HttpsServer::start(&crate::support::llama::python(), &certs);
    let url = server.url.clone();
    let chat = |ca: Option<&std::path::Path>| {
        let mut f = fw();
        f.env("FIREWORKS_API_KEY", "k")
            .env("FIREWORKS_BASE_URL", &format!("{url}/v1"))
            .args(["chat", "--no-stream", "--retries", "0", "x"]);
        if let Some(ca) = ca {
            f.env("SSL_CERT_FILE", ca.to_str().unwrap());
        }
        f.run()
    };
    let r = chat(None);
    r.code(8);
    assert!(
        r.stderr.to_lowercase().contains("certificate"),
        "{}",
        r.stderr
    );
    let r = chat(Some(&certs.ca));
    r.code(0);
    assert_eq!(r.stdout, "hello over tls\n");
    let r = chat(Some(&certs.not_a_cert));
    r.code(2);
    assert!(r.stderr.contains("SSL_CERT_FILE"), "{}", r.stderr);
    drop(server);
}

/// The binary takes no libm.so (src/math.rs gives the math functions it uses), so no run pays
/// for loading it: a new call to a libm function shows up here, not as a quiet 0.3 MB of RSS.
#[test]
fn the_binary_loads_no_libm() {
    let out = std::process::Command::new("readelf")
        .args(["-d", crate::support::fw_bin()])
        .output()
        .expect("readelf (binutils) runs");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let needed: Vec<&str> = text.lines().filter(|l| l.contains("(NEEDED)")).collect();
    assert!(needed.iter().any(|l| l.contains("libc.so")), "{text}");
    assert!(
        !needed.iter().any(|l| l.contains("libm.so")),
        "fw needs libm.so again: give the new function in src/math.rs\n{text}"
    );
}
