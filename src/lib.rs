//! fw: Fireworks AI Serverless from a terminal, a shell script and a CI job. `run` is the whole
//! program after argument parsing, so tests can call it in process.

#![deny(clippy::print_stdout)]

pub mod api;
pub mod argv;
pub mod attach;
pub mod bench;
pub mod cli;
pub mod commands;
pub mod config;
pub mod env;
pub mod exchange;
pub mod exit;
pub mod generate;
pub mod input;
pub mod limits;
pub mod log;
pub mod math;
pub mod models;
pub mod output;
pub mod pipeline;
pub mod proxy;
pub mod reply;
pub mod secret;
pub mod serving;
pub mod settings;
pub mod signal;
pub mod structured;
pub mod transcript;

use std::process::ExitCode;

use cli::{Cli, Command};
use exit::{classify, Exit};
use settings::Settings;

/// Runs a parsed command line and returns the process exit code. Errors are printed here,
/// once; a closed stdout pipe ends the program quietly with success.
pub fn run(cli: Cli) -> ExitCode {
    // Before anything is printed, for every command, with or without settings.
    output::Terminal::init(cli.global.color, &settings::process_env);
    let exit = match dispatch(cli) {
        Ok(exit) => exit,
        Err(err) => {
            let exit = classify(&err);
            if exit != Exit::Success {
                output::print_error(&err);
            }
            exit
        }
    };
    ExitCode::from(exit.code())
}

fn dispatch(cli: Cli) -> anyhow::Result<Exit> {
    // Generated artefacts need no settings: a broken config file must not block them.
    match &cli.command {
        Command::Completions { shell } => {
            return write_out(&generate::completions(*shell));
        }
        Command::Man => return write_out(&generate::man()?),
        Command::Config(cmd) => {
            return commands::config::run(&cli.global, cmd, &settings::process_env)
        }
        _ => {}
    }
    let settings = Settings::resolve(&cli.global, &settings::process_env)?;
    match cli.command {
        Command::Chat(a) => {
            let ask = settings.ask(&a.target, a.prompt, a.request, a.conversation, &a.output)?;
            commands::chat::run(&settings, ask)
        }
        Command::Messages(a) => {
            if a.request.structured.grammar.is_some() {
                return Err(exit::Failure::usage(
                    "--grammar is Fireworks GBNF, a chat completions feature: Messages has no \
                     grammar mode",
                )
                .hint("use fw chat --grammar FILE, or --schema on fw messages")
                .into());
            }
            if let Some(budget) = a.thinking {
                let r = &a.request;
                commands::messages::check_thinking(budget, r.max_tokens, r.reasoning_effort)?;
            }
            let ask = settings.ask(&a.target, a.prompt, a.request, a.conversation, &a.output)?;
            commands::messages::run(&settings, ask, a.thinking)
        }
        Command::Log(args) => commands::log::run(&settings, args),
        Command::Models(args) => commands::models::run(&settings, settings.models(args)),
        Command::Bench(args) => match args.action {
            Some(crate::cli::BenchAction::Compare(c)) => {
                commands::bench::compare(&settings, &settings.compare(c))
            }
            Some(crate::cli::BenchAction::Merge(m)) => {
                commands::bench::merge(&settings, &settings.merge(m)?)
            }
            None => commands::bench::run(&settings, settings.bench(*args)?),
        },
        Command::Completions { .. } | Command::Man | Command::Config(_) => Ok(Exit::Success),
    }
}

fn write_out(bytes: &[u8]) -> anyhow::Result<Exit> {
    use std::io::Write;
    let mut out = crate::output::stdout();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(Exit::Success)
}
