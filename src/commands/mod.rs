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

/// What a request says, ready for a wire format: the system prompt (with the instruction JSON
/// mode needs, when it was added), the conversation with the attachments in place, and the
/// `# ...` lines `--dry-run` shows about both.
pub struct Prompt {
    pub system: Option<String>,
    pub messages: Vec<Value>,
    /// `messages` as the log keeps them: each attachment a text part naming it.
    pub logged: Vec<Value>,
    pub notes: Vec<String>,
}

/// The conversation, the attachments as `part` makes them for the wire format, and the system
/// prompt. The system prompt is the caller's to place: each wire format places it differently.
pub fn prompt(
    settings: &Settings,
    ask: &Ask,
    thread: &Thread,
    part: fn(&crate::attach::Attachment) -> Value,
) -> Result<Prompt> {
    let mut messages = thread.earlier.clone();
    messages.extend(conversation(ask)?);
    let mut notes = Vec::new();
    let mut system = thread.system.clone();
    if let Some(format) = &ask.format {
        notes.push(format!("structured output: {}", format.describe()));
        let texts: Vec<&str> = ask
            .system
            .iter()
            .map(String::as_str)
            .chain(messages.iter().flat_map(message_texts))
            .collect();
        if let Some(line) = format.instruction(&texts) {
            notes.push(format!(
                "added to the system prompt, since the prompt does not mention JSON (which \
                 JSON mode needs): {line:?}"
            ));
            system = Some(match system {
                Some(s) => format!("{s}\n\n{line}"),
                None => line,
            });
        }
    }
    for a in &ask.attachments {
        notes.push(match (&a.meta.media_type, a.meta.bytes, &a.meta.sha256) {
            (Some(t), Some(n), Some(h)) => {
                format!("attachment: {} ({t}, {n} bytes, sha256 {h})", a.meta.source)
            }
            _ => format!(
                "attachment: {} (image URL, passed on, not fetched)",
                a.meta.source
            ),
        });
    }
    if ask.attachments.iter().any(|a| a.is_image())
        && settings.catalogue.takes_images(&ask.target.path.model) == Some(false)
    {
        output::warn(&format!(
            "{} is text-only in the serving-path catalogue; sending the image anyway (set \
             images = true under its [models.NAME] in the config file if it takes images)",
            ask.target.path.model
        ));
    }
    // The log keeps attachments by reference (source, type, size, hash), never their bytes.
    let mut logged = messages.clone();
    crate::attach::attach(
        &mut logged,
        ask.logged_attachments()
            .iter()
            .map(|m| m.reference())
            .collect(),
    );
    crate::attach::attach(&mut messages, ask.attachments.iter().map(part).collect());
    Ok(Prompt {
        system,
        messages,
        logged,
        notes,
    })
}

/// The text a message carries: its content string, or its text parts.
fn message_texts(m: &Value) -> Vec<&str> {
    match m.get("content") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(parts)) => parts
            .iter()
            .filter_map(|p| p.get("text").and_then(Value::as_str))
            .collect(),
        _ => Vec::new(),
    }
}

/// The conversation to send: `--messages` (file or stdin), then the prompt as a user message.
pub fn conversation(ask: &Ask) -> Result<Vec<Value>> {
    let mut messages = match &ask.messages_from {
        Some(src) => input::messages(src, input::read_stdin)?,
        None => Vec::new(),
    };
    // With `--messages -` or `-a -` standard input is taken and is not read again.
    let stdin_taken = ask.stdin_taken();
    let stdin_is_tty = std::io::stdin().is_terminal();
    match input::prompt(&ask.prompt, stdin_is_tty || stdin_taken, input::read_stdin)? {
        Some(p) => messages.push(json!({"role": "user", "content": p})),
        // Attachments alone are a prompt too.
        None if ask.messages_from.is_some() || !ask.attachments.is_empty() => {}
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

/// Prints the request (`--dry-run`, `--curl`) or sends it and renders the reply. `notes` are
/// the `--dry-run` lines about the prompt. A structured answer that does not match ends in
/// exit 11, after it is printed. The exchange is logged (after its output is flushed, with
/// its exit code) when `draft` is given.
pub fn send(
    settings: &Settings,
    ask: &Ask,
    req: &Request,
    notes: &[String],
    decoder: &mut dyn Decoder,
    draft: Option<crate::log::record::Draft>,
) -> Result<Exit> {
    let (target, show) = (&ask.target, &ask.show);
    match show.action {
        Action::DryRun => {
            print_dry_run(settings, target, req, notes)?;
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
        .escape_answer(show.escape_answer)
        .structured(ask.format.clone(), ask.attachment_meta());
    // `-o model=...` and `-o service_tier=...` change what is sent: report that, not the flags.
    let path = settings.catalogue.path_sent(&req.body, &target.path);
    let started_at = crate::log::time::now();
    let ids = draft.as_ref().map(|d| &d.ids);
    let done = pipeline::execute(settings, req, &path, renderer, decoder, ask.retries, ids)?;
    if show.stats && done.error.is_none() {
        let _ = writeln!(std::io::stderr(), "{}", output::stats_line(&done.summary));
    }
    let mut result = match done.error {
        Some(e) => Err(e),
        None => Ok(Exit::Success),
    };
    if let (Ok(_), Some(format)) = (&result, &ask.format) {
        if let Err(mismatch) = format.check(&done.summary.content) {
            result = Err(mismatch.failure().into());
        }
    }
    if let Some(draft) = draft {
        // The answer is out before the log is touched.
        let _ = crate::output::stdout().flush();
        let record =
            crate::log::record::exchange(draft, started_at, &done.summary, result.as_ref().err());
        crate::log::keep(
            &settings.log,
            &crate::log::record::Spooled::Exchange(record),
        );
    }
    result
}

/// `--dry-run`: the resolved settings as `#` comments, then the exact request, on stdout.
fn print_dry_run(
    settings: &Settings,
    target: &Target,
    req: &Request,
    notes: &[String],
) -> std::io::Result<()> {
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
    for n in notes {
        writeln!(out, "# {}", output::escape_controls(n, false))?;
    }
    let has_key = !matches!(settings.key, KeySource::Missing { .. });
    // Image data shortened: the body as sent would be megabytes of base64.
    let shown = Request {
        body: crate::attach::shorten(&req.body),
        ..req.clone()
    };
    out.write_all(shown.to_http_text(has_key).as_bytes())?;
    out.flush()
}
