//! The Anthropic-compatible Messages surface: a pure body builder, and a decoder that turns
//! Messages stream events or a whole `Message` into the pipeline's pieces while assembling the
//! final `Message` for `--json`. Usage is taken from `message_delta` (Fireworks sends zeros in
//! `message_start`; non-zero values there are kept only as a fallback). Unknown event types,
//! `ping` events and events with no data are ignored; an `error` event ends the reply with the
//! server's message.

use std::borrow::Cow;

use anyhow::Result;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::{malformed, Common, Decoder, Text};
use crate::reply::{Piece, ToolCall, Usage};

/// `max_tokens` is required on Messages; this is sent when `--max-tokens` is not given (plus the
/// thinking budget, when there is one). It matches Fireworks' chat completions default.
pub const DEFAULT_MAX_TOKENS: u64 = 2048;
/// More content blocks than any reply has; an index beyond it is a malformed event.
const MAX_BLOCKS: u64 = 4096;
/// The smallest thinking budget Fireworks accepts.
pub const MIN_THINKING_BUDGET: u64 = 1024;

#[derive(Debug, Clone, Default)]
pub struct MessagesParams {
    pub common: Common,
    /// The top-level `system` field.
    pub system: Option<String>,
    pub max_tokens: u64,
    /// `thinking.budget_tokens`.
    pub thinking: Option<u64>,
    /// `output_config.format` (`--schema`, `--json-object`), beside any effort.
    pub format: Option<Value>,
}

/// The request body. Standard sends no `service_tier` at all. `--stop` is `stop_sequences`;
/// a reasoning effort is `output_config.effort`, and "none" is `thinking: {type: disabled}`.
pub fn body(p: &MessagesParams) -> Value {
    let c = &p.common;
    let mut b = c.open();
    b.insert("max_tokens".into(), json!(p.max_tokens));
    if let Some(s) = &p.system {
        b.insert("system".into(), json!(s));
    }
    b.insert("messages".into(), Value::Array(c.messages.clone()));
    if !c.stop.is_empty() {
        b.insert("stop_sequences".into(), json!(c.stop));
    }
    match c.reasoning_effort {
        Some("none") => {
            b.insert("thinking".into(), json!({"type": "disabled"}));
        }
        Some(effort) => {
            b.insert("output_config".into(), json!({ "effort": effort }));
        }
        None => {}
    }
    if let Some(f) = &p.format {
        let config = b.entry("output_config").or_insert_with(|| json!({}));
        config["format"] = f.clone();
    }
    if let Some(budget) = p.thinking {
        b.insert(
            "thinking".into(),
            json!({"type": "enabled", "budget_tokens": budget}),
        );
    }
    c.close(&mut b);
    Value::Object(b)
}

/// Decodes Messages events and bodies, keeping the assembled `Message`.
#[derive(Default)]
pub struct MessagesDecoder {
    id: Option<String>,
    model: Option<String>,
    /// Content blocks by index.
    blocks: Vec<Block>,
    stop_reason: Option<String>,
    stop_sequence: Option<String>,
    /// The usage from `message_delta` (or a whole body).
    usage: Map<String, Value>,
    /// Non-zero usage from `message_start`, used only where `message_delta` says nothing.
    start_usage: Map<String, Value>,
}

/// One content block as it streams in.
#[derive(Debug, Default)]
struct Block {
    /// The block as the `Message` shows it. Streamed text, thinking and signatures are appended
    /// in place, so a reply costs time in proportion to its length, not to its square.
    value: Map<String, Value>,
    /// Tool input as JSON text, kept until the block ends and it is parsed into `input`.
    partial_json: String,
    /// The block has ended: its input is parsed and its tool call handed over.
    ended: bool,
}

impl Block {
    fn new(value: Map<String, Value>) -> Block {
        Block {
            value,
            ..Block::default()
        }
    }

    fn kind(&self) -> &str {
        self.value.get("type").and_then(Value::as_str).unwrap_or("")
    }
}

