//! The HTTP side: request values and their builders, the transport, the SSE parser, wire
//! decoders and error classification. Each wire format adds only a body builder and a
//! `Decoder`; everything else is shared.

pub mod chat;
pub mod client;
pub mod error;
pub mod request;
pub mod sse;

use anyhow::Result;

use crate::output::Usage;

/// What a decoder makes of the server's reply, in arrival order.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Meta {
        id: Option<String>,
        model: Option<String>,
    },
    Reasoning(String),
    Content(String),
    Finish(String),
    Usage(Usage),
    /// The reply is complete.
    Done,
    /// The server reported an error inside a successful response.
    Error {
        message: String,
        kind: Option<String>,
    },
}

/// Turns one wire format into pieces: stream events one at a time, or a whole reply body.
pub trait Decoder {
    fn event(&mut self, event: &sse::Event, out: &mut Vec<Piece>) -> Result<()>;
    fn body(&mut self, text: &str, out: &mut Vec<Piece>) -> Result<()>;
}
