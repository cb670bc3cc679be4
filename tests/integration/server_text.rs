//! Text from a server reaches a terminal only with its control characters escaped: error
//! messages, retry lines, warnings, reasoning, refusals, the model table, bench's smoke table,
//! and the answer itself when stdout is a terminal (unless `--raw`). The answer to a pipe stays
//! byte-exact.

use serde_json::json;

use crate::support::{fw_at, Chat, Emulator, Reply};

/// A clipboard write (OSC 52), a window title (OSC 0), a screen clear (CSI 2J) and the one-byte
/// C1 CSI that some terminals honour.
const HOSTILE: &str = "a\x1b]52;c;ZWNobyBwd25lZA==\x07b\x1b]0;owned\x07c\x1b[2Jd\u{9b}31me";

/// How `HOSTILE` reads once escaped.
const SHOWN: &str = r"a\x1b]52;c;ZWNobyBwd25lZA==\x07b\x1b]0;owned\x07c\x1b[2Jd\u{9b}31me";

/// Control characters other than the line ends fw writes itself.
#[track_caller]
fn assert_clean(text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r'))
        .collect();
    assert!(bad.is_empty(), "raw control characters {bad:?} in:\n{text}");
}

fn error_body(message: &str) -> String {
    json!({"error": {"message": message, "type": "invalid_request_error"}}).to_string()
}

#[test]
fn error_messages_and_retry_lines_are_escaped() {
    let emu = Emulator::start();
    emu.script([Reply::status(400, &error_body(HOSTILE))]);
    let r = fw_at(&emu).args(["chat", "x"]).run();
    r.code(2);
    assert_clean(&r.stderr);
    assert!(r.stderr.contains(SHOWN), "{}", r.stderr);

    // An error inside the stream, on both wire formats.
    emu.set_default(Chat {
        error_after: Some((2, json!({"type": "server_error", "message": HOSTILE}))),
        ..Chat::default()
    });
    for api in ["chat", "messages"] {
        let r = fw_at(&emu).args([api, "x"]).run();
        r.code(7);
        assert_clean(&r.stderr);
        assert!(r.stderr.contains(SHOWN), "{api}: {}", r.stderr);
    }

    // A retry line quotes the failure it retries.
    emu.set_default(Chat::default());
    emu.script([Reply::Status {
        status: 503,
        body: error_body(HOSTILE),
        headers: vec![("retry-after".into(), "0".into())],
    }]);
    let r = fw_at(&emu).args(["chat", "x"]).run();
    r.code(0);
    assert!(r.stderr.starts_with("retry 1/2 in 0.0 s: "), "{}", r.stderr);
    assert_clean(&r.stderr);
    assert!(r.stderr.contains(SHOWN), "{}", r.stderr);
}

#[test]
fn reasoning_and_refusals_are_escaped() {
    let emu = Emulator::serving(Chat {
        reasoning: vec![HOSTILE.into(), "\nsecond line".into()],
        ..Chat::default()
    });
    for api in ["chat", "messages"] {
        let r = fw_at(&emu).args([api, "--show-reasoning", "x"]).run();
        r.code(0);
        assert_clean(&r.stderr);
        assert_eq!(r.stderr, format!("{SHOWN}\nsecond line\n"), "{api}");
    }

    let refusal = json!({"choices": [{"index": 0, "delta": {"refusal": HOSTILE},
                                      "finish_reason": "stop"}]});
    emu.script([Reply::sse(&format!("data: {refusal}\n\ndata: [DONE]\n\n"))]);
    let r = fw_at(&emu).args(["chat", "x"]).run();
    r.code(0);
    assert_eq!(r.stderr, format!("refusal: {SHOWN}\n"));
}

