//! What the log keeps: one record per exchange (`fw chat`, `fw messages`) and one per bench
//! run. The spool holds them as JSON, `fw log show --json` and `fw log export` give them back
//! in the same shape, and the database keeps their fields in columns (`db`). The API key is
//! never part of a record: it is not in the body, and headers are not kept.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The version of a record's shape, in the spool and in `--json`.
pub const RECORD_VERSION: u32 = 1;

/// A record as the spool holds it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[allow(clippy::large_enum_variant)] // one record at a time: boxing would buy nothing
pub enum Spooled {
    Exchange(Exchange),
    Bench(BenchRun),
}

impl Spooled {
    pub fn id(&self) -> &str {
        match self {
            Spooled::Exchange(e) => &e.id,
            Spooled::Bench(b) => &b.id,
        }
    }
}

/// One `fw chat` or `fw messages` exchange, answered, failed or interrupted.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Exchange {
    pub version: u32,
    pub id: String,
    pub conversation_id: String,
    /// `chat` or `messages`: the wire format, which a conversation keeps.
    pub surface: String,
    pub started_at: String,
    /// The model ID sent.
    pub model: String,
    /// The serving path: standard, priority or fast.
    pub path: String,
    /// The `service_tier` sent, if any.
    pub service_tier: Option<String>,
    pub system: Option<String>,
    /// The messages sent, earlier turns included, without the system prompt; each attachment
    /// is a text part naming it (`[attachment: PATH, TYPE, N bytes, sha256 HEX]`).
    pub messages: Vec<Value>,
    /// This exchange's attachments: `source`, `media_type`, `bytes`, `sha256`.
    #[serde(default)]
    pub attachments: Vec<Value>,
    /// The new turn's text: the last user message.
    pub prompt: String,
    pub answer: String,
    pub reasoning: Option<String>,
    pub refusal: Option<String>,
    pub tool_calls: Vec<Value>,
    pub finish_reason: Option<String>,
    pub usage: Usage,
    pub ttft_ms: Option<f64>,
    pub decode_tps: Option<f64>,
    pub e2e_ms: Option<f64>,
    pub cost_usd: Option<f64>,
    pub exit_code: u8,
    /// The failure class (`exit::Class`), for a failed or interrupted exchange.
    pub failure: Option<String>,
    pub error: Option<String>,
    pub request_id: Option<String>,
}

/// Token counts as the server reported them.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Usage {
    pub input_tokens: Option<u64>,
    pub output_tokens: Option<u64>,
    pub cached_tokens: Option<u64>,
    pub reasoning_tokens: Option<u64>,
}

/// A `fw bench` run: when, how, and per serving path how it went.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BenchRun {
    pub version: u32,
    pub id: String,
    pub started_at: String,
    /// `chat` or `messages`.
    pub api: String,
    pub exit_code: u8,
    pub paths: Vec<BenchPath>,
    /// The measured requests (warm-up left out), each with what `fw bench compare` reads:
    /// `path`, `outcome`, `ttft_ms`, `last_token_ms`, `output_tokens`, `e2e_ms`. Only
    /// `fw log export` and `compare log:RUN` read them back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub records: Vec<Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BenchPath {
    pub path: String,
    pub model: String,
    pub attempted: u64,
    pub ok: u64,
    pub availability: Option<f64>,
    pub ttft_p50_ms: Option<f64>,
    pub ttft_p90_ms: Option<f64>,
    pub decode_tps_p50: Option<f64>,
    pub decode_tps_p10: Option<f64>,
}

/// What the log keeps of an exchange besides its reply: made by the command before sending.
pub struct Draft {
    pub ids: super::Ids,
    /// `chat` or `messages`.
    pub surface: &'static str,
    pub system: Option<String>,
    /// The messages sent, without the system prompt, attachments as references.
    pub messages: Vec<Value>,
    pub attachments: Vec<crate::attach::Meta>,
}

/// The record of an exchange: what was sent (`draft`), when, and how it ended.
pub fn exchange(
    draft: Draft,
    started_at: String,
    s: &crate::reply::Summary,
    error: Option<&anyhow::Error>,
) -> Exchange {
    let (exit_code, failure) = match error {
        Some(e) => {
            let exit = crate::exit::classify(e);
            let class = serde_json::to_value(crate::exit::class_of(e))
                .ok()
                .and_then(|v| v.as_str().map(str::to_string));
            (
                exit.code(),
                (exit != crate::exit::Exit::Success)
                    .then_some(class)
                    .flatten(),
            )
        }
        None => (0, None),
    };
    let usage = s.usage.clone().unwrap_or_default();
    Exchange {
        version: RECORD_VERSION,
        id: draft.ids.exchange,
        conversation_id: draft.ids.conversation,
        surface: draft.surface.to_string(),
        started_at,
        model: s.serving_path.model.clone(),
        path: s.serving_path.name.to_string(),
        service_tier: s.serving_path.service_tier.clone(),
        system: draft.system,
        prompt: last_prompt(&draft.messages),
        messages: draft.messages,
        attachments: draft
            .attachments
            .iter()
            .filter_map(|m| serde_json::to_value(m).ok())
            .collect(),
        answer: s.content.clone(),
        reasoning: s.reasoning.clone(),
        refusal: s.refusal.clone(),
        tool_calls: s
            .tool_calls
            .iter()
            .filter_map(|c| serde_json::to_value(c).ok())
            .collect(),
        finish_reason: s.finish_reason.clone(),
        usage: Usage {
            input_tokens: usage.prompt_tokens,
            output_tokens: usage.completion_tokens,
            cached_tokens: usage.cached_tokens,
            reasoning_tokens: usage.reasoning_tokens,
        },
        ttft_ms: s.timing.ttft_ms,
        decode_tps: s.timing.decode_tokens_per_sec,
        e2e_ms: Some(s.timing.total_ms),
        cost_usd: s.cost_usd,
        exit_code,
        failure,
        error: s.error.as_ref().map(|e| e.message.clone()),
        request_id: s.request_id.clone(),
    }
}

/// The text of a message's content: a string as it is, or the text parts of a content array
/// joined by blank lines.
pub fn text_of(content: &Value) -> String {
    match content {
        Value::String(s) => s.clone(),
        Value::Array(parts) => parts
            .iter()
            .filter_map(|p| p.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join("\n\n"),
        _ => String::new(),
    }
}

/// The text of the last user message: what this exchange asked.
pub fn last_prompt(messages: &[Value]) -> String {
    messages
        .iter()
        .rev()
        .find(|m| m.get("role").and_then(Value::as_str) == Some("user"))
        .and_then(|m| m.get("content"))
        .map(text_of)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn prompt_is_the_last_user_turn() {
        let m = vec![
            json!({"role": "user", "content": "first"}),
            json!({"role": "assistant", "content": "answer"}),
            json!({"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "image_url"}, {"type": "text", "text": "b"}]}),
        ];
        assert_eq!(last_prompt(&m), "a\n\nb");
        assert_eq!(last_prompt(&[]), "");
    }
}
