//! The OpenAI-compatible chat completions surface: a pure body builder, and a decoder that turns
//! stream chunks or a whole reply into the pipeline's pieces. Decoding is lenient where servers
//! differ (usage on the finish chunk or on a `choices: []` chunk, missing fields, nulls) and
//! strict where a wrong type means the reply cannot be trusted.

use anyhow::Result;
use std::borrow::Cow;

use serde::Deserialize;
use serde_json::{json, Value};

use super::{malformed, Common, Decoder, Text};
use crate::reply::{Piece, ToolCall, Usage};

/// Fireworks rejects non-streaming requests asking for more than this many tokens.
pub const NON_STREAM_MAX_TOKENS: u64 = 4096;

/// Everything a chat request body is built from.
#[derive(Debug, Clone, Default)]
pub struct ChatParams {
    pub common: Common,
    pub max_tokens: Option<u64>,
    /// `response_format` (`--schema`, `--json-object`, `--grammar`), before the `-o` options
    /// so `-o response_format=...` still wins.
    pub response_format: Option<Value>,
}

/// The request body. Standard sends no `service_tier` at all. Streams always ask for usage.
/// A non-streaming request over Fireworks' 4096-token limit is sent as a stream instead.
pub fn body(p: &ChatParams) -> Value {
    let c = &p.common;
    let mut b = c.open();
    b.insert("messages".into(), Value::Array(c.messages.clone()));
    if let Some(n) = p.max_tokens {
        b.insert("max_tokens".into(), json!(n));
    }
    match c.stop.len() {
        0 => {}
        1 => {
            b.insert("stop".into(), json!(c.stop[0]));
        }
        _ => {
            b.insert("stop".into(), json!(c.stop));
        }
    }
    if let Some(e) = c.reasoning_effort {
        b.insert("reasoning_effort".into(), json!(e));
    }
    if let Some(f) = &p.response_format {
        b.insert("response_format".into(), f.clone());
    }
    c.close(&mut b);
    let asked = b
        .get("max_tokens")
        .or_else(|| b.get("max_completion_tokens"))
        .and_then(Value::as_u64);
    if b.get("stream") == Some(&json!(false)) && asked.is_some_and(|n| n > NON_STREAM_MAX_TOKENS) {
        b.insert("stream".into(), json!(true));
    }
    if b.get("stream") == Some(&json!(true)) && !b.contains_key("stream_options") {
        b.insert("stream_options".into(), json!({"include_usage": true}));
    }
    Value::Object(b)
}

/// One chunk (or a whole reply). Strings borrow from the event's data where they can: this is
/// decoded once per token event.
#[derive(Deserialize)]
struct Chunk<'a> {
    #[serde(borrow)]
    id: Option<Text<'a>>,
    #[serde(borrow)]
    model: Option<Text<'a>>,
    #[serde(default, borrow)]
    choices: Vec<Choice<'a>>,
    usage: Option<WireUsage>,
    error: Option<Value>,
    /// Fireworks' server timings, in seconds, with `perf_metrics_in_response`.
    perf_metrics: Option<Value>,
    /// llama.cpp's server timings.
    timings: Option<Value>,
}

#[derive(Deserialize)]
struct Choice<'a> {
    #[serde(default)]
    index: u64,
    #[serde(borrow)]
    delta: Option<Message<'a>>,
    #[serde(borrow)]
    message: Option<Message<'a>>,
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct Message<'a> {
    #[serde(borrow)]
    content: Option<Text<'a>>,
    #[serde(borrow)]
    reasoning_content: Option<Text<'a>>,
    #[serde(borrow)]
    refusal: Option<Text<'a>>,
    tool_calls: Option<Vec<CallDelta>>,
}

/// A tool call, whole (a reply) or in pieces (a stream: the id and name first, then the
/// arguments in fragments).
#[derive(Deserialize)]
struct CallDelta {
    index: Option<u64>,
    id: Option<String>,
    function: Option<FunctionDelta>,
}

#[derive(Deserialize)]
struct FunctionDelta {
    name: Option<String>,
    arguments: Option<String>,
}

#[derive(Deserialize)]
struct WireUsage {
    prompt_tokens: Option<u64>,
    completion_tokens: Option<u64>,
    total_tokens: Option<u64>,
    prompt_tokens_details: Option<Details>,
    completion_tokens_details: Option<CompletionDetails>,
}

#[derive(Deserialize)]
struct Details {
    cached_tokens: Option<u64>,
}

#[derive(Deserialize)]
struct CompletionDetails {
    reasoning_tokens: Option<u64>,
}

impl From<WireUsage> for Usage {
    fn from(u: WireUsage) -> Usage {
        Usage {
            prompt_tokens: u.prompt_tokens,
            completion_tokens: u.completion_tokens,
            total_tokens: u.total_tokens,
            cached_tokens: u.prompt_tokens_details.and_then(|d| d.cached_tokens),
            reasoning_tokens: u.completion_tokens_details.and_then(|d| d.reasoning_tokens),
        }
    }
}

