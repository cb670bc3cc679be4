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
