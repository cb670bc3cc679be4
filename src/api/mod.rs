//! The HTTP side: request values and their builders, the transport, the SSE parser, wire
//! decoders and error classification. Each wire format adds only a body builder and a
//! `Decoder`; everything else is shared.

pub mod body;
pub mod chat;
pub mod client;
pub mod error;
pub mod http;
pub mod messages;
pub mod models;
pub mod partial_json;
pub mod request;
pub mod sse;

use std::borrow::Cow;

use anyhow::Result;
use serde_json::{json, Map, Value};

use crate::reply::Piece;

/// A JSON string field that borrows from the event's text when it holds no escapes. serde
/// borrows a `Cow<str>` only when it is a field's whole type: as `Option<Cow<str>>` it copies
/// every time, so the decoders' optional per-token fields are `Option<Text>`.
#[derive(serde::Deserialize)]
#[serde(transparent)]
pub(crate) struct Text<'a>(#[serde(borrow)] pub Cow<'a, str>);

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
    .class(crate::exit::Class::Malformed)
    .into()
}

/// Turns one wire format into pieces: stream events one at a time, or a whole reply body.
pub trait Decoder: Send {
    fn event(&mut self, event: &sse::Event, out: &mut Vec<Piece>) -> Result<()>;
    fn body(&mut self, text: &str, out: &mut Vec<Piece>) -> Result<()>;

    /// Forgets a reply that failed before any output, ready for a retry.
    fn reset(&mut self) {}

    /// The reply assembled in the wire format's own message shape, for formats whose users
    /// expect it (`fw messages --json` prints an Anthropic `Message`); `None` for the others.
    fn native(&self) -> Option<Value> {
        None
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_text_borrows_unless_escaped() {
        #[derive(serde::Deserialize)]
        struct T<'a> {
            #[serde(borrow)]
            a: Option<Text<'a>>,
            #[serde(borrow)]
            b: Option<Text<'a>>,
            #[serde(borrow)]
            c: Option<Text<'a>>,
        }
        let t: T = serde_json::from_str(r#"{"a":"plain","b":"line\nbreak"}"#).unwrap();
        assert!(matches!(t.a.map(|t| t.0), Some(Cow::Borrowed("plain"))));
        assert!(matches!(t.b.map(|t| t.0), Some(Cow::Owned(s)) if s == "line\nbreak"));
        assert!(t.c.is_none());
    }

    use super::sse::{Event, Parser};
    use super::Decoder;
    use proptest::prelude::*;

    proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(
        chunks in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..64), 0..16),
    ) {
        let mut p = Parser::new();
        let mut out = Vec::new();
        for c in &chunks {
            let _ = p.feed(c, &mut out);
        }
        let mut pieces = Vec::new();
        for ev in &out {
            let _ = super::chat::ChatDecoder::default().event(ev, &mut pieces);
            let _ = super::messages::MessagesDecoder::default().event(ev, &mut pieces);
        }
    }

    #[test]
    fn decoders_never_panic_on_any_json(
        data in "[\\[\\]{}:,\"a-z0-9 .-]{0,200}",
        kind in prop::sample::select(vec![
            "message_start", "content_block_start", "content_block_delta",
            "content_block_stop", "message_delta", "message_stop", "error", "ping", "",
        ]),
    ) {
        let ev = Event { event: kind.to_string(), data: data.clone(), id: None };
        let mut pieces = Vec::new();
        let _ = super::chat::ChatDecoder::default().event(&ev, &mut pieces);
        let mut m = super::messages::MessagesDecoder::default();
        let _ = m.event(&ev, &mut pieces);
        let _ = m.body(&data, &mut pieces);
        let _ = super::chat::ChatDecoder::default().body(&data, &mut pieces);
    }
    }
}