/// A string field that must be a string when present.
fn text_field<'a>(v: &'a Value, key: &str, data: &str) -> Result<&'a str> {
    match v.get(key) {
        Some(Value::String(s)) => Ok(s),
        Some(Value::Null) | None => Ok(""),
        Some(_) => Err(malformed(
            "stream event",
            format!("{key} is not a string"),
            data,
        )),
    }
}

impl MessagesDecoder {
    fn merged_usage(&self) -> Map<String, Value> {
        let mut u = self.start_usage.clone();
        for (k, v) in &self.usage {
            if !v.is_null() {
                u.insert(k.clone(), v.clone());
            }
        }
        u
    }

    /// The shared usage: prompt tokens include cache reads, as on chat completions.
    fn usage_piece(&self) -> Option<Piece> {
        let u = self.merged_usage();
        if u.is_empty() {
            return None;
        }
        let get = |k: &str| u.get(k).and_then(Value::as_u64);
        let input = get("input_tokens");
        let cached = get("cache_read_input_tokens");
        let output = get("output_tokens");
        let prompt = input.map(|i| i + cached.unwrap_or(0));
        Some(Piece::Usage(Usage {
            prompt_tokens: prompt,
            completion_tokens: output,
            total_tokens: prompt.zip(output).map(|(p, o)| p + o),
            cached_tokens: cached,
            reasoning_tokens: None,
        }))
    }

    fn block_mut(&mut self, index: usize) -> &mut Block {
        while self.blocks.len() <= index {
            let text = json!({"type": "text", "text": ""});
            self.blocks.push(Block::new(object(text)));
        }
        &mut self.blocks[index]
    }

    fn append(&mut self, index: usize, key: &str, text: &str) {
        let block = &mut self.block_mut(index).value;
        match block.get_mut(key) {
            Some(Value::String(s)) => s.push_str(text),
            _ => {
                block.insert(key.to_string(), Value::String(text.to_string()));
            }
        }
    }

    fn start_message(&mut self, m: &Value, out: &mut Vec<Piece>) {
        self.id = m.get("id").and_then(Value::as_str).map(str::to_string);
        self.model = m.get("model").and_then(Value::as_str).map(str::to_string);
        if let Some(u) = m.get("usage").and_then(Value::as_object) {
            for (k, v) in u {
                if v.as_u64().is_some_and(|n| n > 0) {
                    self.start_usage.insert(k.clone(), v.clone());
                }
            }
        }
        out.push(Piece::Meta {
            id: self.id.clone(),
            model: self.model.clone(),
        });
    }

    fn end_block(&mut self, index: usize, out: &mut Vec<Piece>) {
        let Some(block) = self.blocks.get_mut(index) else {
            return;
        };
        if block.ended {
            return;
        }
        block.ended = true;
        if !block.partial_json.is_empty() {
            let partial = std::mem::take(&mut block.partial_json);
            let input = super::partial_json::parse(&partial).unwrap_or(Value::String(partial));
            block.value.insert("input".into(), input);
        }
        if block.kind() == "tool_use" {
            out.push(tool_call(&block.value));
        }
    }

    /// Ends every block still open: the reply is over, and a block cut off before its
    /// `content_block_stop` (a reply stopped at `max_tokens`) still gives its tool call.
    fn end_all(&mut self, out: &mut Vec<Piece>) {
        for i in 0..self.blocks.len() {
            self.end_block(i, out);
        }
    }

    fn stop_fields(&mut self, d: &Value, out: &mut Vec<Piece>) {
        if let Some(r) = d.get("stop_reason").and_then(Value::as_str) {
            self.stop_reason = Some(r.to_string());
            out.push(Piece::Finish(r.to_string()));
        }
        if let Some(s) = d.get("stop_sequence").and_then(Value::as_str) {
            self.stop_sequence = Some(s.to_string());
        }
    }
}

/// The per-token event, `content_block_delta`, decoded into typed fields that borrow from the
/// event (no `Value` tree): nearly every event of a stream is one. Anything this does not
/// describe exactly (another event type, a field of another type) takes the general path, which
/// also gives the errors.
#[derive(Deserialize)]
struct DeltaEvent<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(default)]
    index: u64,
    #[serde(borrow)]
    delta: WireDelta<'a>,
}

