//! `fw chat`: a prompt to the OpenAI-compatible chat completions API.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use serde_json::json;

use crate::api::chat::{self, ChatDecoder, ChatParams};
use crate::api::request::Request;
use crate::cli::ChatArgs;
use crate::exit::{Exit, Failure};
use crate::input;
use crate::output::{self, Mode, Renderer};
use crate::pipeline;
use crate::settings::Settings;

pub fn run(settings: &Settings, args: ChatArgs) -> Result<Exit> {
    let target = settings.target(&args.target)?;
    for w in &target.warnings {
        output::warn(w);
    }

    let stdin_is_tty = std::io::stdin().is_terminal();
    let mut messages = Vec::new();
    if let Some(s) = &args.system {
        messages.push(json!({"role": "system", "content": s}));
    }
    let from_file = match &args.messages {
        Some(src) => input::messages(src, input::read_stdin)?,
        None => Vec::new(),
    };
    let had_file = !from_file.is_empty() || args.messages.is_some();
    messages.extend(from_file);
    // Standard input holds the messages when `--messages -`; it is not read twice.
    let stdin_taken = args.messages.as_deref() == Some("-");
    let prompt = input::prompt(&args.prompt, stdin_is_tty || stdin_taken, input::read_stdin)?;
    match prompt {
        Some(p) => messages.push(json!({"role": "user", "content": p})),
        None if had_file => {}
        None => {
            return Err(Failure::usage("empty prompt")
                .hint("give prompt words, pipe text on standard input, or use --messages FILE")
                .into())
        }
    }

    let options = input::options(&args.options)?;
    let out = &args.output;
    let params = ChatParams {
        model: target.path.model.clone(),
        messages,
        max_tokens: args.max_tokens,
        temperature: args.temperature,
        top_p: args.top_p,
        stop: args.stop.clone(),
        reasoning_effort: args.reasoning_effort.map(|e| e.as_str()),
        service_tier: target.path.service_tier,
        stream: !out.no_stream,
        options,
    };
    let req = Request::post_json(settings.url("chat/completions"), chat::body(&params));

    if out.dry_run {
        super::print_dry_run(settings, &target, &req)?;
        return Ok(Exit::Success);
    }
    if out.curl {
        let mut o = std::io::stdout().lock();
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
    let show_reasoning = out.show_reasoning || settings.stderr_tty;
    let renderer = Renderer::new(mode, show_reasoning, settings.color);
    let summary = pipeline::execute(settings, &req, &target.path, renderer, &mut ChatDecoder)?;
    if out.stats {
        let _ = writeln!(std::io::stderr(), "{}", output::stats_line(&summary));
    }
    Ok(Exit::Success)
}
