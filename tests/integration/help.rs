//! Help text is part of the interface: snapshot it so changes are seen in review.

use crate::support::fw;

#[test]
fn top_level_help() {
    let r = fw().args(["--help"]).run();
    r.code(0);
    insta::assert_snapshot!("help", r.stdout);
}

#[test]
fn chat_help() {
    let r = fw().args(["chat", "--help"]).run();
    r.code(0);
    insta::assert_snapshot!("chat_help", r.stdout);
}

#[test]
fn version() {
    // The fast path for a bare --version prints exactly what clap prints elsewhere.
    let want = format!("fw {}\n", env!("CARGO_PKG_VERSION"));
    for args in [&["--version"][..], &["-V"], &["--color", "never", "-V"]] {
        let r = fw().args(args).run();
        r.code(0);
        assert_eq!(r.stdout, want, "{args:?}");
    }
}

#[test]
fn messages_help() {
    let r = fw().args(["messages", "--help"]).run();
    r.code(0);
    insta::assert_snapshot!("messages_help", r.stdout);
}

/// Defaults the help states are the ones the code uses.
#[test]
fn stated_defaults_match_the_code() {
    let model = fw::serving::Catalogue::builtin().unwrap().default_model;
    for cmd in ["chat", "messages", "bench"] {
        let r = fw().args([cmd, "--help"]).run();
        let want = format!("[default: {model}]");
        assert!(r.code(0).stdout.contains(&want), "{cmd}: no {want}");
    }
    let r = fw().args(["messages", "--help"]).run();
    let want = format!(
        "[default: {}, plus the --thinking budget]",
        fw::api::messages::DEFAULT_MAX_TOKENS
    );
    assert!(r.stdout.contains(&want), "{}", r.stdout);
    let r = fw().args(["bench", "--help"]).run();
    let want = format!("[default: {};", fw::commands::bench::DEFAULT_REQUESTS);
    assert!(r.stdout.contains(&want), "{}", r.stdout);
}

/// Ranges the help states are enforced when the flags are parsed: exit 2, naming the range.
#[test]
fn stated_ranges_are_enforced() {
    for (flag, value, range) in [
        ("--temperature", "2.5", "0..=2"),
        ("--temperature", "-0.1", "0..=2"),
        ("--temperature", "nan", "0..=2"),
        ("--top-p", "1.01", "0..=1"),
        ("--top-k", "101", "0..=100"),
    ] {
        for cmd in ["chat", "messages"] {
            // `=` so a negative value is not read as a flag.
            let r = fw()
                .args([cmd, "--dry-run", &format!("{flag}={value}"), "x"])
                .run();
            r.code(2);
            assert!(
                r.stderr
                    .contains(&format!("invalid value '{value}' for '{flag}"))
                    && r.stderr.contains(range),
                "{cmd} {flag} {value}: {}",
                r.stderr
            );
        }
    }
    let r = fw()
        .args([
            "chat",
            "--dry-run",
            "--temperature",
            "2",
            "--top-p",
            "0",
            "--top-k",
            "100",
            "x",
        ])
        .run();
    r.code(0);
    assert!(r.stdout.contains("\"temperature\": 2.0"), "{}", r.stdout);
}