#[derive(Deserialize)]
struct WireDelta<'a> {
    #[serde(rename = "type", borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    text: Option<Text<'a>>,
    #[serde(borrow)]
    thinking: Option<Text<'a>>,
    #[serde(borrow)]
    signature: Option<Text<'a>>,
    #[serde(borrow)]
    partial_json: Option<Text<'a>>,
}

impl MessagesDecoder {
    /// Handles a `content_block_delta` of a known kind; false for anything else.
    fn fast_delta(&mut self, data: &str, out: &mut Vec<Piece>) -> bool {
        let Ok(ev) = serde_json::from_str::<DeltaEvent>(data) else {
            return false;
        };
        if ev.kind != "content_block_delta" || ev.index > MAX_BLOCKS {
            return false;
        }
        let index = ev.index as usize;
        let d = ev.delta;
        match (
            d.kind.as_ref(),
            d.text.map(|t| t.0),
            d.thinking.map(|t| t.0),
            d.signature.map(|t| t.0),
            d.partial_json.map(|t| t.0),
        ) {
            ("text_delta", Some(t), ..) => {
                self.append(index, "text", &t);
                if !t.is_empty() {
                    out.push(Piece::Content(t.into_owned()));
                }
            }
            ("thinking_delta", _, Some(t), ..) => {
                self.append(index, "thinking", &t);
                if !t.is_empty() {
                    out.push(Piece::Reasoning(t.into_owned()));
                }
            }
            ("signature_delta", _, _, Some(s), _) => self.append(index, "signature", &s),
            ("input_json_delta", _, _, _, Some(s)) => {
                self.block_mut(index).partial_json.push_str(&s)
            }
            _ => return false,
        }
        true
    }
}

/// A `tool_use` block as a tool call; its input is written back as JSON text.
fn tool_call(block: &Map<String, Value>) -> Piece {
    Piece::ToolCall(ToolCall {
        id: block.get("id").and_then(Value::as_str).map(str::to_string),
        name: block
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        arguments: block
            .get("input")
            .map_or("{}".to_string(), Value::to_string),
    })
}

/// A content block's object; any other JSON value is a malformed reply.
fn block_object(v: Option<&Value>, what: &str, data: &str) -> Result<Map<String, Value>> {
    match v {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(o)) => Ok(o.clone()),
        Some(_) => Err(malformed(what, "a content block is not an object", data)),
    }
}

/// The map inside a JSON object built in this file.
fn object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(o) => o,
        _ => Map::new(),
    }
}

impl Decoder for MessagesDecoder {
    fn reset(&mut self) {
        *self = MessagesDecoder::default();
    }

