//! The one integration test binary: runs the real `fw` binary against the Fireworks emulator
//! and the real llama.cpp server, both started by the tests on loopback.

#[path = "../support/mod.rs"]
mod support;

mod attach;
mod bench;
mod chat;
mod completions;
mod config;
mod config_cmd;
mod docs;
mod exit_codes;
mod hardening;
mod help;
mod hostile;
mod html;
mod log;
mod merge;
mod messages;
mod models;
mod real_server;
mod server_text;
mod structured;
mod surfaces;
mod sweep;
mod validate_emulator;
