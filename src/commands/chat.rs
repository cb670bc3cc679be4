//! `fw chat`: a prompt to the OpenAI-compatible chat completions API.

use anyhow::Result;
use serde_json::json;

use crate::api::chat::{self, ChatDecoder, ChatParams};
use crate::api::request::Request;
use crate::cli::ChatArgs;
use crate::exit::Exit;
use crate::output;
use crate::settings::Settings;

pub fn run(settings: &Settings, args: ChatArgs) -> Result<Exit> {
    let target = settings.target(&args.target)?;
    for w in &target.warnings {
        output::warn(w);
    }
    let r = &args.request;
    let mut messages = Vec::new();
    if let Some(s) = &r.system {
        messages.push(json!({"role": "system", "content": s}));
    }
    messages.extend(super::conversation(&args.prompt, r)?);
    let params = ChatParams {
        common: super::common(&target, r, &args.output, messages)?,
        max_tokens: r.max_tokens,
    };
    let req = Request::post_json(settings.url("chat/completions"), chat::body(&params));
    super::send(
        settings,
        &target,
        &req,
        (r, &args.output),
        &mut ChatDecoder::default(),
    )
}