    fn event(&mut self, ev: &super::sse::Event, out: &mut Vec<Piece>) -> Result<()> {
        let data = ev.data.trim();
        // Keep-alives, as the official SDK treats them: a `ping` is skipped whatever it
        // carries, and an event with no data (a proxy's `data:` line alone) says nothing.
        if ev.event == "ping" || data.is_empty() {
            return Ok(());
        }
        if data == "[DONE]" {
            self.end_all(out);
            out.push(Piece::Done);
            return Ok(());
        }
        if self.fast_delta(data, out) {
            return Ok(());
        }
        let v: Value =
            serde_json::from_str(data).map_err(|e| malformed("stream event", e, data))?;
        let kind = v
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or(ev.event.as_str())
            .to_string();
        let index = v.get("index").and_then(Value::as_u64).unwrap_or(0);
        // Blocks are kept by index: a wild index must not make the decoder allocate without end.
        if index > MAX_BLOCKS {
            return Err(malformed(
                "stream event",
                "content block index out of range",
                data,
            ));
        }
        let index = index as usize;
        match kind.as_str() {
            "message_start" => self.start_message(v.get("message").unwrap_or(&Value::Null), out),
            "content_block_start" => {
                let block =
                    Value::Object(block_object(v.get("content_block"), "stream event", data)?);
                let text = text_field(&block, "text", data)?.to_string();
                let thinking = text_field(&block, "thinking", data)?.to_string();
                *self.block_mut(index) = Block::new(object(block));
                if !thinking.is_empty() {
                    out.push(Piece::Reasoning(thinking));
                }
                if !text.is_empty() {
                    out.push(Piece::Content(text));
                }
            }
            "content_block_delta" => {
                let d = v.get("delta").unwrap_or(&Value::Null);
                match d.get("type").and_then(Value::as_str).unwrap_or("") {
                    "text_delta" => {
                        let t = text_field(d, "text", data)?.to_string();
                        self.append(index, "text", &t);
                        if !t.is_empty() {
                            out.push(Piece::Content(t));
                        }
                    }
                    "thinking_delta" => {
                        let t = text_field(d, "thinking", data)?.to_string();
                        self.append(index, "thinking", &t);
                        if !t.is_empty() {
                            out.push(Piece::Reasoning(t));
                        }
                    }
                    "signature_delta" => {
                        let s = text_field(d, "signature", data)?.to_string();
                        self.append(index, "signature", &s);
                    }
                    "input_json_delta" => {
                        let s = text_field(d, "partial_json", data)?.to_string();
                        self.block_mut(index).partial_json.push_str(&s);
                    }
                    _ => {} // citations and future delta types
                }
            }
            "content_block_stop" => self.end_block(index, out),
            "message_delta" => {
                let delta = v.get("delta").unwrap_or(&Value::Null);
                if delta.get("stop_reason").is_some_and(|r| !r.is_null()) {
                    self.end_all(out);
                }
                self.stop_fields(delta, out);
                if let Some(u) = v.get("usage").and_then(Value::as_object) {
                    self.usage.extend(u.clone());
                }
                out.extend(self.usage_piece());
            }
            "message_stop" => {
                self.end_all(out);
                out.push(Piece::Done);
            }
            "error" => out.push(Piece::from_error_body(&v)),
            _ => {} // ping, and event types added after this was written
        }
        Ok(())
    }

    fn body(&mut self, text: &str, out: &mut Vec<Piece>) -> Result<()> {
        let v: Value = serde_json::from_str(text).map_err(|e| malformed("reply", e, text))?;
        if v.get("type").and_then(Value::as_str) == Some("error") {
            out.push(Piece::from_error_body(&v));
            return Ok(());
        }
        self.start_message(&v, out);
        self.start_usage.clear();
        let Some(blocks) = v.get("content").and_then(Value::as_array) else {
            return Err(malformed("reply", "content is not a list of blocks", text));
        };
        let mut kept = Vec::with_capacity(blocks.len());
        for block in blocks {
            let value = block_object(Some(block), "reply", text)?;
            let thinking = text_field(block, "thinking", text)?;
            if !thinking.is_empty() {
                out.push(Piece::Reasoning(thinking.to_string()));
            }
            let t = text_field(block, "text", text)?;
            if !t.is_empty() {
                out.push(Piece::Content(t.to_string()));
            }
            if block.get("type").and_then(Value::as_str) == Some("tool_use") {
                out.push(tool_call(&value));
            }
            kept.push(Block {
                ended: true,
                ..Block::new(value)
            });
        }
        self.blocks = kept;
        self.stop_fields(&v, out);
        if let Some(u) = v.get("usage").and_then(Value::as_object) {
            self.usage = u.clone();
        }
        out.extend(self.usage_piece());
        out.push(Piece::Done);
        Ok(())
    }

    /// The Anthropic `Message` as assembled so far.
    fn native(&self) -> Option<Value> {
        Some(json!({
            "id": self.id,
            "type": "message",
            "role": "assistant",
            "model": self.model,
            "content": self.blocks.iter().map(|b| &b.value).collect::<Vec<_>>(),
            "stop_reason": self.stop_reason,
            "stop_sequence": self.stop_sequence,
            // null when no usage arrived (a failed request), as chat's --json has it.
            "usage": Some(self.merged_usage()).filter(|u| !u.is_empty()),
        }))
    }
}

#[cfg(test)]
mod tests;
