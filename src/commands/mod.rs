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
use crate::cli::{OutputArgs, RequestArgs};
use crate::exit::{Exit, Failure};
use crate::input;
use crate::output::{self, Mode, Renderer};
use crate::pipeline;
use crate::settings::{KeySource, Settings, Target};

/// The conversation to send: `--messages` (file or stdin), then the prompt as a user message.
/// The system prompt is the caller's: each wire format places it differently.
pub fn conversation(words: &[String], req: &RequestArgs) -> Result<Vec<Value>> {
    let mut messages = match &req.messages {
        Some(src) => input::messages(src, input::read_stdin)?,
        None => Vec::new(),
    };
    // With `--messages -` standard input holds the messages and is not read again.
    let stdin_taken = req.messages.as_deref() == Some("-");
    let stdin_is_tty = std::io::stdin().is_terminal();
    match input::prompt(words, stdin_is_tty || stdin_taken, input::read_stdin)? {
        Some(p) => messages.push(json!({"role": "user", "content": p})),
        None if req.messages.is_some() => {}
        None => {
            return Err(Failure::usage("empty prompt")
                .hint("give prompt words, pipe text on standard input, or use --messages FILE")
                .into())
        }
    }
    Ok(messages)
}

/// The body fields every wire format shares, from the flags. `messages` is the whole
/// conversation as the format wants it.
pub fn common(
    target: &Target,
    req: &RequestArgs,
    out: &OutputArgs,
    messages: Vec<Value>,
) -> Result<Common> {
    Ok(Common {
        model: target.path.model.clone(),
        messages,
        temperature: req.temperature,
        top_p: req.top_p,
        top_k: req.top_k,
        stop: req.stop.clone(),
        reasoning_effort: req.reasoning_effort.map(|e| e.as_str()),
        service_tier: target.path.service_tier,
        stream: !out.no_stream,
        options: input::options(&req.options)?,
    })
}

/// Prints the request (`--dry-run`, `--curl`) or sends it and renders the reply.
pub fn send(
    settings: &Settings,
    target: &Target,
    req: &Request,
    args: (&RequestArgs, &OutputArgs),
    decoder: &mut dyn Decoder,
) -> Result<Exit> {
    let (request, out) = args;
    if out.dry_run {
        print_dry_run(settings, target, req)?;
        return Ok(Exit::Success);
    }
    if out.curl {
        let mut o = crate::output::stdout();
        o.write_all(req.to_curl().as_bytes())?;
        o.flush()?;
        return Ok(Exit::Success);
    }
    let mode = if out.json {
        Mode::Json
    } else if out.jsonl {
        Mode::Jsonl
    } else {
        Mode::Text
    };
    let show_reasoning = out.show_reasoning || settings.terminal.stderr_tty;
    let renderer = Renderer::new(mode, show_reasoning, settings.terminal.color)
        .verbose(settings.verbose > 0)
        .escape_answer(settings.terminal.stdout_tty && !out.raw);
    let retries = request.retries.unwrap_or(settings.retries);
    // `-o model=...` and `-o service_tier=...` change what is sent: report that, not the flags.
    let path = settings.catalogue.path_sent(&req.body, &target.path);
    let summary = pipeline::execute(settings, req, &path, renderer, decoder, retries)?;
    if out.stats {
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
