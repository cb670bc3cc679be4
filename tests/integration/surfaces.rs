//! What `fw chat` and `fw messages` do alike, tested once for both. The two commands speak
//! different wire formats (OpenAI chat completions, Anthropic Messages) through one pipeline, so
//! flags, serving paths, output modes, exit codes and stream failures behave the same. Each test
//! here runs over the `SURFACES` table, reads request bodies and `--json` documents through the
//! surface's own accessors, and names the surface it failed for. What only one wire format has
//! stays in chat.rs (the 4096 rule, `-o`, refusals) and messages.rs (`--thinking`, the
//! Anthropic `Message` shape, keep-alives).

use std::panic::{catch_unwind, AssertUnwindSafe};

use serde_json::{json, Value};

use crate::support::{emulator, fw_at, Chat, Emulator};

/// One API surface: its command, where it sends, and how to read what it sends and prints.
pub struct Surface {
    /// The subcommand.
    pub cmd: &'static str,
    /// Where requests go, after the base URL.
    pub route: &'static str,
    /// The body fw sends for a prompt given alone, to `model`.
    pub standard_body: fn(model: &str, prompt: &str) -> Value,
}

impl Surface {
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
};

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
            Some(format!("fw {}: {said}", s.cmd))
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
