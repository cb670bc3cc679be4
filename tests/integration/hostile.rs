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
