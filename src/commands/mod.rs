//! Subcommands: thin orchestration over settings, serving paths, the request builders, the
//! pipeline and the renderer. What every request-sending command does the same way (gathering
//! the conversation, `--dry-run`, `--curl`, choosing the output mode, `--stats`) lives here.

pub mod bench;
pub mod chat;
pub mod config;
pub mod messages;
pub mod models;

use std::io::{IsTerminal, Write};

use anyhow::Result;
use serde_json::{json, Value};

use crate::api::request::Request;
use crate::api::{Common, Decoder};
use crate::exit::{Exit, Failure};
use crate::input;
use crate::output::{self, Renderer};
use crate::pipeline;
use crate::settings::{Action, Ask, KeySource, Settings, Target};

/// The conversation to send: `--messages` (file or stdin), then the prompt as a user message.
/// The system prompt is the caller's: each wire format places it differently.
pub fn conversation(ask: &Ask) -> Result<Vec<Value>> {
    let mut messages = match &ask.messages_from {
        Some(src) => input::messages(src, input::read_stdin)?,
        None => Vec::new(),
    };
    // With `--messages -` standard input holds the messages and is not read again.
    let stdin_taken = ask.messages_from.as_deref() == Some("-");
    let stdin_is_tty = std::io::stdin().is_terminal();
    match input::prompt(&ask.prompt, stdin_is_tty || stdin_taken, input::read_stdin)? {
        Some(p) => messages.push(json!({"role": "user", "content": p})),
        None if ask.messages_from.is_some() => {}
        None => {
            return Err(Failure::usage("empty prompt")
                .hint("give prompt words, pipe text on standard input, or use --messages FILE")
                .into())
        }
    }
    Ok(messages)
}

/// The body fields every wire format shares. `messages` is the whole conversation as the
/// format wants it.
pub fn common(ask: &Ask, messages: Vec<Value>) -> Common {
    Common {
        model: ask.target.path.model.clone(),
        messages,
        temperature: ask.temperature,
        top_p: ask.top_p,
        top_k: ask.top_k,
        stop: ask.stop.clone(),
        reasoning_effort: ask.reasoning_effort.map(|e| e.as_str()),
        service_tier: ask.target.path.service_tier,
        stream: ask.show.stream,
        options: ask.options.clone(),
    }
}

/// Prints the request (`--dry-run`, `--curl`) or sends it and renders the reply.
pub fn send(
    settings: &Settings,
    ask: &Ask,
    req: &Request,
    decoder: &mut dyn Decoder,
) -> Result<Exit> {
    let (target, show) = (&ask.target, &ask.show);
    match show.action {
        Action::DryRun => {
            print_dry_run(settings, target, req)?;
            return Ok(Exit::Success);
        }
        Action::Curl => {
            let mut o = crate::output::stdout();
            o.write_all(req.to_curl().as_bytes())?;
            o.flush()?;
            return Ok(Exit::Success);
        }
        Action::Send => {}
    }
    let renderer = Renderer::new(show.mode, show.reasoning, settings.terminal.color)
        .verbose(settings.verbose > 0)
        .escape_answer(show.escape_answer);
    // `-o model=...` and `-o service_tier=...` change what is sent: report that, not the flags.
    let path = settings.catalogue.path_sent(&req.body, &target.path);
    let summary = pipeline::execute(settings, req, &path, renderer, decoder, ask.retries)?;
    if show.stats {
        let _ = writeln!(std::io::stderr(), "{}", output::stats_line(&summary));
    }
    Ok(Exit::Success)
}

/// `--dry-run`: the resolved settings as `#` comments, then the exact request, on stdout.
fn print_dry_run(settings: &Settings, target: &Target, req: &Request) -> std::io::Result<()> {
    let mut out = crate::output::stdout();
    let profile = match &settings.profile {
        Some((name, src)) => format!("{name} ({src})"),
        None => "(none)".to_string(),
    };
    let config = settings
        .config_path
        .as_ref()
        .map_or("(none found)".to_string(), |p| p.display().to_string());
    writeln!(out, "# config: {config}")?;
    writeln!(out, "# profile: {profile}")?;
    writeln!(
        out,
        "# model: {} ({})",
        target.path.model, target.model_source
    )?;
    writeln!(
        out,
        "# serving path: {} (tier from {})",
        target.path.kind.name(),
        target.tier_source
    )?;
    writeln!(
        out,
        "# base url: {} ({})",
        settings.base_url, settings.base_url_source
    )?;
    writeln!(out, "# api key: {}", settings.key.describe())?;
    let has_key = !matches!(settings.key, KeySource::Missing { .. });
    out.write_all(req.to_http_text(has_key).as_bytes())?;
    out.flush()
}