#[test]
fn the_answer_to_a_pipe_is_byte_exact() {
    let parts = ["x\x1b]52;c;AA==\x07", "\u{9b}2J\r\n\t", "\x7f\0 end"];
    let emu = Emulator::serving(Chat {
        content: parts.map(String::from).to_vec(),
        ..Chat::default()
    });
    for api in ["chat", "messages"] {
        let r = fw_at(&emu).args([api, "x"]).run();
        r.code(0);
        assert_eq!(r.stdout, format!("{}\n", parts.concat()), "{api}");
    }
}

#[test]
fn the_answer_on_a_terminal_is_escaped_unless_raw() {
    let emu = Emulator::serving(Chat {
        content: vec![HOSTILE.into(), "\n\tindented".into()],
        ..Chat::default()
    });
    let r = fw_at(&emu).args(["chat", "x"]).run_in_pty();
    r.code(0);
    assert_clean(&r.stdout.replace('\t', ""));
    // The terminal turns each newline into CR LF; the tab is kept.
    assert_eq!(r.stdout, format!("{SHOWN}\r\n\tindented\r\n"));

    let r = fw_at(&emu).args(["messages", "--raw", "x"]).run_in_pty();
    r.code(0);
    assert_eq!(r.stdout, format!("{HOSTILE}\r\n\tindented\r\n"));
}

#[test]
fn model_lists_and_their_warnings_are_escaped() {
    let emu = Emulator::start();
    let page = json!({"models": [
        {"name": "accounts/fireworks/models/evil\x1b[2J", "displayName": HOSTILE,
         "contextLength": 8192},
        {"name": "accounts/fireworks/models/plain", "displayName": HOSTILE,
         "deprecationDate": HOSTILE},
    ]});
    let listed = || Reply::Status {
        status: 200,
        body: page.to_string(),
        headers: vec![],
    };
    emu.script([listed(), listed(), listed()]);
    let models = || {
        let mut f = fw_at(&emu);
        f.env("FIREWORKS_CONTROL_URL", &format!("http://{}", emu.addr))
            .arg("models");
        f
    };
    for format in ["table", "tsv"] {
        let r = models().args(["--format", format]).run();
        r.code(0);
        assert_clean(&r.stdout.replace('\t', " "));
        assert!(r.stdout.contains(r"evil\x1b[2J"), "{}", r.stdout);
        assert!(r.stdout.contains(SHOWN), "{format}: {}", r.stdout);
    }
    let r = models().arg("plain").run();
    r.code(0);
    assert_clean(&r.stdout);
    assert!(
        r.stdout.starts_with(&format!("plain ({SHOWN})\n")),
        "{}",
        r.stdout
    );

    // The warning that the control plane failed quotes its error.
    emu.script([Reply::status(500, &error_body(HOSTILE))]);
    let r = models().run();
    r.code(0);
    assert!(
        r.stderr.starts_with("warning: the control plane"),
        "{}",
        r.stderr
    );
    assert_clean(&r.stderr);
    assert!(r.stderr.contains(SHOWN), "{}", r.stderr);
}

#[test]
fn bench_tables_are_escaped() {
    let emu = Emulator::start();
    emu.script([Reply::status(400, &error_body(HOSTILE))]);
    let r = fw_at(&emu)
        .args(["bench", "--smoke", "--paths", "standard"])
        .run();
    r.code(2);
    assert!(r.stdout.contains("FAIL HTTP 400"), "{}", r.stdout);
    assert!(r.stdout.contains(SHOWN), "{}", r.stdout);
    assert_clean(&r.stdout);
    assert_clean(&r.stderr);

    // The report names the model as given, escaped too.
    let r = fw_at(&emu)
        .args(["bench", "--paths", "standard", "-n", "2", "--warmup", "0"])
        // The report is what is checked, not how busy the machine is.
        .args(["--max-client-lag", "1000"])
        .args(["-m", "evil\x1b]0;t\x07"])
        .run();
    r.code(0);
    assert!(
        r.stdout
            .contains(r"model=accounts/fireworks/models/evil\x1b]0;t\x07"),
        "{}",
        r.stdout
    );
    assert_clean(&r.stdout);
}
