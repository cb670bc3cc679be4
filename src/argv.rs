//! Reading the command line into `cli::Cli`. `fw chat` and `fw messages` take a short way
//! that builds only their own subcommand; everything else is clap's whole tree.

use crate::cli::{ChatArgs, Cli, GlobalArgs, MessagesArgs};

/// Parses the process's command line. `fw chat` and `fw messages`, what one-off prompts and
/// scripts run, build only their own subcommand's arguments: the whole tree (bench alone has
/// some fifty) was most of their start-up. Help, version, any other subcommand and any
/// command line the short parse refuses go through the whole tree, so every message and
/// error is clap's own.
pub fn parse() -> Cli {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    parse_one(&argv).unwrap_or_else(|| <Cli as clap::Parser>::parse_from(argv))
}

/// Global options that take a value, as `parse_one` skips them to find the subcommand. An
/// option missing here makes the short way give up (it never misreads one): the whole tree
/// then parses the line.
const GLOBAL_VALUES: [&str; 8] = [
    "--config",
    "--profile",
    "--base-url",
    "--control-url",
    "--timeout",
    "--connect-timeout",
    "--idle-timeout",
    "--color",
];

/// `fw chat` or `fw messages` parsed with only that subcommand built; `None` for anything
/// else or anything unusual, which the whole tree then parses.
pub fn parse_one(argv: &[std::ffi::OsString]) -> Option<Cli> {
    use clap::{Args, Command as ClapCommand, FromArgMatches};
    let mut words = argv.iter().skip(1).map(|a| a.to_str());
    let name = loop {
        let w = words.next()??;
        match w {
            "-v" | "-vv" | "-vvv" | "--verbose" => {}
            w if GLOBAL_VALUES.contains(&w) => {
                words.next()??;
            }
            w if GLOBAL_VALUES
                .iter()
                .any(|g| w.starts_with(&format!("{g}="))) => {}
            w if w.starts_with('-') => return None,
            w => break w,
        }
    };
    let helpish = |a: &std::ffi::OsString| {
        matches!(
            a.to_str(),
            Some("-h" | "--help" | "-V" | "--version" | "help")
        )
    };
    if argv.iter().any(helpish) {
        return None;
    }
    let sub = match name {
        "chat" => ChatArgs::augment_args(ClapCommand::new("chat")),
        "messages" => MessagesArgs::augment_args(ClapCommand::new("messages")),
        _ => return None,
    };
    let cmd = GlobalArgs::augment_args(ClapCommand::new("fw")).subcommand(sub);
    let matches = cmd.try_get_matches_from(argv).ok()?;
    Cli::from_arg_matches(&matches).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The short parse gives exactly what the whole tree gives, and leaves to it everything
    /// else: help, other subcommands, errors.
    #[test]
    fn the_short_parse_agrees_with_the_whole_tree() {
        let argv = |s: &str| -> Vec<std::ffi::OsString> {
            std::iter::once("fw")
                .chain(s.split_whitespace())
                .map(Into::into)
                .collect()
        };
        for line in [
            "chat hi",
            "chat -m glm-5p1 -s sys --tier priority --json -c hello there",
            "-v --base-url http://127.0.0.1:1/v1 chat --fast -o seed=7 x",
            "--timeout=30 --color never messages --thinking 2048 --max-tokens 4096 hi",
            "messages --cid 01ABC --no-log --jsonl -",
            "chat --schema 'name str' -a a.png --dry-run q",
        ] {
            let short = parse_one(&argv(line)).unwrap_or_else(|| panic!("{line}"));
            let whole = <Cli as clap::Parser>::try_parse_from(argv(line)).unwrap();
            assert_eq!(format!("{short:?}"), format!("{whole:?}"), "{line}");
        }
        for line in [
            "chat --help",
            "help chat",
            "bench -n 3",
            "log",
            "chat --no-such-flag",
            "--no-such-global chat hi",
            "chat --temperature 9 hi",
            "--version",
        ] {
            assert!(parse_one(&argv(line)).is_none(), "{line}");
        }
    }
}