/// Decodes chat completion chunks and replies, assembling tool calls from their fragments.
#[derive(Default)]
pub struct ChatDecoder {
    calls: Vec<ToolCall>,
    /// The reply's id and model have been handed on: later chunks repeat them.
    id_seen: bool,
    model_seen: bool,
}

/// The most tool calls one reply may carry; an index beyond it is malformed.
const MAX_CALLS: u64 = 1024;

impl ChatDecoder {
    fn pieces(&mut self, c: Chunk<'_>, out: &mut Vec<Piece>, data: &str) -> Result<()> {
        let id = c.id.map(|t| t.0).filter(|_| !self.id_seen);
        let model = c.model.map(|t| t.0).filter(|_| !self.model_seen);
        if id.is_some() || model.is_some() {
            self.id_seen |= id.is_some();
            self.model_seen |= model.is_some();
            out.push(Piece::Meta {
                id: id.map(Cow::into_owned),
                model: model.map(Cow::into_owned),
            });
        }
        // Only the first choice is shown; `-o n=2` would interleave answers otherwise.
        for ch in c.choices.into_iter().filter(|c| c.index == 0) {
            if let Some(m) = ch.delta.or(ch.message) {
                if let Some(Text(r)) = m.reasoning_content.filter(|r| !r.0.is_empty()) {
                    out.push(Piece::Reasoning(r.into_owned()));
                }
                if let Some(Text(t)) = m.content.filter(|t| !t.0.is_empty()) {
                    out.push(Piece::Content(t.into_owned()));
                }
                if let Some(Text(t)) = m.refusal.filter(|t| !t.0.is_empty()) {
                    out.push(Piece::Refusal(t.into_owned()));
                }
                for (pos, d) in m.tool_calls.unwrap_or_default().into_iter().enumerate() {
                    let i = d.index.unwrap_or(pos as u64);
                    if i >= MAX_CALLS {
                        return Err(malformed("tool call", "index out of range", data));
                    }
                    while self.calls.len() <= i as usize {
                        self.calls.push(ToolCall {
                            id: None,
                            name: String::new(),
                            arguments: String::new(),
                        });
                    }
                    let call = &mut self.calls[i as usize];
                    if d.id.is_some() {
                        call.id = d.id;
                    }
                    if let Some(f) = d.function {
                        call.name.push_str(&f.name.unwrap_or_default());
                        call.arguments.push_str(&f.arguments.unwrap_or_default());
                    }
                }
            }
            if let Some(f) = ch.finish_reason {
                self.flush(out);
                out.push(Piece::Finish(f));
            }
        }
        if let Some(u) = c.usage {
            out.push(Piece::Usage(u.into()));
        }
        let secs = |v: &Value, k: &str| v.get(k).and_then(Value::as_f64).map(|s| s * 1000.0);
        if let Some(p) = c.perf_metrics.filter(Value::is_object) {
            out.push(Piece::ServerTiming {
                ttft_ms: secs(&p, "server-time-to-first-token"),
                total_ms: secs(&p, "server-processing-time"),
                decode_tps: None,
            });
        }
        if let Some(t) = c.timings.filter(Value::is_object) {
            out.push(Piece::ServerTiming {
                ttft_ms: t.get("prompt_ms").and_then(Value::as_f64),
                total_ms: None,
                decode_tps: t.get("predicted_per_second").and_then(Value::as_f64),
            });
        }
        Ok(())
    }

    /// Hands over the tool calls assembled so far.
    fn flush(&mut self, out: &mut Vec<Piece>) {
        out.extend(self.calls.drain(..).map(Piece::ToolCall));
    }
}

impl Decoder for ChatDecoder {
    fn event(&mut self, ev: &super::sse::Event, out: &mut Vec<Piece>) -> Result<()> {
        let data = ev.data.trim();
        if data == "[DONE]" {
            self.flush(out);
            out.push(Piece::Done);
            return Ok(());
        }
        let chunk: Chunk =
            serde_json::from_str(data).map_err(|e| malformed("stream chunk", e, data))?;
        if let Some(e) = &chunk.error {
            out.push(Piece::from_error_body(&json!({ "error": e })));
            return Ok(());
        }
        self.pieces(chunk, out, data)
    }

    fn body(&mut self, text: &str, out: &mut Vec<Piece>) -> Result<()> {
        let chunk: Chunk = serde_json::from_str(text).map_err(|e| malformed("reply", e, text))?;
        if let Some(e) = &chunk.error {
            out.push(Piece::from_error_body(&json!({ "error": e })));
            return Ok(());
        }
        self.pieces(chunk, out, text)?;
        self.flush(out);
        out.push(Piece::Done);
        Ok(())
    }

