//! `fw messages`: a prompt to the Anthropic-compatible Messages API, on the same pipeline as
//! chat. Only the body builder and the decoder differ.

use anyhow::Result;

use crate::api::messages::{self, MessagesDecoder, MessagesParams};
use crate::api::request::Request;
use crate::attach::Attachment;
use crate::exit::{Exit, Failure};
use crate::input::ReasoningEffort;
use crate::log::record::Draft;
use crate::output;
use crate::settings::{Ask, Settings};

/// `thinking` is `--thinking`'s budget, already checked with `check_thinking`.
pub fn run(settings: &Settings, ask: Ask, thinking: Option<u64>) -> Result<Exit> {
    for w in &ask.target.warnings {
        output::warn(w);
    }
    let max_tokens = ask
        .max_tokens
        .unwrap_or(messages::DEFAULT_MAX_TOKENS + thinking.unwrap_or(0));
    let thread = super::thread(settings, &ask, "messages")?;
    let prompt = super::prompt(settings, &ask, &thread, Attachment::messages_part)?;
    let params = MessagesParams {
        common: super::common(&ask, prompt.messages),
        system: prompt.system,
        max_tokens,
        thinking,
        format: ask.format.as_ref().and_then(|f| f.messages_field()),
    };
    let req = Request::post_json(settings.url("messages"), messages::body(&params));
    let draft = thread.ids.map(|ids| Draft {
        ids,
        surface: "messages",
        system: thread.system,
        messages: prompt.logged,
        attachments: ask.logged_attachments(),
    });
    let decoder = &mut MessagesDecoder::default();
    super::send(settings, &ask, &req, &prompt.notes, decoder, draft)
}

/// The thinking rules Fireworks enforces with a 400, checked before anything else, so they
/// are reported whatever else is wrong.
pub fn check_thinking(
    budget: u64,
    max_tokens: Option<u64>,
    effort: Option<ReasoningEffort>,
) -> Result<()> {
    if budget < messages::MIN_THINKING_BUDGET {
        return Err(Failure::usage(format!(
            "--thinking {budget} is too small: the budget must be at least {}",
            messages::MIN_THINKING_BUDGET
        ))
        .into());
    }
    if let Some(max) = max_tokens.filter(|m| *m <= budget) {
        return Err(Failure::usage(format!(
            "--max-tokens {max} must be larger than the --thinking budget {budget}"
        ))
        .hint("raise --max-tokens, or leave it out to get the budget plus 2048")
        .into());
    }
    if effort == Some(ReasoningEffort::None) {
        return Err(Failure::usage(
            "--thinking turns thinking on and --reasoning-effort none turns it off: pick one",
        )
        .into());
    }
    Ok(())
}
