//! The HTTP side: request values and their builders, the transport, the SSE parser, wire
//! decoders and error classification. Each wire format adds only a body builder and a
//! `Decoder`; everything else is shared.

pub mod chat;
pub mod client;
pub mod error;
pub mod messages;
pub mod models;
pub mod partial_json;
pub mod reply;
pub mod request;
pub mod sse;

use anyhow::Result;
use serde_json::{json, Map, Value};

use crate::output::{Summary, Usage};

/// What a decoder makes of the server's reply, in arrival order.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Meta {
        id: Option<String>,
        model: Option<String>,
    },
    Reasoning(String),
    Content(String),
    /// The model declined (OpenAI `refusal`): shown apart from the answer, timed like it.
    Refusal(String),
    Finish(String),
    /// A complete tool call (OpenAI `tool_calls`, Anthropic `tool_use`).
    ToolCall(ToolCall),
    Usage(Usage),
    /// Server-side timings, when the server reports them (Fireworks `perf_metrics`,
    /// llama.cpp `timings`).
    ServerTiming {
        ttft_ms: Option<f64>,
        total_ms: Option<f64>,
        decode_tps: Option<f64>,
    },
    /// The reply is complete.
    Done,
    /// The server reported an error inside a successful response.
    Error {
        message: String,
        kind: Option<String>,
    },
}

/// A tool call the model asked for; `arguments` is the JSON text the model wrote.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ToolCall {
    pub id: Option<String>,
    pub name: String,
    pub arguments: String,
}

impl Piece {
    /// The error piece for an error body of any shape `error::parse_body` knows.
    pub fn from_error_body(body: &Value) -> Piece {
        let b = error::parse_body(&body.to_string());
        Piece::Error {
            message: b.message,
            kind: b.kind,
        }
    }
}

/// A reply the decoder cannot trust: exit 7, with the start of the offending data.
pub fn malformed(what: &str, detail: impl std::fmt::Display, data: &str) -> anyhow::Error {
    let shown: String = data.chars().take(120).collect();
    crate::exit::Failure::new(
        crate::exit::Exit::Server,
        format!("malformed {what} from the server ({detail}): {shown}"),
    )
    .into()
}

/// Turns one wire format into pieces: stream events one at a time, or a whole reply body.
pub trait Decoder {
    fn event(&mut self, event: &sse::Event, out: &mut Vec<Piece>) -> Result<()>;
    fn body(&mut self, text: &str, out: &mut Vec<Piece>) -> Result<()>;

    /// Forgets a reply that failed before any output, ready for a retry.
    fn reset(&mut self) {}

    /// What `--json` prints at the end: the shared summary unless the wire format has a native
    /// shape of its own.
    fn document(&self, summary: &Summary) -> Value {
        serde_json::to_value(summary).unwrap_or(Value::Null)
    }
}

/// The parts of a request body that every wire format carries the same way. Each format's
/// builder opens the body with `open`, adds its own fields, and ends with `close`.
#[derive(Debug, Clone, Default)]
pub struct Common {
    pub model: String,
    pub messages: Vec<Value>,
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
    pub top_k: Option<u64>,
    pub stop: Vec<String>,
    /// low, medium, high, max, or none.
    pub reasoning_effort: Option<&'static str>,
    /// `Some("priority")` on Priority; Standard sends no field at all.
    pub service_tier: Option<&'static str>,
    pub stream: bool,
    /// `-o key=value` fields, merged last so any field can be set.
    pub options: Vec<(String, Value)>,
}

impl Common {
    /// The body's first fields: model, then the sampling parameters that were given.
    fn open(&self) -> Map<String, Value> {
        let mut b = Map::new();
        b.insert("model".into(), json!(self.model));
        for (k, v) in [
            ("temperature", self.temperature.map(|t| json!(t))),
            ("top_p", self.top_p.map(|t| json!(t))),
            ("top_k", self.top_k.map(|k| json!(k))),
        ] {
            if let Some(v) = v {
                b.insert(k.into(), v);
            }
        }
        b
    }

    /// The body's last fields: `service_tier`, `stream`, then the `-o` options.
    fn close(&self, b: &mut Map<String, Value>) {
        if let Some(t) = self.service_tier {
            b.insert("service_tier".into(), json!(t));
        }
        b.insert("stream".into(), json!(self.stream));
        for (k, v) in &self.options {
            b.insert(k.clone(), v.clone());
        }
    }
}
