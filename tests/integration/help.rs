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