    fn reset(&mut self) {
        *self = ChatDecoder::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::sse::Event;

    fn params() -> ChatParams {
        ChatParams {
            common: Common {
                model: "accounts/fireworks/models/m".into(),
                messages: vec![json!({"role":"user","content":"hi"})],
                stream: true,
                ..Default::default()
            },
            max_tokens: None,
            response_format: None,
        }
    }

    #[test]
    fn standard_sends_no_service_tier() {
        let b = body(&params());
        assert!(b.get("service_tier").is_none());
        assert_eq!(b["stream_options"], json!({"include_usage": true}));
        let mut p = params();
        p.common.service_tier = Some("priority");
        assert_eq!(body(&p)["service_tier"], "priority");
    }

    #[test]
    fn options_merge_last_and_big_non_stream_streams() {
        let mut p = params();
        p.common.stream = false;
        p.max_tokens = Some(100);
        p.common.options = vec![
            ("max_tokens".into(), json!(5000)),
            ("seed".into(), json!(7)),
        ];
        let b = body(&p);
        assert_eq!(b["max_tokens"], 5000);
        assert_eq!(b["seed"], 7);
        assert_eq!(b["stream"], true);
        assert_eq!(b["stream_options"]["include_usage"], true);
        p.common.options.clear();
        let b = body(&p);
        assert_eq!(b["stream"], false);
        assert!(b.get("stream_options").is_none());
    }

    #[test]
    fn response_format_before_the_options() {
        let mut p = params();
        p.response_format = Some(json!({"type": "json_object"}));
        assert_eq!(body(&p)["response_format"], json!({"type": "json_object"}));
        p.common.options = vec![("response_format".into(), json!({"type": "text"}))];
        assert_eq!(body(&p)["response_format"], json!({"type": "text"}));
    }

    #[test]
    fn stop_one_or_many() {
        let mut p = params();
        p.common.stop = vec!["a".into()];
        assert_eq!(body(&p)["stop"], "a");
        p.common.stop.push("b".into());
        assert_eq!(body(&p)["stop"], json!(["a", "b"]));
    }

    fn decode(data: &str) -> Vec<Piece> {
        let mut out = Vec::new();
        ChatDecoder::default()
            .event(
                &Event {
                    data: data.into(),
                    ..Default::default()
                },
                &mut out,
            )
            .unwrap();
        out
    }

    #[test]
    fn usage_only_chunk_and_reasoning() {
        let p = decode(
            r#"{"id":"c1","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8,"prompt_tokens_details":{"cached_tokens":2}}}"#,
        );
        assert!(
            matches!(&p[1], Piece::Usage(u) if u.completion_tokens == Some(5) && u.cached_tokens == Some(2))
        );
        let p = decode(
            r#"{"choices":[{"index":0,"delta":{"reasoning_content":"think","content":null}}]}"#,
        );
        assert!(matches!(&p[..], [Piece::Reasoning(r)] if r == "think"));
        let p = decode(
            r#"{"choices":[{"index":0,"delta":{"content":"x"},"finish_reason":"stop"}],"usage":{"completion_tokens":1}}"#,
        );
        assert_eq!(p.len(), 3);
        assert!(matches!(decode("[DONE]")[..], [Piece::Done]));
    }

    #[test]
    fn tool_calls_assemble_from_fragments() {
        let mut d = ChatDecoder::default();
        let mut out = Vec::new();
        for data in [
            r#"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}"#,
            r#"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}}]}"#,
            r#"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}}]}"#,
            r#"{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"#,
        ] {
            d.event(
                &Event {
                    data: data.into(),
                    ..Default::default()
                },
                &mut out,
            )
            .unwrap();
        }
        assert_eq!(
            out,
            vec![
                Piece::ToolCall(ToolCall {
                    id: Some("call_1".into()),
                    name: "get_weather".into(),
                    arguments: r#"{"city":"Paris"}"#.into(),
                }),
                Piece::Finish("tool_calls".into()),
            ]
        );
        let mut out = Vec::new();
        ChatDecoder::default()
            .body(
                r#"{"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"c2","type":"function","function":{"name":"f","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}"#,
                &mut out,
            )
            .unwrap();
        assert!(
            matches!(&out[0], Piece::ToolCall(c) if c.name == "f" && c.id.as_deref() == Some("c2"))
        );
    }

    #[test]
    fn refusals_streamed_and_whole() {
        let p = decode(r#"{"choices":[{"index":0,"delta":{"content":null,"refusal":"No."}}]}"#);
        assert_eq!(p, vec![Piece::Refusal("No.".into())]);
        let mut out = Vec::new();
        ChatDecoder::default()
            .body(
                r#"{"choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":"I can't."},"finish_reason":"stop"}]}"#,
                &mut out,
            )
            .unwrap();
        assert_eq!(out[0], Piece::Refusal("I can't.".into()));
    }

    #[test]
    fn wrong_types_are_malformed() {
        let mut out = Vec::new();
        let err = ChatDecoder::default()
            .event(
                &Event {
                    data: r#"{"choices":[{"delta":{"content":5}}]}"#.into(),
                    ..Default::default()
                },
                &mut out,
            )
            .unwrap_err();
        assert_eq!(crate::exit::classify(&err), crate::exit::Exit::Server);
    }

    #[test]
    fn error_inside_stream() {
        let p = decode(r#"{"error":{"type":"overloaded_error","message":"shed"}}"#);
        assert!(
            matches!(&p[..], [Piece::Error{message, kind}] if message == "shed" && kind.as_deref() == Some("overloaded_error"))
        );
    }
}
