//! `fw chat`: a prompt to the OpenAI-compatible chat completions API.

use anyhow::Result;
use serde_json::json;

use crate::api::chat::{self, ChatDecoder, ChatParams};
use crate::api::request::Request;
use crate::attach::Attachment;
use crate::exit::Exit;
use crate::log::record::Draft;
use crate::output;
use crate::settings::{Ask, Settings};

pub fn run(settings: &Settings, ask: Ask) -> Result<Exit> {
    for w in &ask.target.warnings {
        output::warn(w);
    }
    let thread = super::thread(settings, &ask, "chat")?;
    let prompt = super::prompt(settings, &ask, &thread, Attachment::chat_part)?;
    let mut messages = Vec::new();
    if let Some(s) = &prompt.system {
        messages.push(json!({"role": "system", "content": s}));
    }
    messages.extend(prompt.messages);
    let params = ChatParams {
        common: super::common(&ask, messages),
        max_tokens: ask.max_tokens,
        response_format: ask.format.as_ref().map(|f| f.chat_field()),
    };
    let req = Request::post_json(settings.url("chat/completions"), chat::body(&params));
    let draft = thread.ids.map(|ids| Draft {
        ids,
        surface: "chat",
        system: thread.system,
        messages: prompt.logged,
        attachments: ask.logged_attachments(),
    });
    let decoder = &mut ChatDecoder::default();
    super::send(settings, &ask, &req, &prompt.notes, decoder, draft)
}
