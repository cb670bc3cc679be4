//! Subcommands: thin orchestration over settings, serving paths, the request builders, the
//! pipeline and the renderer. What every request-sending command does the same way (gathering
//! the conversation, `--dry-run`, `--curl`, choosing the output mode, `--stats`) lives here.

pub mod bench;
pub mod chat;
pub mod config;
pub mod log;
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
use crate::settings::{Action, Ask, Continue, KeySource, Settings, Target};

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

/// What `-c` / `--cid` brings to a new exchange, and the ids it is logged under.
#[derive(Debug, Default)]
pub struct Thread {
    /// The system prompt to send: `-s`, else the continued conversation's.
    pub system: Option<String>,
    /// The continued conversation's turns, answers included.
    pub earlier: Vec<Value>,
    /// The ids the exchange is logged under; `None` when it is not logged.
    pub ids: Option<crate::log::Ids>,
}

/// The conversation a new exchange on `surface` (`chat` or `messages`) belongs to: the one
/// `-c` or `--cid` names, read from the log, or a new one. Its history is the latest answered
/// exchange's messages and answer (a failed exchange is not part of it).
pub fn thread(settings: &Settings, ask: &Ask, surface: &str) -> Result<Thread> {
    let mut thread = Thread {
        system: ask.system.clone(),
        ..Thread::default()
    };
    let mut conversation = None;
    if let Some(which) = &ask.continues {
        let db = settings.log.db()?;
        let log = crate::log::db::Log::open(db)?;
        let cid = match which {
            Continue::Latest => log.latest_conversation()?.ok_or_else(|| {
                Failure::new(Exit::NotFound, "the log holds no conversation to continue")
                    .hint("start one without -c; fw chat and fw messages log every exchange")
            })?,
            Continue::Id(id) => id.trim().to_ascii_uppercase(),
        };
        let turns = log.exchanges(&crate::log::db::Filter {
            conversation: Some(cid.clone()),
            ..Default::default()
        })?;
        let Some(newest) = turns.first() else {
            return Err(
                Failure::new(Exit::NotFound, format!("no conversation {cid} in the log"))
                    .hint("fw log lists exchanges with their conversation ids")
                    .into(),
            );
        };
        if newest.surface != surface {
            return Err(Failure::usage(format!(
                "conversation {cid} was made with fw {}, and its turns are in that API's format",
                newest.surface
            ))
            .hint(format!(
                "continue it with fw {} --cid {cid}",
                newest.surface
            ))
            .into());
        }
        let Some(last) = turns.iter().find(|e| e.exit_code == 0) else {
            return Err(Failure::new(
                Exit::NotFound,
                format!("conversation {cid} has no answered exchange to continue from"),
            )
            .hint("start a new conversation without -c / --cid")
            .into());
        };
        thread.earlier = last.messages.clone();
        if !last.answer.is_empty() {
            thread
                .earlier
                .push(json!({"role": "assistant", "content": last.answer}));
        }
        if thread.system.is_none() {
            thread.system = last.system.clone();
        }
        conversation = Some(cid);
    }
    if ask.log {
        let exchange = crate::log::id::new();
        thread.ids = Some(crate::log::Ids {
            conversation: conversation.unwrap_or_else(|| exchange.clone()),
            exchange,
        });
    }
    Ok(thread)
}

/// Prints the request (`--dry-run`, `--curl`) or sends it and renders the reply; the exchange
/// is logged (after its output is flushed) when `draft` is given.
pub fn send(
    settings: &Settings,
    ask: &Ask,
    req: &Request,
    decoder: &mut dyn Decoder,
    draft: Option<crate::log::record::Draft>,
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
    let started_at = crate::log::time::now();
    let ids = draft.as_ref().map(|d| &d.ids);
    let done = pipeline::execute(settings, req, &path, renderer, decoder, ask.retries, ids)?;
    if show.stats && done.error.is_none() {
        let _ = writeln!(std::io::stderr(), "{}", output::stats_line(&done.summary));
    }
    if let Some(draft) = draft {
        // The answer is out before the log is touched.
        let _ = crate::output::stdout().flush();
        let record =
            crate::log::record::exchange(draft, started_at, &done.summary, done.error.as_ref());
        crate::log::keep(
            &settings.log,
            &crate::log::record::Spooled::Exchange(record),
        );
    }
    match done.error {
        Some(e) => Err(e),
        None => Ok(Exit::Success),
    }
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
