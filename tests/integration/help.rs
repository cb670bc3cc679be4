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
    let r = fw().args(["--version"]).run();
    r.code(0);
    assert_eq!(r.stdout, format!("fw {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn messages_help() {
    let r = fw().args(["messages", "--help"]).run();
    r.code(0);
    insta::assert_snapshot!("messages_help", r.stdout);
}
