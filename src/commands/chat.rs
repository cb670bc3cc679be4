//! `fw chat`: a prompt to the OpenAI-compatible chat completions API.

use anyhow::Result;
use serde_json::json;

use crate::api::chat::{self, ChatDecoder, ChatParams};
use crate::api::request::Request;
use crate::exit::Exit;
use crate::log::record::Draft;
use crate::output;
use crate::settings::{Ask, Settings};

pub fn run(settings: &Settings, ask: Ask) -> Result<Exit> {
    for w in &ask.target.warnings {
        output::warn(w);
    }
    let thread = super::thread(settings, &ask, "chat")?;
    let mut turns = thread.earlier;
    turns.extend(super::conversation(&ask)?);
    let mut messages = Vec::new();
    if let Some(s) = &thread.system {
        messages.push(json!({"role": "system", "content": s}));
    }
    messages.extend(turns.iter().cloned());
    let params = ChatParams {
        common: super::common(&ask, messages),
        max_tokens: ask.max_tokens,
    };
    let req = Request::post_json(settings.url("chat/completions"), chat::body(&params));
    let draft = thread.ids.map(|ids| Draft {
        ids,
        surface: "chat",
        system: thread.system,
        messages: turns,
    });
    super::send(settings, &ask, &req, &mut ChatDecoder::default(), draft)
}
